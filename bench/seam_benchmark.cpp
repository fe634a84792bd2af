// The storage seam (store/db.h) against SOCI 4.0.3 and against the engines'
// own C APIs, on the two store operations the lookup and dose benchmarks
// spend their storage time in:
//   * a person looked up by identity number (14 columns read into a Person);
//   * a dose recorded in a transaction of its own (one INSERT, committed).
// Each on SQLite (a file of FANGKONG_BENCH_PEOPLE people, default 100,000)
// and, when FANGKONG_BENCH_PG names a server, on PostgreSQL with the same
// people. The raw C API runs are the baseline: what the engine costs with
// no layer at all. SOCI is used two ways: a statement prepared once with
// typed into/use variables (its fastest form, which a repository would have
// to cache per connection by hand), and the one-line `sql << ..., use, into
// (row)` form its documentation leads with. Built only when libsoci-dev is
// installed (it is not a dependency of Fangkong):
//   apt-get install libsoci-dev && cmake --build build --target seam_benchmark
//   FANGKONG_BENCH_PG=postgresql://... build/bench/seam_benchmark
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>

#include "demo/demo.h"
#include "store/storage.h"

namespace fk = fangkong;
// soci-sqlite3.h declares the SQLite C API inside this namespace.
using namespace sqlite_api;  // NOLINT
namespace fs = std::filesystem;

namespace {

constexpr const char* kLookup =
    "SELECT id, doc_type, doc_number, name, sex, birth_date, phone, region_code, residency, "
    "household, employer_id, occupation, tags, updated_at FROM persons "
    "WHERE doc_number = ? AND doc_type = 'resident_id'";
constexpr const char* kLookupPg =
    "SELECT id, doc_type, doc_number, name, sex, birth_date, phone, region_code, residency, "
    "household, employer_id, occupation, tags, updated_at FROM persons "
    "WHERE doc_number = $1 AND doc_type = 'resident_id'";
constexpr const char* kLookupSoci =
    "SELECT id, doc_type, doc_number, name, sex, birth_date, phone, region_code, residency, "
    "household, employer_id, occupation, tags, updated_at FROM persons "
    "WHERE doc_number = :doc AND doc_type = 'resident_id'";
constexpr const char* kDoseSoci =
    "INSERT INTO dose_records(person_id, product, dose_number, booster, given_on, administered_at, "
    "site_id, vaccinator_id, lot, trace_code, region_code) VALUES (:p, 'CoronaVac', 1, 0, "
    "'2026-11-26', 1795000000, 0, 0, 'SEAM', :t, '341881001001')";

// The fields a lookup fills, as the repository's Person does.
struct PersonColumns {
  long long id = 0, employer_id = 0, updated_at = 0;
  std::string doc_type, doc_number, name, sex, birth_date, phone, region_code, residency,
      household, occupation, tags;
};

struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("fangkong-seam-bench-" + std::to_string(::getpid()));
  std::string sqlite_path, pg_url;
  std::unique_ptr<fk::Storage> sqlite, pg;
  std::vector<std::string> docs;
  std::vector<int64_t> person_ids;
};

