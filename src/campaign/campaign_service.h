// Campaigns as the county sets them up and everyone below follows them:
// creating one (counting each phase's group on the registry), reading
// them, and the progress of a phase per unit on a day, from the maintained
// figures (progress/figures.h) and the phase's members.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "access/user.h"
#include "campaign/campaign.h"
#include "campaign/repository.h"
#include "campaign/task_book.h"
#include "progress/figures.h"
#include "registry/service.h"
#include "vaccination/catalogue.h"
#include "vaccination/repository.h"

namespace fangkong {

// One unit's figures on a day (definitions in docs/glossary.md).
struct UnitProgress {
  std::string code, name;
  int64_t population = 0;  // residents: usual and floating
  int64_t group = 0;       // the phase's group here (the residents when it is everyone)
  int64_t target = 0;      // the unit's share of the phase target
  int64_t counted = 0;     // of the group, people with the phase's dose by the day
  int64_t first_dose = 0, full_series = 0, booster = 0;
  int64_t doses_today = 0, doses_total = 0;
  double coverage_first = 0, coverage_full = 0;  // of the residents
  double completion = 0;                         // counted / target
  int days_left = 0;
  int64_t required_daily_rate = 0;
  double rate_7d = 0;  // counted people a day over the last 7 days
  std::optional<Date> projected_completion;
};

// The rates and dates of `u` from its counts (counted, first dose, full
// series, population, target) on `day`, and its count a week before.
void Derive(const Phase& p, Date day, int64_t counted_week_ago, UnitProgress& u);

// One day of a unit's trend: people newly counted and doses given that
// day, against the daily rate the target needed that morning.
struct TrendDay {
  Date day;
  int64_t counted = 0, doses = 0, required_daily_rate = 0;
};

struct CampaignProgress {
  Campaign campaign;
  Phase phase;
  Date date;
  UnitProgress total;               // the region asked for
  std::vector<UnitProgress> units;  // its child units
};

// A phase's task book in a region: its units' targets and their split over
// time, from the version asked for.
struct TaskBookRow {
  std::string code, name;
  int64_t weight = 0;  // residents, or members of the group
  int64_t target = 0;
  std::vector<PlanPeriod> periods;  // one per TaskBook::periods, in order
};

struct TaskBook {
  Campaign campaign;
  Phase phase;
  int version = 0;  // 0: the pro-rata split, before any version was saved
  std::vector<TaskBookVersion> versions;
  PlannedSeries series;
  PlanGrain grain = PlanGrain::kMonth;
  std::vector<std::string> periods;
  TaskBookRow total;
  std::vector<TaskBookRow> units;  // the region's child units
};

struct UnitFeasibility;
struct UnitMeans;
struct AllocationPlan;
enum class AllocationGoal;

class CampaignService {
 public:
  // All must outlive the service.
  CampaignService(const Catalogue& catalogue, RegistryService& registry, RegionRepository& regions,
                  CampaignRepository& repo, FigureRepository& figures,
                  VaccinationRepository& vaccination)
      : catalogue_(catalogue),
        registry_(registry),
        regions_(regions),
        repo_(repo),
        figures_(figures),
        vaccination_(vaccination) {}

  // Checks the input, counts each phase's group in the campaign's region
  // (the user's jurisdiction by default) and stores it all. County and
  // province roles only. Refuses a group that matches nobody and an
  // absolute target above its group.
  Result<Campaign> Create(const User& u, const CampaignInput& in, int64_t now);
  // Counts a phase's group again on today's registry (the group is counted
  // when the campaign is set up: people registered, moved in or grown into
  // it since are not in it until then). County administrators of the
  // campaign's region; a phase of every resident counts them live and is
  // refused. Returns the members before and after.
  struct Recount {
    int phase = 0;
    int64_t before = 0, after = 0;
  };
  Result<Recount> RecountGroup(const User& u, int64_t id, int phase_number);
  // The campaigns covering or inside the user's jurisdiction.
  Result<std::vector<Campaign>> List(const User& u);
  Result<Campaign> Get(const User& u, int64_t id);
  // The phase's progress in `region` (the campaign's region, or the part of
  // it the user holds, when empty) and its child units, as of `day`.
  // `phase_number` 0 picks the phase running on the day (else the last
  // begun, else the first).
  Result<CampaignProgress> Progress(const User& u, int64_t id, const std::string& region, Date day,
                                    int phase_number);
  // The same by the department tree: one unit per department of the
  // campaign's region (a department officer: their own), answering for the
  // resident employees, in `region`, of the employers of its industry (an
  // industry answers to its first department). Targets are the phase's
  // share of them; an absolute phase target has no department split.
  // Doses given are not split by department.
  Result<CampaignProgress> DepartmentProgress(const User& u, int64_t id, const std::string& region,
                                              Date day, int phase_number);

