// Doses entered after the fact (补录) and corrections of recorded doses
// (更正, 作废): the rules a clerk's entry must meet, and how a person's
// doses are numbered once one is added, changed or removed. Every change
// is kept as an entry of the dose's history (who, when, why, before and
// after); the service (dose_entry_service.h) stores it with the dose, the
// person's vaccination state and the figures in one unit of work.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "vaccination/catalogue.h"
#include "vaccination/dose.h"

namespace fangkong {

enum class DoseEntryKind { kBackEntry, kCorrection, kVoid };
const char* DoseEntryKindCode(DoseEntryKind k);  // back_entry, correction, void

// A dose given elsewhere or before it could be recorded here (another
// county, abroad, a paper register), entered from a document.
struct BackEntryInput {
  std::string product;     // catalogue code
  std::string given_on;    // YYYY-MM-DD
  std::string lot;         // optional
  std::string trace_code;  // optional; unique when present
  std::string source;      // where it was given and on what document (required)
};

// What a correction changes; fields left empty keep their value.
struct DoseCorrectionInput {
  std::string product;
  std::string given_on;
  std::string lot;
  std::string reason;  // required
};

// One entry of a dose's history. For a back-entry `before` is empty; for a
// void `after` is.
struct DoseEntry {
  int64_t id = 0;
  int64_t dose_id = 0;
  int64_t person_id = 0;
  DoseEntryKind kind = DoseEntryKind::kBackEntry;
  std::optional<DoseRecord> before, after;
  std::string reason;  // the source of a back-entry, the reason of a change
  int64_t user_id = 0;
  int64_t at = 0;  // unix seconds
};

// The dose a back-entry records for `person_id` born on `birth_date`, or the
// rule it breaks (naming the field): a known product, a real date, not after
// `today`, not before the birth, a source, and no other dose of the same
// disease on the same day in `existing` (a double entry).
Result<DoseRecord> CheckBackEntry(const Catalogue& c, int64_t person_id, Date birth_date,
                                  const BackEntryInput& in, Date today,
                                  const std::vector<DoseRecord>& existing);

// `dose` as corrected, under the same rules as a back-entry; a correction
// that changes nothing, or gives no reason, is refused.
Result<DoseRecord> CheckCorrection(const Catalogue& c, Date birth_date, const DoseRecord& dose,
                                   const DoseCorrectionInput& in, Date today,
                                   const std::vector<DoseRecord>& existing);

// A void needs a reason.
Status CheckVoid(const std::string& reason);

// `doses` (a person's, any diseases, any order) numbered as the schedule
// counts them: per disease in date order (ties by id), 1-based, and a
// booster where the primary series was complete before it. Returns the
// doses whose number or booster mark changed, as they should be.
std::vector<DoseRecord> Renumbered(const Catalogue& c, Date birth_date,
                                   const std::vector<DoseRecord>& doses);

// The catalogue code of the disease of `product` (empty when unknown).
std::string DiseaseOfProduct(const Catalogue& c, std::string_view product);

// The dose record's changes and their history. Writes join the caller's
// unit of work; every method returns an Error of kind kInternal when the
// database fails.
class DoseEntryRepository {
 public:
  virtual ~DoseEntryRepository() = default;
  virtual Result<std::optional<DoseRecord>> FindDose(int64_t id) = 0;
  // Stores each dose's product, day, lot, number and booster mark.
  virtual Status UpdateDoses(const std::vector<DoseRecord>& doses) = 0;
  // Removes a dose recorded in error: a Conflict "dose_has_aefi" when an
  // adverse event is reported against it (correct it instead).
  virtual Status DeleteDose(int64_t id) = 0;
  virtual Result<int64_t> InsertEntry(const DoseEntry& e) = 0;
  // A person's entries, newest first.
  virtual Result<std::vector<DoseEntry>> EntriesOf(int64_t person_id) = 0;
};

}  // namespace fangkong
