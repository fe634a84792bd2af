// The demo's outbreak: three cases in town01's township with the demo's
// close contacts (in the quarantine hotel) and secondary close contacts (at
// home) as their traced contacts, one close contact who turned positive
// (the chain), and a case reported three hours ago whose clocks still run:
// on scene in time, the core information due within the hour, its close
// contacts not yet in quarantine.
#pragma once

#include "demo/demo_measures.h"
#include "tracing/repository.h"

namespace fangkong {

struct DemoTracing {
  int64_t cases = 0, close = 0, secondary = 0;
};

Result<DemoTracing> AddDemoTracing(TracingRepository& tracing, PersonRepository& persons,
                                   const DemoMeasures& measures, const User& town_officer,
                                   int64_t now);

}  // namespace fangkong