Fixture& F() {
  static Fixture* f = [] {
    auto* d = new Fixture;
    fs::remove_all(d->dir);
    fs::create_directories(d->dir);
    d->sqlite_path = (d->dir / "fangkong.db").string();
    d->sqlite = std::make_unique<fk::Storage>(fk::db::OpenSqlite(d->sqlite_path));
    if (!d->sqlite->Migrate()) throw std::runtime_error("migration failed");
    fk::DemoOptions opt;
    const char* n = std::getenv("FANGKONG_BENCH_PEOPLE");
    opt.population = n ? std::atoll(n) : 100'000;
    opt.region_data_dir = FANGKONG_REGION_DATA;
    auto& s = *d->sqlite;
    if (!fk::BuildDemoCounty(opt, {*s.regions, *s.persons, *s.organisations, *s.users},
                             [](int64_t, int64_t, const std::string&) {})) {
      throw std::runtime_error("demo county failed");
    }
    fk::PersonFilter all;
    all.region = opt.county;
    all.limit = opt.population;
    auto page = s.persons->Search(all);
    if (!page) throw std::runtime_error(page.error().message);
    for (const auto& p : page->items) {
      d->docs.push_back(p.doc_number);
      d->person_ids.push_back(p.id);
    }
    std::shuffle(d->docs.begin(), d->docs.end(), std::mt19937(7));
    if (const char* url = std::getenv("FANGKONG_BENCH_PG")) {
      d->pg_url = url;
      PGconn* c = PQconnectdb(url);
      PQclear(PQexec(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
      PQfinish(c);
      d->pg = std::make_unique<fk::Storage>(fk::db::OpenPostgres(url));
      auto regions = s.regions->Subtree("");
      if (!d->pg->Migrate() || !regions || !d->pg->regions->UpsertRegions(*regions) ||
          !d->pg->persons->UpsertBatch(page->items)) {
        throw std::runtime_error("PostgreSQL copy failed");
      }
      c = PQconnectdb(url);
      PQclear(PQexec(c, "ANALYZE"));
      PQfinish(c);
    }
    return d;
  }();
  return *f;
}

const std::string& NextDoc() {
  static std::atomic<size_t> i{0};
  auto& docs = F().docs;
  return docs[i++ % docs.size()];
}

std::string NextTraceCode() {
  static std::atomic<int64_t> i{0};
  return "SEAM" + std::to_string(::getpid()) + "-" + std::to_string(i++);
}

// ---- lookups on SQLite

void BM_LookupSqliteRawCApi(benchmark::State& state) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(F().sqlite_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v3(db, kLookup, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  for (auto _ : state) {
    const std::string& doc = NextDoc();
    sqlite3_bind_text(s, 1, doc.data(), static_cast<int>(doc.size()), SQLITE_STATIC);
    PersonColumns p;
    if (sqlite3_step(s) != SQLITE_ROW) state.SkipWithError("not found");
    auto text = [&](int c) {
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, c)),
                         sqlite3_column_bytes(s, c));
    };
    p.id = sqlite3_column_int64(s, 0);
    p.doc_type = text(1), p.doc_number = text(2), p.name = text(3), p.sex = text(4);
    p.birth_date = text(5), p.phone = text(6), p.region_code = text(7), p.residency = text(8);
    p.household = text(9), p.employer_id = sqlite3_column_int64(s, 10), p.occupation = text(11);
    p.tags = text(12), p.updated_at = sqlite3_column_int64(s, 13);
    benchmark::DoNotOptimize(p);
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
}

void BM_LookupSqliteSeam(benchmark::State& state) {
  auto& persons = *F().sqlite->persons;
  for (auto _ : state) {
    auto p = persons.FindByDocument(NextDoc());
    if (!p || !*p) state.SkipWithError("not found");
    benchmark::DoNotOptimize(p);
  }
}

void LookupSociPrepared(benchmark::State& state, soci::session& sql) {
  PersonColumns p;
  std::string doc;
  soci::statement st =
      (sql.prepare << kLookupSoci, soci::into(p.id), soci::into(p.doc_type),
       soci::into(p.doc_number), soci::into(p.name), soci::into(p.sex), soci::into(p.birth_date),
       soci::into(p.phone), soci::into(p.region_code), soci::into(p.residency),
       soci::into(p.household), soci::into(p.employer_id), soci::into(p.occupation),
       soci::into(p.tags), soci::into(p.updated_at), soci::use(doc));
  for (auto _ : state) {
    doc = NextDoc();
    if (!st.execute(true)) state.SkipWithError("not found");
    benchmark::DoNotOptimize(p);
  }
}

void LookupSociAdhoc(benchmark::State& state, soci::session& sql) {
  for (auto _ : state) {
    soci::row r;
    std::string doc = NextDoc();
    sql << kLookupSoci, soci::use(doc), soci::into(r);
    if (!sql.got_data()) state.SkipWithError("not found");
    // SQLite's INTEGER columns arrive as int, PostgreSQL's BIGINT as long long.
    auto whole = [&](std::size_t c) -> long long {
      return r.get_properties(c).get_data_type() == soci::dt_long_long ? r.get<long long>(c)
                                                                       : r.get<int>(c);
    };
    PersonColumns p;
    p.id = whole(0);
    p.doc_type = r.get<std::string>(1), p.doc_number = r.get<std::string>(2);
    p.name = r.get<std::string>(3), p.sex = r.get<std::string>(4);
    p.birth_date = r.get<std::string>(5), p.phone = r.get<std::string>(6);
    p.region_code = r.get<std::string>(7), p.residency = r.get<std::string>(8);
    p.household = r.get<std::string>(9), p.employer_id = whole(10);
    p.occupation = r.get<std::string>(11), p.tags = r.get<std::string>(12);
    p.updated_at = whole(13);
    benchmark::DoNotOptimize(p);
  }
}

void BM_LookupSqliteSociPrepared(benchmark::State& state) {
  soci::session sql(soci::sqlite3, "db=" + F().sqlite_path);
  LookupSociPrepared(state, sql);
}

void BM_LookupSqliteSociAdhoc(benchmark::State& state) {
  soci::session sql(soci::sqlite3, "db=" + F().sqlite_path);
  LookupSociAdhoc(state, sql);
}

// ---- lookups on PostgreSQL

// SOCI takes libpq's key=value form, not a postgresql:// URL.
std::string SociConninfo(const std::string& url) {
  PQconninfoOption* options = PQconninfoParse(url.c_str(), nullptr);
  std::string out;
  for (auto* o = options; o && o->keyword; ++o)
    if (o->val && *o->val) out += std::string(o->keyword) + "=" + o->val + " ";
  PQconninfoFree(options);
  return out;
}

bool HavePg(benchmark::State& state) {
  if (F().pg) return true;
  state.SkipWithError("FANGKONG_BENCH_PG not set");
  return false;
}

void BM_LookupPgRawLibpq(benchmark::State& state) {
  if (!HavePg(state)) return;
  PGconn* c = PQconnectdb(F().pg_url.c_str());
  PQclear(PQprepare(c, "lookup", kLookupPg, 0, nullptr));
  for (auto _ : state) {
    const char* value = NextDoc().c_str();
    PGresult* r = PQexecPrepared(c, "lookup", 1, &value, nullptr, nullptr, 0);
    if (PQntuples(r) != 1) state.SkipWithError("not found");
    PersonColumns p;
    auto text = [&](int col) { return std::string(PQgetvalue(r, 0, col), PQgetlength(r, 0, col)); };
    p.id = std::atoll(PQgetvalue(r, 0, 0));
    p.doc_type = text(1), p.doc_number = text(2), p.name = text(3), p.sex = text(4);
    p.birth_date = text(5), p.phone = text(6), p.region_code = text(7), p.residency = text(8);
    p.household = text(9), p.employer_id = std::atoll(PQgetvalue(r, 0, 10));
    p.occupation = text(11), p.tags = text(12), p.updated_at = std::atoll(PQgetvalue(r, 0, 13));
    benchmark::DoNotOptimize(p);
    PQclear(r);
  }
  PQfinish(c);
}

void BM_LookupPgSeam(benchmark::State& state) {
  if (!HavePg(state)) return;
  auto& persons = *F().pg->persons;
  for (auto _ : state) {
    auto p = persons.FindByDocument(NextDoc());
    if (!p || !*p) state.SkipWithError("not found");
    benchmark::DoNotOptimize(p);
  }
}

void BM_LookupPgSociPrepared(benchmark::State& state) {
  if (!HavePg(state)) return;
  soci::session sql(soci::postgresql, SociConninfo(F().pg_url));
  LookupSociPrepared(state, sql);
}

void BM_LookupPgSociAdhoc(benchmark::State& state) {
  if (!HavePg(state)) return;
  soci::session sql(soci::postgresql, SociConninfo(F().pg_url));
  LookupSociAdhoc(state, sql);
}

// ---- a dose in a transaction of its own

fk::DoseRecord Dose(size_t n) {
  fk::DoseRecord d;
  d.person_id = F().person_ids[n % F().person_ids.size()];
  d.product = "CoronaVac";
  d.dose_number = 1;
  d.date = fk::Date::Parse("2026-11-26").value();
  d.administered_at = 1795000000;
  d.lot = "SEAM";
  d.trace_code = NextTraceCode();
  d.region_code = "341881001001";
  return d;
}

void BM_DoseSqliteRawCApi(benchmark::State& state) {
  sqlite3* db = nullptr;
  sqlite3_open(F().sqlite_path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO dose_records(person_id, product, dose_number, booster, given_on, "
                     "administered_at, site_id, vaccinator_id, lot, trace_code, region_code) "
                     "VALUES (?1, 'CoronaVac', 1, 0, '2026-11-26', 1795000000, 0, 0, 'SEAM', ?2, "
                     "'341881001001')",
                     -1, &s, nullptr);
  size_t n = 0;
  for (auto _ : state) {
    std::string code = NextTraceCode();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_int64(s, 1, F().person_ids[n++ % F().person_ids.size()]);
    sqlite3_bind_text(s, 2, code.data(), static_cast<int>(code.size()), SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
    sqlite3_reset(s);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
}

void DoseSeam(benchmark::State& state, fk::Storage& storage) {
  size_t n = 0;
  for (auto _ : state) {
    auto id = storage.vaccination->InsertDose(Dose(n++));
    if (!id) state.SkipWithError(id.error().message.c_str());
  }
}

void DoseSoci(benchmark::State& state, soci::session& sql) {
  long long person = 0;
  std::string code;
  soci::statement st = (sql.prepare << kDoseSoci, soci::use(person), soci::use(code));
  size_t n = 0;
  for (auto _ : state) {
    code = NextTraceCode();
    person = F().person_ids[n++ % F().person_ids.size()];
    soci::transaction tx(sql);
    st.execute(true);
    tx.commit();
  }
}

void BM_DoseSqliteSeam(benchmark::State& state) { DoseSeam(state, *F().sqlite); }

void BM_DoseSqliteSoci(benchmark::State& state) {
  soci::session sql(soci::sqlite3, "db=" + F().sqlite_path + " timeout=10");
  sql << "PRAGMA synchronous=NORMAL";
  DoseSoci(state, sql);
}

void BM_DosePgRawLibpq(benchmark::State& state) {
  if (!HavePg(state)) return;
  PGconn* c = PQconnectdb(F().pg_url.c_str());
  PQclear(PQprepare(c, "dose",
                    "INSERT INTO dose_records(person_id, product, dose_number, booster, given_on, "
                    "administered_at, site_id, vaccinator_id, lot, trace_code, region_code) "
                    "VALUES ($1, 'CoronaVac', 1, 0, '2026-11-26', 1795000000, 0, 0, 'SEAM', $2, "
                    "'341881001001') RETURNING id",
                    0, nullptr));
  size_t n = 0;
  for (auto _ : state) {
    std::string person = std::to_string(F().person_ids[n++ % F().person_ids.size()]);
    std::string code = NextTraceCode();
    const char* values[] = {person.c_str(), code.c_str()};
    PQclear(PQexec(c, "BEGIN"));
    PGresult* r = PQexecPrepared(c, "dose", 2, values, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) state.SkipWithError(PQresultErrorMessage(r));
    PQclear(r);
    PQclear(PQexec(c, "COMMIT"));
  }
  PQfinish(c);
}

void BM_DosePgSeam(benchmark::State& state) {
  if (HavePg(state)) DoseSeam(state, *F().pg);
}

void BM_DosePgSoci(benchmark::State& state) {
  if (!HavePg(state)) return;
  soci::session sql(soci::postgresql, SociConninfo(F().pg_url));
  DoseSoci(state, sql);
}

}  // namespace

BENCHMARK(BM_LookupSqliteRawCApi)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupSqliteSeam)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupSqliteSociPrepared)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupSqliteSociAdhoc)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupPgRawLibpq)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupPgSeam)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupPgSociPrepared)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupPgSociAdhoc)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DoseSqliteRawCApi)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DoseSqliteSeam)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DoseSqliteSoci)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DosePgRawLibpq)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DosePgSeam)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DosePgSoci)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_MAIN();
