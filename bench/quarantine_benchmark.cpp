// Quarantine rooms under contention, against a baseline in the same run, on
// SQLite (or PostgreSQL when FANGKONG_BENCH_PG holds its URL):
//  - BM_LastBedsUnderContention: a site of 60 one-bed rooms with 10 taken;
//    200 threads ask QuarantineService::Assign for a bed at once (the first
//    room with one). Exactly 50 get one and no room ever holds more than its
//    beds (counters: assigned, refused, over_capacity, which must be 0);
//  - BM_BedsOneAfterAnother (the baseline): 50 assignments, one at a time,
//    into a site of 50 free one-bed rooms: the same work without waiting.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "core/id_number.h"
#include "quarantine/quarantine_service.h"
#include "store/storage.h"

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

constexpr int kAsking = 200, kFreeBeds = 50, kTaken = 10;
const fk::User kAdmin{1, "bench", "bench", fk::Role::kCountyAdmin, "341881", 0, true};

struct Fixture {
  fs::path dir =
      fs::temp_directory_path() / ("fangkong-quarantine-bench-" + std::to_string(::getpid()));
  std::unique_ptr<fk::Storage> store;
  std::unique_ptr<fk::RegistryService> registry;
  std::unique_ptr<fk::QuarantineService> quarantine;
  std::vector<int64_t> people;
  int sites = 0;

  Fixture() {
    const char* pg = std::getenv("FANGKONG_BENCH_PG");
    fs::create_directories(dir);
    store = fk::OpenStorage(pg ? std::string(pg) : (dir / "bench.db").string());
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    if (!store->regions->UpsertRegions({{"34", "安徽省", "", 1},
                                        {"3418", "宣城市", "34", 2},
                                        {"341881", "宁国市", "3418", 3},
                                        {"341881001", "西津街道", "341881", 4},
                                        {"341881001001", "西津社区", "341881001", 5}}))
      throw std::runtime_error("regions failed");
    registry = std::make_unique<fk::RegistryService>(*store->regions, *store->persons,
                                                     *store->organisations);
    if (!registry->ReloadRegions()) throw std::runtime_error("regions unreadable");
    quarantine = std::make_unique<fk::QuarantineService>(*registry, *store->quarantine);
    // Fresh numbers on a kept PostgreSQL: each second of the clock its own
    // 1,600 numbers (runs a second apart never share one; before, numbers
    // drawn from 28,000 collided after a few runs and set-up failed).
    int64_t base = fk::NowUnixSeconds() % 10000 * (kAsking * 8);
    for (int i = 0; i < kAsking * 8; ++i) {
      fk::Person p;
      int64_t n = base + i;
      fk::Date born = fk::Date::FromYmd(1940, 1, 1)->AddDays(static_cast<int>(n / 1000));
      std::string iso = born.Iso();
      char seq[8];
      std::snprintf(seq, sizeof seq, "%03d", static_cast<int>(n % 1000));
      std::string id17 = "341881" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + seq;
      p.doc_number = id17 + fk::IdentityCheckCharacter(id17);
      p.name = "隔离床位" + std::to_string(i);
      p.sex = fk::Sex::kMale;
      p.birth_date = born;
      p.region_code = "341881001001";
      auto id = store->persons->Insert(p);
      if (id) people.push_back(*id);
    }
    if (people.size() < static_cast<size_t>(kAsking * 4)) throw std::runtime_error("people failed");
  }
  ~Fixture() { fs::remove_all(dir); }

  // A new site of `rooms` one-bed rooms, `taken` of them occupied.
  int64_t Site(int rooms, int taken) {
    fk::QuarantineSite s;
    s.name = "压力测试隔离点" + std::to_string(++sites) + "-" + std::to_string(::getpid());
    s.region_code = "341881";
    auto site = quarantine->AddSite(kAdmin, s);
    if (!site) throw std::runtime_error(site.error().message);
    if (!quarantine->AddBuilding(kAdmin, site->id, "1号楼", 1, rooms, 1))
      throw std::runtime_error("rooms failed");
    for (int i = 0; i < taken; ++i) Assign(site->id, NextPerson());
    return site->id;
  }

  int64_t NextPerson() { return people[next++ % people.size()]; }

  fk::Result<fk::RoomAssignment> Assign(int64_t site, int64_t person) {
    fk::AssignBedInput in;
    in.person_id = person;
    return quarantine->Assign(kAdmin, site, in, fk::NowUnixSeconds());
  }

  // Stays beyond a room's beds (must be none).
  int OverCapacity(int64_t site) {
    auto stays = store->quarantine->AssignmentsOf(site);
    auto rooms = store->quarantine->RoomsOf(site);
    if (!stays || !rooms) return -1;
    std::map<int64_t, int> in;
    for (const auto& a : *stays) ++in[a.room_id];
    int over = 0;
    for (const auto& r : *rooms) over += std::max(0, in[r.id] - r.capacity);
    return over;
  }

  size_t next = 0;
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_BedsOneAfterAnother(benchmark::State& state) {
  auto& f = F();
  for (auto _ : state) {
    state.PauseTiming();
    int64_t site = f.Site(kFreeBeds, 0);
    std::vector<int64_t> who;
    for (int i = 0; i < kFreeBeds; ++i) who.push_back(f.NextPerson());
    state.ResumeTiming();
    for (int64_t p : who)
      if (!f.Assign(site, p)) state.SkipWithError("an assignment failed");
  }
  state.counters["assigned"] = kFreeBeds;
}
BENCHMARK(BM_BedsOneAfterAnother)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

void BM_LastBedsUnderContention(benchmark::State& state) {
  auto& f = F();
  int assigned = 0, refused = 0, other = 0, over = 0;
  for (auto _ : state) {
    state.PauseTiming();
    int64_t site = f.Site(kFreeBeds + kTaken, kTaken);
    std::vector<int64_t> who;
    for (int i = 0; i < kAsking; ++i) who.push_back(f.NextPerson());
    std::atomic<int> ok{0}, full{0}, wrong{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int64_t p : who)
      threads.emplace_back([&, p] {
        while (!go.load()) std::this_thread::yield();
        auto r = f.Assign(site, p);
        if (r) {
          ++ok;
        } else if (r.error().code == "room_full") {
          ++full;
        } else {
          ++wrong;
        }
      });
    state.ResumeTiming();
    go = true;
    for (auto& t : threads) t.join();
    state.PauseTiming();
    assigned = ok;
    refused = full;
    other = wrong;
    over = f.OverCapacity(site);
    if (assigned != kFreeBeds || over != 0) state.SkipWithError("beds given beyond the free ones");
    state.ResumeTiming();
  }
  state.counters["assigned"] = assigned;
  state.counters["refused"] = refused;
  state.counters["other_errors"] = other;
  state.counters["over_capacity"] = over;
}
BENCHMARK(BM_LastBedsUnderContention)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