  // The `days` days up to `to` of the phase in `region` (as for Progress).
  Result<std::vector<TrendDay>> Trend(const User& u, int64_t id, const std::string& region, Date to,
                                      int days, int phase_number);

  // Plans doses to arrive in a unit for a phase (county administrators).
  // Refuses an arrival after the phase ends (arrives_after_phase), a unit
  // outside the campaign and doses of 0 or fewer.
  Result<SupplyPlan> AddSupply(const User& u, int64_t id, SupplyPlan plan, int64_t now);
  Result<std::vector<SupplyPlan>> Supplies(const User& u, int64_t id, int phase_number);
  // Each child unit of `region` checked on `day` against its sites'
  // capacity and its supply (feasibility.h), with the region itself first.
  Result<std::vector<UnitFeasibility>> Feasibility(const User& u, int64_t id,
                                                   const std::string& region, Date day,
                                                   int phase_number);

  // The optimised split of the remaining work over the child units of
  // `region` and the days to the phase's end (allocation.h), beside the
  // pro-rata split, with the feasibility of each unit.
  Result<AllocationPlan> Allocation(const User& u, int64_t id, const std::string& region, Date day,
                                    int phase_number, AllocationGoal goal,
                                    std::vector<UnitFeasibility>* feasibility);

  // The task book of a phase (by number; 0: the one running today) in
  // `region` (as for Progress), from `version` (0: the latest).
  Result<TaskBook> TaskBookOf(const User& u, int64_t id, const std::string& region,
                              int phase_number, int version, PlanGrain grain, Date today);
  // Saves a new version: the latest's overrides with `overrides` laid over
  // them (a target of -1 removes one). County administrators set any unit;
  // a township officer the villages of their township. The overrides must
  // add up (task_book.h).
  Result<TaskBookVersion> ReviseTaskBook(const User& u, int64_t id, int phase_number,
                                         const std::map<std::string, int64_t>& overrides,
                                         const std::string& note, int64_t now);

 private:
  Result<std::vector<std::vector<PhaseMember>>> CountGroups(const User& u, const Campaign& c);
  // The phase's targets down the tree, from a version's overrides.
  struct Plan {
    PlanTree tree;
    std::map<std::string, int64_t> targets;
    int version = 0;
    std::vector<TaskBookVersion> versions;
    std::map<std::string, int64_t> overrides;
  };
  // A plan reads the whole region's tree and population (20,000 nodes for
  // a province), so requests share one for kPlanFreshSeconds: it is made
  // again sooner only when a task-book version is added (by any server).
  Result<std::shared_ptr<const Plan>> PlanOf(const Campaign& c, const Phase& p, int version);
  Result<std::shared_ptr<const Plan>> MakePlan(const Campaign& c, const Phase& p, int version,
                                               std::vector<TaskBookVersion> versions);
  Result<UnitMeans> MeansOf(const Campaign& c, const Phase& phase, const std::string& unit,
                            Date day, const std::vector<SupplyPlan>& supplies,
                            std::vector<int64_t>* arrivals);
  Result<const Phase*> PhaseOf(const Campaign& c, int number, Date day);
  // What a figures request reads: the campaign, its phase on `day` and the
  // region asked for (RegionOf), which the user must hold.
  struct Scope {
    Campaign campaign;
    Phase phase;
    std::string region;
  };
  Result<Scope> ScopeOf(const User& u, int64_t id, const std::string& region, Date day,
                        int phase_number);
  Result<std::string> RegionOf(const User& u, const Campaign& c, const std::string& region);
  // The figures of each of `units` (their codes set) on `day`, read at once;
  // of a phase of every resident, also each unit's counted figure a week ago.
  Status AddFigures(const Campaign& c, const Phase& phase, Date day,
                    std::vector<UnitProgress>& units, std::vector<int64_t>& counted_week_ago);

  const Catalogue& catalogue_;
  RegistryService& registry_;
  RegionRepository& regions_;
  CampaignRepository& repo_;
  FigureRepository& figures_;
  VaccinationRepository& vaccination_;
  static constexpr int kPlanFreshSeconds = 60;
  struct CachedPlan {
    std::shared_ptr<const Plan> plan;
    std::chrono::steady_clock::time_point made;
  };
  std::mutex plans_mu_;
  std::map<std::tuple<int64_t, int, int>, CachedPlan> plans_;  // by campaign, phase, version asked
};

}  // namespace fangkong
