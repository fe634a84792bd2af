// The embedded engine behind the seam: one SQLite file in WAL mode, the
// single writer with its group commit, pooled readers (sqlite_handle.h).
#include <sqlite3.h>

#include <stdexcept>

#include "store/db.h"
#include "store/sqlite/sqlite_handle.h"

namespace fangkong::db {

namespace {

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite::Stmt& s) : s_(s) {}
  int64_t Int(int col) const override { return s_.Int(col); }
  std::string Text(int col) const override { return s_.Text(col); }

 private:
  sqlite::Stmt& s_;
};

// Texts are bound without a copy: every Value outlives the statement's run.
void Bind(sqlite::Stmt& s, std::span<const Value> params) {
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].is_int())
      s.Bind(static_cast<int>(i + 1), params[i].as_int());
    else
      s.BindView(static_cast<int>(i + 1), params[i].as_text());
  }
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite::Connection& c) : c_(c) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Prepare(const Sql& sql) override {
    try {
      c_.Prepare(sql.text(Dialect::kSqlite).c_str());
    } catch (const std::logic_error& e) {
      return Fail(Error::Internal(std::string(sql.name()) + ": " + e.what()));
    }
    return {};
  }

  Result<int64_t> Run(const Sql& sql, std::span<const Value> params, RowSink row) override {
    auto s = c_.Prepare(sql.text(Dialect::kSqlite).c_str());
    Bind(s, params);
    return Step(s, sql.name(), row);
  }

  Result<int64_t> Insert(const Sql& sql, std::span<const Value> params) override {
    auto changed = Run(sql, params, kIgnoreRows);
    if (!changed) return Fail(changed.error());
    return *changed == 0 ? 0 : c_.LastInsertRowId();
  }

  Status Script(std::string_view sql) override {
    if (auto e = c_.Exec(sql); !e.empty()) return Fail(Error::Internal(e));
    return {};
  }

  Status Load(std::string_view table, std::span<const std::string_view> columns,
              std::span<const Value> values) override {
    std::string sql = "INSERT INTO " + std::string(table) + "(";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + std::string(columns[i]);
    sql += ") VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(i + 1);
    sql += ")";
    auto s = c_.PrepareText(sql);
    for (size_t at = 0; at + columns.size() <= values.size(); at += columns.size()) {
      Bind(s, values.subspan(at, columns.size()));
      if (auto r = Step(s, "loading rows", kIgnoreRows); !r) return Fail(r.error());
      s.Reset();
    }
    return {};
  }

 private:
  Result<int64_t> Step(sqlite::Stmt& s, const char* name, RowSink row) {
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) row(SqliteRow(s));
    if (rc == SQLITE_DONE) return sqlite3_stmt_readonly(s.raw()) ? 0 : int64_t{c_.Changes()};
    int extended = sqlite3_extended_errcode(c_.raw());
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Fail(UniqueViolation());
    }
    return Fail(Error::Internal(std::string("database error in ") + name + ": " + c_.LastError()));
  }

  sqlite::Connection& c_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, Durability durability) : h_(std::move(path)) {
    // Only the writer commits, so only its setting matters.
    if (durability == Durability::kProcessCrash) h_.writer.Exec("PRAGMA synchronous=NORMAL");
  }
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Engine() const override { return "sqlite"; }

  Status Read(const std::function<Status(Connection&)>& work) override {
    auto lease = h_.Reader();
    SqliteConnection c(*lease);
    return work(c);
  }

  Status Write(const std::function<Status(Connection&)>& work) override {
    return h_.Grouped([&](sqlite::Connection& w) -> Status {
      SqliteConnection c(w);
      return work(c);
    });
  }

  Result<bool> Reclaim(std::string_view) override { return true; }

  Status Atomically(const std::function<Status()>& work) override {
    return h_.Grouped([&](sqlite::Connection&) { return work(); });
  }

  std::optional<uint64_t> ReferenceVersion() const override {
    if (!h_.InWork()) return std::nullopt;
    return h_.ReferenceVersion();
  }
  bool MayKeepReferenceRows() const override { return !h_.ReferenceWrittenInTransaction(); }
  void WatchReferenceTables(std::initializer_list<const char*> tables) override {
    h_.WatchReferenceTables(tables);
  }

 private:
  sqlite::Handle h_;
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& db_path, Durability durability) {
  return std::make_unique<SqliteDatabase>(db_path, durability);
}

}  // namespace fangkong::db
