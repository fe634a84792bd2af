#include "store/sqlite/sqlite_handle.h"

namespace fangkong::sqlite {

namespace {
constexpr size_t kMaxGroup = 256;
}  // namespace

thread_local const Handle* Handle::working_on_ = nullptr;

Handle::Handle(std::string path) : path_(std::move(path)), writer(path_) {
  sqlite3_wal_hook(writer.raw(), &Handle::OnCommit, this);  // replaces SQLite's autocheckpoint
  sqlite3_update_hook(writer.raw(), &Handle::OnRowChange, this);
  checkpointer_ = std::thread([this] { CheckpointLoop(); });
}

Handle::~Handle() {
  {
    std::lock_guard lock(checkpoint_mu_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_one();
  checkpointer_.join();
}

int Handle::OnCommit(void* handle, sqlite3* db, const char*, int frames) {
  auto* h = static_cast<Handle*>(handle);
  if (frames >= kInlineCheckpointFrames) {
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= kBackgroundCheckpointFrames) {
    {
      std::lock_guard lock(h->checkpoint_mu_);
      h->checkpoint_wanted_ = true;
    }
    h->checkpoint_cv_.notify_one();
  }
  return SQLITE_OK;
}

void Handle::WatchReferenceTables(std::initializer_list<const char*> tables) {
  reference_tables_.insert(reference_tables_.end(), tables.begin(), tables.end());
}

// Runs on the writer, for every row it inserts, updates or deletes (the
// reference tables all have rowids, without which SQLite would not call it).
void Handle::OnRowChange(void* handle, int, const char*, const char* table, sqlite3_int64) {
  auto* h = static_cast<Handle*>(handle);
  for (const auto& name : h->reference_tables_) {
    if (name == table) {
      ++h->reference_version_;
      h->reference_written_ = true;
      return;
    }
  }
}

void Handle::NoteOtherProcessCommits() {
  auto s = writer.Prepare("PRAGMA data_version");
  int64_t version = s.Step() == SQLITE_ROW ? s.Int(0) : -1;
  if (version != data_version_ || version < 0) ++reference_version_;
  data_version_ = version;
}

void Handle::CheckpointLoop() {
  std::unique_ptr<Connection> own;
  std::unique_lock lock(checkpoint_mu_);
  while (true) {
    checkpoint_cv_.wait(lock, [this] { return checkpoint_wanted_ || stopping_; });
    if (stopping_) return;
    checkpoint_wanted_ = false;
    lock.unlock();
    try {
      if (!own) own = std::make_unique<Connection>(path_, kReaderCacheMib);
      sqlite3_wal_checkpoint_v2(own->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } catch (const std::exception&) {
      // The file could not be opened again: the inline checkpoint still bounds the WAL.
    }
    lock.lock();
  }
}

Status Handle::Grouped(const std::function<Status(Connection&)>& work) {
  if (InWork()) return RunInSavepoint(work);
  GroupedWrite mine;
  mine.work = &work;
  {
    std::unique_lock lock(group_mu_);
    group_queue_.push_back(&mine);
    if (!group_leader_) {
      group_leader_ = true;
    } else {
      mine.wake.wait(lock, [&] { return mine.done || mine.leads; });
      if (mine.done) return mine.result;
    }
  }
  Lead(mine);
  return mine.result;
}

// Runs batches until `mine` is done, then hands the lead to the oldest
// waiting write. Each waiter is woken once, when its write is done or when it
// leads, so a batch costs no wake-ups of writes still waiting.
void Handle::Lead(GroupedWrite& mine) {
  std::unique_lock lock(group_mu_);
  while (!mine.done) {
    std::vector<GroupedWrite*> batch;
    while (!group_queue_.empty() && batch.size() < kMaxGroup) {
      batch.push_back(group_queue_.front());
      group_queue_.pop_front();
    }
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (auto* w : batch) {
      w->done = true;
      // Under group_mu_, which `w` must take to see `done`: it is not gone yet.
      if (w != &mine) w->wake.notify_one();
    }
  }
  if (group_queue_.empty()) {
    group_leader_ = false;
  } else {
    group_queue_.front()->leads = true;
    group_queue_.front()->wake.notify_one();
  }
}

Status Handle::RunInSavepoint(const std::function<Status(Connection&)>& work) {
  if (!writer.Run("SAVEPOINT grouped").empty()) {
    return Fail(DbError(writer, "starting a grouped write"));
  }
  Status result = work(writer);
  if (!result) writer.Run("ROLLBACK TO grouped");
  writer.Run("RELEASE grouped");
  return result;
}

void Handle::RunBatch(std::vector<GroupedWrite*>& batch) {
  std::lock_guard write(write_mu_);
  Transaction tx(writer);
  reference_written_ = false;
  NoteOtherProcessCommits();
  for (auto* w : batch) {
    // The work runs on this (the leader's) thread: its repository calls
    // must find the writer, whoever queued it.
    struct Working {
      explicit Working(const Handle* h) { working_on_ = h; }
      ~Working() { working_on_ = nullptr; }
    } working(this);
    w->result = RunInSavepoint(*w->work);
  }
  if (!tx.Commit()) {
    Error e = DbError(writer, "committing grouped writes");
    for (auto* w : batch)
      if (w->result) w->result = Fail(e);
  }
}

}  // namespace fangkong::sqlite
