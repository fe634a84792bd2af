// The engine seam: what a repository needs of a database, so that each is
// written once for SQLite and PostgreSQL (src/README.md, CONTRIBUTING.md).
// Statements are named once (Sql), bound by position (Value), read by column
// (Row), and run as a read or inside a write. What truly differs between the
// engines stays behind Database and Connection (sqlite/, postgres/).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/unit_of_work.h"

namespace fangkong::db {

enum class Dialect { kSqlite, kPostgres };

// A statement, named once. Its text uses $1, $2... placeholders (rewritten
// to ?1, ?2... for SQLite) and serves both dialects; where they truly
// differ, the second constructor takes both texts, side by side. Every Sql
// is registered (All()), so a test prepares each one on both engines.
// Define them with FK_SQL in a header: their addresses key the
// per-connection statement caches.
class Sql {
 public:
  Sql(const char* name, const char* text);
  Sql(const char* name, const char* sqlite_text, const char* postgres_text);
  Sql(const Sql&) = delete;
  Sql& operator=(const Sql&) = delete;

  // An INSERT whose new row's id is wanted (Insert): PostgreSQL appends
  // RETURNING id; SQLite reads the last rowid instead, since RETURNING makes
  // it keep a statement journal for every row (about 3x a plain insert).
  struct ReturningId {};
  Sql(const char* name, const char* text, ReturningId);

  // A statement whose best plan depends on its values (a date that picks
  // 9,000 people of 380,000, or all of them): PostgreSQL plans it with them
  // at each run, where a prepared statement's generic plan would guess
  // (bench/RESULTS.md: 61 ms -> 9 ms). SQLite plans every statement with
  // its values already.
  struct PlannedWithValues {};
  Sql(const char* name, const char* sqlite_text, const char* postgres_text, PlannedWithValues);

  const char* name() const { return name_; }
  const std::string& text(Dialect d) const { return d == Dialect::kSqlite ? sqlite_ : postgres_; }
  bool returns_id() const { return returns_id_; }
  bool planned_with_values() const { return planned_with_values_; }
  static const std::vector<const Sql*>& All();

 private:
  const char* name_;
  std::string sqlite_, postgres_;
  bool returns_id_ = false;
  bool planned_with_values_ = false;
};

// A bound parameter: a whole number or a text (viewed, not copied: it must
// outlive the statement's run, which a temporary in the call does).
class Value {
 public:
  template <typename I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
  Value(I v) : is_int_(true), int_(static_cast<int64_t>(v)) {}  // NOLINT
  Value(std::string_view v) : text_(v) {}                       // NOLINT
  Value(const std::string& v) : text_(v) {}                     // NOLINT
  Value(const char* v) : text_(v) {}                            // NOLINT
  bool is_int() const { return is_int_; }
  int64_t as_int() const { return int_; }
  std::string_view as_text() const { return text_; }

 private:
  bool is_int_ = false;
  int64_t int_ = 0;
  std::string_view text_;
};

// The current row of a result. NULL reads as 0 or "".
class Row {
 public:
  virtual int64_t Int(int col) const = 0;
  virtual std::string Text(int col) const = 0;

