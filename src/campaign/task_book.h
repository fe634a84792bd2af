// Task books (任务书): a phase's target split down the tree (county →
// townships → villages and communities) and over time (months, weeks or
// days), in the form an office prints and townships take away. Pure
// functions; task_book_service.h reads the tree and stores the versions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "campaign/campaign.h"
#include "core/date.h"
#include "core/error.h"
#include "vaccination/catalogue.h"

namespace fangkong {

// The planning tree: each node's children (in code order) and its weight
// (the residents, or the group's members, of the leaves below it).
struct PlanTree {
  std::map<std::string, std::vector<std::string>> children;
  std::map<std::string, int64_t> weight;
  std::map<std::string, std::string> names;  // for messages; the code when absent
};

// Every node's target under (and including) `root`: each node's target goes
// to its children pro rata to their weights (largest remainders), except
// where the children's targets are set by hand (`overrides`): then every
// child of that node must be set, and they must add up to the node's
// target. Errors name the field "overrides" and the node whose children do
// not add up or are set only in part.
Result<std::map<std::string, int64_t>> SplitDownTheTree(
    const PlanTree& tree, const std::string& root, int64_t target,
    const std::map<std::string, int64_t>& overrides);

enum class PlanGrain { kMonth, kWeek, kDay };
std::optional<PlanGrain> ParsePlanGrain(std::string_view s);  // month, week, day

// How the dose that counts is reached: the product planned with.
struct PlannedSeries {
  std::string product;  // for the sheet's note
  int primary_doses = 1;
  int interval_days = 0;  // recommended days between primary doses
};

// The disease's first product in the catalogue: the one a plan assumes.
PlannedSeries PlanningSeriesOf(const Catalogue& c, const std::string& disease);

struct PlanPeriod {
  std::string period;  // "2021-04", "2021-W14" (ISO week), "2021-04-01"
  int64_t people = 0;  // reaching the counting dose in the period
  int64_t doses = 0;   // doses given in the period towards them
};

// `people` to reach the phase's dose between `start` and `end`, at an even
// daily rate (the running total rounded down), and the doses this takes: for a first
// dose, that dose and the later primary doses `interval_days` apart (they
// may fall after the end); for the full series, the earlier doses before;
// a booster is one dose. Periods in order, each with people or doses.
std::vector<PlanPeriod> SplitOverTime(int64_t people, Date start, Date end, CountingDose dose,
                                      const PlannedSeries& series, PlanGrain grain);

}  // namespace fangkong
