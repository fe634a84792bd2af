// Reading path and query parameters; errors name the parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http.h"
#include "core/date.h"

namespace fangkong::api {

// A non-negative integer of at most 15 digits.
Result<int64_t> IntParam(const std::string& text, std::string_view field);
// The query parameter `name` as an integer, or nullopt when absent or empty.
Result<std::optional<int64_t>> OptionalInt(const Request& r, const std::string& name);
// The query parameter `name` as YYYY-MM-DD, or `fallback` when absent.
Result<Date> DateParam(const Request& r, const std::string& name, Date fallback);
bool Truthy(const std::string* v);

}  // namespace fangkong::api
