// Admits at most so many requests per key (a client address) and in all
// within a fixed window of time, for the routes anyone may call without a
// login (a resident's own report). In memory, like the login throttle: a
// restart forgets the counts. Thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace fangkong {

struct RateLimitPolicy {
  int per_key = 5;  // requests per key in a window
  int total = 600;  // requests in all in a window
  int64_t window_seconds = 600;
  size_t max_keys = 100000;  // keys remembered at most in a window
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimitPolicy policy = {}) : policy_(policy) {}

  // True, and the request counted, when it may go ahead.
  bool Admit(const std::string& key, int64_t now) {
    std::lock_guard lock(mu_);
    if (now - window_start_ >= policy_.window_seconds) {
      window_start_ = now;
      total_ = 0;
      counts_.clear();
    }
    if (total_ >= policy_.total) return false;
    auto it = counts_.find(key);
    if (it == counts_.end()) {
      if (counts_.size() >= policy_.max_keys) return false;
      it = counts_.emplace(key, 0).first;
    }
    if (it->second >= policy_.per_key) return false;
    ++it->second;
    ++total_;
    return true;
  }

  // Seconds until the window ends and requests are admitted again.
  int64_t RetryAfter(int64_t now) const {
    std::lock_guard lock(mu_);
    return std::max<int64_t>(1, window_start_ + policy_.window_seconds - now);
  }

 private:
  const RateLimitPolicy policy_;
  mutable std::mutex mu_;
  int64_t window_start_ = 0;
  int total_ = 0;
  std::unordered_map<std::string, int> counts_;
};

}  // namespace fangkong
