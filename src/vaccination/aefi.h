// Adverse events following immunisation (AEFI, 疑似预防接种异常反应): a report
// against a dose, the county expert group's classification, and rates per
// product and lot per 100,000 doses. A serious case alerts the county at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/alert.h"
#include "core/error.h"
#include "vaccination/dose.h"

namespace fangkong {

enum class AefiSeverity { kMild, kModerate, kSevere };
enum class AefiOutcome { kRecovering, kRecovered, kSequelae, kDied, kUnknown };
// The national classification (全国疑似预防接种异常反应监测方案).
enum class AefiClass {
  kPending,         // 待调查诊断
  kCommonReaction,  // 一般反应
  kRareReaction,    // 异常反应
  kQualityDefect,   // 疫苗质量事故
  kProgrammeError,  // 接种事故
  kCoincidental,    // 偶合症
  kAnxiety,         // 心因性反应
  kUndetermined,    // 不能判定
};

const char* AefiSeverityCode(AefiSeverity s);
const char* AefiOutcomeCode(AefiOutcome o);
const char* AefiClassCode(AefiClass c);
const char* AefiClassZh(AefiClass c);
std::optional<AefiSeverity> ParseAefiSeverity(std::string_view s);
std::optional<AefiOutcome> ParseAefiOutcome(std::string_view s);
std::optional<AefiClass> ParseAefiClass(std::string_view s);
// The symptom codes a report may carry (fever, local_reaction, rash,
// allergic, anaphylaxis, syncope, convulsion, ...), and their Chinese names.
const std::vector<std::pair<std::string, std::string>>& AefiSymptoms();

struct AefiReport {
  int64_t id = 0;
  int64_t dose_id = 0;
  int64_t person_id = 0;
  int64_t site_id = 0;
  std::string product, lot;
  int dose_number = 0;
  std::string region_code;  // the person's place (jurisdiction, as for doses)
  std::string site_region;  // the site's place
  int64_t administered_at = 0;
  int64_t onset_at = 0;
  int64_t reported_at = 0;
  int64_t reported_by = 0;
  std::vector<std::string> symptoms;
  std::string description;
  AefiSeverity severity = AefiSeverity::kMild;
  bool serious = false;
  AefiOutcome outcome = AefiOutcome::kUnknown;
  AefiClass classification = AefiClass::kPending;
  int64_t classified_by = 0;
  int64_t classified_at = 0;
  std::string classification_note;
  std::string person_name, doc_number;  // joined for lists
};

// Doses and reports per product or lot in a jurisdiction.
struct AefiRate {
  std::string key;  // product code, or "product lot"
  int64_t doses = 0, reports = 0, serious = 0;
  double per_100k() const { return doses ? reports * 100000.0 / doses : 0; }
  double serious_per_100k() const { return doses ? serious * 100000.0 / doses : 0; }
};

struct AefiFilter {
  std::string region_prefix;  // reports of people placed here or of doses given at sites here
  std::optional<AefiClass> classification;
  bool serious_only = false;
  int64_t limit = 500;
};

class AefiRepository {
 public:
  virtual ~AefiRepository() = default;
  virtual Result<std::optional<DoseRecord>> FindDose(int64_t dose_id) = 0;
  // The place of a site (its organisation's region), for jurisdiction.
  virtual Result<std::string> SiteRegion(int64_t site_id) = 0;
  // Stores the report and, when given, its alert (whose reference becomes
  // "aefi:<report id>") in one transaction; returns the report's id and the
  // alert's (0 when none).
  virtual Result<std::pair<int64_t, int64_t>> InsertAefi(const AefiReport& r,
                                                         const std::optional<Alert>& alert) = 0;
  virtual Result<std::optional<AefiReport>> FindAefi(int64_t id) = 0;
  // Saves outcome, seriousness and classification, and the alert if given,
  // in one transaction; returns the alert's id (0 when none).
  virtual Result<int64_t> UpdateAefi(const AefiReport& r, const std::optional<Alert>& alert) = 0;
  virtual Result<std::vector<AefiReport>> AefiUnder(const AefiFilter& f) = 0;
  // Per product (by_lot false) or per product and lot, doses given to and
  // reports about people placed in the subtree. Per product, a subtree of
  // county level or more reads the doses of each of `products` from the
  // figures (progress/figures.h ProductDosesKey) instead of counting them.
  virtual Result<std::vector<AefiRate>> AefiRates(const std::string& region_prefix, bool by_lot,
                                                  const std::vector<std::string>& products) = 0;
};

// WHO's rule of thumb made explicit: death, anaphylaxis or a severe case is
// serious whatever the reporter ticked.
bool IsSerious(const AefiReport& r);

}  // namespace fangkong
