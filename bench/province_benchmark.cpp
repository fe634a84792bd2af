// Campaign figures at province scale (SQLite): a progress request for a
// unit of each level on a day, read from the maintained figures (target:
// under 100 ms, and at least 50 times faster than the baseline), against
// the baseline in the same run: the same unit's figures by SQL GROUP BY
// over the dose and person tables. And the daily snapshot: every running
// campaign of the province frozen for one day (target: under 10 s).
//
// FANGKONG_BENCH_STORE names a data directory. When it holds no province
// yet, one is built first (about 85 minutes per 10,000,000 people on the
// 2-core machine, resumed where it stopped when run again): every
// county of Anhui (34) generated as the demo generates one county, with
// its 2021-2022 dose history, FANGKONG_BENCH_PEOPLE people in all
// (default 10,000,000), then every vaccination state and figure rebuilt
// from the dose records. A campaign of every resident runs for the
// province and for each county.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "campaign/campaign_service.h"
#include "campaign/daily_report.h"
#include "demo/demo.h"
#include "registry/service.h"
#include "store/storage.h"
#include "vaccination/vaccination_state_rebuild.h"

namespace fk = fangkong;

namespace {

const std::string kProvince = "34";
const fk::Date kDay = *fk::Date::Parse("2021-06-15");

std::vector<std::string> CountiesOf(const std::string& province) {
  std::ifstream in(std::string(FANGKONG_REGION_DATA) + "/areas.csv");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(province, 0) == 0) out.push_back(line.substr(0, 6));
  return out;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void Check(const fk::Status& s, const char* what) {
  if (!s) throw std::runtime_error(std::string(what) + ": " + s.error().message);
}

bool HasPeople(fk::Storage& store, const std::string& region) {
  fk::PersonFilter f;
  f.region = region;
  f.limit = 1;
  f.with_total = false;
  auto page = store.persons->Search(f);
  if (!page) throw std::runtime_error(page.error().message);
  return !page->items.empty();
}

// The build is long (hours at 10,000,000 people on 2 cores), so it resumes:
// `progress` lists each county once it is built, then "folded <place> <id>"
// after each fold of the rebuild of states and figures, then "states" once
// it is done. A county cut off half-way is kept as it is (its people are
// fewer), since generating it again would collide with the people it
// already has. FANGKONG_BENCH_BUILD_MINUTES stops the build at the first
// fold past that time, to be resumed by running the benchmark again.
struct BuildLog {
  std::set<std::string> lines;
  fk::RebuildMark folded;  // the last fold written
  std::ofstream out;

  explicit BuildLog(const std::string& path) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      lines.insert(line);
      std::istringstream words(line);
      std::string word;
      if (words >> word && word == "folded") words >> folded.region_code >> folded.person_id;
    }
    out.open(path, std::ios::app);
  }
};

void BuildCounties(fk::Storage& store, int64_t people, BuildLog& log) {
  auto counties = CountiesOf(kProvince);
  auto started = std::chrono::steady_clock::now();
  for (size_t i = 0; i < counties.size(); ++i) {
    if (log.lines.count(counties[i])) continue;
    if (HasPeople(store, counties[i])) {
      std::cerr << "[province] " << counties[i] << " was cut off half-way; kept as it is\n";
    } else {
      fk::DemoOptions opt;
      opt.county = counties[i];
      opt.seed = 20210401 + i;
      opt.population = people / static_cast<int64_t>(counties.size());
      opt.region_data_dir = FANGKONG_REGION_DATA;
      // No state or figures per county: one rebuild at the end.
      auto s = fk::BuildDemoCounty(
          opt,
          fk::DemoRepositories{*store.regions, *store.persons, *store.organisations, *store.users,
                               store.vaccination.get(), store.cold_chain.get(), store.aefi.get(),
                               store.mobilisation.get(), nullptr, nullptr, nullptr},
          [](int64_t, int64_t, const std::string&) {});
      if (!s) throw std::runtime_error(counties[i] + ": " + s.error().message);
      std::cerr << "[province] " << counties[i] << " " << i + 1 << "/" << counties.size() << ": "
                << s->persons << " people, " << s->doses << " doses, " << Seconds(started)
                << " s\n";
    }
    log.out << counties[i] << std::endl;
  }
}

