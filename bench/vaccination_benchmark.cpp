// Vaccination storage on SQLite, each figure against a baseline in the same run:
//  - recording doses one durable commit each through the repository
//    (target: at least 5,000/s and 40% of the baseline), against a raw
//    prepared INSERT of the same rows, also one commit each;
//  - the recall list of a lot given to 100,000 people (target: under 200 ms),
//    against a bare COUNT of that lot's doses.
// FANGKONG_BENCH_DOSES sets the lot's size (default 100,000).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "bench_people.h"
#include "store/storage.h"

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

int64_t LotSize() {
  const char* v = std::getenv("FANGKONG_BENCH_DOSES");
  return v ? std::atoll(v) : 100000;
}

// A store with LotSize() people, each given one dose of lot "TRACE-1".
struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("fangkong-vac-bench-" + std::to_string(::getpid()));
  std::unique_ptr<fk::Storage> store;
  std::vector<int64_t> people;

  Fixture() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    store = std::make_unique<fk::Storage>(fk::db::OpenSqlite((dir / "bench.db").string()));
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    people = fk::bench::InsertPeople(*store, (dir / "bench.db").string(), LotSize(), "受种者",
                                     [](int64_t) { return std::string("341881001001"); });
    sqlite3* db = nullptr;
    sqlite3_open((dir / "bench.db").string().c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO dose_records(person_id, product, dose_number, booster, given_on, "
                       "administered_at, site_id, vaccinator_id, lot, trace_code, region_code) "
                       "VALUES (?1, 'CoronaVac', 1, 0, '2021-05-01', 0, 7, 1, 'TRACE-1', '', '341881001001')",
                       -1, &s, nullptr);
    for (int64_t id : people) {
      sqlite3_bind_int64(s, 1, id);
      sqlite3_step(s);
      sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  ~Fixture() { fs::remove_all(dir); }
};

Fixture& F() {
  static Fixture f;
  return f;
}

fk::DoseRecord Dose(int64_t person, int64_t n) {
  fk::DoseRecord d;
  d.person_id = person;
  d.product = "CoronaVac";
  d.dose_number = 2;
  d.date = fk::Date::Parse("2021-06-01").value();
  d.lot = "REC-" + std::to_string(n % 10);
  d.trace_code = std::to_string(81000000000000000LL + n);
  d.region_code = "341881001001";
  return d;
}

// Baseline: the same row through a raw prepared INSERT, one commit each.
void BM_RawDoseInsertEachCommitted(benchmark::State& state) {
  auto& f = F();
  sqlite3* db = nullptr;
  sqlite3_open((f.dir / "bench.db").string().c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO dose_records(person_id, product, dose_number, booster, given_on, "
                     "administered_at, site_id, vaccinator_id, lot, trace_code, region_code) "
                     "VALUES (?1, 'CoronaVac', 2, 0, '2021-06-01', 0, 7, 1, ?2, ?3, '341881001001')",
                     -1, &s, nullptr);
  static int64_t n = 1'000'000;
  for (auto _ : state) {
    fk::DoseRecord d = Dose(f.people[static_cast<size_t>(n % f.people.size())], n);
    ++n;
    sqlite3_bind_int64(s, 1, d.person_id);
    sqlite3_bind_text(s, 2, d.lot.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, d.trace_code.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) state.SkipWithError("insert failed");
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawDoseInsertEachCommitted)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_RecordDoseThroughRepository(benchmark::State& state) {
  auto& f = F();
  static std::atomic<int64_t> next{0};
  for (auto _ : state) {
    int64_t n = next++;
    auto r = f.store->vaccination->InsertDose(Dose(f.people[static_cast<size_t>(n % f.people.size())], n));
    if (!r) state.SkipWithError(r.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordDoseThroughRepository)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_RecordDoseThroughRepository)->Unit(benchmark::kMicrosecond)->Threads(8)->UseRealTime();

void BM_CountLotBaseline(benchmark::State& state) {
  auto& f = F();
  sqlite3* db = nullptr;
  sqlite3_open((f.dir / "bench.db").string().c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM dose_records WHERE lot = 'TRACE-1'", -1, &s, nullptr);
  for (auto _ : state) {
    sqlite3_step(s);
    benchmark::DoNotOptimize(sqlite3_column_int64(s, 0));
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
}
BENCHMARK(BM_CountLotBaseline)->Unit(benchmark::kMillisecond);

void BM_LotTrace(benchmark::State& state) {
  auto& f = F();
  for (auto _ : state) {
    auto rows = f.store->vaccination->DosesOfLot("TRACE-1", "341881");
    if (!rows || static_cast<int64_t>(rows->size()) != LotSize()) state.SkipWithError("wrong recall list");
    benchmark::DoNotOptimize(rows);
  }
  state.counters["people"] = static_cast<double>(LotSize());
}
BENCHMARK(BM_LotTrace)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
