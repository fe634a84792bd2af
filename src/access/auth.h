// Logins, sessions and the audit trail. Sessions are cached in memory so an
// authenticated request costs a hash lookup, not a database round trip.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "access/user.h"

namespace fangkong {

struct LoginResult {
  std::string token;
  User user;
  int64_t expires_at = 0;
};

class Authenticator {
 public:
  explicit Authenticator(UserRepository& users, int64_t session_seconds = 12 * 3600)
      : users_(users), session_seconds_(session_seconds) {}
  // Unauthenticated error (same message) for unknown user, wrong password or inactive user.
  Result<LoginResult> Login(const std::string& username, const std::string& password);
  Result<User> Authenticate(const std::string& bearer_token);
  Status Logout(const std::string& bearer_token);
  // Forget cached sessions of a user whose role or jurisdiction changed.
  void Invalidate(int64_t user_id);

 private:
  struct Cached {
    User user;
    int64_t expires_at;
  };
  UserRepository& users_;
  int64_t session_seconds_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Cached> cache_;  // by token digest
};

// Collects audit entries and writes them in batches on a background thread,
// so auditing a read adds no database write to the request.
class Auditor {
 public:
  explicit Auditor(AuditRepository& repo);
  ~Auditor();
  void Record(const User& u, std::string action, std::string target, std::string detail,
              int64_t rows);
  // Writes everything recorded so far (before reading the log).
  void Flush();

 private:
  void Run();
  AuditRepository& repo_;
  std::mutex mu_;
  std::condition_variable cv_, flushed_;
  std::deque<AuditEntry> pending_;
  int64_t recorded_ = 0, written_ = 0;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace fangkong
