#include "core/day_field.h"

namespace fangkong {

Result<std::optional<Date>> OptionalDayField(std::string_view text, const char* field) {
  if (text.empty()) return std::optional<Date>();
  if (auto d = Date::Parse(text)) return std::optional<Date>(*d);
  return Fail(Error::Invalid("invalid_date", field, text, "a date as YYYY-MM-DD",
                             "日期格式应为YYYY-MM-DD"));
}

Result<Date> DayFieldOr(std::string_view text, const char* field, Date fallback) {
  auto d = OptionalDayField(text, field);
  if (!d) return Fail(d.error());
  return d->value_or(fallback);
}

}  // namespace fangkong
