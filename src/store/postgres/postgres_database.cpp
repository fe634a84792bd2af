// The production engine behind the seam: PostgreSQL through libpq. A pool
// of connections (a round trip costs ~75 µs, so connections are reused),
// each statement prepared once per connection (or planned with its values
// at each run, where its Sql says so), parameters and results as text. A unit of work pins one connection and its transaction to the
// thread that runs it; writes inside it are savepoints.
#include <libpq-fe.h>

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "store/db.h"

namespace fangkong::db {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PgRow final : public Row {
 public:
  PgRow(const PGresult* r, int row) : r_(r), row_(row) {}
  int64_t Int(int col) const override {
    const char* v = PQgetvalue(r_, row_, col);
    int64_t out = 0;
    std::from_chars(v, v + PQgetlength(r_, row_, col), out);
    return out;
  }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(r_, row_, col), PQgetlength(r_, row_, col));
  }

 private:
  const PGresult* r_;
  int row_;
};

// One server connection and the statements prepared on it.
struct PgSession {
  explicit PgSession(const std::string& url) : conn(PQconnectdb(url.c_str())) {
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn);
      PQfinish(conn);
      throw std::runtime_error("cannot connect to PostgreSQL: " + msg);
    }
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    // No parallel plans, unless the operator passes options of their own:
    // starting a worker costs more than the counts a request runs (9,000
    // probes: 9 ms alone, 31-44 ms with a worker on 2 cores), and workers
    // take cores from the other requests (docs/decisions.md).
    if (!std::getenv("PGOPTIONS") && url.find("options=") == std::string::npos) {
      PgResult r(PQexec(conn, "SET max_parallel_workers_per_gather = 0"));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        std::string msg = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot configure the PostgreSQL session: " + msg);
      }
    }
  }
  ~PgSession() { PQfinish(conn); }
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;
  bool ok() const { return PQstatus(conn) == CONNECTION_OK; }

  PGconn* conn;
  std::unordered_map<const Sql*, std::string> prepared;
};

Error PgError(const PGresult* r, PGconn* conn, const char* what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  if (state && std::string_view(state) == "23505") {
    return UniqueViolation();
  }
  return Error::Internal(std::string("PostgreSQL error in ") + what + ": " + msg);
}

