// Registry benchmarks, each against a baseline measured in the same run:
//   * CSV import of N people (default 1,000,000) end to end into SQLite, against
//     a raw prepared-statement insert of the same rows into the same schema;
//   * population counts for every node of the county tree (the maintained
//     summary table), against a GROUP BY over the person rows.
// The people come from the demo generator written as an import-template CSV.
// Set FANGKONG_BENCH_PEOPLE to change N. Run: build/bench/registry_benchmark
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/csv.h"
#include "demo/demo.h"
#include "registry/import.h"
#include "registry/service.h"
#include "store/rows.h"
#include "store/sqlite/sqlite_db.h"
#include "store/storage.h"

#ifndef FANGKONG_REGION_DATA
#define FANGKONG_REGION_DATA ""
#endif

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

constexpr const char* kCounty = "341881";

int64_t PeopleCount() {
  const char* env = std::getenv("FANGKONG_BENCH_PEOPLE");
  return env ? std::atoll(env) : 1'000'000;
}

fk::User CountyAdmin() {
  return fk::User{1, "admin", "bench", fk::Role::kCountyAdmin, kCounty, 0, true};
}

// The generated county: its regions, its people, and the same people as CSV.
struct Dataset {
  fs::path root;
  std::vector<fk::Region> regions;
  std::vector<fk::Person> people;
  fs::path csv_path;
  double raw_rows_per_s = 0;
  fs::path imported_db_dir;  // the store the import benchmark filled
};

Dataset& Data() {
  static Dataset* d = [] {
    auto* data = new Dataset;
    data->root = fs::temp_directory_path() / ("fangkong-bench-" + std::to_string(::getpid()));
    fs::create_directories(data->root);
    auto store = std::make_unique<fk::Storage>(fk::db::OpenSqlite((data->root / "source.db").string()));
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    fk::DemoOptions opt;
    opt.population = PeopleCount();
    opt.region_data_dir = FANGKONG_REGION_DATA;
    opt.people_sink = [data](const std::vector<fk::Person>& batch) -> fk::Status {
      data->people.insert(data->people.end(), batch.begin(), batch.end());
      return {};
    };
    auto summary = fk::BuildDemoCounty(opt, {*store->regions, *store->persons, *store->organisations, *store->users},
                                       [](int64_t, int64_t, const std::string&) {});
    if (!summary) throw std::runtime_error(summary.error().message);
    data->regions = store->regions->Subtree("").value();
    data->csv_path = data->root / "people.csv";
    std::string csv = fk::PersonTemplateHeaderCsv();
    for (const auto& p : data->people) fk::AppendPersonCsvRow(p, csv);
    std::ofstream(data->csv_path, std::ios::binary) << csv;
    std::cerr << "dataset: " << data->people.size() << " people, " << data->regions.size()
              << " regions, CSV " << csv.size() / (1 << 20) << " MiB\n";
    return data;
  }();
  return *d;
}

