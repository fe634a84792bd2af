#include "access/auth.h"

#include <spdlog/spdlog.h>

#include "core/date.h"

namespace fangkong {

namespace {
Error BadLogin() {
  return Error::Unauthenticated("wrong username or password", "用户名或密码错误");
}
Error BadToken() {
  return Error::Unauthenticated("missing, invalid or expired session token; log in again",
                                "未登录或登录已过期，请重新登录");
}
}  // namespace

Authenticator::Authenticator(UserRepository& users, SessionPolicy policy,
                             std::function<int64_t()> clock, LoginThrottlePolicy throttle)
    : users_(users),
      policy_(policy),
      clock_(clock ? std::move(clock) : [] { return NowUnixSeconds(); }),
      throttle_(throttle) {}

Result<LoginResult> Authenticator::Login(const std::string& username, const std::string& password,
                                         const std::string& address) {
  int64_t now = clock_();
  if (auto refused = throttle_.Refusal(username, address, now)) return Fail(*refused);
  auto found = users_.FindUserByName(username);
  if (!found) return Fail(found.error());
  bool known = *found && (*found)->first.active;
  bool right = known ? VerifyPassword((*found)->second, password) : VerifyAgainstNobody(password);
  if (!right) {
    throttle_.Failed(username, address, now);
    return Fail(BadLogin());
  }
  throttle_.Succeeded(username);
  now = clock_();
  PurgeNowAndThen(now);
  LoginResult r{NewSessionToken(), (*found)->first, now + policy_.lifetime_seconds};
  std::string digest = TokenDigest(r.token);
  if (auto s = users_.InsertSession(Session{digest, r.user.id, r.expires_at, now}); !s) {
    return Fail(s.error());
  }
  Cache(digest, r.user, r.expires_at, now);
  return r;
}

bool Authenticator::Alive(int64_t expires_at, int64_t last_seen, int64_t now) const {
  return expires_at > now && (last_seen == 0 || last_seen + policy_.idle_seconds > now);
}

Result<User> Authenticator::Authenticate(const std::string& token) {
  if (token.size() != 64) return Fail(BadToken());
  std::string digest = TokenDigest(token);
  int64_t now = clock_();
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(digest);
    if (it != cache_.end()) {
      Cached& c = it->second;
      if (!Alive(c.expires_at, c.last_seen, now)) return Fail(BadToken());
      c.last_seen = now;
      int64_t written = c.last_written;
      // One request a minute writes the last use back: the one that moves last_written.
      if (now - written < policy_.touch_every_seconds ||
          !c.last_written.compare_exchange_strong(written, now)) {
        return c.user;
      }
      User user = c.user;
      lock.unlock();
      (void)users_.TouchSession(digest, now);  // a lost touch only shortens the idle window
      return user;
    }
  }
  // Sessions outlive a restart: fall back to the table.
  auto session = users_.FindSession(digest);
  if (!session) return Fail(session.error());
  if (!*session || !Alive((*session)->expires_at, (*session)->last_seen, now))
    return Fail(BadToken());
  auto user = users_.FindUser((*session)->user_id);
  if (!user) return Fail(user.error());
  if (!*user || !(*user)->active) return Fail(BadToken());
  if (auto s = users_.TouchSession(digest, now); !s) return Fail(s.error());
  Cache(digest, **user, (*session)->expires_at, now);
  return **user;
}

void Authenticator::Cache(const std::string& digest, const User& user, int64_t expires_at,
                          int64_t now) {
  std::unique_lock lock(mu_);
  cache_.erase(digest);
  cache_.try_emplace(digest, user, expires_at, now);
}

Status Authenticator::EndSessionsOf(int64_t user_id) {
  Invalidate(user_id);
  return users_.DeleteSessionsOf(user_id);
}

void Authenticator::Invalidate(int64_t user_id) {
  std::unique_lock lock(mu_);
  std::erase_if(cache_, [user_id](const auto& kv) { return kv.second.user.id == user_id; });
}

void Authenticator::PurgeNowAndThen(int64_t now) {
  {
    std::unique_lock lock(mu_);
    if (now - purged_at_ < policy_.purge_every_seconds) return;
    purged_at_ = now;
  }
  auto purged = users_.PurgeSessions(now, now - policy_.idle_seconds);
  if (!purged) spdlog::warn("purging ended sessions failed: {}", purged.error().message);
}

Auditor::Auditor(AuditRepository& repo) : repo_(repo), worker_([this] { Run(); }) {}

Auditor::~Auditor() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void Auditor::Record(const User& u, std::string action, std::string target, std::string detail,
                     int64_t rows) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back(AuditEntry{0, NowUnixSeconds(), u.id, u.username, std::move(action),
                                  std::move(target), std::move(detail), rows});
    ++recorded_;
  }
  cv_.notify_one();
}

void Auditor::Flush() {
  std::unique_lock lock(mu_);
  int64_t target = recorded_;
  cv_.notify_one();
  flushed_.wait(lock, [&] { return written_ >= target || stop_; });
}

void Auditor::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop_ || !pending_.empty(); });
    if (pending_.empty()) {
      if (stop_) break;
      continue;
    }
    std::vector<AuditEntry> batch(pending_.begin(), pending_.end());
    pending_.clear();
    lock.unlock();
    if (auto s = repo_.AppendAudit(batch); !s) {
      spdlog::error("audit log write failed: {}", s.error().message);
    }
    lock.lock();
    written_ += static_cast<int64_t>(batch.size());
    flushed_.notify_all();
  }
  flushed_.notify_all();
}

}  // namespace fangkong
