// Calendar dates (Beijing calendar days) and instants (UTC).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fangkong {

// A civil calendar date. Stored as days since 1970-01-01 so comparisons and
// differences are integer arithmetic.
class Date {
 public:
  Date() = default;
  static std::optional<Date> FromYmd(int year, unsigned month, unsigned day);
  // Accepts YYYY-MM-DD and YYYYMMDD; nullopt for anything else or an impossible date.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromDays(int32_t days) { return Date(days); }
  // Today on the Beijing calendar (UTC+8), the day used for targets and cut-offs.
  static Date TodayBeijing();

  int year() const;
  unsigned month() const;
  unsigned day() const;
  int32_t days() const { return days_; }
  std::string Iso() const;  // YYYY-MM-DD
  // Completed years of age on `on` (a person born on 29 Feb ages on 1 Mar in common years).
  int AgeOn(Date on) const;
  Date AddYears(int years) const;
  // The day someone born on this date completes `months` months of age: the
  // same day of the month, or the 1st of the next month when that day does
  // not exist (born 31 Jan: 1 month on 1 Mar; born 29 Feb: 12 months on 1 Mar),
  // which agrees with AgeOn.
  Date ReachesAgeMonths(int months) const;
  Date AddDays(int n) const { return Date(days_ + n); }

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(int32_t days) : days_(days) {}
  std::chrono::year_month_day Ymd() const;
  int32_t days_ = 0;
};

// People born after `born_after` and on or before `born_on_or_before`.
struct BirthRange {
  Date born_after, born_on_or_before;
};

// Seconds since the Unix epoch, UTC.
int64_t NowUnixSeconds();
// "2026-11-23T10:00:00Z"
std::string UtcIso(int64_t unix_seconds);

// Wall-clock times as Chinese users write them are Beijing time (UTC+8).
// The Beijing calendar day of a unix time.
Date BeijingDay(int64_t unix_seconds);
// "2026-11-23 08:05[:00]" or "2026-11-23T08:05[:00]" read as Beijing time;
// nullopt unless it is a real date and time.
std::optional<int64_t> ParseBeijingDateTime(std::string_view text);
// "2026-11-23 08:05" in Beijing time.
std::string BeijingMinute(int64_t unix_seconds);

}  // namespace fangkong
