// Whether a unit can still reach its target (倒排工期 checked against the
// means): the daily rate it needs from tomorrow against what its sites can
// do a day, and the doses it needs against the doses on hand and expected
// before the phase ends. Each shortfall is said as the office says it:
// "港口镇 needs 1,420/day from 12 May; its sites can do 900; short 520/day
// for 19 days". Pure functions (feasibility_test in campaign_test.cpp).
#pragma once

#include <string>
#include <vector>

#include "campaign/campaign_service.h"

namespace fangkong {

// What a unit has to work with.
struct UnitMeans {
  int sites = 0;               // active vaccination sites in the unit
  int64_t daily_capacity = 0;  // doses a day they can give together
  int64_t doses_on_hand = 0;   // usable doses of the disease in their stock
  int64_t doses_expected = 0;  // planned arrivals up to the phase's end
};

enum class ShortfallKind { kNoSites, kCapacity, kSupply };
const char* ShortfallKindCode(ShortfallKind k);  // no_sites, capacity, supply

struct Shortfall {
  ShortfallKind kind = ShortfallKind::kCapacity;
  int64_t per_day = 0;  // doses a day short (capacity)
  int days = 0;         // for how many days
  int64_t doses = 0;    // doses short over the rest of the phase (supply)
  Date from;            // the first day short
  std::string message, message_zh;
};

struct UnitFeasibility {
  std::string code, name;
  int64_t remaining = 0;  // people still to reach the target
  int days_left = 0;
  int64_t required_daily_rate = 0;  // people a day
  int doses_per_person = 1;         // doses each still takes
  int64_t doses_per_day = 0;        // what the rate takes of the sites
  int64_t doses_needed = 0;         // over the rest of the phase
  UnitMeans means;
  std::vector<Shortfall> shortfalls;
  // The forecast to the phase's end: people counted by then at the recent
  // pace (the 7-day rate), held to what the sites and the doses allow;
  // short_by > 0 marks a unit that will miss its target, by that many.
  int64_t projected_counted = 0;
  double projected_completion = 0;
  int64_t short_by = 0;
  bool feasible() const { return shortfalls.empty(); }
};

// The doses each person still takes to count for the phase: the whole
// primary series for a first dose or the full series (the second doses of
// those who start are given at the same sites), one for a booster.
int DosesPerPerson(CountingDose dose, const PlannedSeries& series);

// The check of one unit on `day` (its figures as of that day), from the
// next day to the phase's end.
UnitFeasibility CheckFeasibility(const UnitProgress& u, const Phase& phase, Date day,
                                 const PlannedSeries& series, const UnitMeans& means);

}  // namespace fangkong
