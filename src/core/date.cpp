#include "core/date.h"

#include <cstdio>

namespace fangkong {

namespace ch = std::chrono;

std::optional<Date> Date::FromYmd(int y, unsigned m, unsigned d) {
  ch::year_month_day ymd{ch::year{y}, ch::month{m}, ch::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return Date(static_cast<int32_t>(ch::sys_days(ymd).time_since_epoch().count()));
}

std::optional<Date> Date::Parse(std::string_view t) {
  auto digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  };
  auto num = [](std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  };
  std::string_view y, m, d;
  if (t.size() == 8) {
    y = t.substr(0, 4), m = t.substr(4, 2), d = t.substr(6, 2);
  } else if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    y = t.substr(0, 4), m = t.substr(5, 2), d = t.substr(8, 2);
  } else {
    return std::nullopt;
  }
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  return FromYmd(num(y), static_cast<unsigned>(num(m)), static_cast<unsigned>(num(d)));
}

Date Date::TodayBeijing() {
  auto now = ch::system_clock::now() + ch::hours(8);
  return Date(static_cast<int32_t>(ch::floor<ch::days>(now).time_since_epoch().count()));
}

ch::year_month_day Date::Ymd() const { return ch::year_month_day{ch::sys_days{ch::days{days_}}}; }
int Date::year() const { return static_cast<int>(Ymd().year()); }
unsigned Date::month() const { return static_cast<unsigned>(Ymd().month()); }
unsigned Date::day() const { return static_cast<unsigned>(Ymd().day()); }

// A dose writes some twenty dates as text (its record's, its state's, its
// figure changes'). Through snprintf, with the day converted once per
// field, doses/s under load were 3% lower (bench/RESULTS.md, session 27).
std::string Date::Iso() const {
  auto ymd = Ymd();
  int y = static_cast<int>(ymd.year());
  auto m = static_cast<unsigned>(ymd.month());
  auto d = static_cast<unsigned>(ymd.day());
  if (y < 0 || y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
  }
  std::string out(10, '-');
  for (int i = 3; i >= 0; --i, y /= 10) out[i] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10), out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10), out[9] = static_cast<char>('0' + d % 10);
  return out;
}

int Date::AgeOn(Date on) const {
  int age = on.year() - year();
  if (on.month() < month() || (on.month() == month() && on.day() < day())) --age;
  return age;
}

Date Date::AddYears(int n) const {
  auto ymd = Ymd();
  auto target = ymd.year() + ch::years{n};
  ch::year_month_day r{target, ymd.month(), ymd.day()};
  if (!r.ok()) r = ch::year_month_day{target, ymd.month(), std::chrono::day{28}};  // 29 Feb -> 28 Feb
  return Date(static_cast<int32_t>(ch::sys_days(r).time_since_epoch().count()));
}

Date Date::ReachesAgeMonths(int months) const {
  auto ymd = Ymd();
  int total = static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month())) - 1 + months;
  ch::year y{total / 12};
  ch::month m{static_cast<unsigned>(total % 12 + 1)};
  ch::year_month_day r{y, m, ymd.day()};
  if (!r.ok()) {
    auto next = ch::year_month{y, m} + ch::months{1};
    r = ch::year_month_day{next.year(), next.month(), ch::day{1}};
  }
  return Date(static_cast<int32_t>(ch::sys_days(r).time_since_epoch().count()));
}

int64_t NowUnixSeconds() {
  return ch::duration_cast<ch::seconds>(ch::system_clock::now().time_since_epoch()).count();
}

std::string UtcIso(int64_t t) {
  auto tp = ch::sys_seconds{ch::seconds{t}};
  auto day_point = ch::floor<ch::days>(tp);
  ch::year_month_day ymd{day_point};
  ch::hh_mm_ss hms{tp - day_point};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

Date BeijingDay(int64_t t) {
  int64_t local = t + 8 * 3600;
  return Date::FromDays(static_cast<int32_t>(local >= 0 ? local / 86400 : (local - 86399) / 86400));
}

std::optional<int64_t> ParseBeijingDateTime(std::string_view s) {
  if (s.size() < 16) return std::nullopt;
  auto day = Date::Parse(s.substr(0, 10));
  if (!day || (s[10] != ' ' && s[10] != 'T') || s[13] != ':') return std::nullopt;
  auto num = [&](size_t at) -> int {
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  bool with_seconds = s.size() >= 19 && s[16] == ':';
  if (s.size() != (with_seconds ? 19u : 16u)) return std::nullopt;
  int h = num(11), m = num(14), sec = with_seconds ? num(17) : 0;
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  return int64_t{day->days()} * 86400 + h * 3600 + m * 60 + sec - 8 * 3600;
}

std::string BeijingMinute(int64_t t) {
  int64_t in_day = ((t + 8 * 3600) % 86400 + 86400) % 86400;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(in_day / 3600), static_cast<int>(in_day % 3600 / 60));
  return BeijingDay(t).Iso() + " " + buf;
}

}  // namespace fangkong
