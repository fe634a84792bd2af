// A minimal HTTP client for API tests (libcurl), loopback only.
#pragma once

#include <curl/curl.h>
#include <strings.h>

#include <atomic>
#include <string>
#include <vector>

namespace fangkong::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::string content_type;
  std::vector<std::string> headers;  // "Name: value" lines as received
  // The value of header `name` (any case), or "".
  std::string Header(const std::string& name) const {
    for (const auto& h : headers) {
      if (h.size() > name.size() && h[name.size()] == ':' &&
          strncasecmp(h.data(), name.data(), name.size()) == 0) {
        size_t v = h.find_first_not_of(' ', name.size() + 1);
        return v == std::string::npos ? "" : h.substr(v);
      }
    }
    return "";
  }
};

// Told about every response (the API tests check each one against the API
// document: openapi_check.h); none by default.
using ResponseObserver = void (*)(const std::string& method, const std::string& url, const HttpResult& r);
inline std::atomic<ResponseObserver> g_response_observer{nullptr};

inline size_t CollectHeader(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) static_cast<std::vector<std::string>*>(out)->push_back(std::move(line));
  return size * n;
}

inline size_t CollectBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

inline HttpResult Http(const std::string& method, const std::string& url, const std::string& body = "",
                       const std::vector<std::string>& headers = {}) {
  HttpResult r;
  CURL* c = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // tests call this from many threads
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, CollectBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, CollectHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  if (!body.empty() || method == "POST" || method == "PATCH") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  if (curl_easy_perform(c) == CURLE_OK) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    char* ct = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    if (ct) r.content_type = ct;
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  if (auto observe = g_response_observer.load()) observe(method, url, r);
  return r;
}

}  // namespace fangkong::testing
