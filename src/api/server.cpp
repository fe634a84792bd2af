// The only translation unit that includes the HTTP library (Boost.Beast).
//
// Beast reads a request's header apart from its body, so the route is known
// before a byte of the body is read: a body larger than the route takes is
// refused with 413 while it is still in the client's buffers
// (docs/decisions.md, "HTTP server").
#include <algorithm>
#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "api/http.h"
#include "api/request_parsing.h"

namespace fangkong::api {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
// Each connection's steps run on its own strand, of a concrete executor type
// (not the type-erased any_io_executor, which costs a reference count and an
// allocation per operation).
using Strand = net::strand<net::io_context::executor_type>;
using Socket = tcp::socket::rebind_executor<Strand>::other;
using Timer = net::basic_waitable_timer<std::chrono::steady_clock,
                                        net::wait_traits<std::chrono::steady_clock>, Strand>;
using Clock = std::chrono::steady_clock;

Response JsonError(int status, const std::string& error) {
  return Response{status, "application/json; charset=utf-8", R"({"error":)" + error + "}", {}};
}

Response BadQuery() {
  return JsonError(
      400,
      R"({"code":"invalid_query","field":"query","message":"malformed query string","message_zh":"查询参数格式错误"})");
}

Response NoFilePart() {
  return JsonError(
      400,
      R"({"code":"missing_file","field":"file","message":"the multipart form has no file part named file","message_zh":"上传表单中没有名为file的文件"})");
}

Response InternalError() {
  return JsonError(
      500,
      R"({"code":"internal","field":"","message":"internal error","message_zh":"系统内部错误"})");
}

std::string Size(uint64_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// `declared` is 0 when the client did not say (a chunked body over the limit).
Response BodyTooLarge(uint64_t declared, uint64_t limit) {
  std::string value = declared ? std::to_string(declared) : "";
  std::string said =
      declared ? "the body is " + std::to_string(declared) + " bytes" : "the body is larger";
  return JsonError(413, R"({"code":"body_too_large","field":"body","value":")" + value +
                            R"(","message":")" + said + "; this endpoint accepts at most " +
                            Size(limit) + R"(","message_zh":"提交的内容过大，此接口最多接受)" +
                            Size(limit) + R"("})");
}

Response HeaderTooLarge(uint32_t limit) {
  return JsonError(
      431,
      R"({"code":"header_too_large","field":"header","message":"the request line and headers exceed )" +
          Size(limit) + R"(","message_zh":"请求头过大"})");
}

