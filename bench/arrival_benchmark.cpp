// Matching a pushed list of arrivals on SQLite, against a baseline in the
// same run:
//  - a registry of FANGKONG_BENCH_PEOPLE people (default 10,000,000) with
//    names drawn like the demo's (a surname and one or two given-name
//    characters), distinct phones and valid identity numbers; built once,
//    kept in FANGKONG_BENCH_DIR when set (it takes minutes);
//  - a pushed list of FANGKONG_BENCH_ROWS rows (default 100,000), 5% of them
//    with the errors lists have: the identity number missing or with a wrong
//    check digit, the name written by sound, phone digits swapped or wrong;
//  - BM_PushedListMatched: the list through ArrivalImports, as an upload
//    runs (rows matched by identity number, else blocked on phone and name
//    sound and linked, folded per journey, dispatched, 5,000 a batch)
//    (target: under 5 s for 100,000 against 10,000,000); it reports the
//    precision and recall of the linkage on the erroneous rows, and how
//    often the true person is among the candidates left to choose;
//  - BM_FindByIdAndWrite (the baseline): the same rows found by identity
//    number alone and written as arrivals with their reports, batch by
//    batch, with no linkage and no folding.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "arrivals/arrival_imports.h"
#include "core/id_number.h"
#include "demo/demo_arrivals.h"
#include "registry/service.h"
#include "store/storage.h"

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoll(v) : fallback;
}

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
                                 "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};