// False when stopped by the time budget.
bool RebuildStates(fk::Storage& store, BuildLog& log,
                   std::chrono::steady_clock::time_point deadline) {
  if (log.lines.count("states")) return true;
  auto started = std::chrono::steady_clock::now();
  bool stopped = false;
  fk::ResumableRebuild how;
  how.from = log.folded;
  how.folded = [&](const fk::RebuildMark& m) {
    log.out << "folded " << m.region_code << " " << m.person_id << std::endl;
    stopped = std::chrono::steady_clock::now() > deadline;
    return !stopped;
  };
  how.progress = [&](int64_t n) {
    if (n % 500000 < how.page)
      std::cerr << "[province] states " << n << " more people, " << Seconds(started) << " s\n";
  };
  auto rebuilt = fk::RebuildVaccinationStatesFrom(fk::Catalogue::Default(), *store.persons,
                                                  *store.organisations, *store.mobilisation,
                                                  *store.vaccination_state, *store.figures, how);
  if (!rebuilt) throw std::runtime_error(rebuilt.error().message);
  if (stopped) return false;
  log.out << "states" << std::endl;
  std::cerr << "[province] states rebuilt in " << Seconds(started) << " s\n";
  return true;
}

// False when the build stopped for its time budget.
bool BuildProvince(fk::Storage& store, int64_t people, const std::string& progress) {
  const char* minutes = std::getenv("FANGKONG_BENCH_BUILD_MINUTES");
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::minutes(minutes ? std::atoll(minutes) : 100000);
  BuildLog log(progress);
  BuildCounties(store, people, log);
  return RebuildStates(store, log, deadline);
}

// Figures that cost nothing: each asked is 0.
class NoFigures final : public fk::FigureRepository {
 public:
  fk::Status Append(const std::vector<fk::FigureChange>&) override { return {}; }
  fk::Result<int64_t> Fold() override { return 0; }
  fk::Result<std::vector<int64_t>> AsOfEach(const std::vector<fk::FigureAsOf>& asked) override {
    return std::vector<int64_t>(asked.size(), 0);
  }
  fk::Status Clear() override { return {}; }
  fk::Status DiscardWaiting() override { return {}; }
};

struct Fixture {
  std::unique_ptr<fk::Storage> store;
  std::unique_ptr<fk::RegistryService> registry;
  std::unique_ptr<fk::CampaignService> campaigns;
  // The same service with no stored figures (every figure 0): the floor.
  std::unique_ptr<fk::FigureRepository> no_figures;
  std::unique_ptr<fk::CampaignService> campaigns_without_figures;
  std::unique_ptr<fk::DailyReports> reports;
  fk::User province{1, "province", "省级管理员", fk::Role::kCountyAdmin, kProvince, 0, true};
  int64_t campaign = 0;
  // A unit of each level under the province: a city, a county, a township.
  std::vector<std::string> units;

  Fixture() {
    const char* dir = std::getenv("FANGKONG_BENCH_STORE");
    if (!dir) throw std::runtime_error("set FANGKONG_BENCH_STORE to a data directory");
    std::filesystem::create_directories(dir);
    store = std::make_unique<fk::Storage>(
        fk::db::OpenSqlite(std::string(dir) + "/fangkong.db", fk::db::Durability::kProcessCrash));
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    // A migration may leave changes waiting (0047, 0048: the figures of the
    // states and doses already kept), which the server folds within seconds
    // of starting. Reads in the run that folded them were slow (a province's
    // coverage 2-5 s, 0.11 s in the next run), so measure in a second run.
    if (!store->figures->Fold()) throw std::runtime_error("fold failed");
    // A store with people and no progress file was built whole before
    // the build could resume.
    std::string progress = std::string(dir) + "/built.txt";
    if (std::filesystem::exists(progress) || !HasPeople(*store, "")) {
      const char* n = std::getenv("FANGKONG_BENCH_PEOPLE");
      if (!BuildProvince(*store, n ? std::atoll(n) : 10000000, progress)) {
        std::cerr << "[province] stopped for FANGKONG_BENCH_BUILD_MINUTES; run again to resume\n";
        std::exit(0);
      }
    }
    registry = std::make_unique<fk::RegistryService>(*store->regions, *store->persons,
                                                     *store->organisations);
    Check(registry->ReloadRegions(), "regions");
    campaigns = std::make_unique<fk::CampaignService>(fk::Catalogue::Default(), *registry,
                                                      *store->regions, *store->campaigns,
                                                      *store->figures, *store->vaccination);
    reports = std::make_unique<fk::DailyReports>(*campaigns, *store->campaigns);
    no_figures = std::make_unique<NoFigures>();
    campaigns_without_figures =
        std::make_unique<fk::CampaignService>(fk::Catalogue::Default(), *registry, *store->regions,
                                              *store->campaigns, *no_figures, *store->vaccination);
    campaign = EnsureCampaigns();
    std::string at = kProvince;
    for (int level = 0; level < 3; ++level) {
      auto children = store->regions->Children(at);
      if (!children || children->empty()) throw std::runtime_error("no children of " + at);
      at = (*children)[children->size() / 2].code;
      units.push_back(at);
    }
  }

