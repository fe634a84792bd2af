// Contract tests of the store's units of work (Store::Atomically) on both
// engines: a unit's reads see its own writes, its writes are kept only if it
// succeeds, a failed write inside a unit is undone alone, and units running
// on many threads at once each keep exactly their own writes.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

int64_t UserId(Storage& store, const std::string& name) {
  auto found = store.users->FindUserByName(name);
  EXPECT_TRUE(found && *found) << name;
  return found && *found ? (*found)->first.id : 0;
}

Session NewSession(int64_t user_id, const std::string& tag) {
  static std::atomic<int> seq{0};
  std::string digest = "uow-" + tag + "-" + std::to_string(seq++) + "-";
  digest.resize(64, '0');
  return Session{digest, user_id, NowUnixSeconds() + 3600};
}

bool Stored(Storage& store, const Session& s) {
  auto found = store.users->FindSession(s.token_digest);
  EXPECT_TRUE(found);
  return found && *found;
}

TEST_P(ApiTest, UnitOfWorkKeepsItsWritesOnlyIfItSucceeds) {
  Storage& store = *S().store;
  int64_t user = UserId(store, "admin");
  Session kept = NewSession(user, "kept"), dropped = NewSession(user, "dropped");

  bool seen_inside = false;
  auto ok = store.db->Atomically([&]() -> Status {
    if (auto s = store.users->InsertSession(kept); !s) return s;
    seen_inside = Stored(store, kept);  // a read in the unit sees the unit's write
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(seen_inside);
  EXPECT_TRUE(Stored(store, kept));

  auto failed = store.db->Atomically([&]() -> Status {
    if (auto s = store.users->InsertSession(dropped); !s) return s;
    EXPECT_TRUE(Stored(store, dropped));
    return Fail(Error::Conflict("test_failure", "unit", "", "the unit gives up", "单元放弃"));
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "test_failure");  // the unit's own error comes back
  EXPECT_FALSE(Stored(store, dropped));            // and its write is gone
}

TEST_P(ApiTest, AFailedWriteInsideAUnitIsUndoneAloneAndTheUnitGoesOn) {
  Storage& store = *S().store;
  int64_t user = UserId(store, "admin");
  Session first = NewSession(user, "first"), second = NewSession(user, "second");
  auto ok = store.db->Atomically([&]() -> Status {
    if (auto s = store.users->InsertSession(first); !s) return s;
    // A second user with a name that is taken: a unique-key conflict.
    auto dup = store.users->InsertUser(User{0, "admin", "dup", Role::kLeader, "341881", 0, true}, "x");
    EXPECT_FALSE(dup);
    if (dup) return Fail(Error::Internal("a duplicate username was stored"));
    // A session whose key is taken: a failed statement (PostgreSQL raises).
    EXPECT_FALSE(store.users->InsertSession(first));
    return store.users->InsertSession(second);
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(Stored(store, first));
  EXPECT_TRUE(Stored(store, second));
}

TEST_P(ApiTest, ANestedUnitThatFailsIsUndoneAloneAndItsReadsWork) {
  Storage& store = *S().store;
  int64_t user = UserId(store, "admin");
  Session outer = NewSession(user, "outer"), inner = NewSession(user, "inner");
  auto ok = store.db->Atomically([&]() -> Status {
    if (auto s = store.users->InsertSession(outer); !s) return s;
    auto nested = store.db->Atomically([&]() -> Status {
      if (auto s = store.users->InsertSession(inner); !s) return s;
      // Reads inside the nested unit see both units' writes.
      if (!Stored(store, outer) || !Stored(store, inner)) {
        return Fail(Error::Internal("writes not visible in the nested unit"));
      }
      return Fail(Error::Conflict("test_failure", "unit", "", "inner gives up", "内层放弃"));
    });
    EXPECT_FALSE(nested);
    if (!nested) {
      EXPECT_EQ(nested.error().code, "test_failure");
    }
    if (Stored(store, inner)) return Fail(Error::Internal("the failed nested unit's write stayed"));
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(Stored(store, outer));
  EXPECT_FALSE(Stored(store, inner));
}

TEST_P(ApiTest, UnitsOnManyThreadsEachKeepExactlyTheirOwnWrites) {
  Storage& store = *S().store;
  int64_t user = UserId(store, "admin");
  constexpr int kThreads = 8, kUnits = 25;
  std::vector<std::vector<Session>> kept(kThreads), dropped(kThreads);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kUnits; ++i) {
        Session s = NewSession(user, "t" + std::to_string(t));
        bool keep = i % 3 != 0;
        auto r = store.db->Atomically([&]() -> Status {
          if (auto w = store.users->InsertSession(s); !w) return w;
          if (!Stored(store, s)) return Fail(Error::Internal("own write not visible"));
          if (keep) return {};
          return Fail(Error::Conflict("test_failure", "unit", "", "dropped", "放弃"));
        });
        if (static_cast<bool>(r) != keep) ++failures;
        (keep ? kept : dropped)[t].push_back(s);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < kThreads; ++t) {
    for (const auto& s : kept[t]) EXPECT_TRUE(Stored(store, s)) << s.token_digest;
    for (const auto& s : dropped[t]) EXPECT_FALSE(Stored(store, s)) << s.token_digest;
  }
}

}  // namespace
}  // namespace fangkong
