// The contact graph on SQLite, against recursive-CTE baselines in the same
// run. FANGKONG_BENCH_CASES cases (default 100,000) among 1,000,000 people,
// each with 10 close contacts and 9 secondary contacts through each: 100
// edges a case, 10,000,000 in all (built once into FANGKONG_BENCH_DIR when
// set). Apart from them, a cluster of 10,000 people in a tree of ten
// children per person, in 1,111 tracings.
//  - BM_CloseAndSecondary: a random case's close and secondary contacts with
//    their paths, as GET /cases/{id}/contacts reads them (the case's edges
//    by index, TraceContacts) (target: under 10 ms);
//  - BM_CloseAndSecondaryCte: the same two levels by a recursive CTE;
//  - BM_ClusterChain: the whole chain of the cluster as GET /cases/{id}/chain
//    walks it (one indexed query per level) (target: under 200 ms);
//  - BM_ClusterChainCte: the people reachable, by a recursive CTE.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>

#include "store/storage.h"
#include "tracing/tracing.h"

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kPeople = 1000000, kClusterRoot = 2000001, kClusterSize = 10000;

int64_t Cases() {
  const char* v = std::getenv("FANGKONG_BENCH_CASES");
  return v ? std::atoll(v) : 100000;
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string e = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error(e);
  }
}

