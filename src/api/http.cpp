#include "api/http.h"

#include <stdexcept>

#include "core/text.h"

namespace fangkong::api {

const std::string* Request::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? nullptr : &it->second;
}

std::string Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

void Router::Add(std::string method, std::string pattern, Handler h, QuickWhen quick) {
  auto segments = SplitNonEmpty(pattern, '/');
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(h), quick});
}

void Router::LimitBody(const std::string& method, const std::string& pattern, BodyLimit limit) {
  for (auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      r.body = limit;
      return;
    }
  }
  throw std::logic_error("LimitBody: no route " + method + " " + pattern);
}

BodyLimit Router::Match::body_limit() const { return route_ ? route_->body : kJsonBody; }

Router::Match Router::Resolve(Request& req) const {
  Match m;
  auto parts = SplitNonEmpty(req.path, '/');
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
    m.path_matched_ = true;
    if (r.method != req.method) continue;
    req.params = std::move(params);
    m.route_ = &r;
    m.quick_ = r.quick && r.quick(req);
    return m;
  }
  // 404 and 405 come from memory; the fallback reads a file.
  m.quick_ = m.path_matched_ || !fallback_ || req.path.rfind("/api/", 0) == 0;
  return m;
}

namespace {

// Every answer tells the browser to run only the UI's own scripts, never to
// frame the page or guess content types, and not to keep personal data in
// its cache. Element Plus sets style attributes, hence 'unsafe-inline' for
// styles only; QR codes and downloads are data: and blob: URLs.
void AddSecurityHeaders(Response& r, bool api) {
  auto add = [&r](const char* name, const char* value) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return;
    r.headers.emplace_back(name, value);
  };
  add("Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
      "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
      "frame-ancestors 'none'");
  add("X-Content-Type-Options", "nosniff");
  add("X-Frame-Options", "DENY");
  add("Referrer-Policy", "no-referrer");
  add("Cross-Origin-Opener-Policy", "same-origin");
  if (api) add("Cache-Control", "no-store");
}

}  // namespace

std::optional<Response> Router::RefuseBody(const Match& m, const Request& req) const {
  if (!admit_ || !m.route_ || m.route_->body.bytes <= kJsonBody.bytes) return std::nullopt;
  auto refusal = admit_(req);
  if (refusal) AddSecurityHeaders(*refusal, true);
  return refusal;
}

Response Router::Run(const Match& m, Request& req) const {
  Response r = Answer(m, req);
  AddSecurityHeaders(r, req.path.rfind("/api/", 0) == 0);
  return r;
}

Response Router::Answer(const Match& m, Request& req) const {
  if (m.route_) return m.route_->handler(req);
  if (m.path_matched_) {
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
    case ErrorKind::kTooMany: return 429;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

}  // namespace fangkong::api
