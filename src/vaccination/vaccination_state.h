// Where a person stands in one disease's programme: first dose, series
// complete, boosters, and the next step's window. Kept with every dose
// (the same unit of work), so lists and progress figures read one row per
// person instead of re-evaluating everyone's doses on each request; a
// rebuild from the dose records recomputes it and reports any row that
// disagrees.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "vaccination/catalogue.h"
#include "vaccination/dose.h"

namespace fangkong {

struct VaccinationState {
  int64_t person_id = 0;
  std::string disease;  // catalogue code
  int doses = 0;        // doses of the disease given
  std::optional<Date> first_dose, last_dose;
  // The day of the dose that completed the primary series.
  std::optional<Date> series_complete;
  int boosters = 0;
  std::optional<Date> last_booster;
  // The next step on the schedule, whatever the day: its number (0 when
  // nothing more is due, ever) and window. Whether it is due, late or too
  // soon on a given day follows from these dates.
  int next_dose_number = 0;
  bool next_is_booster = false;
  std::optional<Date> next_earliest, next_recommended, next_latest;

  bool operator==(const VaccinationState&) const = default;
};

// The state of `disease` from the person's doses (any order; doses of other
// diseases and unknown products are skipped).
VaccinationState StateFromDoses(const Catalogue& c, std::string_view disease, int64_t person_id,
                                Date birth_date, const std::vector<DoseRecord>& doses);

// Stored states. Thread-safe; every method returns an Error of kind
// kInternal when the database fails.
class VaccinationStateRepository {
 public:
  virtual ~VaccinationStateRepository() = default;
  // Inserts or replaces each (person, disease) row.
  virtual Status SaveStates(const std::vector<VaccinationState>& states) = 0;
  virtual Result<std::optional<VaccinationState>> StateOf(int64_t person_id,
                                                          const std::string& disease) = 0;
  virtual Result<std::vector<VaccinationState>> StatesOf(const std::vector<int64_t>& person_ids,
                                                         const std::string& disease) = 0;
};

}  // namespace fangkong
