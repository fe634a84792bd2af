// Doses given, as the registry of immunisations keeps them, and the storage
// the vaccination module needs (implemented in src/store for both engines).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

struct DoseRecord {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string product;  // catalogue code
  int dose_number = 0;  // 1-based over primary and booster doses of the disease
  bool booster = false;
  Date date;                    // the day given (Beijing calendar)
  int64_t administered_at = 0;  // unix seconds
  int64_t site_id = 0;          // organisation (vaccination site)
  int64_t vaccinator_id = 0;    // user who recorded it
  std::string lot;
  std::string trace_code;   // the dose's traceability code; unique when present
  std::string region_code;  // the person's place when given (for jurisdiction)
};

// One dose of a lot with the person who received it (a line of a recall list).
struct LotTraceRow {
  int64_t dose_id = 0;
  int64_t person_id = 0;
  std::string name, doc_number, phone;
  std::string region_code;  // the person's place when given
  int64_t site_id = 0;
  Date date;
  int dose_number = 0;
  std::string product;
};

class DoseRepository {
 public:
  virtual ~DoseRepository() = default;
  // Returns the id; a Conflict error on field trace_code when that code was
  // already recorded (a double scan). The dose is kept apart as unlisted:
  // DosesOf finds it until a rebuild of the states lists it
  // (VaccinationState::dose_ids).
  virtual Result<int64_t> InsertDose(const DoseRecord& d) = 0;
  // The same for a caller that saves, in the same unit of work, the
  // person's state whose list names the dose (the visit, a back-entry):
  // nothing is kept apart, and until that state is saved, DosesOf does not
  // find the dose.
  virtual Result<int64_t> InsertListedDose(const DoseRecord& d) = 0;
  // Records many doses (a migrated history) in one transaction, all or
  // none, kept apart as InsertDose keeps one.
  virtual Status InsertDoses(const std::vector<DoseRecord>& doses) = 0;
  // A person's doses in the order given: those their states list, and those
  // kept apart.
  virtual Result<std::vector<DoseRecord>> DosesOf(int64_t person_id) = 0;
  // Every dose of lot `lot_number` given to people placed in the subtree
  // `region_prefix`, by site and day.
  virtual Result<std::vector<LotTraceRow>> DosesOfLot(const std::string& lot_number,
                                                      const std::string& region_prefix) = 0;
};

}  // namespace fangkong
