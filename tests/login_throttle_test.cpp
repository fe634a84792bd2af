// The lockout rules after failed logins, as tables over a clock the test moves.
#include "access/login_throttle.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

LoginThrottlePolicy Small() {
  LoginThrottlePolicy p;
  p.failures_per_account = 3;
  p.failures_per_address = 5;
  p.window_seconds = 100;
  p.lockout_seconds = 600;
  return p;
}

struct Attempt {
  const char* account;
  const char* address;
  int64_t at;
  bool fails;           // a wrong password (checked only if not refused)
  bool refused_before;  // whether the throttle refuses it before any check
};

TEST(LoginThrottleTest, LocksANameAfterFailuresInARowAndAnAddressAfterMore) {
  const Attempt table[] = {
      {"town1", "10.0.0.1", 0, true, false},    {"town1", "10.0.0.1", 1, true, false},
      {"town1", "10.0.0.2", 2, true, false},     // third failure for the name: locked
      {"town1", "10.0.0.3", 3, false, true},     // even the right password, from elsewhere
      {"other", "10.0.0.1", 4, false, false},    // the address is not locked yet (2 failures)
      {"town1", "10.0.0.1", 602, false, false},  // the lock has run out
      {"a", "10.9.9.9", 700, true, false},      {"b", "10.9.9.9", 701, true, false},
      {"c", "10.9.9.9", 702, true, false},      {"d", "10.9.9.9", 703, true, false},
      {"e", "10.9.9.9", 704, true, false},   // fifth from one address: it is locked
      {"f", "10.9.9.9", 705, false, true},   // any name from there
      {"f", "10.9.9.8", 706, false, false},  // the name itself is fine elsewhere
  };
  LoginThrottle t(Small());
  for (const auto& a : table) {
    auto refusal = t.Refusal(a.account, a.address, a.at);
    EXPECT_EQ(refusal.has_value(), a.refused_before) << a.account << " at " << a.at;
    if (refusal) {
      EXPECT_EQ(refusal->kind, ErrorKind::kTooMany);
      EXPECT_EQ(refusal->code, "login_locked");
      continue;
    }
    if (a.fails)
      t.Failed(a.account, a.address, a.at);
    else
      t.Succeeded(a.account);
  }
}

TEST(LoginThrottleTest, TheRefusalSaysHowLongToWait) {
  LoginThrottle t(Small());
  for (int i = 0; i < 3; ++i) t.Failed("town1", "10.0.0.1", 0);
  auto refusal = t.Refusal("town1", "10.0.0.7", 61);
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->message.find("9 minutes"), std::string::npos)
      << refusal->message;  // 539 s left
  EXPECT_NE(refusal->message_zh.find("9分钟"), std::string::npos);
  EXPECT_EQ(t.LockedUntil("town1", 61), 600);
}

TEST(LoginThrottleTest, FailuresOutsideTheWindowStartAFreshCount) {
  LoginThrottle t(Small());
  t.Failed("town1", "x", 0);
  t.Failed("town1", "x", 50);
  t.Failed("town1", "x", 151);  // the first two are older than the window
  EXPECT_FALSE(t.Refusal("town1", "y", 152));
}

TEST(LoginThrottleTest, ASuccessOrAnUnlockClearsTheName) {
  LoginThrottle t(Small());
  t.Failed("town1", "x", 0);
  t.Failed("town1", "x", 1);
  t.Succeeded("town1");
  t.Failed("town1", "x", 2);
  EXPECT_FALSE(t.Refusal("town1", "y", 3)) << "the count restarted at the success";
  t.Failed("town1", "x", 3);
  t.Failed("town1", "x", 4);
  ASSERT_TRUE(t.Refusal("town1", "y", 5));
  t.Unlock("town1");
  EXPECT_FALSE(t.Refusal("town1", "y", 5));
  EXPECT_FALSE(t.LockedUntil("town1", 5));
}

TEST(LoginThrottleTest, ASprayOfNamesCannotEvictALock) {
  auto p = Small();
  p.max_tracked = 10;
  p.failures_per_address = 1000000;
  LoginThrottle t(p);
  for (int i = 0; i < 3; ++i) t.Failed("victim", "x", 0);
  for (int i = 0; i < 100; ++i) t.Failed("spray" + std::to_string(i), "x", 1);
  EXPECT_TRUE(t.Refusal("victim", "y", 2));
}

}  // namespace
}  // namespace fangkong