bool Succeeded(const PGresult* r) {
  auto s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

// After a VACUUM, which sets both: whether the table's pages are about what
// its live rows need (25 rows a page is a third of a narrow row's fill),
// or still hold dead rows the vacuum could not remove or cut off.
// Named like every statement, so it has a SQLite text too (whose deletes
// free their pages: always compact); only PostgreSQL runs it.
FK_SQL(kTableIsCompact, "SELECT 1 WHERE $1 <> ''",
       "SELECT CASE WHEN relpages <= 8 + GREATEST(reltuples, 0) / 25 THEN 1 ELSE 0 END "
       "FROM pg_class WHERE oid = $1::regclass");

// Runs a statement without parameters or results (transaction control, DDL).
Status Simple(PgSession& s, const std::string& sql) {
  PgResult r(PQexec(s.conn, sql.c_str()));
  if (!Succeeded(r.get())) return Fail(PgError(r.get(), s.conn, sql.c_str()));
  return {};
}

// COPY's text format: backslash escapes for the characters it gives meaning.
void AppendCopyField(std::string& line, const Value& v) {
  if (v.is_int()) {
    line += std::to_string(v.as_int());
    return;
  }
  for (char ch : v.as_text()) {
    switch (ch) {
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      default:
        line += ch;
    }
  }
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PgSession& s) : s_(s) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Prepare(const Sql& sql) override {
    if (s_.prepared.count(&sql)) return {};
    std::string name = "fk" + std::to_string(s_.prepared.size());
    PgResult r(PQprepare(s_.conn, name.c_str(), sql.text(Dialect::kPostgres).c_str(), 0, nullptr));
    if (!Succeeded(r.get())) return Fail(PgError(r.get(), s_.conn, sql.name()));
    s_.prepared.emplace(&sql, std::move(name));
    return {};
  }

  Result<int64_t> Run(const Sql& sql, std::span<const Value> params, RowSink row) override {
    auto r = Execute(sql, params);
    if (!r) return Fail(r.error());
    for (int i = 0, n = PQntuples(r->get()); i < n; ++i) row(PgRow(r->get(), i));
    int64_t changed = 0;
    const char* tuples = PQcmdTuples(r->get());
    std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), changed);
    return changed;
  }

  Result<int64_t> Insert(const Sql& sql, std::span<const Value> params) override {
    auto r = Execute(sql, params);
    if (!r) return Fail(r.error());
    return PQntuples(r->get()) == 0 ? 0 : PgRow(r->get(), 0).Int(0);
  }

  Status Script(std::string_view sql) override { return Simple(s_, std::string(sql)); }

  Status Load(std::string_view table, std::span<const std::string_view> columns,
              std::span<const Value> values) override {
    std::string copy = "COPY " + std::string(table) + "(";
    for (size_t i = 0; i < columns.size(); ++i) copy += (i ? ", " : "") + std::string(columns[i]);
    copy += ") FROM STDIN";
    PgResult start(PQexec(s_.conn, copy.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN)
      return Fail(PgError(start.get(), s_.conn, "COPY"));
    std::string buffer;
    for (size_t at = 0; at + columns.size() <= values.size(); at += columns.size()) {
      for (size_t c = 0; c < columns.size(); ++c) {
        if (c) buffer += '\t';
        AppendCopyField(buffer, values[at + c]);
      }
      buffer += '\n';
      if (buffer.size() > (1 << 20) && !Put(buffer)) break;
    }
    bool sent = Put(buffer) && PQputCopyEnd(s_.conn, nullptr) == 1;
    Status result;
    while (PGresult* raw = PQgetResult(s_.conn)) {
      PgResult r(raw);
      if (result && !Succeeded(raw)) result = Fail(PgError(raw, s_.conn, "COPY"));
    }
    if (result && !sent) result = Fail(PgError(nullptr, s_.conn, "COPY"));
    return result;
  }

 private:
  bool Put(std::string& buffer) {
    bool ok = buffer.empty() ||
              PQputCopyData(s_.conn, buffer.data(), static_cast<int>(buffer.size())) == 1;
    buffer.clear();
    return ok;
  }

  Result<PgResult> Execute(const Sql& sql, std::span<const Value> params) {
    if (!sql.planned_with_values())
      if (auto p = Prepare(sql); !p) return Fail(p.error());
    // Text parameters must end in NUL: copy the ones that are views.
    std::vector<std::string> owned(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      owned[i] = params[i].is_int() ? std::to_string(params[i].as_int())
                                    : std::string(params[i].as_text());
      values[i] = owned[i].c_str();
    }
    int n = static_cast<int>(params.size());
    PgResult r(sql.planned_with_values()
                   ? PQexecParams(s_.conn, sql.text(Dialect::kPostgres).c_str(), n, nullptr,
                                  values.data(), nullptr, nullptr, 0)
                   : PQexecPrepared(s_.conn, s_.prepared[&sql].c_str(), n, values.data(),
                                    nullptr, nullptr, 0));
    if (!Succeeded(r.get())) return Fail(PgError(r.get(), s_.conn, sql.name()));
    return r;
  }

  PgSession& s_;
};

class PgDatabase;
// The unit of work the current thread runs.
struct UnitOnThread {
  const PgDatabase* db = nullptr;
  PgSession* session = nullptr;
  int depth = 0;  // savepoints open inside the unit
};
thread_local UnitOnThread unit_;

class PgDatabase final : public Database {
 public:
  // Connects once to fail fast on a bad URL (throws).
  explicit PgDatabase(std::string url) : url_(std::move(url)) { Release(Acquire()); }
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Engine() const override { return "postgresql"; }

  // Outside a unit each statement of a read is its own transaction, as on
  // SQLite's readers: no BEGIN and COMMIT round trips around a lookup.
  Status Read(const std::function<Status(Connection&)>& work) override {
    if (InWork()) {
      PgConnection c(*unit_.session);
      return work(c);
    }
    return WithSession([&](PgSession& s) {
      PgConnection c(s);
      return work(c);
    });
  }

  Status Write(const std::function<Status(Connection&)>& work) override {
    if (InWork())
      return InSavepoint([&] {
        PgConnection c(*unit_.session);
        return work(c);
      });
    return WithSession([&](PgSession& s) {
      return InTransaction(s, [&] {
        PgConnection c(s);
        return work(c);
      });
    });
  }

  Result<bool> Reclaim(std::string_view table) override {
    if (InWork()) return false;
    int64_t compact = 0;
    auto done = WithSession([&](PgSession& s) -> Status {
      if (auto st = Simple(s, "VACUUM " + std::string(table)); !st) return st;
      PgConnection c(s);
      auto n = db::Count(c, kTableIsCompact, std::string(table));
      if (!n) return Fail(n.error());
      compact = *n;
      return {};
    });
    if (!done) return Fail(done.error());
    return compact == 1;
  }

