// Organisations on the tree as users enter them: the field rules shared by
// the API and any later import.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "registry/person.h"
#include "registry/region.h"

namespace fangkong {

class RegionRepository;

struct OrganisationInput {
  std::optional<std::string> name, kind, industry, region_code, credit_code;
};

// Builds a new organisation from input. Rules: name 1-100 characters; kind a
// known kind (code or Chinese name); industry, if given, a known occupation
// category (the people an employer employs); region_code an existing node of
// the tree; credit_code, if given, a valid GB 32100 code. Each error names
// its field.
// The kinds with their English and Chinese names (for code lists in the UI).
const std::vector<Code>& OrganisationKinds();

Result<Organisation> ApplyOrganisationInput(const OrganisationInput& in, RegionRepository& regions);

// The Conflict for an organisation whose credit code another already has.
Error DuplicateCreditCode(const std::string& code);

}  // namespace fangkong