uint64_t Mix(uint64_t x) {  // splitmix64: the same people on every run
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Person i of the registry, the same on every run.
fk::Person PersonNo(int64_t i, const std::vector<std::string>& given) {
  fk::Person p;
  fk::Date born = fk::Date::FromYmd(1940, 1, 1)->AddDays(static_cast<int>(i % 27000));
  std::string iso = born.Iso();
  char seq[8];
  std::snprintf(seq, sizeof seq, "%03d", static_cast<int>(i / 27000 % 1000));
  std::string id17 = "341881" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + seq;
  p.doc_number = id17 + fk::IdentityCheckCharacter(id17);
  uint64_t h = Mix(static_cast<uint64_t>(i));
  p.name = std::string(kSurnames[h % 30]) + given[(h >> 8) % given.size()];
  if ((h >> 16) % 4 != 0) p.name += given[(h >> 24) % given.size()];
  // A bijection of i onto ten digits: every phone distinct.
  p.phone = "1" + std::to_string(1000000000 + (i * 7919 + 12345) % 9000000000);
  p.birth_date = born;
  p.sex = i % 2 ? fk::Sex::kMale : fk::Sex::kFemale;
  char village[16];
  std::snprintf(village, sizeof village, "341881%03d%03d", static_cast<int>(1 + i % 20),
                static_cast<int>(1 + i / 20 % 20));
  p.region_code = village;
  return p;
}

struct PushedRow {
  std::vector<std::string> cells;  // 姓名, 身份证号, 手机号, 抵达日期
  int64_t truth = 0;               // the registry index of the person
  bool erroneous = false;
};

// A row for person `i`, with one of the usual errors when `erroneous`.
PushedRow RowOf(const fk::Person& p, int64_t i, bool erroneous, const std::string& day) {
  PushedRow r{{p.name, p.doc_number, p.phone, day}, i, erroneous};
  if (!erroneous) return r;
  std::string& name = r.cells[0];
  std::string& id = r.cells[1];
  std::string& phone = r.cells[2];
  switch (Mix(static_cast<uint64_t>(i) ^ 0xE77) % 5) {
    case 0:
      id.clear();
      name = fk::WrittenBySound(name);
      break;  // by sound
    case 1:
      id[17] = id[17] == '0' ? '1' : '0';
      name = fk::WrittenBySound(name);
      break;  // check digit
    case 2:
      id.clear();
      std::swap(phone[4], phone[5]);
      break;  // swapped
    case 3:
      id.clear();
      phone[7] = phone[7] == '9' ? '0' : static_cast<char>(phone[7] + 1);
      break;
    default:
      id.clear();
      name = fk::WrittenBySound(name);
      std::swap(phone[8], phone[9]);
      break;
  }
  return r;
}

FK_SQL(kClearCandidates, "DELETE FROM arrival_candidates");
FK_SQL(kClearReports, "DELETE FROM arrival_reports");
FK_SQL(kClearArrivals, "DELETE FROM arrivals");
FK_SQL(kClearImports, "DELETE FROM arrival_imports");

struct Fixture {
  bool kept = std::getenv("FANGKONG_BENCH_DIR") != nullptr;
  fs::path dir =
      kept ? fs::path(std::getenv("FANGKONG_BENCH_DIR"))
           : fs::temp_directory_path() / ("fangkong-arrival-bench-" + std::to_string(::getpid()));
  std::unique_ptr<fk::Storage> store;
  std::vector<PushedRow> rows;
  std::vector<std::string> ids;  // registry index -> identity number, for the rows' people

  Fixture() {
    int64_t people = EnvInt("FANGKONG_BENCH_PEOPLE", 10000000);
    int64_t list = EnvInt("FANGKONG_BENCH_ROWS", 100000);
    auto given = fk::CharactersWrittenBySound();
    fs::create_directories(dir);
    fs::path file = dir / ("registry-" + std::to_string(people) + ".db");
    bool fresh = !fs::exists(file);
    store = std::make_unique<fk::Storage>(fk::db::OpenSqlite(file.string()));
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    if (fresh) {
      auto t0 = std::chrono::steady_clock::now();
      std::vector<fk::Person> batch;
      for (int64_t i = 0; i < people; ++i) {
        batch.push_back(PersonNo(i, given));
        if (batch.size() == 50000 || i + 1 == people) {
          if (!store->persons->UpsertBatch(batch)) throw std::runtime_error("people failed");
          batch.clear();
        }
      }
      std::fprintf(stderr, "registry of %lld people built in %.0f s\n",
                   static_cast<long long>(people),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::string day = fk::Date::TodayBeijing().Iso();
    for (int64_t k = 0; k < list; ++k) {
      // Distinct people: k -> k * an odd prime (not 5) modulo the registry is one to one.
      int64_t i = static_cast<int64_t>((static_cast<uint64_t>(k) * 2654435761ULL + 977) %
                                       static_cast<uint64_t>(people));
      rows.push_back(RowOf(PersonNo(i, given), i, k % 20 == 3, day));
    }
  }
  ~Fixture() {
    store.reset();
    if (!kept) fs::remove_all(dir);
  }

  void ClearArrivals() {
    auto cleared = store->db->Write([](fk::db::Connection& c) -> fk::Status {
      for (const auto* sql : {&kClearCandidates, &kClearReports, &kClearArrivals, &kClearImports}) {
        if (auto r = fk::db::Exec(c, *sql); !r) return fk::Fail(r.error());
      }
      return {};
    });
    if (!cleared) throw std::runtime_error(cleared.error().message);
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

const fk::User kProvince{1, "bench", "bench", fk::Role::kCountyAdmin, "34", 0, true};

void BM_FindByIdAndWrite(benchmark::State& state) {
  auto& f = F();
  for (auto _ : state) {
    state.PauseTiming();
    f.ClearArrivals();
    state.ResumeTiming();
    int64_t now = fk::NowUnixSeconds();
    for (size_t at = 0; at < f.rows.size(); at += fk::ArrivalImports::kBatchRows) {
      size_t end = std::min(f.rows.size(), at + fk::ArrivalImports::kBatchRows);
      std::vector<std::string> numbers;
      for (size_t k = at; k < end; ++k) numbers.push_back(f.rows[k].cells[1]);
      auto found = f.store->arrivals->PeopleByIdNumbers(numbers);
      if (!found) state.SkipWithError(found.error().message.c_str());
      std::unordered_map<std::string, int64_t> person;
      for (const auto& p : *found) person[p.id_number] = p.person.person_id;
      std::vector<fk::Arrival> arrivals;
      std::vector<fk::ArrivalReport> reports;
      for (size_t k = at; k < end; ++k) {
        fk::ArrivalReport r;
        r.name = f.rows[k].cells[0];
        r.id_number = f.rows[k].cells[1];
        r.phone = f.rows[k].cells[2];
        r.reported_at = now;
        r.arrival_date = fk::Date::TodayBeijing();
        r.arrival_id = static_cast<int64_t>(arrivals.size());
        fk::Arrival a = fk::NewArrival(r, fk::kDefaultDeadlineHours);
        a.person_id = person.count(r.id_number) ? person[r.id_number] : 0;
        a.region_code = "34";
        arrivals.push_back(std::move(a));
        reports.push_back(std::move(r));
      }
      if (!f.store->arrivals->SaveArrivals(arrivals, reports, {}))
        state.SkipWithError("writing failed");
    }
  }
  state.counters["rows"] = static_cast<double>(f.rows.size());
}
BENCHMARK(BM_FindByIdAndWrite)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

// The linkage's quality on the erroneous rows, read back from the store.
void CountQuality(benchmark::State& state, Fixture& f) {
  auto all = f.store->arrivals->Arrivals(fk::ArrivalFilter{"34", std::nullopt, std::nullopt});
  if (!all) return state.SkipWithError(all.error().message.c_str());
  std::unordered_map<std::string, const fk::Arrival*> by_number;  // the person's own number
  for (const auto& a : *all) by_number[a.id_number] = &a;
  auto people = f.store->arrivals->PeopleByIdNumbers([&] {
    std::vector<std::string> v;
    for (const auto& r : f.rows)
      v.push_back(PersonNo(r.truth, fk::CharactersWrittenBySound()).doc_number);
    return v;
  }());
  if (!people) return state.SkipWithError(people.error().message.c_str());
  std::unordered_map<std::string, int64_t> id_of;
  for (const auto& p : *people) id_of[p.id_number] = p.person.person_id;
  int64_t erroneous = 0, linked = 0, right = 0, uncertain = 0, among = 0;
  auto given = fk::CharactersWrittenBySound();
  // Each arrival of a linked or uncertain row, by the row's phone as pushed.
  std::unordered_map<std::string, const fk::Arrival*> by_phone;
  for (const auto& a : *all) by_phone[a.phone] = &a;
  for (const auto& r : f.rows) {
    if (!r.erroneous) continue;
    ++erroneous;
    const fk::Arrival* a = nullptr;
    if (!r.cells[1].empty() && by_number.count(r.cells[1])) a = by_number[r.cells[1]];
    if (!a && by_phone.count(r.cells[2])) a = by_phone[r.cells[2]];
    if (!a) continue;
    int64_t truth = id_of[PersonNo(r.truth, given).doc_number];
    if (a->match == fk::MatchKind::kLinked) {
      ++linked;
      right += a->person_id == truth;
    } else if (a->match == fk::MatchKind::kUncertain) {
      ++uncertain;
      auto c = f.store->arrivals->CandidatesOf(a->id);
      if (c)
        for (const auto& x : *c) among += x.person_id == truth;
    }
  }
  state.counters["erroneous_rows"] = static_cast<double>(erroneous);
  state.counters["linked"] = static_cast<double>(linked);
  state.counters["precision"] = linked ? static_cast<double>(right) / linked : 0;
  state.counters["recall"] = erroneous ? static_cast<double>(right) / erroneous : 0;
  state.counters["to_choose"] = static_cast<double>(uncertain);
  state.counters["truth_among_candidates"] = uncertain ? static_cast<double>(among) / uncertain : 0;
}

void BM_PushedListMatched(benchmark::State& state) {
  auto& f = F();
  fk::RegistryService registry(*f.store->regions, *f.store->persons, *f.store->organisations);
  fk::MeasureService measures(registry, *f.store->measures, *f.store->db);
  fk::ArrivalService service(*f.store->arrivals, *f.store->regions, measures, *f.store->db);
  fk::ArrivalImports imports(service, *f.store->arrivals);
  for (auto _ : state) {
    state.PauseTiming();
    f.ClearArrivals();
    auto at = std::make_shared<size_t>(0);
    const auto* rows = &f.rows;
    fk::RowSource source = [rows, at](int64_t& line, std::vector<std::string>& cells) {
      if (*at >= rows->size()) return false;
      cells = (*rows)[(*at)++].cells;
      line = static_cast<int64_t>(*at) + 1;
      return true;
    };
    state.ResumeTiming();
    auto job = imports.Start(kProvince, {"pushed.csv", "bench", fk::kDefaultDeadlineHours},
                             {"姓名", "身份证号", "手机号", "抵达日期"}, source,
                             static_cast<int64_t>(rows->size()), fk::NowUnixSeconds());
    if (!job) return state.SkipWithError(job.error().message.c_str());
    imports.WaitAll();
    state.PauseTiming();
    auto done = f.store->arrivals->FindImport(job->id);
    if (!done || !*done || (*done)->state != "done") state.SkipWithError("the list failed");
    state.ResumeTiming();
  }
  CountQuality(state, f);
  state.counters["rows"] = static_cast<double>(f.rows.size());
}
BENCHMARK(BM_PushedListMatched)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
