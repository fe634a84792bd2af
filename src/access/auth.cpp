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

Result<LoginResult> Authenticator::Login(const std::string& username, const std::string& password) {
  auto found = users_.FindUserByName(username);
  if (!found) return Fail(found.error());
  if (!*found || !(*found)->first.active || !VerifyPassword((*found)->second, password)) {
    return Fail(BadLogin());
  }
  LoginResult r{NewSessionToken(), (*found)->first, NowUnixSeconds() + session_seconds_};
  std::string digest = TokenDigest(r.token);
  if (auto s = users_.InsertSession(Session{digest, r.user.id, r.expires_at}); !s) {
    return Fail(s.error());
  }
  std::unique_lock lock(mu_);
  cache_[digest] = Cached{r.user, r.expires_at};
  return r;
}

Result<User> Authenticator::Authenticate(const std::string& token) {
  if (token.size() != 64) return Fail(BadToken());
  std::string digest = TokenDigest(token);
  int64_t now = NowUnixSeconds();
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(digest);
    if (it != cache_.end()) {
      if (it->second.expires_at > now) return it->second.user;
      return Fail(BadToken());
    }
  }
  // Sessions outlive a restart: fall back to the table.
  auto session = users_.FindSession(digest);
  if (!session) return Fail(session.error());
  if (!*session || (*session)->expires_at <= now) return Fail(BadToken());
  auto user = users_.FindUser((*session)->user_id);
  if (!user) return Fail(user.error());
  if (!*user || !(*user)->active) return Fail(BadToken());
  std::unique_lock lock(mu_);
  cache_[digest] = Cached{**user, (*session)->expires_at};
  return **user;
}

Status Authenticator::Logout(const std::string& token) {
  std::string digest = TokenDigest(token);
  {
    std::unique_lock lock(mu_);
    cache_.erase(digest);
  }
  return users_.DeleteSession(digest);
}

void Authenticator::Invalidate(int64_t user_id) {
  std::unique_lock lock(mu_);
  std::erase_if(cache_, [user_id](const auto& kv) { return kv.second.user.id == user_id; });
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
