// The county-wide mobilisation lists of the demo county (380,000 people):
// read from the stored vaccination states (target: under 100 ms, first page
// and total, on both engines) against the baseline, the same list found by
// evaluating everyone's doses in the same run.
//
// FANGKONG_BENCH_STORE names a store holding the demo county: a SQLite data
// directory or a postgresql:// URL (`fangkong demo --dir D` or `--db URL`).
// FANGKONG_BENCH_LIMIT sets the page size (default 100). The last page of
// each list is timed too.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "registry/service.h"
#include "store/storage.h"
#include "vaccination/mobilisation_service.h"
#include "vaccination/vaccination_state_rebuild.h"

namespace fk = fangkong;

namespace {

struct Fixture {
  std::unique_ptr<fk::Storage> store;
  std::unique_ptr<fk::RegistryService> registry;
  std::unique_ptr<fk::MobilisationService> lists;
  fk::User county{1, "admin", "admin", fk::Role::kCountyAdmin, "341881", 0, true};
  fk::Date today = fk::Date::TodayBeijing();

  Fixture() {
    const char* target = std::getenv("FANGKONG_BENCH_STORE");
    if (!target) throw std::runtime_error("set FANGKONG_BENCH_STORE to a demo store");
    std::string t = target;
    store = t.rfind("postgresql://", 0) == 0
                ? std::make_unique<fk::Storage>(fk::db::OpenPostgres(t))
                : std::make_unique<fk::Storage>(fk::db::OpenSqlite(t + "/fangkong.db"));
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    auto rebuilt =
        fk::RebuildIfMissing(fk::Catalogue::Default(), *store->persons, *store->organisations,
                             *store->mobilisation, *store->vaccination_state, *store->figures);
    if (!rebuilt) throw std::runtime_error(rebuilt.error().message);
    registry = std::make_unique<fk::RegistryService>(*store->regions, *store->persons,
                                                     *store->organisations);
    lists = std::make_unique<fk::MobilisationService>(fk::Catalogue::Default(), *registry,
                                                      *store->mobilisation, *store->figures);
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

fk::MobilisationQuery Query(int kind) {
  fk::MobilisationQuery q;
  q.kind = static_cast<fk::MobilisationKind>(kind);
  const char* limit = std::getenv("FANGKONG_BENCH_LIMIT");
  q.limit = limit ? std::atoll(limit) : 100;
  return q;
}

void Report(benchmark::State& state, const fk::Result<fk::MobilisationList>& l) {
  if (!l) {
    state.SkipWithError(l.error().message.c_str());
    return;
  }
  state.counters["total"] = static_cast<double>(l->total);
  state.counters["page"] = static_cast<double>(l->items.size());
}

void BM_StoredList(benchmark::State& state) {
  auto q = Query(static_cast<int>(state.range(0)));
  F();  // opened (and the states rebuilt if a migration emptied them) before timing
  for (auto _ : state) {
    auto l = F().lists->List(F().county, q, F().today);
    Report(state, l);
  }
}

// The last page of the same list: the engine steps over every row before
// it (the pager's deepest click).
void BM_StoredListLastPage(benchmark::State& state) {
  auto q = Query(static_cast<int>(state.range(0)));
  auto first = F().lists->List(F().county, q, F().today);
  if (!first) return state.SkipWithError(first.error().message.c_str());
  q.offset = std::max<int64_t>(first->total - q.limit, 0);
  for (auto _ : state) {
    auto l = F().lists->List(F().county, q, F().today);
    Report(state, l);
  }
}

// The baseline: every person of the county read and evaluated.
void BM_EvaluatedList(benchmark::State& state) {
  auto q = Query(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto l = F().lists->ListByEvaluation(F().county, q, F().today);
    Report(state, l);
  }
}

// 0 unvaccinated, 1 late series doses, 2 boosters due.
BENCHMARK(BM_StoredList)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_StoredListLastPage)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_EvaluatedList)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
