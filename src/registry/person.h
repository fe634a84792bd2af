// People in the registry (人员信息) and the rules their fields must follow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/id_number.h"

namespace fangkong {

enum class DocumentType { kResidentId, kPassport, kHkMacaoPermit, kTaiwanPermit, kForeignPermanent, kOther };
// 常住 usual resident / 流动 floating / 人户分离 registered here but living elsewhere.
enum class ResidencyType { kUsual, kFloating, kAway };

struct Person {
  int64_t id = 0;
  DocumentType doc_type = DocumentType::kResidentId;
  std::string doc_number;
  std::string name;
  Sex sex = Sex::kUnknown;
  Date birth_date;
  std::string phone;        // 11 digits or empty
  std::string region_code;  // village (12) or grid (15)
  ResidencyType residency = ResidencyType::kUsual;
  std::string household;    // 户号, free text
  int64_t employer_id = 0;  // 0 = none
  std::string occupation;   // a code from OccupationCategories()
  std::vector<std::string> tags;  // sorted codes from HealthTags()
  int64_t updated_at = 0;

  // Identity of the content, to tell "unchanged" apart on re-import.
  uint64_t ContentHash() const;
  // Whether the person counts in the resident population (常住人口) of their place.
  bool IsResident() const { return residency != ResidencyType::kAway; }
};

// What a caller sends: every field as text, absent when not given. Used by the
// API (create/patch) and by import rows alike so both obey the same rules.
struct PersonInput {
  std::optional<std::string> doc_type, doc_number, name, sex, birth_date, phone, region_code,
      residency, household, employer_id, occupation, tags;
};

// The person a input's identity fields name (document type and number,
// checked), with nothing else filled in; for finding the stored record.
Result<Person> IdentityOf(const PersonInput& in, Date today);

struct Code {
  std::string_view code, en, zh;
};
const std::vector<Code>& DocumentTypes();
const std::vector<Code>& ResidencyTypes();
const std::vector<Code>& OccupationCategories();
const std::vector<Code>& HealthTags();

const char* DocumentTypeCode(DocumentType t);
const char* ResidencyCode(ResidencyType r);
std::optional<DocumentType> ParseDocumentType(std::string_view s);  // code or Chinese label
std::optional<ResidencyType> ParseResidency(std::string_view s);

// Answers whether a region code names a place that can hold residents.
class RegionDirectory {
 public:
  virtual ~RegionDirectory() = default;
  virtual bool IsResidentialPlace(std::string_view code) const = 0;
  // A place as a clerk names it, with its township ("港口镇 河沥村"); a
  // county or more by its own name ("宁国市"); the code itself when the
  // tree does not know it.
  virtual std::string PlaceName(std::string_view code) const { return std::string(code); }
};

// Builds a valid Person from input, applied on top of `base` (a new Person for
// creation, the stored one for a patch). Every rule failure names the field.
Result<Person> ApplyPersonInput(const PersonInput& in, Person base, Date today,
                                const RegionDirectory& regions);

}  // namespace fangkong
