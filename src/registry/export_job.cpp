#include "registry/export_job.h"

#include "core/date.h"
#include "registry/export_xlsx.h"

namespace fangkong {

ExportJobs::~ExportJobs() { WaitAll(); }

void ExportJobs::WaitAll() { queue_.WaitIdle(); }

Result<int64_t> ExportJobs::Start(const User& user, std::string scope, bool full,
                                  int64_t rows_total, Scan scan,
                                  std::function<void(const ExportJob&)> on_finish) {
  std::lock_guard lock(mu_);
  int64_t now = NowUnixSeconds();
  DropExpired(now);
  auto entry = std::make_unique<Entry>();
  Entry& e = *entry;
  e.job.id = next_id_++;
  e.job.user_id = user.id;
  e.job.scope = std::move(scope);
  e.job.full = full;
  e.job.state = "queued";
  e.job.rows_total = rows_total;
  e.job.created_at = now;
  bool queued = queue_.Submit([this, &e, scan = std::move(scan), on_finish = std::move(on_finish)] {
    Run(e, scan, on_finish);
  });
  if (!queued) {
    return Fail(Error::Conflict("too_many_exports", "export", std::to_string(kMaxWaiting),
                                "too many exports are waiting; try again in a minute",
                                "等待中的导出任务过多，请稍后再试"));
  }
  int64_t id = e.job.id;
  jobs_.emplace(id, std::move(entry));
  return id;
}

void ExportJobs::Run(Entry& e, const Scan& scan,
                     const std::function<void(const ExportJob&)>& on_finish) {
  {
    std::lock_guard lock(mu_);
    e.job.state = "running";
  }
  std::shared_ptr<const std::string> file;
  std::optional<Error> error;
  auto sheet = PersonSheetWriter::Open(e.job.full);
  if (!sheet) {
    error = sheet.error();
  } else {
    auto rows = scan([&](const Person& p) -> Status {
      (*sheet)->Add(p);
      e.rows_done.fetch_add(1, std::memory_order_relaxed);
      return {};
    });
    auto bytes = rows ? (*sheet)->Finish() : Result<std::string>(Fail(rows.error()));
    if (bytes)
      file = std::make_shared<const std::string>(std::move(*bytes));
    else
      error = bytes.error();
  }
  ExportJob done;
  {
    std::lock_guard lock(mu_);
    e.file = std::move(file);
    e.job.error = std::move(error);
    e.job.state = e.job.error ? "failed" : "done";
    e.job.finished_at = NowUnixSeconds();
    done = Snapshot(e);
  }
  if (on_finish) on_finish(done);
}

// Finished jobs older than kKeepSeconds go with their workbooks, and the
// oldest finished ones beyond kMaxKept (ids grow with time, so map order is age).
void ExportJobs::DropExpired(int64_t now) {
  int finished = 0;
  for (const auto& [id, e] : jobs_) finished += e->job.finished_at != 0;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    Entry& e = *it->second;
    bool done = e.job.finished_at != 0;
    if (done && (now - e.job.finished_at > kKeepSeconds || finished > kMaxKept)) {
      it = jobs_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

ExportJob ExportJobs::Snapshot(const Entry& e) const {
  ExportJob j = e.job;
  j.rows_done = e.rows_done.load(std::memory_order_relaxed);
  return j;
}

std::optional<ExportJob> ExportJobs::Find(const User& user, int64_t id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->job.user_id != user.id) return std::nullopt;
  return Snapshot(*it->second);
}

Result<std::shared_ptr<const std::string>> ExportJobs::File(const User& user, int64_t id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->job.user_id != user.id) {
    return Fail(Error::NotFound("export", std::to_string(id)));
  }
  const Entry& e = *it->second;
  if (e.job.state == "running" || e.job.state == "queued") {
    return Fail(Error::Conflict("export_running", "id", std::to_string(id),
                                "the export is still being written", "导出文件尚在生成中"));
  }
  if (!e.file) {
    return Fail(Error::Conflict("export_failed", "id", std::to_string(id),
                                "the export failed: " + (e.job.error ? e.job.error->message : ""),
                                "导出失败：" + (e.job.error ? e.job.error->message_zh : "")));
  }
  return e.file;
}

}  // namespace fangkong
