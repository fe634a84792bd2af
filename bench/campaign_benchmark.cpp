// The allocation's linear programs (campaign/allocation.h) for 20 townships
// over 90 days, two doses 28 days apart (target: under 5 s). "Soonest"
// solves one LP for the whole horizon, then bisects on the last day (about
// 8 more) and solves the front-loaded plan; the baseline in the same run is
// the single LP of "most by the deadline".
#include <benchmark/benchmark.h>

#include <random>

#include "campaign/allocation.h"

namespace fk = fangkong;

namespace {

fk::AllocationInput County() {
  fk::AllocationInput in;
  in.day = fk::Date::Parse("2021-04-01").value();
  in.days = 90;
  in.doses_per_person = 2;
  in.interval_days = 28;
  std::mt19937 rng(14);
  for (int u = 0; u < 20; ++u) {
    fk::AllocationUnit a;
    a.code = "3418811" + std::to_string(10 + u);
    a.name = "镇" + std::to_string(u);
    a.share = 3000 + static_cast<int64_t>(rng() % 12000);
    a.pool = a.share * 2;
    // Some townships cannot do their share alone.
    a.daily_capacity = a.share * 2 / (40 + static_cast<int64_t>(rng() % 80));
    a.doses_on_hand = a.share / 2;
    a.arrivals.assign(90, 0);
    for (int t = 7; t < 90; t += 14) a.arrivals[static_cast<size_t>(t)] = a.share / 3;
    in.units.push_back(std::move(a));
  }
  return in;
}

void BM_AllocateMostByDeadline(benchmark::State& state) {
  auto in = County();
  for (auto _ : state) {
    auto plan = fk::Allocate(in, fk::AllocationGoal::kMostByDeadline);
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_AllocateMostByDeadline)->Unit(benchmark::kMillisecond);

void BM_AllocateSoonest(benchmark::State& state) {
  auto in = County();
  for (auto _ : state) {
    auto plan = fk::Allocate(in, fk::AllocationGoal::kSoonest);
    if (plan) {
      state.counters["lp_solves"] = plan->lp_solves;
      state.counters["feasible"] = plan->feasible;
      state.counters["days_saved"] = plan->days_saved.value_or(-1);
    }
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_AllocateSoonest)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
