// Exports of people written in the background, so that a clerk exporting a
// county watches progress instead of a spinner: 380,000 people take about
// 9 s, a million about 25 s. A finished workbook is kept in memory for its
// owner for kKeepSeconds, and no more than kMaxKept of them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "access/user.h"
#include "core/job_queue.h"
#include "core/error.h"
#include "registry/person.h"

namespace fangkong {

struct ExportJob {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string scope;       // what was asked for, for the audit log ("region:341881")
  bool full = false;       // identity numbers and phones unmasked
  std::string state;       // "queued", "running", "done" or "failed"
  int64_t rows_total = 0;  // rows expected when the job started
  int64_t rows_done = 0;   // rows written so far
  int64_t created_at = 0, finished_at = 0;  // unix seconds; finished_at 0 while running
  std::optional<Error> error;               // why a failed job failed
};

class ExportJobs {
 public:
  // Walks the rows to export, calling `each` for every person; returns how
  // many it visited. The caller has checked the query and the jurisdiction.
  using Scan = std::function<Result<int64_t>(const std::function<Status(const Person&)>& each)>;

  // Exports run two at a time (the machine's cores); eight more may wait.
  static constexpr size_t kWorkers = 2;
  static constexpr size_t kMaxWaiting = 8;
  static constexpr int64_t kKeepSeconds = 30 * 60;
  // Finished workbooks kept at most (a million people make 62 MB); the
  // oldest goes first.
  static constexpr int kMaxKept = 16;

  ExportJobs() = default;
  ~ExportJobs();  // waits for running and queued jobs
  ExportJobs(const ExportJobs&) = delete;
  ExportJobs& operator=(const ExportJobs&) = delete;

  // Queues a job and returns its id at once ("queued" until a worker takes
  // it); a conflict when kMaxWaiting jobs already wait. `on_finish` runs
  // once, on the job's thread, when the workbook is written or the job fails.
  Result<int64_t> Start(const User& user, std::string scope, bool full, int64_t rows_total,
                        Scan scan, std::function<void(const ExportJob&)> on_finish = {});
  // The job, if it exists and belongs to `user`.
  std::optional<ExportJob> Find(const User& user, int64_t id) const;
  // The finished workbook of `user`'s job: not found, or a conflict while it runs
  // or after it failed.
  Result<std::shared_ptr<const std::string>> File(const User& user, int64_t id) const;
  void WaitAll();

 private:
  struct Entry {
    ExportJob job;
    std::atomic<int64_t> rows_done{0};
    std::shared_ptr<const std::string> file;
  };
  void Run(Entry& e, const Scan& scan, const std::function<void(const ExportJob&)>& on_finish);
  void DropExpired(int64_t now);  // with mu_ held
  ExportJob Snapshot(const Entry& e) const;

  mutable std::mutex mu_;
  std::map<int64_t, std::unique_ptr<Entry>> jobs_;
  int64_t next_id_ = 1;
  JobQueue queue_{kWorkers, kMaxWaiting};  // last: its threads stop first
};

}  // namespace fangkong
