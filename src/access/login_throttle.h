// Refuses logins after repeated failures, per account and per client address,
// so a password cannot be guessed by trying. In memory: a restart forgets
// the counts (one process serves logins; see docs/security.md).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/error.h"

namespace fangkong {

struct LoginThrottlePolicy {
  int failures_per_account = 5;   // in a row, then the account is locked
  int failures_per_address = 20;  // within the window, then the address is
  int64_t window_seconds = 15 * 60;
  int64_t lockout_seconds = 15 * 60;
  size_t max_tracked = 100000;  // names and addresses remembered at most
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottlePolicy policy = {}) : policy_(policy) {}

  // The refusal to give before checking any password (a TooMany error that
  // says how long to wait), or nothing when the attempt may go ahead.
  std::optional<Error> Refusal(const std::string& account, const std::string& address,
                               int64_t now) const;
  void Failed(const std::string& account, const std::string& address, int64_t now);
  // A correct password clears the account's count (not the address's).
  void Succeeded(const std::string& account);
  // An administrator's unlock: the account may try again at once.
  void Unlock(const std::string& account);
  // When the account's lock ends, if it is locked.
  std::optional<int64_t> LockedUntil(const std::string& account, int64_t now) const;

 private:
  struct Count {
    int failures = 0;
    int64_t first_at = 0;
    int64_t locked_until = 0;
  };
  using Counts = std::unordered_map<std::string, Count>;
  void Add(Counts& counts, const std::string& key, int limit, int64_t now);
  void Forget(Counts& counts, int64_t now);

  const LoginThrottlePolicy policy_;
  mutable std::mutex mu_;
  Counts accounts_, addresses_;
};

}  // namespace fangkong
