// Sessions end when they should, on both engines: a password reset, a
// deactivation and a logout end every session of the user at once, cached
// or stored; a session unused for the idle timeout, or older than its
// lifetime, is refused, also after a restart; ended sessions are purged.
#include <future>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

class Sessions : public ApiTest {
 protected:
  // A user of the test's own, so ending its sessions leaves the shared ones alone.
  int64_t NewUser(const std::string& name) {
    auto r = Call("admin", "POST", "/api/v1/users",
                  R"({"username":")" + name + R"(","password":")" + kPassword +
                      R"(","role":"village_worker","region_code":")" + kVillage1 + "\"}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Obj(r).at("id").as_int64() : 0;
  }
  std::string Login(const std::string& name, const std::string& password = kPassword) {
    auto r = Http("POST", S().base + "/api/v1/auth/login",
                  json::serialize(json::object{{"username", name}, {"password", password}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Txt(Obj(r).at("token")) : "";
  }
  int Me(const std::string& token) {
    return Http("GET", S().base + "/api/v1/auth/me", "", {"Authorization: Bearer " + token}).status;
  }
};

TEST_P(Sessions, APasswordResetEndsEverySessionOfTheUser) {
  int64_t id = NewUser("sessreset");
  std::string laptop = Login("sessreset"), phone = Login("sessreset");
  ASSERT_EQ(Me(laptop), 200);
  ASSERT_EQ(Me(phone), 200);
  auto reset = Call("admin", "PATCH", "/api/v1/users/" + std::to_string(id),
                    R"({"password":"Reset2026pass"})");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(Me(laptop), 401);
  EXPECT_EQ(Me(phone), 401);
  EXPECT_FALSE(S().store->users->FindSession(TokenDigest(phone)).value_or(std::nullopt));
  EXPECT_EQ(Me(Login("sessreset", "Reset2026pass")), 200);
  EXPECT_EQ(Me(S().tokens["admin"]), 200);  // nobody else's sessions end
}

TEST_P(Sessions, ADeactivationEndsEverySessionOfTheUser) {
  int64_t id = NewUser("sessgone");
  std::string token = Login("sessgone");
  ASSERT_EQ(Me(token), 200);
  ASSERT_EQ(
      Call("admin", "PATCH", "/api/v1/users/" + std::to_string(id), R"({"active":false})").status,
      200);
  EXPECT_EQ(Me(token), 401);
  EXPECT_FALSE(S().store->users->FindSession(TokenDigest(token)).value_or(std::nullopt));
}

TEST_P(Sessions, ALogoutEndsTheUsersSessionsOnEveryDevice) {
  NewUser("sessout");
  std::string laptop = Login("sessout"), phone = Login("sessout");
  auto out =
      Http("POST", S().base + "/api/v1/auth/logout", "", {"Authorization: Bearer " + laptop});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(Me(laptop), 401);
  EXPECT_EQ(Me(phone), 401);
}

// On the store of the running server, with a clock the test moves: what a
// second server process would see after a restart is a second Authenticator.
TEST_P(Sessions, AnIdleOrTooOldSessionIsRefusedAndPurged) {
  NewUser("sessidle");
  int64_t now = 1'900'000'000;
  SessionPolicy policy{/*lifetime*/ 10'000, /*idle*/ 1'000, /*touch*/ 60, /*purge*/ 0};
  Authenticator auth(*S().store->users, policy, [&] { return now; });
  auto idle = auth.Login("sessidle", kPassword, "127.0.0.1");
  ASSERT_TRUE(idle);
  now += 999;
  EXPECT_TRUE(auth.Authenticate(idle->token));  // used just in time: the idle window starts again
  now += 999;
  EXPECT_TRUE(auth.Authenticate(idle->token));
  Authenticator restarted(*S().store->users, policy, [&] { return now; });
  now += 1'000;
  EXPECT_FALSE(auth.Authenticate(idle->token)) << "unused for the idle timeout";
  EXPECT_FALSE(restarted.Authenticate(idle->token)) << "after a restart too";

  auto old = auth.Login("sessidle", kPassword, "127.0.0.1");
  ASSERT_TRUE(old);
  for (int i = 0; i < 10; ++i) {
    now += 999;
    EXPECT_TRUE(auth.Authenticate(old->token)) << i;
  }
  now += 999;  // 10,989 s after the login: past the lifetime, though in use
  EXPECT_FALSE(auth.Authenticate(old->token));

  ASSERT_TRUE(auth.Login("sessidle", kPassword, "127.0.0.1"));  // a login purges ended sessions
  EXPECT_FALSE(S().store->users->FindSession(TokenDigest(idle->token)).value_or(std::nullopt));
  EXPECT_FALSE(S().store->users->FindSession(TokenDigest(old->token)).value_or(std::nullopt));
}

// The issue's report: ten wrong passwords, then the right one, succeeded.
TEST_P(Sessions, WrongPasswordsLockTheNameUntilAnAdministratorUnlocksIt) {
  int64_t id = NewUser("locked");
  auto attempt = [&](const std::string& password) {
    return Http("POST", S().base + "/api/v1/auth/login",
                json::serialize(json::object{{"username", "locked"}, {"password", password}}));
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("Wrong2026x").status, 401) << i;
  auto refused = attempt(kPassword);
  EXPECT_EQ(refused.status, 429) << "the right password while locked";
  EXPECT_EQ(ErrCode(refused), "login_locked");
  EXPECT_NE(Txt(Obj(refused).at("error").at("message_zh")).find("15分钟"), std::string::npos) << refused.body;

  auto users = Obj(Call("admin", "GET", "/api/v1/users"));
  bool shown_locked = false;
  for (const auto& u : users.at("items").as_array())
    if (u.at("username") == "locked") shown_locked = !u.at("locked_until").is_null();
  EXPECT_TRUE(shown_locked) << "the users list shows the lock";

  EXPECT_EQ(Call("town1", "POST", "/api/v1/users/" + std::to_string(id) + "/unlock").status, 403);
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users/" + std::to_string(id) + "/unlock").status, 200);
  EXPECT_EQ(attempt(kPassword).status, 200);

  auto failed = Obj(Call("admin", "GET", "/api/v1/audit?action=auth.login_failed&username=locked"));
  EXPECT_EQ(failed.at("total").as_int64(), 6) << "five wrong passwords and one refusal";
  auto unlock = Obj(Call("admin", "GET", "/api/v1/audit?action=user.unlock"));
  EXPECT_GE(unlock.at("total").as_int64(), 1);
}

TEST_P(Sessions, AnUnknownNameCostsAPasswordHashLikeAWrongPassword) {
  NewUser("hashed");
  auto attempt = [&](const std::string& name) {
    auto before = PasswordHashesSoFar().computed;
    auto r = Http("POST", S().base + "/api/v1/auth/login",
                  json::serialize(json::object{{"username", name}, {"password", "Wrong2026x"}}));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(ErrCode(r), "unauthenticated");
    return PasswordHashesSoFar().computed - before;
  };
  attempt("nobody-at-all");  // the first may also make the stand-in hash
  EXPECT_EQ(attempt("hashed"), 1);
  EXPECT_EQ(attempt("nobody-else"), 1) << "an unknown name must cost the same hash";
}

TEST_P(Sessions, AFloodOfLoginsHashesAFewPasswordsAtATime) {
  NewUser("flood");
  std::vector<std::future<HttpResult>> logins;
  for (int i = 0; i < 16; ++i) {
    logins.push_back(std::async(std::launch::async, [&] {
      return Http("POST", S().base + "/api/v1/auth/login",
                  json::serialize(json::object{{"username", "flood"}, {"password", kPassword}}));
    }));
  }
  for (auto& l : logins) EXPECT_EQ(l.get().status, 200);
  EXPECT_LE(PasswordHashesSoFar().most_at_once, kPasswordHashesAtOnce);
}

// The web UI's session lives in an HttpOnly cookie; a change made with it
// needs the CSRF token a script of the page can read, a forged form cannot.
TEST_P(Sessions, TheBrowserSessionIsAnHttpOnlyCookieAndChangesNeedTheCsrfToken) {
  NewUser("browser");
  auto login = Http("POST", S().base + "/api/v1/auth/login",
                    json::serialize(json::object{{"username", "browser"}, {"password", kPassword}}));
  ASSERT_EQ(login.status, 200);
  std::string session, csrf;
  for (const auto& h : login.headers) {
    if (h.rfind("Set-Cookie: fk_session=", 0) == 0) {
      session = h.substr(23, 64);
      EXPECT_NE(h.find("HttpOnly"), std::string::npos) << h;
      EXPECT_NE(h.find("SameSite=Strict"), std::string::npos) << h;
    }
    if (h.rfind("Set-Cookie: fk_csrf=", 0) == 0) {
      csrf = h.substr(20, h.find(';') - 20);
      EXPECT_EQ(h.find("HttpOnly"), std::string::npos) << "the page's script reads this one";
    }
  }
  ASSERT_EQ(session.size(), 64u);
  ASSERT_FALSE(csrf.empty());
  std::string cookie = "Cookie: fk_session=" + session + "; fk_csrf=" + csrf;
  EXPECT_EQ(Http("GET", S().base + "/api/v1/auth/me", "", {cookie}).status, 200) << "reads need no CSRF token";

  std::string person = json::serialize(json::object{{"id_number", NewId(301)}, {"name", "跨站"},
                                                    {"region_code", kVillage1}});
  auto forged = Http("POST", S().base + "/api/v1/persons", person, {cookie, "Content-Type: application/json"});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(ErrCode(forged), "csrf");
  auto wrong = Http("POST", S().base + "/api/v1/persons", person,
                    {cookie, "Content-Type: application/json", "X-CSRF-Token: " + std::string(64, '0')});
  EXPECT_EQ(wrong.status, 403);
  auto made = Http("POST", S().base + "/api/v1/persons", person,
                   {cookie, "Content-Type: application/json", "X-CSRF-Token: " + csrf});
  EXPECT_EQ(made.status, 201) << made.body;

  auto out = Http("POST", S().base + "/api/v1/auth/logout", "", {cookie, "X-CSRF-Token: " + csrf});
  EXPECT_EQ(out.status, 204);
  bool cleared = false;
  for (const auto& h : out.headers) cleared |= h.rfind("Set-Cookie: fk_session=;", 0) == 0;
  EXPECT_TRUE(cleared);
  EXPECT_EQ(Http("GET", S().base + "/api/v1/auth/me", "", {cookie}).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, Sessions, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
