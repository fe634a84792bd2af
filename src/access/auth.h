// Logins, sessions and the audit trail. Sessions are cached in memory so an
// authenticated request costs a hash lookup, not a database round trip.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "access/login_throttle.h"
#include "access/user.h"

namespace fangkong {

struct LoginResult {
  std::string token;
  User user;
  int64_t expires_at = 0;
};

// How long a session lasts: it ends `lifetime_seconds` after the login
// whatever happens, and earlier when it goes unused for `idle_seconds`.
struct SessionPolicy {
  int64_t lifetime_seconds = 12 * 3600;
  int64_t idle_seconds = 2 * 3600;
  // A session's last use is written back at most this often (a request
  // costs a hash lookup, not a database write); the idle timeout may
  // therefore run up to this much later after a restart.
  int64_t touch_every_seconds = 60;
  // Ended sessions are deleted at a login at most this often.
  int64_t purge_every_seconds = 600;
};

class Authenticator {
 public:
  // `clock` gives unix seconds (tests move it); empty: the system clock.
  explicit Authenticator(UserRepository& users, SessionPolicy policy = {},
                         std::function<int64_t()> clock = {}, LoginThrottlePolicy throttle = {});
  // Unauthenticated error (same message, same work) for unknown user, wrong
  // password or inactive user; a TooMany error, without checking the
  // password, while the name or the client `address` is locked out.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& address);
  // An administrator's unlock of a locked-out user name.
  void Unlock(const std::string& username) { throttle_.Unlock(username); }
  std::optional<int64_t> LockedUntil(const std::string& username) const {
    return throttle_.LockedUntil(username, clock_());
  }
  Result<User> Authenticate(const std::string& bearer_token);
  // Ends every session of a user at once (a password change or reset, a
  // deactivation, a logout): cached and stored.
  Status EndSessionsOf(int64_t user_id);
  // Forget cached sessions of a user whose role or jurisdiction changed.
  void Invalidate(int64_t user_id);

 private:
  // The last-use times change under the shared lock, so every request does
  // not queue for the exclusive one; entries are built in place (atomics).
  struct Cached {
    Cached(User u, int64_t expires, int64_t seen)
        : user(std::move(u)), expires_at(expires), last_seen(seen), last_written(seen) {}
    User user;
    int64_t expires_at;
    std::atomic<int64_t> last_seen;
    std::atomic<int64_t> last_written;  // the last_seen the table holds
  };
  void Cache(const std::string& digest, const User& user, int64_t expires_at, int64_t now);
  bool Alive(int64_t expires_at, int64_t last_seen, int64_t now) const;
  void PurgeNowAndThen(int64_t now);

  UserRepository& users_;
  SessionPolicy policy_;
  std::function<int64_t()> clock_;
  LoginThrottle throttle_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Cached> cache_;  // by token digest
  int64_t purged_at_ = 0;                          // under mu_
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