// One client connection: reads a header, decides on the body, reads it,
// answers, and starts over while the client keeps the connection alive. All
// of its steps run on the connection's strand; a pooled handler posts its
// answer back to it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Socket socket, const Router& router, net::thread_pool& pool, ServerLimits limits)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        router_(router),
        pool_(pool),
        limits_(limits) {}

  void Start() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(limits_.header_bytes);
    // Beast would check a declared length against this while parsing the
    // header, before the route is known; OnHeader sets the route's limit.
    parser_->body_limit(boost::none);
    Deadline(limits_.header_seconds);
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::header_limit) return Refuse(HeaderTooLarge(limits_.header_bytes));
    if (ec) return Close();
    const auto& head = parser_->get();
    version_ = head.version();
    keep_alive_ = head.keep_alive();
    request_ = ToRequest(head);
    match_ = router_.Resolve(request_);
    auto limit = match_.body_limit();
    auto declared = parser_->content_length();
    // The client may still be sending: the connection cannot be reused.
    if (declared && *declared > limit.bytes) return Refuse(BodyTooLarge(*declared, limit.bytes));
    // Most requests (every GET) have no body: nothing more to read.
    if (parser_->is_done()) return OnBody({});
    if (auto refusal = router_.RefuseBody(match_, request_)) return Refuse(std::move(*refusal));
    parser_->body_limit(limit.bytes);
    Deadline(limit.seconds);
    if (beast::iequals(head[http::field::expect], "100-continue")) {
      auto go_on =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, version_);
      return http::async_write(socket_, *go_on,
                               [self = shared_from_this(), go_on](beast::error_code ec, size_t) {
                                 if (ec) return self->Close();
                                 self->ReadBody();
                               });
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (ec == http::error::body_limit) return Refuse(BodyTooLarge(0, match_.body_limit().bytes));
    if (ec) return Close();
    request_.body = std::move(parser_->get().body());
    parser_.reset();
    if (match_.quick()) return Answer(Run(), keep_alive_);
    Deadline(limits_.write_seconds);  // a slow handler is not the client's fault
    net::post(pool_, [self = shared_from_this()] {
      auto answer = self->Run();
      net::post(self->socket_.get_executor(), [self, answer = std::move(answer)]() mutable {
        self->Answer(std::move(answer), self->keep_alive_);
      });
    });
  }

  Request ToRequest(const http::request<http::string_body>& head) {
    Request r;
    r.method = std::string(head.method_string());
    std::string_view target = head.target();
    auto q = target.find('?');
    r.path = std::string(target.substr(0, q));
    query_ok_ = q == std::string_view::npos || ParseQuery(target.substr(q + 1), r.query);
    for (const auto& f : head) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(f.value());
    }
    beast::error_code ec;
    auto peer = socket_.remote_endpoint(ec);
    if (!ec) r.remote = peer.address().to_string();
    return r;
  }

  Response Run() {
    if (!query_ok_) return BadQuery();
    if (request_.Header("content-type").rfind("multipart/form-data", 0) == 0 &&
        !UnwrapFileUpload(request_))
      return NoFilePart();
    try {
      return router_.Run(match_, request_);
    } catch (const std::exception&) {
      return InternalError();
    }
  }

  void Answer(Response resp, bool keep_alive) {
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(version_);
    out->result(static_cast<unsigned>(resp.status));
    out->set(http::field::content_type, resp.content_type);
    for (auto& [k, v] : resp.headers) out->insert(k, v);
    out->body() = std::move(resp.body);
    out->keep_alive(keep_alive);
    out->prepare_payload();
    request_ = Request{};
    Deadline(limits_.write_seconds);
    http::async_write(socket_, *out,
                      [self = shared_from_this(), out](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (self->refused_) return self->Drain();
                        if (!out->keep_alive()) return self->Close();
                        self->ReadHeader();
                      });
  }

  // A refused request's client may still be sending. Closing at once could
  // reset the connection before it reads the answer, so stop writing and
  // discard (never keep) what arrives for a few seconds.
  void Refuse(Response resp) {
    refused_ = true;
    Answer(std::move(resp), false);
  }
  void Drain() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    Deadline(5);
    DiscardSome();
  }
  void DiscardSome() {
    socket_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->Close();
                              self->DiscardSome();
                            });
  }

  void Close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
  }

  // Every step has a deadline; one timer per connection watches it. Moving
  // the deadline is a store, not a timer re-armed per step (which cost 15%
  // of the requests a core answers): when the timer fires early it waits
  // again until the deadline it finds. Reaching it closes the socket, which
  // ends the step under way with an error.
  void Deadline(int seconds) {
    deadline_ = Clock::now() + std::chrono::seconds(seconds);
    if (!timer_armed_) WaitForDeadline();
  }
  void WaitForDeadline() {
    timer_armed_ = true;
    timer_.expires_at(deadline_);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      self->timer_armed_ = false;
      if (ec || !self->socket_.is_open()) return;
      if (Clock::now() >= self->deadline_) return self->Close();
      self->WaitForDeadline();
    });
  }

  Socket socket_;
  Timer timer_;
  Clock::time_point deadline_;
  bool timer_armed_ = false;
  beast::flat_buffer buffer_;
  const Router& router_;
  net::thread_pool& pool_;
  const ServerLimits limits_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  Router::Match match_;
  unsigned version_ = 11;
  bool keep_alive_ = true, query_ok_ = true, refused_ = false;
  std::array<char, 16 << 10> scratch_;
};

class BeastServer final : public HttpServer {
 public:
  BeastServer(const Router& router, const std::string& address, unsigned short port,
              ServerThreads threads, ServerLimits limits)
      : router_(router),
        limits_(limits),
        pool_(std::max<size_t>(threads.blocking, 1)),
        acceptor_(net::make_strand(io_)) {
    beast::error_code ec;
    tcp::endpoint at{net::ip::make_address(address, ec), port};
    if (ec) throw std::runtime_error("invalid listen address " + address);
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
      throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                               ec.message());
    Accept();
    for (size_t i = 0; i < std::max<size_t>(threads.network, 1); ++i)
      network_.emplace_back([this] { io_.run(); });
  }
  ~BeastServer() override {
    Stop();
    Wait();
  }
  void Stop() override {
    if (stopped_) return;
    stopped_ = true;
    net::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    io_.stop();
  }
  void Wait() override {
    if (waited_) return;
    waited_ = true;
    for (auto& t : network_) t.join();
    pool_.join();  // requests under way finish; their answers go nowhere
  }

 private:
  void Accept() {
    acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec, Socket socket) {
      if (!acceptor_.is_open()) return;
      if (!ec) std::make_shared<Connection>(std::move(socket), router_, pool_, limits_)->Start();
      Accept();
    });
  }

  const Router& router_;
  const ServerLimits limits_;
  net::io_context io_;
  net::thread_pool pool_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> network_;
  bool stopped_ = false, waited_ = false;
};

}  // namespace

std::unique_ptr<HttpServer> StartHttpServer(const Router& router, const std::string& address,
                                            unsigned short port, ServerThreads threads,
                                            ServerLimits limits) {
  return std::make_unique<BeastServer>(router, address, port, threads, limits);
}

}  // namespace fangkong::api
