#include "api/params.h"

namespace fangkong::api {

Result<int64_t> IntParam(const std::string& text, std::string_view field) {
  int64_t v = 0;
  bool ok = !text.empty() && text.size() <= 15;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) v = v * 10 + (c - '0');
  }
  if (!ok) {
    return Fail(Error::Invalid("invalid_value", std::string(field), text,
                               std::string(field) + " must be a non-negative integer",
                               std::string(field) + "应为非负整数"));
  }
  return v;
}

Result<std::optional<int64_t>> OptionalInt(const Request& r, const std::string& name) {
  const std::string* v = r.Query(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  auto n = IntParam(*v, name);
  if (!n) return Fail(n.error());
  return std::optional<int64_t>(*n);
}

Result<Date> DateParam(const Request& r, const std::string& name, Date fallback) {
  const std::string* v = r.Query(name);
  if (!v || v->empty()) return fallback;
  auto d = Date::Parse(*v);
  if (!d) {
    return Fail(Error::Invalid("invalid_date", name, *v, name + " must be a real date YYYY-MM-DD",
                               name + "应为有效日期（YYYY-MM-DD）"));
  }
  return *d;
}

bool Truthy(const std::string* v) { return v && (*v == "1" || *v == "true" || *v == "yes"); }

}  // namespace fangkong::api
