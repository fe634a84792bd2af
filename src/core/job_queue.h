// Background jobs (imports, exports) on a fixed number of threads, with a
// bounded queue in front: a burst of requests waits its turn or is refused,
// instead of starting a thread each.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fangkong {

class JobQueue {
 public:
  // `workers` threads run jobs in the order submitted; at most `max_waiting`
  // jobs wait for one.
  JobQueue(size_t workers, size_t max_waiting);
  // Runs the jobs already submitted, then stops the threads.
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // False, and the job is dropped, when max_waiting jobs already wait.
  bool Submit(std::function<void()> job);
  // Blocks until no job runs or waits.
  void WaitIdle();

 private:
  void Work();
  const size_t max_waiting_;
  std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::deque<std::function<void()>> waiting_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace fangkong
