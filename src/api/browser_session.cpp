#include "api/browser_session.h"

#include <sodium.h>

#include <string_view>

#include "access/user.h"

namespace fangkong::api {

namespace {

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "".
std::string CookieValue(const std::string& header, std::string_view name) {
  size_t at = 0;
  while (at < header.size()) {
    size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    at = end + 1;
  }
  return "";
}

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

PresentedToken TokenOf(const Request& r) {
  std::string header = r.Header("authorization");
  if (header.rfind("Bearer ", 0) == 0) return {header.substr(7), false};
  std::string cookie = CookieValue(r.Header("cookie"), kSessionCookie);
  return {cookie, !cookie.empty()};
}

std::string CsrfTokenFor(const std::string& session_token) {
  return TokenDigest("csrf\n" + session_token);
}

bool PassesCsrfCheck(const Request& r, const PresentedToken& t) {
  if (!t.from_cookie || r.method == "GET" || r.method == "HEAD") return true;
  return SameText(r.Header("x-csrf-token"), CsrfTokenFor(t.token));
}

std::vector<std::pair<std::string, std::string>> SessionCookies(const Request& r,
                                                                const std::string& token,
                                                                int64_t max_age_seconds) {
  std::string tail = "; Max-Age=" + std::to_string(max_age_seconds) + "; SameSite=Strict" +
                     (r.Header("x-forwarded-proto") == "https" ? "; Secure" : "");
  return {
      {"Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/api; HttpOnly" + tail},
      {"Set-Cookie", std::string(kCsrfCookie) + "=" + CsrfTokenFor(token) + "; Path=/" + tail}};
}

std::vector<std::pair<std::string, std::string>> EndedSessionCookies() {
  return {{"Set-Cookie",
           std::string(kSessionCookie) + "=; Path=/api; HttpOnly; Max-Age=0; SameSite=Strict"},
          {"Set-Cookie", std::string(kCsrfCookie) + "=; Path=/; Max-Age=0; SameSite=Strict"}};
}

}  // namespace fangkong::api
