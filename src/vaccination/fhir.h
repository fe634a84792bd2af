// A person's immunisations as an HL7 FHIR R4 Bundle (type "collection"): one
// Patient and one Immunization per dose, as JSON.
#pragma once

#include <string>
#include <vector>

#include "registry/person.h"
#include "vaccination/catalogue.h"
#include "vaccination/dose.h"

namespace fangkong {

// `full_identity`: the identity number unmasked (only for roles allowed to see it).
std::string ImmunizationBundle(const Person& p, const std::vector<DoseRecord>& doses,
                               const Catalogue& catalogue, bool full_identity);

}  // namespace fangkong
