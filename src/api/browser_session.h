// The web UI's session: an HttpOnly, SameSite=Strict cookie that scripts
// cannot read, plus a CSRF token that they can (a second cookie) and must
// send back as X-CSRF-Token on every change. API clients keep sending
// "Authorization: Bearer <token>", which needs no CSRF token: a browser
// never adds that header by itself.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "api/http.h"

namespace fangkong::api {

inline constexpr const char* kSessionCookie = "fk_session";
inline constexpr const char* kCsrfCookie = "fk_csrf";

// Where a request's session token came from.
struct PresentedToken {
  std::string token;
  bool from_cookie = false;
};
// The Bearer token, or else the session cookie's.
PresentedToken TokenOf(const Request& r);

// The CSRF token of a session: derived from the session token, so nothing
// is stored, and unguessable without it.
std::string CsrfTokenFor(const std::string& session_token);

// True when `r` may act: it reads (GET, HEAD), came with a Bearer token, or
// carries the session's CSRF token.
bool PassesCsrfCheck(const Request& r, const PresentedToken& t);

// Set-Cookie headers that start the browser session (Secure when the request
// came over HTTPS through a proxy that says so), or end it.
std::vector<std::pair<std::string, std::string>> SessionCookies(const Request& r,
                                                                const std::string& token,
                                                                int64_t max_age_seconds);
std::vector<std::pair<std::string, std::string>> EndedSessionCookies();

}  // namespace fangkong::api
