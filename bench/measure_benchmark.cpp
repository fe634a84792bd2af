// Health measures on SQLite, against a baseline in the same run:
//  - one measure (a close contact's 7 days of central quarantine: 7 logs and
//    5 tests each) assigned to FANGKONG_BENCH_PEOPLE people (default
//    200,000) through MeasureService::AssignMany, with every check (the
//    person's place and jurisdiction, the measures they are under), their
//    daily tasks laid out in advance (target: under 2 s for 200,000);
//  - the baseline: the same measure rows written by raw prepared INSERTs in
//    one transaction into the same schema, no checks. The tasks are not
//    rows (measures/measure.h: they follow from the measure and its type),
//    so laying out 2,400,000 tasks is writing 200,000 measures.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "bench_people.h"
#include "measures/measure_service.h"
#include "registry/service.h"
#include "store/storage.h"

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

int64_t People() {
  const char* v = std::getenv("FANGKONG_BENCH_PEOPLE");
  return v ? std::atoll(v) : 200000;
}

std::unique_ptr<fk::Storage> FreshStore(const fs::path& file) {
  auto store = std::make_unique<fk::Storage>(fk::db::OpenSqlite(file.string()));
  if (!store->Migrate()) throw std::runtime_error("migration failed");
  return store;
}

// A store with People() residents of one township's villages.
struct Fixture {
  fs::path dir =
      fs::temp_directory_path() / ("fangkong-measure-bench-" + std::to_string(::getpid()));
  std::unique_ptr<fk::Storage> store;
  std::vector<int64_t> people;

  Fixture() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    store = FreshStore(dir / "bench.db");
    people = fk::bench::InsertPeople(*store, (dir / "bench.db").string(), People(), "管控对象",
                                     [](int64_t i) {
                                       char village[16];
                                       std::snprintf(village, sizeof village, "341881001%03d",
                                                     static_cast<int>(1 + i % 40));
                                       return std::string(village);
                                     });
  }
  ~Fixture() { fs::remove_all(dir); }
};

Fixture& F() {
  static Fixture f;
  return f;
}

fk::MeasureType CloseContact(fk::Storage& store) {
  auto types = store.measures->Types();
  if (types)
    for (const auto& t : *types)
      if (t.code == "close_contact_central") return t;
  throw std::runtime_error("close_contact_central is not shipped");
}

// The limit: the same rows, raw prepared INSERTs in one transaction.
void BM_RawMeasureInserts(benchmark::State& state) {
  auto& f = F();
  for (auto _ : state) {
    state.PauseTiming();
    fs::path file = f.dir / "raw.db";
    fs::remove(file);
    auto store = FreshStore(file);
    fk::MeasureType type = CloseContact(*store);
    store.reset();
    sqlite3* db = nullptr;
    sqlite3_open(file.string().c_str(), &db);
    // No people in this file: the foreign keys are off, the only difference.
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF",
                 nullptr, nullptr, nullptr);
    fk::Date start = fk::Date::TodayBeijing();
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* m = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO measures(person_id, type_code, region_code, start_day, "
                       "end_day, source, reason, assigned_by, assigned_at) VALUES (?1, "
                       "'close_contact_central', '341881001001', ?2, ?3, 'contact', '', 1, 0)",
                       -1, &m, nullptr);
    std::string first = start.Iso(), last = start.AddDays(type.days - 1).Iso();
    for (int64_t person : f.people) {
      sqlite3_bind_int64(m, 1, person);
      sqlite3_bind_text(m, 2, first.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(m, 3, last.c_str(), -1, SQLITE_STATIC);
      if (sqlite3_step(m) != SQLITE_DONE) state.SkipWithError("insert failed");
      sqlite3_reset(m);
    }
    sqlite3_finalize(m);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  state.counters["people"] = static_cast<double>(f.people.size());
}
BENCHMARK(BM_RawMeasureInserts)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_AssignManyWithTasks(benchmark::State& state) {
  auto& f = F();
  fk::RegistryService registry(*f.store->regions, *f.store->persons, *f.store->organisations);
  fk::MeasureService measures(registry, *f.store->measures, *f.store->db);
  fk::User admin{1, "admin", "admin", fk::Role::kCountyAdmin, "341881", 0, true};
  int64_t tasks = 0;
  for (auto _ : state) {
    fk::AssignManyInput in;
    in.person_ids = f.people;
    in.type = "close_contact_central";
    in.source = "contact";
    auto done = measures.AssignMany(admin, in, fk::NowUnixSeconds());
    if (!done) state.SkipWithError(done.error().message.c_str());
    if (done && done->assigned != static_cast<int64_t>(f.people.size()))
      state.SkipWithError("not everyone was assigned");
    if (done) tasks = done->tasks;
  }
  state.counters["people"] = static_cast<double>(f.people.size());
  state.counters["tasks"] = static_cast<double>(tasks);
}
BENCHMARK(BM_AssignManyWithTasks)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