  Status Atomically(const std::function<Status()>& work) override {
    if (InWork()) return InSavepoint(work);
    return WithSession([&](PgSession& s) {
      return InTransaction(s, [&] {
        struct Pin {
          Pin(const PgDatabase* db, PgSession& s) { unit_ = UnitOnThread{db, &s, 0}; }
          ~Pin() { unit_ = UnitOnThread{}; }
        } pin(this, s);
        return work();
      });
    });
  }

  std::optional<uint64_t> ReferenceVersion() const override { return std::nullopt; }
  bool MayKeepReferenceRows() const override { return false; }
  void WatchReferenceTables(std::initializer_list<const char*>) override {}

 private:
  bool InWork() const { return unit_.db == this; }

  // Runs `work` inside BEGIN ... COMMIT, rolled back if it fails or throws.
  template <typename F>
  static Status InTransaction(PgSession& s, F&& work) {
    return Bracketed(s, "BEGIN", "COMMIT", "ROLLBACK", work);
  }

  // Runs `work` in a savepoint of the unit's transaction, rolled back to
  // (undoing `work` alone, and leaving the transaction usable) if it fails.
  template <typename F>
  Status InSavepoint(F&& work) {
    const std::string name = "fk_nested_" + std::to_string(++unit_.depth);
    struct Depth {
      ~Depth() { --unit_.depth; }
    } depth;
    return Bracketed(*unit_.session, "SAVEPOINT " + name, "RELEASE SAVEPOINT " + name,
                     "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name, work);
  }

  template <typename F>
  static Status Bracketed(PgSession& s, const std::string& begin, const std::string& end,
                          const std::string& undo, F& work) {
    if (auto st = Simple(s, begin); !st) return st;
    Status result;
    try {
      result = work();
    } catch (...) {
      (void)Simple(s, undo);
      throw;
    }
    if (!result) {
      (void)Simple(s, undo);
      return result;
    }
    return Simple(s, end);
  }

  // Runs `work` on a pooled session; a broken session is not pooled again.
  template <typename F>
  Status WithSession(F&& work) {
    std::unique_ptr<PgSession> s;
    try {
      s = Acquire();
    } catch (const std::exception& e) {
      return Fail(Error::Internal(e.what()));
    }
    struct Back {
      PgDatabase& db;
      std::unique_ptr<PgSession>& s;
      ~Back() { db.Release(std::move(s)); }
    } back{*this, s};
    return work(*s);
  }

  // A thread's first session waits for one of the kMaxOpen; one it takes
  // while holding another does not wait, or threads each holding one would
  // wait on each other for ever.
  std::unique_ptr<PgSession> Acquire() {
    std::unique_lock lock(mu_);
    if (held_on_thread_ == 0) freed_.wait(lock, [&] { return !pool_.empty() || open_ < kMaxOpen; });
    while (!pool_.empty()) {
      auto s = std::move(pool_.back());
      pool_.pop_back();
      if (s->ok()) {
        ++held_on_thread_;
        return s;
      }
      --open_;
    }
    ++open_;
    lock.unlock();
    try {
      auto s = std::make_unique<PgSession>(url_);
      ++held_on_thread_;
      return s;
    } catch (...) {
      lock.lock();
      --open_;
      freed_.notify_one();
      throw;
    }
  }

  void Release(std::unique_ptr<PgSession> s) {
    if (!s) return;
    --held_on_thread_;
    std::lock_guard lock(mu_);
    if (s->ok() && PQtransactionStatus(s->conn) == PQTRANS_IDLE)
      pool_.push_back(std::move(s));
    else
      --open_;  // a broken session is closed, not pooled
    freed_.notify_one();
  }

  // Every open session is kept for the next request: a new one costs a
  // server process and every statement prepared again. Bounded, because
  // PostgreSQL allows 100 connections by default, and 200 threads each
  // opening its own spent 150x the work's time connecting (bench/RESULTS.md,
  // quarantine rooms).
  static constexpr int kMaxOpen = 32;
  static inline thread_local int held_on_thread_ = 0;
  std::string url_;
  std::mutex mu_;
  std::condition_variable freed_;
  int open_ = 0;  // sessions in the pool and in use
  std::vector<std::unique_ptr<PgSession>> pool_;
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& url) {
  return std::make_unique<PgDatabase>(url);
}

}  // namespace fangkong::db
