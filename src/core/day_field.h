// A day given as text in a request field (YYYY-MM-DD). A bad one is an
// error that names the field, the text and the rule, in both languages.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

// The day, or none when the text is empty.
Result<std::optional<Date>> OptionalDayField(std::string_view text, const char* field);
// The day, or `fallback` when the text is empty.
Result<Date> DayFieldOr(std::string_view text, const char* field, Date fallback);

}  // namespace fangkong
