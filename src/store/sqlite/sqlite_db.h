// A thin RAII layer over the SQLite C API: connections that cache prepared
// statements, and statements with typed bind/read helpers. Only store/sqlite
// includes this.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fangkong::sqlite {

class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Binds without copying: `v` must stay valid until the statement is reset
  // (the Stmt's destructor resets it).
  Stmt& BindView(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  // Ready to step again with new bindings (for a statement run in a loop).
  void Reset() { sqlite3_reset(s_); }
  // Returns SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }
  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  std::string Text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, sqlite3_column_bytes(s_, col)) : std::string();
  }
  sqlite3_stmt* raw() { return s_; }

 private:
  sqlite3_stmt* s_;
};

// Page cache per connection, in MiB. The writer's holds the pages a commit
// group changes. Readers can number one per server thread (34 by default), and
// each fills its cache with the pages it happens to read until it holds much
// of the file, so theirs is small; the OS page cache stands behind them. On a
// million people, 16 MiB cost lookups about 5% against 256 MiB and kept the
// server at 53 MB instead of 348 MB (bench/RESULTS.md).
inline constexpr int kWriterCacheMib = 256;
inline constexpr int kReaderCacheMib = 16;

class Connection {
 public:
  explicit Connection(const std::string& path, int cache_mib = kWriterCacheMib);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Statements are prepared once per connection and reused; `sql` must be a
  // string constant (its address is the cache key).
  Stmt Prepare(const char* sql);
  // The same for a statement built at run time, cached by its text.
  Stmt PrepareText(const std::string& sql);
  // Runs one or more statements without results; returns an error text or "".
  std::string Exec(std::string_view sql);
  // Runs one statement without results (a string constant, as for Prepare)
  // from the statement cache: for the transaction control run on every
  // write (BEGIN, SAVEPOINT, RELEASE, COMMIT), which Exec would parse each time.
  std::string Run(const char* sql);
  std::string LastError() const { return sqlite3_errmsg(db_); }
  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
  std::unordered_map<std::string, sqlite3_stmt*> text_cache_;
};

}  // namespace fangkong::sqlite