 protected:
  ~Row() = default;
};

// Defines statement `id` (named by its identifier) in a *_sql.h file.
#define FK_SQL(id, ...) \
  inline const ::fangkong::db::Sql id { #id, __VA_ARGS__ }

using RowSink = const std::function<void(const Row&)>&;
inline const std::function<void(const Row&)> kIgnoreRows = [](const Row&) {};

// The error an engine returns for a unique-key violation (kind kConflict,
// code "unique_violation"); repositories turn it into a field error.
Error UniqueViolation();
bool IsUniqueViolation(const Error& e);
// `e`, or `instead` when `e` is a unique-key violation.
inline Error UniqueAs(const Error& e, Error instead) { return IsUniqueViolation(e) ? instead : e; }

// One connection, for the length of a read or a write. Not thread-safe.
class Connection {
 public:
  virtual Dialect dialect() const = 0;
  // Prepares `sql` without running it (for the test that checks every statement).
  virtual Status Prepare(const Sql& sql) = 0;
  // Runs `sql`, calling `row` for each result row; returns the rows a write changed.
  virtual Result<int64_t> Run(const Sql& sql, std::span<const Value> params, RowSink row) = 0;
  // Runs an INSERT declared ReturningId: the new id, or 0 when no row was
  // inserted (ON CONFLICT DO NOTHING; ids start at 1).
  virtual Result<int64_t> Insert(const Sql& sql, std::span<const Value> params) = 0;
  // Runs statements without parameters or results (a migration's DDL).
  virtual Status Script(std::string_view sql) = 0;
  // Loads rows into `table` (a staging table): SQLite inserts them one by
  // one from a prepared statement, PostgreSQL streams them with COPY. Each
  // row is `columns.size()` values, all rows back to back in `values`.
  virtual Status Load(std::string_view table, std::span<const std::string_view> columns,
                      std::span<const Value> values) = 0;

 protected:
  ~Connection() = default;
};

// A migration: a numbered file compiled in (store/migrations).
struct Migration {
  int version = 0;
  std::string name;
  std::string_view sql;
};

// One database: a SQLite file or a PostgreSQL server. Thread-safe; hold it
// for the life of the process. It is also the UnitOfWork services use: a
// unit's Reads and Writes, on its thread, share one transaction.
class Database : public UnitOfWork {
 public:
  virtual Dialect dialect() const = 0;
  virtual std::string Engine() const = 0;  // "sqlite" or "postgresql"
  // Runs `work` on a connection that sees committed data, or the open unit of work's.
  virtual Status Read(const std::function<Status(Connection&)>& work) = 0;
  // Runs `work` as one transaction, kept only if it succeeds. On SQLite it
  // runs in the writer's group commit (see sqlite_handle.h); inside a unit
  // of work it is a savepoint of the unit's transaction, undone alone.
  virtual Status Write(const std::function<Status(Connection&)>& work) = 0;
  // Gives the space of `table`'s deleted rows back now, outside any
  // transaction: PostgreSQL's VACUUM, which also cuts empty pages off the
  // end; nothing on SQLite, whose deletes free their pages. Nothing either
  // inside a unit of work, where PostgreSQL cannot vacuum.
  // True when the table is compact afterwards. False when some pages may
  // still hold the deleted rows: another transaction's snapshot (even an
  // autovacuum's ANALYZE) keeps the rows it might see, live rows at the end
  // keep the empty pages before them, a unit of work allows no vacuum. A
  // later call may then finish the work.
  virtual Result<bool> Reclaim(std::string_view table) = 0;

  // Reference rows (sites, staff, lots, holds) may be kept in memory by a
  // unit of work while this stays the same (ReferenceCache). Nothing when
  // rows must be read afresh: outside a unit, or on an engine that does not
  // track changes (PostgreSQL, where another process may write at any time).
  virtual std::optional<uint64_t> ReferenceVersion() const = 0;
  // False once the running transaction has written a reference table: what
  // it reads may still be rolled back, so it must not be kept.
  virtual bool MayKeepReferenceRows() const = 0;
  // Names the tables whose rows ReferenceVersion tracks (set-up only).
  virtual void WatchReferenceTables(std::initializer_list<const char*> tables) = 0;
};

// When SQLite tells a committer its write is stored (PostgreSQL keeps its
// own server setting, synchronous_commit).
enum class Durability {
  // fsync at every commit (group): an acknowledged write survives a power
  // cut of the machine. The default.
  kPowerCut,
  // fsync only at checkpoints: an acknowledged write survives a crash of
  // the process, but a power cut can lose the last commits (docs/security.md).
  kProcessCrash,
};

// Opens `target`: a postgresql:// URL, or a directory for the SQLite file
// (fangkong.db inside it). Throws std::runtime_error if it cannot be opened.
std::unique_ptr<Database> Open(const std::string& target, Durability durability = Durability::kPowerCut);
std::unique_ptr<Database> OpenSqlite(const std::string& db_path, Durability durability = Durability::kPowerCut);
std::unique_ptr<Database> OpenPostgres(const std::string& url);
// The numbered migrations for `d`: one sequence, a dialect's own file only
// where its DDL must differ.
std::vector<Migration> Migrations(Dialect d);
// Applies the migrations not yet applied, each in its own write (serialised
// across processes on PostgreSQL); returns how many ran.
Result<int> Migrate(Database& db, const std::vector<Migration>& migrations);
Result<int> SchemaVersion(Database& db);

// Whole numbers as one parameter, for a statement over a set of rows:
// "[1,2,3]" for SQLite's json_each, "{1,2,3}" for a PostgreSQL array.
std::string IntList(Dialect d, std::span<const int64_t> values);
// The same for texts: a JSON array of strings, or a text[] literal.
std::string TextList(Dialect d, std::span<const std::string> values);

// ---- running statements: on a Connection inside a Read or Write, or on
// the Database as a read (One, All) or a write of its own (Exec, Insert).

template <typename... A>
Result<int64_t> Exec(Connection& c, const Sql& sql, const A&... args) {
  const Value values[] = {Value(args)..., Value(0)};
  return c.Run(sql, std::span(values, sizeof...(A)), kIgnoreRows);
}

template <typename... A>
Result<int64_t> Insert(Connection& c, const Sql& sql, const A&... args) {
  const Value values[] = {Value(args)..., Value(0)};
  return c.Insert(sql, std::span(values, sizeof...(A)));
}

// The first row read by `read(const Row&)`, or nothing.
template <typename F, typename... A>
auto One(Connection& c, const Sql& sql, F&& read, const A&... args)
    -> Result<std::optional<std::invoke_result_t<F, const Row&>>> {
  std::optional<std::invoke_result_t<F, const Row&>> out;
  const Value values[] = {Value(args)..., Value(0)};
  auto r = c.Run(sql, std::span(values, sizeof...(A)), [&](const Row& row) {
    if (!out) out = read(row);
  });
  if (!r) return Fail(r.error());
  return out;
}

// Every row, read by `read(const Row&)`.
template <typename F, typename... A>
auto All(Connection& c, const Sql& sql, F&& read, const A&... args)
    -> Result<std::vector<std::invoke_result_t<F, const Row&>>> {
  std::vector<std::invoke_result_t<F, const Row&>> out;
  const Value values[] = {Value(args)..., Value(0)};
  auto r = c.Run(sql, std::span(values, sizeof...(A)),
                 [&](const Row& row) { out.push_back(read(row)); });
  if (!r) return Fail(r.error());
  return out;
}

// Runs `work(Connection&) -> Result<T>` as a read or a write, returning its value.
template <typename F>
auto Read(Database& db, F&& work) -> std::invoke_result_t<F, Connection&> {
  std::optional<std::invoke_result_t<F, Connection&>> out;
  auto s = db.Read([&](Connection& c) -> Status {
    out = work(c);
    if (!*out) return Fail(out->error());
    return {};
  });
  if (!out) return Fail(s.error());
  return std::move(*out);
}

template <typename F>
auto Write(Database& db, F&& work) -> std::invoke_result_t<F, Connection&> {
  std::optional<std::invoke_result_t<F, Connection&>> out;
  auto s = db.Write([&](Connection& c) -> Status {
    out = work(c);
    if (!*out) return Fail(out->error());
    return {};
  });
  if (!s && (!out || *out)) return Fail(s.error());  // the commit failed
  return std::move(*out);
}

template <typename F, typename... A>
auto One(Database& db, const Sql& sql, F&& read, const A&... args) {
  return Read(db, [&](Connection& c) { return One(c, sql, read, args...); });
}

template <typename F, typename... A>
auto All(Database& db, const Sql& sql, F&& read, const A&... args) {
  return Read(db, [&](Connection& c) { return All(c, sql, read, args...); });
}

template <typename... A>
Result<int64_t> Exec(Database& db, const Sql& sql, const A&... args) {
  return Write(db, [&](Connection& c) { return Exec(c, sql, args...); });
}

template <typename... A>
Result<int64_t> Insert(Database& db, const Sql& sql, const A&... args) {
  return Write(db, [&](Connection& c) { return Insert(c, sql, args...); });
}

// A read of one whole number (COUNT(*) and the like); 0 when there is no row.
template <typename... A>
Result<int64_t> Count(Connection& c, const Sql& sql, const A&... args) {
  auto r = One(
      c, sql, [](const Row& row) { return row.Int(0); }, args...);
  if (!r) return Fail(r.error());
  return r->value_or(0);
}

// The Status of a write that must change a row: `none` when it changed none.
inline Status ChangedSome(const Result<int64_t>& changed, Error none) {
  if (!changed) return Fail(changed.error());
  if (*changed == 0) return Fail(std::move(none));
  return {};
}

// Turns Result<T> into Status, dropping the value.
template <typename T>
Status Done(const Result<T>& r) {
  if (!r) return Fail(r.error());
  return {};
}

}  // namespace fangkong::db
