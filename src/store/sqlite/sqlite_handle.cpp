#include "store/sqlite/sqlite_handle.h"

namespace fangkong::sqlite {

namespace {
constexpr size_t kMaxGroup = 256;
}  // namespace

Status Handle::Grouped(const std::function<Status(Connection&)>& work) {
  GroupedWrite mine{&work, {}, false};
  std::unique_lock lock(group_mu_);
  group_queue_.push_back(&mine);
  group_cv_.wait(lock, [&] { return mine.done || !group_leader_; });
  if (mine.done) return mine.result;
  // Lead: take everything queued so far (including this write) as one batch,
  // then hand over to the next waiter.
  group_leader_ = true;
  while (!mine.done) {
    std::vector<GroupedWrite*> batch;
    while (!group_queue_.empty() && batch.size() < kMaxGroup) {
      batch.push_back(group_queue_.front());
      group_queue_.pop_front();
    }
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (auto* w : batch) w->done = true;
    group_cv_.notify_all();
  }
  group_leader_ = false;
  group_cv_.notify_all();
  return mine.result;
}

void Handle::RunBatch(std::vector<GroupedWrite*>& batch) {
  std::lock_guard write(write_mu);
  Transaction tx(writer);
  for (auto* w : batch) {
    if (!writer.Exec("SAVEPOINT grouped").empty()) {
      w->result = Fail(DbError(writer, "starting a grouped write"));
      continue;
    }
    w->result = (*w->work)(writer);
    writer.Exec(w->result ? "RELEASE grouped" : "ROLLBACK TO grouped; RELEASE grouped");
  }
  if (!tx.Commit()) {
    Error e = DbError(writer, "committing grouped writes");
    for (auto* w : batch)
      if (w->result) w->result = Fail(e);
  }
}

}  // namespace fangkong::sqlite
