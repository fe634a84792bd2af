#include "store/db.h"

#include <charconv>
#include <filesystem>
#include <map>

#include "core/date.h"
#include "store/embedded.h"

namespace fangkong::db {

namespace {

std::vector<const Sql*>& Registry() {
  static std::vector<const Sql*> all;
  return all;
}

// "$12" -> "?12" outside string literals: SQLite numbers ?NNN parameters as
// written, while it would number $NNN ones in order of first appearance.
std::string SqliteText(std::string_view text) {
  std::string out(text);
  bool quoted = false;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '\'') quoted = !quoted;
    if (!quoted && out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  }
  return out;
}

}  // namespace

Sql::Sql(const char* name, const char* text) : Sql(name, text, text) {}

Sql::Sql(const char* name, const char* sqlite_text, const char* postgres_text)
    : name_(name), sqlite_(SqliteText(sqlite_text)), postgres_(postgres_text) {
  Registry().push_back(this);
}

Sql::Sql(const char* name, const char* text, ReturningId) : Sql(name, text, text) {
  postgres_ += " RETURNING id";
  returns_id_ = true;
}

Sql::Sql(const char* name, const char* sqlite_text, const char* postgres_text, PlannedWithValues)
    : Sql(name, sqlite_text, postgres_text) {
  planned_with_values_ = true;
}

const std::vector<const Sql*>& Sql::All() { return Registry(); }

Error UniqueViolation() {
  return Error::Conflict("unique_violation", "", "",
                         "a record with the same unique value already exists", "已存在相同的记录");
}

bool IsUniqueViolation(const Error& e) {
  return e.kind == ErrorKind::kConflict && e.code == "unique_violation";
}

std::string IntList(Dialect d, std::span<const int64_t> values) {
  std::string out(1, d == Dialect::kSqlite ? '[' : '{');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(values[i]);
  }
  return out + (d == Dialect::kSqlite ? ']' : '}');
}

std::unique_ptr<Database> Open(const std::string& target, Durability durability) {
  if (target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0) {
    return OpenPostgres(target);
  }
  std::filesystem::create_directories(target);
  return OpenSqlite((std::filesystem::path(target) / "fangkong.db").string(), durability);
}

std::string TextList(Dialect d, std::span<const std::string> values) {
  // Both forms quote with " and escape " and \ with a backslash.
  std::string out(1, d == Dialect::kSqlite ? '[' : '{');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char ch : values[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + (d == Dialect::kSqlite ? ']' : '}');
}

// Files are NNNN_name.sql for both dialects, or NNNN_name.sqlite.sql and
// NNNN_name.postgres.sql where the DDL must differ.
std::vector<Migration> Migrations(Dialect d) {
  std::string_view own = d == Dialect::kSqlite ? ".sqlite.sql" : ".postgres.sql";
  std::string_view other = d == Dialect::kSqlite ? ".postgres.sql" : ".sqlite.sql";
  std::map<int, Migration> by_version;
  for (const auto& f : EmbeddedMigrations()) {
    auto ends = [&](std::string_view s) {
      return f.name.size() >= s.size() && f.name.substr(f.name.size() - s.size()) == s;
    };
    if (ends(other)) continue;
    Migration m;
    std::from_chars(f.name.data(), f.name.data() + f.name.size(), m.version);
    m.name = ends(own) ? std::string(f.name.substr(0, f.name.size() - own.size())) + ".sql"
                       : std::string(f.name);
    m.sql = f.content;
    by_version[m.version] = m;
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

namespace {
FK_SQL(
    kCreateMigrations,
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)");
// Concurrent migrators (several API processes starting at once) take turns:
// SQLite's single writer does it already.
FK_SQL(kLockMigrations, "SELECT 1", "SELECT pg_advisory_xact_lock(7263001)");
FK_SQL(kSchemaVersion, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
FK_SQL(kRecordMigration,
       "INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)");

Result<int64_t> CurrentVersion(Connection& c) {
  if (auto r = Exec(c, kLockMigrations); !r) return r;
  if (auto r = Exec(c, kCreateMigrations); !r) return r;
  return Count(c, kSchemaVersion);
}
}  // namespace

Result<int> Migrate(Database& db, const std::vector<Migration>& migrations) {
  int applied = 0;
  for (const auto& m : migrations) {
    auto ran = Write(db, [&](Connection& c) -> Result<bool> {
      auto current = CurrentVersion(c);
      if (!current) return Fail(current.error());
      if (m.version <= *current) return false;
      if (auto s = c.Script(m.sql); !s) {
        return Fail(Error::Internal("migration " + m.name + " failed: " + s.error().message));
      }
      if (auto r = Exec(c, kRecordMigration, m.version, m.name, NowUnixSeconds()); !r)
        return Fail(r.error());
      return true;
    });
    if (!ran) return Fail(ran.error());
    applied += *ran;
  }
  return applied;
}

Result<int> SchemaVersion(Database& db) {
  auto v = Write(db, [](Connection& c) { return CurrentVersion(c); });
  if (!v) return Fail(v.error());
  return static_cast<int>(*v);
}

}  // namespace fangkong::db
