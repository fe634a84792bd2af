// What every PostgreSQL repository of one database shares: a pool of
// connections (a round trip costs ~75 µs, so connections are reused) with
// statements prepared once per connection, and helpers that run work in a
// transaction and turn database exceptions into Errors. Only store/postgres
// includes this.
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace fangkong::pg {

struct Connection {
  explicit Connection(const std::string& url) : conn(url) {}
  pqxx::connection conn;
  std::unordered_map<const char*, std::string> prepared;
};

// Runs prepared statement `sql` (a constant from postgres_sql.h) in `tx`.
template <typename... Args>
pqxx::result Run(Connection& c, pqxx::dbtransaction& tx, const char* sql, Args&&... args) {
  auto it = c.prepared.find(sql);
  if (it == c.prepared.end()) {
    std::string name = "s" + std::to_string(c.prepared.size());
    c.conn.prepare(name, sql);
    it = c.prepared.emplace(sql, name).first;
  }
  return tx.exec_prepared(it->second, std::forward<Args>(args)...);
}

// "{1,2,3}": whole numbers as an array literal, for `= ANY($n::bigint[])`
// and unnest(), so a set of values costs one parameter and one round trip.
template <typename T, typename F>
std::string ArrayLiteral(const std::vector<T>& items, F value) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(value(items[i]));
  }
  return out + "}";
}
inline std::string IdArray(const std::vector<int64_t>& ids) {
  return ArrayLiteral(ids, [](int64_t id) { return id; });
}

inline std::string Str(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }
inline int64_t Int(const pqxx::field& f) { return f.is_null() ? 0 : f.as<int64_t>(); }

class Handle;
// The unit of work (Handle::Atomically) the current thread is running.
struct UnitOnThread {
  const Handle* handle = nullptr;
  Connection* conn = nullptr;
  pqxx::dbtransaction* tx = nullptr;
  int depth = 0;  // savepoints open inside the unit
};

class Handle {
 public:
  // Connects once to fail fast on a bad URL (throws).
  explicit Handle(std::string url) : url_(std::move(url)) {
    Release(std::make_unique<Connection>(url_));
  }

  // Runs `f` on a pooled connection, turning database exceptions into Errors.
  template <typename F>
  auto With(F&& f) -> Result<decltype(f(std::declval<Connection&>()))> {
    std::unique_ptr<Connection> c;
    try {
      c = Acquire();
      auto value = f(*c);
      Release(std::move(c));
      return value;
    } catch (const std::exception& e) {
      return Fail(Error::Internal(std::string("PostgreSQL: ") + e.what()));
    }
  }

  template <typename F>
  Status WithStatus(F&& f) {
    auto r = With([&](Connection& c) {
      f(c);
      return true;
    });
    if (!r) return Fail(r.error());
    return {};
  }

  // Reads and writes see the open unit of work of this thread, if any (see
  // Atomically); otherwise each runs in its own transaction on a pooled
  // connection. With() and WithStatus() always take their own connection,
  // outside any unit (migrations, the schema version).
  template <typename T, typename F>
  Result<T> Read(F&& f) {
    if (InWork()) return InUnit<T>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<T> { return f(c, tx); });
    return With([&](Connection& c) {
      pqxx::read_transaction tx(c.conn);
      return f(c, tx);
    });
  }

  // `f` returns Result<T>; the transaction commits only on success. Inside a
  // unit of work it runs in a savepoint, undone alone on failure.
  template <typename T, typename F>
  Result<T> Write(F&& f) {
    if (InWork()) return InUnit<T>([&](Connection& c, pqxx::dbtransaction& tx) { return Nested<T>(c, tx, f); });
    auto r = With([&](Connection& c) -> Result<T> {
      pqxx::work tx(c.conn);
      Result<T> value = f(c, tx);
      if (value) tx.commit();
      return value;
    });
    if (!r) return Fail(r.error());
    return *r;
  }

  // Write for work without a result: `f(c, tx)` returns nothing and throws on failure.
  template <typename F>
  Status WriteStatus(F&& f) {
    auto r = Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
      f(c, tx);
      return true;
    });
    if (!r) return Fail(r.error());
    return {};
  }

  // Runs `work` as one transaction on one connection: every Read and Write
  // it makes on this thread joins it, and it commits only if `work` succeeds.
  // Nested calls join the outer unit in a savepoint.
  Status Atomically(const std::function<Status()>& work) {
    auto unit = [&](Connection&, pqxx::dbtransaction&) -> Result<bool> {
      if (auto s = work(); !s) return Fail(s.error());
      return true;
    };
    if (InWork()) {
      auto r = InUnit<bool>([&](Connection& c, pqxx::dbtransaction& tx) { return Nested<bool>(c, tx, unit); });
      if (!r) return Fail(r.error());
      return {};
    }
    auto r = With([&](Connection& c) -> Result<bool> {
      pqxx::work tx(c.conn);
      struct Pin {
        Pin(const Handle* h, Connection& c, pqxx::dbtransaction& tx) { unit_ = UnitOnThread{h, &c, &tx}; }
        ~Pin() { unit_ = UnitOnThread{}; }
      } pin(this, c, tx);
      Result<bool> done = unit(c, tx);
      if (done) tx.commit();
      return done;
    });
    if (!r) return Fail(r.error());
    if (!*r) return Fail(r->error());
    return {};
  }

  bool InWork() const { return unit_.handle == this; }

 private:
  // A database error inside a unit of work aborts the whole transaction, so
  // it is reported as an error of the unit's caller too.
  template <typename T, typename F>
  Result<T> InUnit(F&& f) {
    try {
      return f(*unit_.conn, *unit_.tx);
    } catch (const std::exception& e) {
      return Fail(Error::Internal(std::string("PostgreSQL: ") + e.what()));
    }
  }

  // Runs `f` inside a savepoint of the unit's transaction, released if `f`
  // succeeds and rolled back to (undoing `f` alone) if it fails or throws;
  // a database error leaves the transaction usable after the rollback.
  // Savepoints are issued by hand: pqxx 6.4's subtransaction does not open
  // its savepoint for prepared statements, which then run in the parent.
  template <typename T, typename F>
  Result<T> Nested(Connection& c, pqxx::dbtransaction& tx, F& f) {
    const std::string name = "fk_nested_" + std::to_string(++unit_.depth);
    struct Depth {
      ~Depth() { --unit_.depth; }
    } depth;
    tx.exec("SAVEPOINT " + name);
    try {
      Result<T> value = f(c, tx);
      if (!value) tx.exec("ROLLBACK TO SAVEPOINT " + name);
      tx.exec("RELEASE SAVEPOINT " + name);
      return value;
    } catch (...) {
      tx.exec("ROLLBACK TO SAVEPOINT " + name);
      tx.exec("RELEASE SAVEPOINT " + name);
      throw;
    }
  }

  static inline thread_local UnitOnThread unit_;

  std::unique_ptr<Connection> Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return c;
      }
    }
    return std::make_unique<Connection>(url_);
  }

  void Release(std::unique_ptr<Connection> c) {
    if (!c->conn.is_open()) return;
    std::lock_guard lock(mu_);
    if (pool_.size() < kMaxIdle) pool_.push_back(std::move(c));
  }

  static constexpr size_t kMaxIdle = 16;
  std::string url_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

}  // namespace fangkong::pg
