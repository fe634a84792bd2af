// The HTTP server's two kinds of thread: quick requests answer on the network
// threads, everything else on the blocking pool, so neither holds up the other.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include "api/http.h"
#include "api_fixture.h"

namespace fangkong::apitest {
namespace {

// A route that holds its thread until Release(), or until 5 s have passed.
class HeldRoute {
 public:
  api::Response Handle() {
    entered_.store(true);
    released_.wait_for(std::chrono::seconds(5));
    left_.store(true);
    return api::Response{200, "text/plain", "slow", {}};
  }
  void WaitUntilEntered() {
    for (int i = 0; i < 500 && !entered_.load(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(entered_.load()) << "the held request never reached its handler";
  }
  void Release() { release_.set_value(); }
  bool Left() const { return left_.load(); }

 private:
  std::atomic<bool> entered_{false}, left_{false};
  std::promise<void> release_;
  std::shared_future<void> released_{release_.get_future().share()};
};

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(api::ServerThreads threads) {
    router_.Add("GET", "/held", [this](api::Request&) { return held_.Handle(); });
    router_.Add(
        "GET", "/quick",
        [](api::Request&) {
          return api::Response{200, "text/plain", "quick", {}};
        },
        api::Always);
    router_.Add("GET", "/pooled", [](api::Request&) {
      return api::Response{200, "text/plain", "pooled", {}};
    });
    router_.Add("GET", "/throws",
                [](api::Request&) -> api::Response { throw std::runtime_error("bug"); });
    port_ = FreePort();
    server_ = api::StartHttpServer(router_, "127.0.0.1", port_, threads);
  }
  std::string Url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Holds one thread with /held; returns its eventual answer.
  std::future<HttpResult> Hold() {
    auto answer = std::async(std::launch::async, [this] { return Http("GET", Url("/held")); });
    held_.WaitUntilEntered();
    return answer;
  }

  api::Router router_;
  HeldRoute held_;
  unsigned short port_ = 0;
  std::unique_ptr<api::HttpServer> server_;
};

TEST_F(HttpServerTest, QuickRequestsAnswerWhileEveryBlockingThreadIsHeld) {
  Start({.network = 1, .blocking = 1});
  auto held = Hold();
  auto quick = Http("GET", Url("/quick"));
  auto not_found = Http("GET", Url("/api/v1/nothing-here"));
  bool held_still_waiting = !held_.Left();
  held_.Release();
  EXPECT_EQ(quick.status, 200);
  EXPECT_EQ(quick.body, "quick");
  EXPECT_EQ(not_found.status, 404);
  EXPECT_TRUE(held_still_waiting) << "the quick requests waited for the held one";
  EXPECT_EQ(held.get().body, "slow");
}

TEST_F(HttpServerTest, ABlockingRequestDoesNotHoldUpTheNetworkThread) {
  Start({.network = 1, .blocking = 2});
  auto held = Hold();
  auto other = Http("GET", Url("/pooled"));
  bool held_still_waiting = !held_.Left();
  held_.Release();
  EXPECT_EQ(other.body, "pooled");
  EXPECT_TRUE(held_still_waiting) << "the second request waited for the held one";
  EXPECT_EQ(held.get().status, 200);
}

TEST_F(HttpServerTest, AHandlerThatThrowsOnThePoolAnswers500) {
  Start({.network = 1, .blocking = 1});
  auto r = Http("GET", Url("/throws"));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("\"internal\""), std::string::npos);
  EXPECT_EQ(Http("GET", Url("/pooled")).status, 200) << "the pool thread survived";
}

TEST(RouterTest, ARouteIsQuickOnlyWhenItsTestSaysSo) {
  api::Router router;
  auto ok = [](api::Request&) { return api::Response{}; };
  router.Add("GET", "/api/v1/persons", ok,
             [](const api::Request& r) { return r.Query("id_number") != nullptr; });
  router.Add("POST", "/api/v1/persons", ok);
  router.SetFallback(ok);
  auto quick = [&](std::string method, std::string path,
                   std::map<std::string, std::string> query = {}) {
    api::Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.query = std::move(query);
    return router.Resolve(r).quick();
  };
  EXPECT_TRUE(quick("GET", "/api/v1/persons", {{"id_number", "x"}}));
  EXPECT_FALSE(quick("GET", "/api/v1/persons", {{"q", "张"}}));
  EXPECT_FALSE(quick("POST", "/api/v1/persons"));
  EXPECT_TRUE(quick("DELETE", "/api/v1/persons")) << "405 comes from memory";
  EXPECT_TRUE(quick("GET", "/api/v1/unknown")) << "404 comes from memory";
  EXPECT_FALSE(quick("GET", "/people")) << "the fallback reads a file";
}

}  // namespace
}  // namespace fangkong::apitest
