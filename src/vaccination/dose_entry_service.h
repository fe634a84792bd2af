// Doses entered after the fact, corrected or voided (dose_entry.h), with
// storage. Each change is one unit of work: the dose, the renumbering of the
// person's other doses, the history entry, the person's vaccination state
// and the figures it moves, so the lists and progress figures are right the
// moment it commits; frozen daily reports keep what they were.
#pragma once

#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "progress/figures.h"
#include "registry/service.h"
#include "vaccination/dose_entry.h"
#include "vaccination/vaccination_state.h"

namespace fangkong {

// A change and the dose as it now stands (none after a void).
struct DoseEntryResult {
  DoseEntry entry;
  std::optional<DoseRecord> dose;
};

class DoseEntryService {
 public:
  // All must outlive the service. `unit` is the store behind the repositories.
  DoseEntryService(const Catalogue& catalogue, RegistryService& registry, DoseRepository& doses,
                   DoseEntryRepository& entries, VaccinationStateRepository& states,
                   FigureRepository& figures, UnitOfWork& unit);

  // The user must be allowed to enter doses (CanEnterDoses) and see the
  // person; the dose is counted where the person lives now. `now` is unix
  // seconds; today is its Beijing day.
  Result<DoseEntryResult> BackEnter(const User& u, int64_t person_id, const BackEntryInput& in,
                                    int64_t now);
  Result<DoseEntryResult> Correct(const User& u, int64_t dose_id, const DoseCorrectionInput& in,
                                  int64_t now);
  Result<DoseEntryResult> Void(const User& u, int64_t dose_id, const std::string& reason,
                               int64_t now);
  // The person's entries, newest first.
  Result<std::vector<DoseEntry>> HistoryOf(const User& u, int64_t person_id);

 private:
  struct Subject {
    Person person;
    std::vector<DoseRecord> doses;
  };
  Result<Subject> SubjectOf(const User& u, int64_t person_id);
  Result<std::pair<Subject, DoseRecord>> SubjectOfDose(const User& u, int64_t dose_id);
  // Renumbers `after` (the person's doses once changed), stores every dose
  // of it not as in `before`, and keeps the state and figures of every disease `before`
  // and `after` touch.
  Status Keep(const Person& p, const std::vector<DoseRecord>& before,
              std::vector<DoseRecord>& after);

  const Catalogue& catalogue_;
  RegistryService& registry_;
  DoseRepository& doses_;
  DoseEntryRepository& entries_;
  VaccinationStateRepository& states_;
  FigureRepository& figures_;
  UnitOfWork& unit_;
};

}  // namespace fangkong
