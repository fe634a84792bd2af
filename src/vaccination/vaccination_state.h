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
#include "progress/figures.h"
#include "registry/person.h"
#include "registry/repository.h"
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
  std::optional<Date> first_booster, last_booster;
  // The next step on the schedule, whatever the day: its number (0 when
  // nothing more is due, ever) and window. Whether it is due, late or too
  // soon on a given day follows from these dates.
  int next_dose_number = 0;
  bool next_is_booster = false;
  std::optional<Date> next_earliest, next_recommended, next_latest;
  // The days the next dose may be given, by interval and by age: from
  // `next_open_from` (none: never, e.g. too old for every product) until
  // the day before `next_open_until` (none: no end). The window above is
  // the one that holds on those days, so a list asks "open today, and past
  // the recommended day?" of the stored row alone (mobilisation_sql.h).
  std::optional<Date> next_open_from, next_open_until;
  // The days the person is on the list of late series doses, or of boosters
  // due (as next_is_booster says): open, and past the recommended day.
  std::optional<Date> listed_from, listed_until;
  // The ids of the doses counted, ascending. The store finds a person's
  // doses through these lists (docs/decisions.md, "A person's doses found
  // through their states"), so a state saved names every dose it counts.
  std::vector<int64_t> dose_ids;

  bool operator==(const VaccinationState&) const = default;
};

// The state of `disease` from the person's doses (any order; doses of other
// diseases and unknown products are skipped).
VaccinationState StateFromDoses(const Catalogue& c, std::string_view disease, int64_t person_id,
                                Date birth_date, const std::vector<DoseRecord>& doses);

// Whether the next dose puts the person of state `s` on a mobilisation list
// of series doses (booster false) or boosters (booster true) on `today`,
// deferrals and exemptions aside: the predicate the stored lists evaluate.
bool DueAndLate(const VaccinationState& s, bool booster, Date today);

// What of the person their state's figures depend on, besides their place:
// the birth date (a resident's cohort, figures.h CohortFigureKey), whether
// they live there (false: away, counted apart, kAwaySuffix, and in no
// cohort or industry), and a resident employee's employer's industry and
// county (figures.h IndustryFigureKey; empty: none).
struct FigurePerson {
  Date birth_date;
  bool resident = true;
  std::string industry = {}, industry_place = {};
};
// The person's, `employer` being their employer (null: none, or not found).
FigurePerson FigurePersonOf(const Person& p, const Organisation* employer);
// The same, their employer looked up.
Result<FigurePerson> FigurePersonOf(const Person& p, OrganisationRepository& organisations);

// What replacing a person's state `before` (none: no dose before) at place
// `before_region` by `after` at `after_region` changes; pairs that cancel
// are left out.
std::vector<FigureChange> ChangesOfState(const VaccinationState* before,
                                         std::string_view before_region,
                                         const VaccinationState& after,
                                         std::string_view after_region, const FigurePerson& who);
// A dose given on `day` to someone living at `region`.
FigureChange DoseGiven(std::string_view disease, std::string_view region, Date day);
// What a dose record adds: a dose of its disease (none for a product the
// catalogue does not know) at the record's place on its day, and one of
// its product at that place's county (figures.h ProductDosesKey).
std::vector<FigureChange> ChangesOfDose(const Catalogue& c, const DoseRecord& d);

// Stored states. Thread-safe; every method returns an Error of kind
// kInternal when the database fails.
class VaccinationStateRepository {
 public:
  virtual ~VaccinationStateRepository() = default;
  // Inserts or replaces each (person, disease) row; a state with no doses
  // removes the row.
  virtual Status SaveStates(const std::vector<VaccinationState>& states) = 0;
  // The same for people whose row exists (their state before had doses):
  // the state's columns alone are updated, their place and birth date not
  // looked up again. A row found missing after all is inserted.
  virtual Status UpdateStates(const std::vector<VaccinationState>& states) = 0;
  virtual Result<std::optional<VaccinationState>> StateOf(int64_t person_id,
                                                          const std::string& disease) = 0;
  virtual Result<std::vector<VaccinationState>> StatesOf(const std::vector<int64_t>& person_ids,
                                                         const std::string& disease) = 0;
  // These doses, kept apart as unlisted (DoseRepository::InsertDose), are
  // named by their states' lists now: they are no longer kept apart.
  virtual Status ForgetUnlisted(const std::vector<int64_t>& dose_ids) = 0;
  // Whether doses are recorded but no state at all is stored (a rebuild is due).
  virtual Result<bool> Missing() = 0;
  // Writes the late lists' entries of the states listed on or before
  // `through` whose entry waits (a state listed beyond tomorrow is stored
  // without it), in batches of `batch`, each its own commit; returns how
  // many. The lists read waiting entries too, so this changes their speed,
  // never their rows.
  virtual Result<int64_t> EnterDueListings(Date through, int64_t batch = 2000) = 0;
};

}  // namespace fangkong
