// Our own small HTTP vocabulary: handlers see Request and return Response, so
// no handler depends on the HTTP library (only server.cpp does).
#pragma once

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

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler h);
  // Fallback for paths no route claims (serves the web UI).
  void SetFallback(Handler h) { fallback_ = std::move(h); }
  Response Dispatch(Request& req) const;
  // "GET /api/v1/persons/{id}" for every route, for the OpenAPI sync test.
  std::vector<std::string> Describe() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

int HttpStatusFor(ErrorKind kind);
const char* ReasonPhrase(int status);

// Serves `router` on address:port with `threads` worker threads until Stop().
class HttpServer {
 public:
  virtual ~HttpServer() = default;
  virtual void Stop() = 0;
  virtual void Wait() = 0;
};
// Throws std::runtime_error if the port cannot be bound.
std::unique_ptr<HttpServer> StartHttpServer(const Router& router, const std::string& address,
                                            unsigned short port, size_t threads);

}  // namespace fangkong::api
