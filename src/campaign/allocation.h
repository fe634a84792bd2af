// Optimised allocation of a phase's remaining work over units and days, by
// linear programming (GLPK): how many people each township should reach
// each day so that the region's target is reached soonest, or as many as
// possible are reached by the deadline, within each township's site
// capacity, its supply and its pool of people still to come. Set beside
// the pro-rata split, where each township must reach its own share with its
// own means. The model is written out in docs/allocation.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

// A unit as the model sees it, from the day after `AllocationInput::day`.
struct AllocationUnit {
  std::string code, name;
  int64_t share = 0;              // its pro-rata part of what remains (target - done)
  int64_t pool = 0;               // people who could still come: the group less those done
  int64_t daily_capacity = 0;     // doses a day at its sites
  int64_t doses_on_hand = 0;      // usable now
  std::vector<int64_t> arrivals;  // doses arriving on each day of the horizon
};

struct AllocationInput {
  Date day;      // figures as of this day; the plan starts the next
  int days = 0;  // the horizon: to the phase's end
  int doses_per_person = 1;
  int interval_days = 0;  // between a person's doses, when two
  std::vector<AllocationUnit> units;
};

enum class AllocationGoal { kSoonest, kMostByDeadline };
std::optional<AllocationGoal> ParseAllocationGoal(std::string_view s);  // soonest, most_by_deadline

// What bounds a unit's work in the optimised plan.
struct Binding {
  int capacity_days = 0;                 // days its sites are full
  std::optional<Date> supply_exhausted;  // the first day its doses are all used
  bool pool_exhausted = false;           // everyone who could come has come
};

struct UnitPlan {
  std::string code, name;
  int64_t share = 0;                  // the pro-rata part
  int64_t planned = 0;                // people in the optimised plan
  std::vector<int64_t> daily;         // people a day
  std::optional<Date> pro_rata_done;  // the day it reaches its share alone (none: not by the end)
  Binding binding;
};

struct AllocationPlan {
  int64_t remaining = 0;              // the region's people still to reach
  Date deadline;                      // the phase's end
  bool feasible = false;              // the target is reachable by the deadline
  std::optional<Date> done;           // the optimised plan reaches it (soonest goal)
  int64_t covered = 0;                // people by the deadline in the optimised plan
  std::optional<Date> pro_rata_done;  // the pro-rata split reaches it (its slowest unit)
  int64_t pro_rata_covered = 0;
  std::optional<int> days_saved;  // pro-rata days less optimised days
  std::vector<UnitPlan> units;
  std::vector<std::string> binds, binds_zh;  // the constraints that bind, in words
  int lp_solves = 0;
};

// Solves the model; kInternal if GLPK fails, which a well-formed model does not.
Result<AllocationPlan> Allocate(const AllocationInput& in, AllocationGoal goal);

}  // namespace fangkong