  // One campaign of every resident for the province and one per county,
  // April to June 2021, 40% of residents; the province's id.
  int64_t EnsureCampaigns() {
    auto all = store->campaigns->All();
    if (!all) throw std::runtime_error(all.error().message);
    for (const auto& c : *all)
      if (c.region_code == kProvince) return c.id;
    std::vector<std::string> regions = CountiesOf(kProvince);
    regions.insert(regions.begin(), kProvince);
    int64_t id = 0;
    for (const auto& code : regions) {
      fk::CampaignInput in;
      in.name = "新冠疫苗接种（" + code + "）";
      in.disease = "covid19";
      in.region_code = code;
      fk::PhaseInput p;
      p.name = "第一步";
      p.start = "2021-04-01";
      p.end = "2021-06-30";
      p.dose = "first";
      p.target_kind = "share_of_residents";
      p.target = "40";
      in.phases.push_back(p);
      auto made = campaigns->Create(province, in, 0);
      if (!made) throw std::runtime_error(code + ": " + made.error().message);
      if (code == kProvince) id = made->id;
    }
    return id;
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

const char* kLevels[] = {"province", "city", "county", "township"};
std::string UnitAt(int level) { return level == 0 ? kProvince : F().units[level - 1]; }

// Runs `ask(unit, day)` for the unit of the benchmark's level, a day of the
// two months before kDay each time; `ask` returns a Result.
template <typename Ask>
void AskUnit(benchmark::State& state, Ask&& ask) {
  std::string unit = UnitAt(static_cast<int>(state.range(0)));
  int day = 0;
  for (auto _ : state) {
    auto answer = ask(unit, kDay.AddDays(-(day++ % 60)));
    if (!answer) state.SkipWithError(answer.error().message.c_str());
    benchmark::DoNotOptimize(answer);
  }
  state.SetLabel(std::string(kLevels[state.range(0)]) + " " + unit);
}

// The product: the progress of a unit's children on a day, from the figures.
void BM_Progress(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date day) {
    return F().campaigns->Progress(F().province, F().campaign, unit, day, 0);
  });
}

// The floor: the same request with figures that cost nothing, so what is
// left is the campaign, its plan, the region tree and the arithmetic. The
// product can be no faster than this, however its figures are stored.
void BM_ProgressFloor(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date day) {
    return F().campaigns_without_figures->Progress(F().province, F().campaign, unit, day, 0);
  });
}

// The same request by the department tree (行业主管部门): employees by
// their employer's industry, a county or more from the industry sums
// (0049-0050), a township counted.
void BM_DepartmentProgress(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date day) {
    return F().campaigns->DepartmentProgress(F().province, F().campaign, unit, day, 0);
  });
}

// Its baseline: the employees and their states counted for the unit, as
// the card read them for any unit before 0049.
void BM_DepartmentCounted(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date day) {
    return F().store->campaigns->CountedEmployeesByIndustry("covid19", unit, day, day.AddDays(-7));
  });
}

// Coverage by age band of a unit on a day (the progress map's card): five
// bands, residents and those with a first dose, the series and a booster.
void BM_CoverageByAgeBand(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date day) {
    return F().store->coverage->ByAgeBand(unit, "covid19", day);
  });
}

