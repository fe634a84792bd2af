// Recomputing every person's vaccination state from the dose records: after
// a bulk load (the demo's history), and as the check that the maintained
// state agrees with the records (`fangkong vaccination-state --check`).
#pragma once

#include <functional>

#include "registry/repository.h"
#include "vaccination/catalogue.h"
#include "vaccination/mobilisation.h"
#include "vaccination/vaccination_state.h"

namespace fangkong {

struct StateRebuild {
  int64_t people = 0;             // people read
  int64_t states = 0;             // (person, disease) states with at least one dose
  int64_t disagreed = 0;          // stored rows missing, extra or different
  std::vector<int64_t> examples;  // a few people whose rows disagreed
  int64_t doses = 0;              // doses found through the people's lists
  // Doses recorded but found through no list (DoseRepository::DosesOf), when
  // the walk covered everyone: 0 unless a list lost one.
  int64_t unreached_doses = 0;
};

// Walks the whole registry in pages (`employers`: the people's employers,
// whose industries some figures count in). With `save`, writes every recomputed
// state (a page per transaction) and, into `figures` (emptied first), what
// each state and dose adds, then folds them: run it with no other writer.
// Without `save`, only compares. `progress(people)` is called after each page.
Result<StateRebuild> RebuildVaccinationStates(const Catalogue& c, PersonRepository& persons,
                                              OrganisationRepository& employers,
                                              MobilisationRepository& doses,
                                              VaccinationStateRepository& states,
                                              FigureRepository& figures, bool save,
                                              const std::function<void(int64_t)>& progress = {});

// Where a saving rebuild stands after a fold: every person up to this one
// (in the registry's (place, id) order) has their state saved and their
// figures folded. Empty before the first person.
struct RebuildMark {
  std::string region_code;
  int64_t person_id = 0;
};

// A saving rebuild that may stop and resume, for stores that take longer
// to rebuild than a process may run (a province).
struct ResumableRebuild {
  // Resume after this mark (from an earlier call's `folded`): the figures
  // folded up to it are kept and the changes appended after it, never
  // folded, are dropped. An empty mark starts afresh, figures emptied.
  RebuildMark from;
  // Called after each fold; returning false stops the rebuild there.
  std::function<bool(const RebuildMark&)> folded;
  std::function<void(int64_t)> progress;  // people read by this call, after each page
  int64_t page = 2000;                    // people read at a time
  int64_t pages_per_fold = 50;
};

// The resumable rebuild; `people`, `states` and `disagreed` count this
// call's people only. Stopped by `folded`, it returns what it has read.
Result<StateRebuild> RebuildVaccinationStatesFrom(const Catalogue& c, PersonRepository& persons,
                                                  OrganisationRepository& employers,
                                                  MobilisationRepository& doses,
                                                  VaccinationStateRepository& states,
                                                  FigureRepository& figures,
                                                  const ResumableRebuild& how);

// Rebuilds (saving) when doses are recorded but no state is kept, as after
// a migration that emptied the states; nothing otherwise. Returns whether
// it rebuilt.
Result<bool> RebuildIfMissing(const Catalogue& c, PersonRepository& persons,
                              OrganisationRepository& employers, MobilisationRepository& doses,
                              VaccinationStateRepository& states, FigureRepository& figures);

}  // namespace fangkong
