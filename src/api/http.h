// Our own small HTTP vocabulary: handlers see Request and return Response, so
// no handler depends on the HTTP library (only server.cpp does).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace fangkong::api {

struct Request {
  std::string method;  // GET, POST, ...
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> params;   // from {name} in the route
  std::string body;
  std::string remote;  // client address

  const std::string* Query(const std::string& name) const;
  std::string Header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Response(Request&)>;

// True when a request to a route can be answered in microseconds, from memory
// or one index probe. Such requests run on the network threads, which are as
// many as the cores; every other request (one that may wait on the writer's
// commit, scan a subtree, hash a password or read a file) runs on the blocking
// pool, whose many threads are mostly asleep. A slow request on a network
// thread would hold up every connection that thread serves.
using QuickWhen = bool (*)(const Request&);
inline bool Always(const Request&) { return true; }

// How large a request body a route takes, and how long its client may take to
// send it. The server refuses a larger declared body with 413 before reading
// it, and stops reading an undeclared (chunked) one at the limit.
struct BodyLimit {
  uint64_t bytes;
  int seconds;
};
inline constexpr BodyLimit kJsonBody{1 << 20, 60};  // every route, unless raised

class Router {
  struct Route;

 public:
  void Add(std::string method, std::string pattern, Handler h, QuickWhen quick = nullptr);
  // Fallback for paths no route claims (serves the web UI).
  void SetFallback(Handler h) { fallback_ = std::move(h); }
  // Raises (or lowers) the body limit of a route already added; throws
  // std::logic_error when no route has that method and pattern.
  void LimitBody(const std::string& method, const std::string& pattern, BodyLimit limit);
  // Decides, from the request line and headers alone, whether a request to a
  // route that takes more than kJsonBody may send its body: a refusal (say,
  // 401 without a session) is answered before any of the body is read, so
  // nobody unknown makes the server read 256 MiB. Runs on a network thread:
  // keep it to a quick check. Empty: every request may.
  using BodyAdmission = std::function<std::optional<Response>(const Request&)>;
  void AdmitLargeBodies(BodyAdmission admit) { admit_ = std::move(admit); }

  // The route that claims a request (nullptr: none; Run answers 404, 405 or
  // the fallback). Resolving fills req.params.
  class Match {
   public:
    bool quick() const { return quick_; }
    BodyLimit body_limit() const;

   private:
    friend class Router;
    const Route* route_ = nullptr;
    bool path_matched_ = false;
    bool quick_ = true;
  };
  Match Resolve(Request& req) const;
  // The refusal of a matched request's large body, if any (AdmitLargeBodies).
  std::optional<Response> RefuseBody(const Match& m, const Request& req) const;
  // Answers with the route (or 404, 405, the fallback), adding the security
  // headers every answer carries.
  Response Run(const Match& m, Request& req) const;
  Response Dispatch(Request& req) const { return Run(Resolve(req), req); }

  // "GET /api/v1/persons/{id}" for every route, for the OpenAPI sync test.
  std::vector<std::string> Describe() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    QuickWhen quick;
    BodyLimit body = kJsonBody;
  };
  Response Answer(const Match& m, Request& req) const;
  std::vector<Route> routes_;
  BodyAdmission admit_;
  Handler fallback_;
};

int HttpStatusFor(ErrorKind kind);

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  virtual void Stop() = 0;
  virtual void Wait() = 0;
};

struct ServerThreads {
  size_t network = 2;   // accept, parse, write; and quick requests (see QuickWhen)
  size_t blocking = 32; // every other request
};

// What the server accepts from a client before any route sees the request.
struct ServerLimits {
  uint32_t header_bytes = 16 << 10;  // request line and headers together; more: 431
  int header_seconds = 30;           // to send them, from the first byte or the last answer
  int write_seconds = 300;           // to take an answer
};

// Serves `router` on address:port until Stop(). `router` must outlive the
// server. Throws std::runtime_error if the port cannot be bound.
std::unique_ptr<HttpServer> StartHttpServer(const Router& router, const std::string& address,
                                            unsigned short port, ServerThreads threads,
                                            ServerLimits limits = {});

}  // namespace fangkong::api
