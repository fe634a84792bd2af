#include "api/http.h"

namespace fangkong::api {

namespace {
std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '/') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}
}  // namespace

const std::string* Request::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? nullptr : &it->second;
}

std::string Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

void Router::Add(std::string method, std::string pattern, Handler h) {
  auto segments = Split(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(h)});
}

Response Router::Dispatch(Request& req) const {
  auto parts = Split(req.path);
  bool path_matched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& s = r.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        params[s.substr(1, s.size() - 2)] = parts[i];
      } else {
        ok = s == parts[i];
      }
    }
    if (!ok) continue;
    path_matched = true;
    if (r.method != req.method) continue;
    req.params = std::move(params);
    return r.handler(req);
  }
  if (path_matched) {
    return Response{405, "application/json; charset=utf-8",
                    R"({"error":{"code":"method_not_allowed","field":"","message":"method not allowed","message_zh":"不支持该请求方法"}})",
                    {}};
  }
  if (fallback_ && req.path.rfind("/api/", 0) != 0) return fallback_(req);
  return Response{404, "application/json; charset=utf-8",
                  R"({"error":{"code":"not_found","field":"path","message":"no such API endpoint","message_zh":"接口不存在"}})",
                  {}};
}

std::vector<std::string> Router::Describe() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) out.push_back(r.method + " " + r.pattern);
  return out;
}

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return 422;
    case ErrorKind::kBadRequest: return 400;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 202: return "Accepted";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    default: return status >= 500 ? "Internal Server Error" : "Unknown";
  }
}

}  // namespace fangkong::api
