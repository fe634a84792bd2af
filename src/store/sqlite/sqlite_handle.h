// What every SQLite repository of one database file shares: the single
// writer connection (SQLite allows one writer at a time) behind a mutex, and
// a pool of reader connections. Only store/sqlite includes this.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "store/sqlite/sqlite_db.h"

namespace fangkong::sqlite {

class Handle {
  std::string path_;  // first: the writer opens it

 public:
  // Starts the checkpointer thread; the destructor stops it.
  explicit Handle(std::string path);
  ~Handle();
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  // The single writer connection, used only by the group commit (Grouped).
  Connection writer;

  // A reader connection for one call: from the pool, or, inside a unit of
  // work on this thread, the writer itself, so reads see the unit's own
  // snapshot and writes (and the writer's page cache, which other
  // connections' commits would invalidate, stays warm).
  class Lease {
   public:
    Lease(Handle& h, std::unique_ptr<Connection> c)
        : h_(h), owned_(std::move(c)), c_(owned_.get()) {}
    Lease(Handle& h, Connection& borrowed) : h_(h), c_(&borrowed) {}
    ~Lease() {
      if (!owned_) return;
      std::lock_guard lock(h_.pool_mu_);
      h_.pool_.push_back(std::move(owned_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection* operator->() { return c_; }
    Connection& operator*() { return *c_; }

   private:
    Handle& h_;
    std::unique_ptr<Connection> owned_;
    Connection* c_;
  };

  Lease Reader() {
    if (InWork()) return Lease(*this, writer);
    {
      std::lock_guard lock(pool_mu_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return Lease(*this, std::move(c));
      }
    }
    return Lease(*this, std::make_unique<Connection>(path_, kReaderCacheMib));
  }

  // Group commit: runs `work` on the writer inside a transaction shared with
  // whatever other writes are waiting, each in its own savepoint (a failed one
  // is rolled back alone), and returns once that transaction has committed.
  // The first waiting caller leads: it writes and commits the batch while
  // later callers queue for the next one, so one commit (one set of WAL
  // frames for the shared pages) serves many small writes. Every repository
  // call `work` makes on its thread reads and writes inside its savepoint
  // (Reader() knows), so `work` may be a whole unit of
  // domain logic: checks read the state its writes change, atomically.
  // Called from inside a unit of work, runs `work` there in a nested savepoint.
  Status Grouped(const std::function<Status(Connection&)>& work);

  // True while this thread runs a unit of work on this handle's writer.
  bool InWork() const { return working_on_ == this; }

  // Reference rows (sites, their staff, lots, cold-chain holds and the
  // organisations and users they join) change rarely, so a unit of work may
  // keep them in memory (ReferenceCache) while ReferenceVersion() stays the
  // same. It changes when the writer changes a row of a table named to
  // WatchReferenceTables, and when another process has committed since the
  // previous unit began (PRAGMA data_version: nobody else commits while a
  // unit runs, since it holds the write lock). Read both only in a unit.
  // WatchReferenceTables is for set-up, before the handle is shared.
  void WatchReferenceTables(std::initializer_list<const char*> tables);
  uint64_t ReferenceVersion() const { return reference_version_; }
  // True once the running transaction has written a reference table: what it
  // reads may yet be rolled back, so nothing read then may be kept.
  bool ReferenceWrittenInTransaction() const { return reference_written_; }

 private:
  struct GroupedWrite {
    const std::function<Status(Connection&)>* work;
    Status result{};
    bool done = false;
    bool leads = false;  // handed the lead while still waiting
    // Not a std::binary_semaphore: libstdc++'s acquire spins on
    // sched_yield before it sleeps, and 32 waiting writes spinning took a
    // tenth of the server's CPU from the writer (bench/RESULTS.md).
    std::condition_variable wake;  // waited on under group_mu_
  };
  void Lead(GroupedWrite& mine);
  void RunBatch(std::vector<GroupedWrite*>& batch);
  Status RunInSavepoint(const std::function<Status(Connection&)>& work);

  // Checkpoints copy the WAL back into the database file. SQLite runs them
  // in the committing writer, which stalls every queued write for the copy
  // and its fsync; here a thread of its own runs them (PASSIVE: beside the
  // writer) once the WAL holds kBackgroundCheckpointFrames pages. Under a
  // write load that never pauses a passive checkpoint never catches up with
  // the end of the WAL, so past kInlineCheckpointFrames the writer
  // checkpoints itself as SQLite would, which bounds the WAL's size.
  static void OnRowChange(void* handle, int op, const char* db, const char* table, sqlite3_int64);
  void NoteOtherProcessCommits();

  static constexpr int kBackgroundCheckpointFrames = 16384;  // 64 MiB
  static constexpr int kInlineCheckpointFrames = 65536;      // 256 MiB
  static int OnCommit(void* handle, sqlite3* db, const char* name, int frames);
  void CheckpointLoop();

  static thread_local const Handle* working_on_;
  std::vector<std::string> reference_tables_;
  uint64_t reference_version_ = 0;  // these three only under write_mu_
  bool reference_written_ = false;
  int64_t data_version_ = -1;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false, stopping_ = false;
  std::thread checkpointer_;
  std::mutex write_mu_;
  std::mutex group_mu_;
  std::deque<GroupedWrite*> group_queue_;
  bool group_leader_ = false;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

// The group commit's transaction: rolls back unless committed, so every
// early return leaves the file unchanged.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.Run("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) c_.Run("ROLLBACK");
  }
  bool Commit() { return done_ = c_.Run("COMMIT").empty(); }

 private:
  Connection& c_;
  bool done_ = false;
};

inline Error DbError(Connection& c, const char* what) {
  return Error::Internal(std::string("database error while ") + what + ": " + c.LastError());
}

}  // namespace fangkong::sqlite
