// Export jobs: progress, ownership, failure and the cap on running jobs.
#include "registry/export_job.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace fangkong {
namespace {

User Clerk(int64_t id) {
  User u;
  u.id = id;
  u.username = "clerk" + std::to_string(id);
  u.role = Role::kTownshipOfficer;
  u.region_code = "341881001";
  return u;
}

Person Someone(int i) {
  Person p;
  p.doc_number = "34188119900101" + std::to_string(1000 + i);
  p.name = "测试" + std::to_string(i);
  p.region_code = "341881001001";
  return p;
}

// A scan of `n` people that waits for `go` before it starts.
ExportJobs::Scan HeldScan(int n, std::shared_future<void> go) {
  return [n, go](const std::function<Status(const Person&)>& each) -> Result<int64_t> {
    go.wait();
    for (int i = 0; i < n; ++i) {
      if (auto s = each(Someone(i)); !s) return Fail(s.error());
    }
    return n;
  };
}

ExportJob WaitForEnd(ExportJobs& jobs, const User& u, int64_t id) {
  for (int i = 0; i < 500; ++i) {
    auto j = jobs.Find(u, id);
    if (j && j->state != "running" && j->state != "queued") return *j;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return *jobs.Find(u, id);
}

TEST(ExportJobsTest, AFinishedJobHasItsRowsAndAWorkbookForItsOwnerOnly) {
  ExportJobs jobs;
  std::promise<void> go;
  std::vector<ExportJob> finished;
  auto id = jobs.Start(Clerk(1), "region:341881001", false, 3, HeldScan(3, go.get_future().share()),
                       [&](const ExportJob& j) { finished.push_back(j); });
  ASSERT_TRUE(id);
  auto running = jobs.File(Clerk(1), *id);
  ASSERT_FALSE(running);
  EXPECT_EQ(running.error().code, "export_running");
  go.set_value();
  auto job = WaitForEnd(jobs, Clerk(1), *id);
  EXPECT_EQ(job.state, "done");
  EXPECT_EQ(job.rows_done, 3);
  EXPECT_GT(job.finished_at, 0);
  auto file = jobs.File(Clerk(1), *id);
  ASSERT_TRUE(file);
  EXPECT_EQ((*file)->substr(0, 2), "PK");
  EXPECT_FALSE(jobs.Find(Clerk(2), *id));
  EXPECT_EQ(jobs.File(Clerk(2), *id).error().kind, ErrorKind::kNotFound);
  jobs.WaitAll();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].rows_done, 3);
}

TEST(ExportJobsTest, AFailedScanFailsTheJobWithItsReason) {
  ExportJobs jobs;
  auto id = jobs.Start(Clerk(1), "region:341881001", false, 10,
                       [](const std::function<Status(const Person&)>& each) -> Result<int64_t> {
                         (void)each(Someone(0));
                         return Fail(Error::Internal("the database went away"));
                       });
  ASSERT_TRUE(id);
  auto job = WaitForEnd(jobs, Clerk(1), *id);
  EXPECT_EQ(job.state, "failed");
  ASSERT_TRUE(job.error);
  EXPECT_EQ(job.error->message, "the database went away");
  auto file = jobs.File(Clerk(1), *id);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, "export_failed");
}

TEST(ExportJobsTest, AFewRunAtOnceMoreWaitAndTheRestAreRefused) {
  ExportJobs jobs;
  std::promise<void> go;
  auto held = go.get_future().share();
  std::vector<int64_t> ids;
  auto start = [&](size_t n) {
    for (size_t i = 0; i < n; ++i) {
      auto id = jobs.Start(Clerk(1), "region:341881001", false, 1, HeldScan(1, held));
      ASSERT_TRUE(id) << ids.size();
      ids.push_back(*id);
    }
  };
  // The first ones are taken by the workers, the others wait their turn.
  start(ExportJobs::kWorkers);
  auto all_running = [&] {
    for (int64_t id : ids)
      if (jobs.Find(Clerk(1), id)->state != "running") return false;
    return true;
  };
  for (int i = 0; i < 500 && !all_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  start(ExportJobs::kMaxWaiting);
  for (size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(jobs.Find(Clerk(1), ids[i])->state, i < ExportJobs::kWorkers ? "running" : "queued") << i;
  auto refused = jobs.Start(Clerk(2), "region:341881001", false, 1, HeldScan(1, held));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "too_many_exports");
  go.set_value();
  for (auto id : ids) EXPECT_EQ(WaitForEnd(jobs, Clerk(1), id).state, "done");
  EXPECT_TRUE(jobs.Start(Clerk(2), "region:341881001", false, 1, HeldScan(1, held)));
}

TEST(ExportJobsTest, OnlyTheNewestFinishedWorkbooksAreKept) {
  ExportJobs jobs;
  std::promise<void> go;
  go.set_value();
  auto ready = go.get_future().share();
  std::vector<int64_t> ids;
  for (int i = 0; i < ExportJobs::kMaxKept + 2; ++i) {
    auto id = jobs.Start(Clerk(1), "region:341881001", false, 1, HeldScan(1, ready));
    ASSERT_TRUE(id);
    ASSERT_EQ(WaitForEnd(jobs, Clerk(1), *id).state, "done");
    ids.push_back(*id);
  }
  // Each start dropped the oldest beyond the cap; the newest are all there.
  EXPECT_FALSE(jobs.Find(Clerk(1), ids[0]));
  for (size_t i = 2; i < ids.size(); ++i) EXPECT_TRUE(jobs.File(Clerk(1), ids[i])) << i;
}

}  // namespace
}  // namespace fangkong