// Its baseline: the same counts from every person of the unit, as the
// card read them for any unit before the cohorts (0046).
void BM_CoverageCounted(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date day) {
    return F().store->coverage->CountedByAgeBand(unit, "covid19", day);
  });
}

// The adverse-event rates' doses per product of a unit (the safety card):
// a county or more from the product figures (0048).
void BM_AefiRates(benchmark::State& state) {
  std::vector<std::string> products;
  for (const auto& p : fk::Catalogue::Default().products()) products.push_back(p.code);
  AskUnit(state, [&](const std::string& unit, fk::Date) {
    return F().store->aefi->AefiRates(unit, false, products);
  });
}

// Its baseline: the doses counted per product, as before 0048.
FK_SQL(kDosesByProductBaseline,
       "SELECT product, COUNT(*) FROM dose_records WHERE region_code >= $1 AND region_code < $2 "
       "GROUP BY product");
void BM_AefiDosesCounted(benchmark::State& state) {
  AskUnit(state, [](const std::string& unit, fk::Date) {
    return fk::db::All(
        *F().store->db, kDosesByProductBaseline, [](const fk::db::Row& r) { return r.Int(1); },
        unit, unit + ":");
  });
}

// The baseline: people with a first dose, doses to date and the day's doses
// of each child unit, by GROUP BY over the person and dose tables (three of
// the product's figures: the baseline does less than the product).
FK_SQL(kGroupByBaseline,
       "SELECT substr(p.region_code, 1, $3) AS unit, "
       "COUNT(DISTINCT CASE WHEN p.residency IN ('usual', 'floating') THEN p.id END), "
       "COUNT(*), SUM(CASE WHEN d.given_on = $4 THEN 1 ELSE 0 END) "
       "FROM persons p JOIN dose_records d ON d.person_id = p.id "
       "WHERE p.region_code >= $1 AND p.region_code < $2 AND d.given_on <= $4 AND d.product IN "
       "('BBIBP-CorV', 'WIBP', 'CoronaVac', 'KCONVAC', 'Ad5-nCoV', 'ZF2001') GROUP BY unit");

void BM_GroupByBaseline(benchmark::State& state) {
  auto& f = F();
  int level = static_cast<int>(state.range(0));
  std::string unit = UnitAt(level);
  const int child_length[] = {4, 6, 9, 12};
  int day = 0;
  size_t units = 0;
  for (auto _ : state) {
    auto rows = fk::db::All(
        *f.store->db, kGroupByBaseline,
        [](const fk::db::Row& r) { return std::tuple(r.Text(0), r.Int(1), r.Int(2), r.Int(3)); },
        unit, unit + "~", child_length[level], kDay.AddDays(-(day++ % 60)).Iso());
    if (!rows) state.SkipWithError(rows.error().message.c_str());
    units = rows ? rows->size() : 0;
    benchmark::DoNotOptimize(rows);
  }
  state.SetLabel(std::string(kLevels[level]) + " " + unit + ", " + std::to_string(units) +
                 " units");
}

// The daily snapshot: every running campaign of the province frozen for a
// day (a new day each iteration, so each freezes).
void BM_DailySnapshot(benchmark::State& state) {
  auto& f = F();
  int day = 0;
  int frozen = 0;
  for (auto _ : state) {
    auto n = f.reports->FreezeDue(fk::Date::Parse("2021-04-01")->AddDays(day++), 0);
    if (!n) state.SkipWithError(n.error().message.c_str());
    frozen = n ? *n : 0;
  }
  state.SetLabel(std::to_string(frozen) + " campaigns frozen");
}

}  // namespace

BENCHMARK(BM_Progress)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_ProgressFloor)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_DepartmentProgress)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->MinTime(1);
BENCHMARK(BM_DepartmentCounted)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CoverageByAgeBand)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CoverageCounted)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_AefiRates)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_AefiDosesCounted)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_GroupByBaseline)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_DailySnapshot)->Unit(benchmark::kMillisecond)->Iterations(3);
// The store is opened (built, migrated and folded when need be) before the
// first benchmark: set up inside it, it would count in that benchmark's
// first trial, which is the one reported when it takes longer than the
// minimum time (a 12 s "progress" after a migration's fold).
int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  F();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
