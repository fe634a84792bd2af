// What the server refuses before a route sees the request: bodies larger than
// the route takes (413, before the body is read), oversized headers (431),
// and clients too slow to send a request.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>

#include "api/http.h"
#include "api_fixture.h"

namespace fangkong::apitest {
namespace {

// A raw client, for requests curl would not send (a body announced but never
// sent, a header that never ends).
class RawClient {
 public:
  explicit RawClient(unsigned short port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    timeval wait{10, 0};  // a bound on the test, far above every limit used here
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  }
  ~RawClient() { close(fd_); }
  bool Send(const std::string& s) {
    return connected_ && send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == ssize_t(s.size());
  }
  // Everything until the server closes; `timed_out` when it never did.
  std::string ReadUntilClosed(bool& timed_out) {
    std::string got;
    char buf[4096];
    timed_out = false;
    for (;;) {
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        got.append(buf, size_t(n));
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) timed_out = true;
      return got;
    }
  }

 private:
  int fd_;
  bool connected_ = false;
};

class HttpLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto count = [this](api::Request& r) {
      ++handled_;
      return api::Response{200, "text/plain", std::to_string(r.body.size()), {}};
    };
    router_.Add("POST", "/json", count);
    router_.Add("POST", "/upload", count);
    router_.LimitBody("POST", "/upload", {4 << 20, 60});
    router_.Add("POST", "/slow-upload", count);
    router_.LimitBody("POST", "/slow-upload", {4 << 20, 1});
    port_ = FreePort();
    server_ =
        api::StartHttpServer(router_, "127.0.0.1", port_, {1, 2},
                             {.header_bytes = 8 << 10, .header_seconds = 1, .write_seconds = 5});
  }
  std::string Url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  static std::string ErrorCode(const HttpResult& r) {
    return std::string(json::parse(r.body).at("error").at("code").as_string());
  }

  api::Router router_;
  std::atomic<int> handled_{0};
  unsigned short port_ = 0;
  std::unique_ptr<api::HttpServer> server_;
};

TEST_F(HttpLimitsTest, ABodyOverTheRoutesLimitIsRefusedWithoutReachingIt) {
  std::string two_mib(2 << 20, 'x');
  auto refused = Http("POST", Url("/json"), two_mib, {"Content-Type: application/json"});
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(ErrorCode(refused), "body_too_large");
  EXPECT_NE(refused.body.find("1 MiB"), std::string::npos) << refused.body;
  EXPECT_EQ(handled_.load(), 0);

  auto taken = Http("POST", Url("/upload"), two_mib, {"Content-Type: text/csv"});
  EXPECT_EQ(taken.status, 200);
  EXPECT_EQ(taken.body, std::to_string(two_mib.size()));
  EXPECT_EQ(Http("POST", Url("/upload"), std::string(5 << 20, 'x')).status, 413);
}

TEST_F(HttpLimitsTest, TheRefusalComesBeforeTheBodyIsSent) {
  // 60 MB announced and none of it sent: only a server that decides on the
  // header alone can answer.
  RawClient c(port_);
  ASSERT_TRUE(
      c.Send("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 60000000\r\n\r\n{"));
  bool timed_out = false;
  auto answer = c.ReadUntilClosed(timed_out);
  EXPECT_FALSE(timed_out);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find("60000000"), std::string::npos);
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpLimitsTest, ALargeBodyIsRefusedBeforeItIsReadWhenTheRouterSaysSo) {
  router_.AdmitLargeBodies([](const api::Request& r) -> std::optional<api::Response> {
    if (r.Header("authorization") == "Bearer ok") return std::nullopt;
    return api::Response{401, "application/json", R"({"error":{"code":"unauthenticated"}})", {}};
  });
  // 3 MB announced, a few bytes sent, no credentials: refused on the header.
  RawClient c(port_);
  ASSERT_TRUE(c.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                     "Content-Length: 3000000\r\n\r\nname,"));
  bool timed_out = false;
  auto answer = c.ReadUntilClosed(timed_out);
  EXPECT_FALSE(timed_out);
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer;
  EXPECT_EQ(handled_.load(), 0);
  // With credentials the body is read; small-body routes are not asked.
  EXPECT_EQ(Http("POST", Url("/upload"), "abc", {"Authorization: Bearer ok"}).status, 200);
  EXPECT_EQ(Http("POST", Url("/json"), "abc").status, 200);
}

// The application's own rule: an import without a session is refused on its
// header, before any of its (up to 256 MiB) body is read; with a session it
// is read as before.
TEST_P(ApiTest, AnImportWithoutASessionIsRefusedBeforeItsBodyIsRead) {
  auto port = static_cast<unsigned short>(std::stoi(S().base.substr(S().base.rfind(':') + 1)));
  for (const char* credentials : {"", "Authorization: Bearer not-a-session\r\n"}) {
    RawClient c(port);
    ASSERT_TRUE(c.Send(std::string("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\n") + credentials +
                       "Content-Type: text/csv\r\nContent-Length: 200000000\r\n\r\n身份证件号码,"));
    bool timed_out = false;
    auto answer = c.ReadUntilClosed(timed_out);
    EXPECT_FALSE(timed_out) << "the server waited for the body";
    EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer.substr(0, 200);
  }
}

TEST_F(HttpLimitsTest, AChunkedBodyIsCutOffAtTheLimit) {
  auto r = Http("POST", Url("/json"), std::string(3 << 20, 'x'),
                {"Content-Type: application/json", "Transfer-Encoding: chunked"});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpLimitsTest, OversizedHeadersAre431) {
  auto r = Http("POST", Url("/json"), "{}", {"X-Padding: " + std::string(20 << 10, 'p')});
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(ErrorCode(r), "header_too_large");
  EXPECT_EQ(Http("POST", Url("/json"), "{}").status, 200) << "the server still answers";
}

TEST_F(HttpLimitsTest, AClientThatNeverFinishesItsHeaderIsDisconnected) {
  RawClient c(port_);
  ASSERT_TRUE(c.Send("POST /json HTTP/1.1\r\nHost: x\r\n"));
  bool timed_out = false;
  c.ReadUntilClosed(timed_out);
  EXPECT_FALSE(timed_out) << "the connection was still open after 10 s; the limit is 1 s";
}

TEST_F(HttpLimitsTest, AClientThatNeverFinishesItsBodyIsDisconnected) {
  RawClient c(port_);
  ASSERT_TRUE(c.Send("POST /slow-upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
  bool timed_out = false;
  c.ReadUntilClosed(timed_out);
  EXPECT_FALSE(timed_out) << "the connection was still open after 10 s; the limit is 1 s";
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpLimitsTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const auto& r : {Http("POST", Url("/json"), "{}"), Http("GET", Url("/api/v1/nothing")),
                        Http("POST", Url("/json"), std::string(2 << 20, 'x'))}) {
    if (r.status == 413) continue;  // refused by the server before any route: no page to protect
    EXPECT_NE(r.Header("Content-Security-Policy").find("script-src 'self'"), std::string::npos)
        << r.status;
    EXPECT_NE(r.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
  }
  EXPECT_EQ(Http("GET", Url("/api/v1/nothing")).Header("Cache-Control"), "no-store")
      << "API answers hold personal data";
}

TEST(RouterTest, LimitingAnUnknownRouteIsAProgrammingError) {
  api::Router router;
  EXPECT_THROW(router.LimitBody("POST", "/nowhere", api::kJsonBody), std::logic_error);
}

}  // namespace
}  // namespace fangkong::apitest
