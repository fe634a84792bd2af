// The demo county's people under health measures, so the measure board has
// work on it at once: close contacts in centralised quarantine, secondary
// close contacts at home, arrivals under three-day monitoring, a few
// released into their home monitoring; most of the past days logged, some
// missed, two with a fever.
#pragma once

#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "measures/repository.h"
#include "registry/repository.h"

namespace fangkong {

struct DemoMeasures {
  int64_t measures = 0;
  int64_t tasks = 0;
  std::vector<Measure> central;    // those in central quarantine now, for the rooms
  std::vector<Measure> secondary;  // secondary close contacts at home, for the tracing
};

// Puts people of grid01's village and of town01's township under measures
// (the users made by the demo). Returns what it wrote; nothing when the demo
// has no such users.
Result<DemoMeasures> AddDemoMeasures(PersonRepository& persons, MeasureRepository& measures,
                                     UserRepository& users, UnitOfWork& unit, int64_t now);

}  // namespace fangkong