// A migrated store in a fresh directory holding the tree but no people.
fs::path FreshStoreDir(const std::string& name) {
  fs::path dir = Data().root / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = fk::OpenStorage(dir.string());
  if (!store->Migrate() || !store->regions->UpsertRegions(Data().regions)) {
    throw std::runtime_error("cannot prepare " + dir.string());
  }
  return dir;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Forwards to the store and adds up the time spent in batch writes, so the
// report can say how much of the import is the database.
class TimedPersons : public fk::PersonRepository {
 public:
  explicit TimedPersons(fk::PersonRepository& inner) : inner_(inner) {}
  fk::Result<std::optional<fk::Person>> FindById(int64_t id) override { return inner_.FindById(id); }
  fk::Result<std::optional<fk::Person>> FindByDocument(const std::string& d) override {
    return inner_.FindByDocument(d);
  }
  fk::Result<std::vector<fk::Person>> FindByDocuments(const std::vector<std::string>& d) override {
    auto start = std::chrono::steady_clock::now();
    auto r = inner_.FindByDocuments(d);
    lookup_seconds += Seconds(start);
    return r;
  }
  fk::Result<fk::PersonPage> Search(const fk::PersonFilter& f) override { return inner_.Search(f); }
  fk::Result<int64_t> Insert(const fk::Person& p) override { return inner_.Insert(p); }
  fk::Status Update(const fk::Person& p) override { return inner_.Update(p); }
  fk::Status RecountPopulation() override { return inner_.RecountPopulation(); }
  fk::Result<std::vector<fk::UpsertOutcome>> UpsertBatch(const std::vector<fk::Person>& people,
                                                         const std::string& scope) override {
    auto start = std::chrono::steady_clock::now();
    auto r = inner_.UpsertBatch(people, scope);
    write_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  }
  double write_seconds = 0, lookup_seconds = 0;

 private:
  fk::PersonRepository& inner_;
};

constexpr const char* kRawInsert =
    "INSERT INTO persons(doc_type, doc_number, name, sex, birth_date, phone, region_code, "
    "residency, household, employer_id, occupation, tags, content_hash, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

// Baseline: the already-parsed rows through one prepared INSERT, in
// transactions of the import's batch size, same schema and pragmas.
void BM_RawPreparedInsert(benchmark::State& state) {
  auto& data = Data();
  for (auto _ : state) {
    fs::path dir = FreshStoreDir("raw");
    fk::sqlite::Connection db((dir / "fangkong.db").string());
    // The baseline checkpoints every 64 MiB, as the store did in the writer.
    db.Exec("PRAGMA wal_autocheckpoint=16384");
    const size_t batch = std::getenv("XBATCH") ? std::atol(std::getenv("XBATCH")) : fk::kImportBatchRows;
    auto start = std::chrono::steady_clock::now();
    size_t i = 0;
    while (i < data.people.size()) {
      db.Exec("BEGIN");
      for (size_t end = std::min(i + batch, data.people.size()); i < end; ++i) {
        const fk::Person& p = data.people[i];
        auto s = db.Prepare(kRawInsert);
        s.Bind(1, fk::DocumentTypeCode(p.doc_type)).Bind(2, p.doc_number).Bind(3, p.name)
            .Bind(4, fk::SexCode(p.sex)).Bind(5, p.birth_date.Iso()).Bind(6, p.phone)
            .Bind(7, p.region_code).Bind(8, fk::ResidencyCode(p.residency)).Bind(9, p.household)
            .Bind(10, p.employer_id).Bind(11, p.occupation).Bind(12, fk::store::JoinTags(p.tags))
            .Bind(13, static_cast<int64_t>(p.ContentHash())).Bind(14, int64_t{0});
        if (s.Step() != SQLITE_DONE) throw std::runtime_error(db.LastError());
      }
      db.Exec("COMMIT");
    }
    double secs = Seconds(start);
    state.SetIterationTime(secs);
    data.raw_rows_per_s = static_cast<double>(data.people.size()) / secs;
  }
  state.counters["rows"] = static_cast<double>(data.people.size());
  state.counters["rows_per_s"] = data.raw_rows_per_s;
}

// The product path: read the file, decode, parse, validate every field,
// check jurisdiction, upsert in batches while maintaining population counts.
void BM_ImportCsv(benchmark::State& state) {
  auto& data = Data();
  double rate = 0;
  for (auto _ : state) {
    fs::path dir = FreshStoreDir("import");
    // FANGKONG_BENCH_SYNC=normal: SQLite's synchronous=NORMAL (the default is FULL).
    const char* sync = std::getenv("FANGKONG_BENCH_SYNC");
    auto store = fk::OpenStorage(dir.string(), sync && std::string(sync) == "normal"
                                                   ? fk::db::Durability::kProcessCrash
                                                   : fk::db::Durability::kPowerCut);
    fk::CachedRegionDirectory directory(*store->regions);
    if (!directory.Reload()) throw std::runtime_error("region reload failed");
    auto start = std::chrono::steady_clock::now();
    std::ifstream in(data.csv_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto text = fk::DecodeUpload(bytes, fk::TextEncoding::kAuto);
    if (!text) throw std::runtime_error(text.error().message);
    auto shared = std::make_shared<const std::string>(std::move(*text));
    auto rows = fk::CsvRowSource(shared);
    int64_t line = 0;
    std::vector<std::string> header;
    rows(line, header);
    TimedPersons timed(*store->persons);
    auto report = fk::ImportPersons(header, rows, CountyAdmin(), timed, directory, nullptr);
    double secs = Seconds(start);
    if (!report || report->inserted != static_cast<int64_t>(data.people.size())) {
      state.SkipWithError(report ? "not every row was inserted" : report.error().message.c_str());
      return;
    }
    state.SetIterationTime(secs);
    rate = static_cast<double>(data.people.size()) / secs;
    state.counters["write_s"] = timed.write_seconds;
    state.counters["lookup_s"] = timed.lookup_seconds;
    data.imported_db_dir = dir;
  }
  state.counters["rows"] = static_cast<double>(data.people.size());
  state.counters["rows_per_s"] = rate;
  if (data.raw_rows_per_s > 0) state.counters["vs_raw_insert"] = rate / data.raw_rows_per_s;
}

// Baseline: counting people per place straight from the person rows.
void BM_GroupByCountBaseline(benchmark::State& state) {
  auto& data = Data();
  if (data.imported_db_dir.empty()) return state.SkipWithError("run BM_ImportCsv first");
  fk::sqlite::Connection db((data.imported_db_dir / "fangkong.db").string());
  int64_t places = 0;
  for (auto _ : state) {
    static constexpr const char* kGroupBy =
        "SELECT region_code, COUNT(*), SUM(sex = 'M'), SUM(residency = 'floating') FROM persons "
        "WHERE region_code >= '341881' AND region_code < '341881:' GROUP BY region_code";
    auto s = db.Prepare(kGroupBy);
    places = 0;
    while (s.Step() == SQLITE_ROW) ++places;
    benchmark::DoNotOptimize(places);
  }
  state.counters["places"] = static_cast<double>(places);
}

// Every node of the county tree with its rolled-up counts, as the region page asks.
void BM_SubtreeCountsEveryNode(benchmark::State& state) {
  auto& data = Data();
  if (data.imported_db_dir.empty()) return state.SkipWithError("run BM_ImportCsv first");
  auto store = fk::OpenStorage(data.imported_db_dir.string());
  fk::RegistryService service(*store->regions, *store->persons, *store->organisations);
  size_t nodes = 0;
  int64_t total = 0;
  for (auto _ : state) {
    auto counts = service.SubtreeCounts(CountyAdmin(), kCounty);
    if (!counts) return state.SkipWithError(counts.error().message.c_str());
    nodes = counts->size();
    total = counts->front().counts.registered;
    benchmark::DoNotOptimize(counts);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["people"] = static_cast<double>(total);
}

// One person by identity number through the store, as the HTTP lookup does
// (bench/http_lookup.sh measures the same over HTTP).
void BM_FindByDocument(benchmark::State& state) {
  auto& data = Data();
  if (data.imported_db_dir.empty()) return state.SkipWithError("run BM_ImportCsv first");
  auto store = fk::OpenStorage(data.imported_db_dir.string());
  size_t i = 0;
  for (auto _ : state) {
    const auto& doc = data.people[(i++ * 7919) % data.people.size()].doc_number;
    auto found = store->persons->FindByDocument(doc);
    if (!found || !*found) return state.SkipWithError("lookup failed");
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(i));
}

BENCHMARK(BM_RawPreparedInsert)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportCsv)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupByCountBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SubtreeCountsEveryNode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindByDocument)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(Data().root);
  return 0;
}
