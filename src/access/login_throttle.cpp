#include "access/login_throttle.h"

#include <algorithm>

namespace fangkong {

namespace {

std::string Minutes(int64_t seconds) { return std::to_string((seconds + 59) / 60); }

Error AccountLocked(int64_t wait) {
  return Error::TooMany(
      "login_locked",
      "too many failed logins for this account: try again in " + Minutes(wait) +
          " minutes, or ask an administrator to unlock it",
      "该账号登录失败次数过多，已暂时锁定：请" + Minutes(wait) + "分钟后再试，或请管理员解锁");
}

Error AddressLocked(int64_t wait) {
  return Error::TooMany(
      "login_locked",
      "too many failed logins from this address: try again in " + Minutes(wait) + " minutes",
      "该地址登录失败次数过多：请" + Minutes(wait) + "分钟后再试");
}

}  // namespace

std::optional<Error> LoginThrottle::Refusal(const std::string& account, const std::string& address,
                                            int64_t now) const {
  std::lock_guard lock(mu_);
  if (auto it = accounts_.find(account); it != accounts_.end() && it->second.locked_until > now)
    return AccountLocked(it->second.locked_until - now);
  if (auto it = addresses_.find(address); it != addresses_.end() && it->second.locked_until > now)
    return AddressLocked(it->second.locked_until - now);
  return std::nullopt;
}

void LoginThrottle::Failed(const std::string& account, const std::string& address, int64_t now) {
  std::lock_guard lock(mu_);
  Add(accounts_, account, policy_.failures_per_account, now);
  Add(addresses_, address, policy_.failures_per_address, now);
}

void LoginThrottle::Add(Counts& counts, const std::string& key, int limit, int64_t now) {
  if (counts.size() >= policy_.max_tracked && !counts.count(key)) Forget(counts, now);
  Count& c = counts[key];
  if (now - c.first_at > policy_.window_seconds) c = Count{0, now, c.locked_until};
  if (++c.failures >= limit) {
    c.locked_until = now + policy_.lockout_seconds;
    c.failures = 0;
  }
}

// Drops counts whose window has passed and which hold no lock; when a spray
// of names leaves none such, any that hold no lock.
void LoginThrottle::Forget(Counts& counts, int64_t now) {
  std::erase_if(counts, [&](const auto& kv) {
    return kv.second.locked_until <= now && now - kv.second.first_at > policy_.window_seconds;
  });
  for (auto it = counts.begin(); counts.size() >= policy_.max_tracked && it != counts.end();) {
    it = it->second.locked_until <= now ? counts.erase(it) : std::next(it);
  }
}

void LoginThrottle::Succeeded(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

void LoginThrottle::Unlock(const std::string& account) { Succeeded(account); }

std::optional<int64_t> LoginThrottle::LockedUntil(const std::string& account, int64_t now) const {
  std::lock_guard lock(mu_);
  auto it = accounts_.find(account);
  if (it == accounts_.end() || it->second.locked_until <= now) return std::nullopt;
  return it->second.locked_until;
}

}  // namespace fangkong