// Cases, their people and edges, written raw in one transaction (the
// benchmark reads them; writing them is not what it measures).
void Build(const fs::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open(file.string().c_str(), &db);
  // Three indexes take 10,000,000 entries each in random order: in memory
  // that is minutes, through a small page cache hours.
  Exec(db, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-3000000; BEGIN");
  sqlite3_stmt *person = nullptr, *kase = nullptr, *edge = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO persons(id, doc_type, doc_number, name, sex, birth_date, phone, "
                     "region_code, residency, household, employer_id, occupation, tags, "
                     "content_hash, updated_at) VALUES (?1, 'id_card', ?1, '流调', 'M', "
                     "'1980-01-01', '', '341881001001', 'usual', '', 0, '', '', 0, 0)",
                     -1, &person, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO cases(id, person_id, code, kind, region_code, reported_at, "
                     "recorded_by, note) VALUES (?1, ?2, ?1, 'confirmed', '341881001001', "
                     "1700000000, 1, '')",
                     -1, &kase, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO contact_edges(case_id, source_person, contact_person, type, "
                     "exposure_at, place, certainty, derived, confirmed_by, recorded_at, "
                     "recorded_by) VALUES (?1, ?2, ?3, ?4, 1699990000, '', 'confirmed', 0, 0, "
                     "1700000000, 1) ON CONFLICT DO NOTHING",
                     -1, &edge, nullptr);
  auto step = [](sqlite3_stmt* s) {
    sqlite3_step(s);
    sqlite3_reset(s);
  };
  auto add_person = [&](int64_t id) {
    sqlite3_bind_int64(person, 1, id);
    step(person);
  };
  auto add_case = [&](int64_t id, int64_t who) {
    sqlite3_bind_int64(kase, 1, id);
    sqlite3_bind_int64(kase, 2, who);
    step(kase);
  };
  auto add_edge = [&](int64_t c, int64_t from, int64_t to, const char* type) {
    sqlite3_bind_int64(edge, 1, c);
    sqlite3_bind_int64(edge, 2, from);
    sqlite3_bind_int64(edge, 3, to);
    sqlite3_bind_text(edge, 4, type, -1, SQLITE_STATIC);
    step(edge);
  };
  std::mt19937_64 rng(20220710);
  std::uniform_int_distribution<int64_t> anyone(1, kPeople);
  std::set<int64_t> case_people;
  for (int64_t c = 1; c <= Cases(); ++c) {
    int64_t who = anyone(rng);
    if (case_people.insert(who).second) add_person(who);
    add_case(c, who);
    for (int k = 0; k < 10; ++k) {
      int64_t close = anyone(rng);
      if (close == who) continue;
      add_edge(c, who, close, "close");
      for (int s = 0; s < 9; ++s) {
        int64_t second = anyone(rng);
        if (second != close && second != who) add_edge(c, close, second, "secondary");
      }
    }
  }
  // The cluster: a tree of ten children per person, one tracing per parent.
  add_person(kClusterRoot);
  for (int64_t parent = kClusterRoot, c = Cases() + 1, next = kClusterRoot + 1;
       next < kClusterRoot + kClusterSize; ++parent, ++c) {
    if (parent != kClusterRoot) add_person(parent);
    add_case(c, parent);
    for (int k = 0; k < 10 && next < kClusterRoot + kClusterSize; ++k)
      add_edge(c, parent, next++, "close");
  }
  sqlite3_finalize(person);
  sqlite3_finalize(kase);
  sqlite3_finalize(edge);
  Exec(db, "COMMIT; ANALYZE");
  sqlite3_close(db);
}

struct Fixture {
  bool kept = std::getenv("FANGKONG_BENCH_DIR") != nullptr;
  fs::path dir =
      kept ? fs::path(std::getenv("FANGKONG_BENCH_DIR"))
           : fs::temp_directory_path() / ("fangkong-tracing-bench-" + std::to_string(::getpid()));
  fs::path file = dir / ("contacts-" + std::to_string(Cases()) + ".db");
  std::unique_ptr<fk::Storage> store;
  sqlite3* raw = nullptr;

  Fixture() {
    fs::create_directories(dir);
    bool fresh = !fs::exists(file);
    store = std::make_unique<fk::Storage>(fk::db::OpenSqlite(file.string()));
    if (!store->Migrate()) throw std::runtime_error("migration failed");
    if (fresh) {
      store.reset();
      Build(file);
      store = std::make_unique<fk::Storage>(fk::db::OpenSqlite(file.string()));
    }
    sqlite3_open_v2(file.string().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  }
  ~Fixture() {
    sqlite3_close(raw);
    store.reset();
    if (!kept) fs::remove_all(dir);
  }

  int64_t Count(const char* sql, int64_t a, int64_t b = 0) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(raw, sql, -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, a);
    sqlite3_bind_int64(s, 2, b);
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_CloseAndSecondary(benchmark::State& state) {
  auto& f = F();
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> any_case(1, Cases());
  size_t traced = 0;
  for (auto _ : state) {
    int64_t id = any_case(rng);
    auto c = f.store->tracing->FindCase(id);
    auto edges = f.store->tracing->ContactsOfCase(id);
    if (!c || !*c || !edges) return state.SkipWithError("reading failed");
    traced = fk::TraceContacts((*c)->person_id, *edges).size();
    benchmark::DoNotOptimize(traced);
  }
  state.counters["contacts"] = static_cast<double>(traced);
}
BENCHMARK(BM_CloseAndSecondary)->Unit(benchmark::kMillisecond)->UseRealTime();

// Two levels from the case's person over the case's edges.
constexpr const char* kTwoLevels =
    "WITH RECURSIVE reach(p, depth) AS (SELECT person_id, 0 FROM cases WHERE id = ?1 "
    "UNION SELECT e.contact_person, r.depth + 1 FROM contact_edges e JOIN reach r ON "
    "e.source_person = r.p WHERE e.case_id = ?1 AND r.depth < 2) SELECT COUNT(DISTINCT p) - 1 "
    "FROM reach";

void BM_CloseAndSecondaryCte(benchmark::State& state) {
  auto& f = F();
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> any_case(1, Cases());
  int64_t n = 0;
  for (auto _ : state) {
    n = f.Count(kTwoLevels, any_case(rng));
    benchmark::DoNotOptimize(n);
  }
  state.counters["contacts"] = static_cast<double>(n);
}
BENCHMARK(BM_CloseAndSecondaryCte)->Unit(benchmark::kMillisecond)->UseRealTime();

// The cluster, level by level as TracingService::ChainOf walks it.
void BM_ClusterChain(benchmark::State& state) {
  auto& f = F();
  size_t people = 0, edges = 0;
  for (auto _ : state) {
    std::set<int64_t> seen{kClusterRoot}, edge_ids;
    std::vector<int64_t> frontier{kClusterRoot};
    while (!frontier.empty()) {
      auto level = f.store->tracing->EdgesTouching(frontier);
      if (!level) return state.SkipWithError("reading failed");
      frontier.clear();
      for (const auto& e : *level) {
        if (!edge_ids.insert(e.id).second) continue;
        for (int64_t p : {e.source_person, e.contact_person})
          if (seen.insert(p).second) frontier.push_back(p);
      }
    }
    people = seen.size();
    edges = edge_ids.size();
  }
  state.counters["people"] = static_cast<double>(people);
  state.counters["edges"] = static_cast<double>(edges);
}
BENCHMARK(BM_ClusterChain)->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr const char* kReachable =
    "WITH RECURSIVE reach(p) AS (SELECT ?1 UNION SELECT e.contact_person FROM contact_edges e "
    "JOIN reach r ON e.source_person = r.p UNION SELECT e.source_person FROM contact_edges e "
    "JOIN reach r ON e.contact_person = r.p) SELECT COUNT(*) FROM reach";

void BM_ClusterChainCte(benchmark::State& state) {
  auto& f = F();
  int64_t n = 0;
  for (auto _ : state) {
    n = f.Count(kReachable, kClusterRoot);
    benchmark::DoNotOptimize(n);
  }
  state.counters["people"] = static_cast<double>(n);
}
BENCHMARK(BM_ClusterChainCte)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
