// What every SQLite repository of one database file shares: the single
// writer connection (SQLite allows one writer at a time) behind a mutex, and
// a pool of reader connections. Only store/sqlite includes this.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/sqlite/sqlite_db.h"

namespace fangkong::sqlite {

class Handle {
  std::string path_;  // first: the writer opens it

 public:
  explicit Handle(std::string path) : path_(std::move(path)), writer(path_) {}

  // Hold write_mu while using writer.
  std::mutex write_mu;
  Connection writer;

  // A reader connection borrowed from the pool for one call.
  class Lease {
   public:
    Lease(Handle& h, std::unique_ptr<Connection> c) : h_(h), c_(std::move(c)) {}
    ~Lease() {
      std::lock_guard lock(h_.pool_mu_);
      h_.pool_.push_back(std::move(c_));
    }
    Connection* operator->() { return c_.get(); }
    Connection& operator*() { return *c_; }

   private:
    Handle& h_;
    std::unique_ptr<Connection> c_;
  };

  Lease Reader() {
    {
      std::lock_guard lock(pool_mu_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return Lease(*this, std::move(c));
      }
    }
    return Lease(*this, std::make_unique<Connection>(path_));
  }

  // Group commit: runs `work` on the writer inside a transaction shared with
  // whatever other writes are waiting, each in its own savepoint (a failed one
  // is rolled back alone), and returns once that transaction has committed.
  // The first waiting caller leads: it writes and commits the batch while
  // later callers queue for the next one, so one commit (one set of WAL
  // frames for the shared pages) serves many small writes. Do not hold
  // write_mu when calling.
  Status Grouped(const std::function<Status(Connection&)>& work);

  // After a failed step on the writer: was it a unique index (not a foreign key)?
  bool UniqueViolation() { return sqlite3_extended_errcode(writer.raw()) == SQLITE_CONSTRAINT_UNIQUE; }

 private:
  struct GroupedWrite {
    const std::function<Status(Connection&)>* work;
    Status result;
    bool done = false;
  };
  void RunBatch(std::vector<GroupedWrite*>& batch);

  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::deque<GroupedWrite*> group_queue_;
  bool group_leader_ = false;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

// Rolls back unless committed, so every early return leaves the file unchanged.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.Exec("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) c_.Exec("ROLLBACK");
  }
  bool Commit() {
    done_ = c_.Exec("COMMIT").empty();
    return done_;
  }

 private:
  Connection& c_;
  bool done_ = false;
};

inline Error DbError(Connection& c, const char* what) {
  return Error::Internal(std::string("database error while ") + what + ": " + c.LastError());
}

}  // namespace fangkong::sqlite
