#include "campaign/feasibility.h"

#include <algorithm>
#include <cmath>

#include "campaign/schedule.h"

namespace fangkong {

namespace {

// 1,420
std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// "12 May" and "5月12日"
std::string DayEn(Date d) {
  static const char* months[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
  return std::to_string(d.day()) + " " + months[d.month() - 1];
}
std::string DayZh(Date d) {
  return std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
}

// At the recent pace, no faster than the sites allow, no more than the doses.
void Forecast(const UnitProgress& u, const UnitMeans& means, UnitFeasibility& f) {
  double pace = std::max(0.0, u.rate_7d);
  if (means.sites > 0)
    pace = std::min(pace, static_cast<double>(means.daily_capacity) / f.doses_per_person);
  else
    pace = 0;
  double more = pace * f.days_left;
  double by_doses =
      static_cast<double>(means.doses_on_hand + means.doses_expected) / f.doses_per_person;
  more = std::min(more, by_doses);
  f.projected_counted = u.counted + static_cast<int64_t>(std::floor(more));
  f.projected_completion =
      u.target > 0 ? static_cast<double>(f.projected_counted) / static_cast<double>(u.target) : 0;
  f.short_by = std::max<int64_t>(0, u.target - f.projected_counted);
}

}  // namespace

const char* ShortfallKindCode(ShortfallKind k) {
  switch (k) {
    case ShortfallKind::kNoSites:
      return "no_sites";
    case ShortfallKind::kCapacity:
      return "capacity";
    case ShortfallKind::kSupply:
      return "supply";
  }
  return "capacity";
}

int DosesPerPerson(CountingDose dose, const PlannedSeries& series) {
  return dose == CountingDose::kBooster ? 1 : std::max(1, series.primary_doses);
}

UnitFeasibility CheckFeasibility(const UnitProgress& u, const Phase& phase, Date day,
                                 const PlannedSeries& series, const UnitMeans& means) {
  UnitFeasibility f;
  f.code = u.code;
  f.name = u.name;
  f.means = means;
  f.remaining = std::max<int64_t>(0, u.target - u.counted);
  f.days_left = DaysLeft(day, phase.end);
  f.required_daily_rate = RequiredDailyRate(f.remaining, f.days_left);
  f.doses_per_person = DosesPerPerson(phase.dose, series);
  f.doses_per_day = f.required_daily_rate * f.doses_per_person;
  f.doses_needed = f.remaining * f.doses_per_person;
  Forecast(u, means, f);
  if (f.remaining == 0) return f;
  Date from = day.AddDays(1);
  int days = std::max(1, f.days_left);
  if (means.sites == 0) {
    Shortfall s;
    s.kind = ShortfallKind::kNoSites;
    s.per_day = f.doses_per_day;
    s.days = days;
    s.from = from;
    s.message = u.name + " needs " + Thousands(f.doses_per_day) + "/day from " + DayEn(from) +
                " but has no vaccination site";
    s.message_zh = u.name + "自" + DayZh(from) + "起每日需接种" + Thousands(f.doses_per_day) +
                   "剂次，但辖区没有接种点";
    f.shortfalls.push_back(s);
  } else if (f.doses_per_day > means.daily_capacity) {
    Shortfall s;
    s.kind = ShortfallKind::kCapacity;
    s.per_day = f.doses_per_day - means.daily_capacity;
    s.days = days;
    s.from = from;
    s.message = u.name + " needs " + Thousands(f.doses_per_day) + "/day from " + DayEn(from) +
                "; its sites can do " + Thousands(means.daily_capacity) + "; short " +
                Thousands(s.per_day) + "/day for " + std::to_string(days) + " days";
    s.message_zh = u.name + "自" + DayZh(from) + "起每日需接种" + Thousands(f.doses_per_day) +
                   "剂次，辖区接种点每日可接种" + Thousands(means.daily_capacity) +
                   "剂次，每日缺口" + Thousands(s.per_day) + "剂次，持续" + std::to_string(days) +
                   "天";
    f.shortfalls.push_back(s);
  }
  int64_t available = means.doses_on_hand + means.doses_expected;
  if (f.doses_needed > available) {
    Shortfall s;
    s.kind = ShortfallKind::kSupply;
    s.doses = f.doses_needed - available;
    s.days = days;
    // At the rate needed, the doses last this many days.
    int lasts = f.doses_per_day > 0 ? static_cast<int>(available / f.doses_per_day) : days;
    s.from = from.AddDays(lasts);
    s.message = u.name + " needs " + Thousands(f.doses_needed) + " doses by " + DayEn(phase.end) +
                "; it has " + Thousands(means.doses_on_hand) + " and expects " +
                Thousands(means.doses_expected) + "; short " + Thousands(s.doses) +
                " doses, running out on " + DayEn(s.from);
    s.message_zh = u.name + "至" + DayZh(phase.end) + "需疫苗" + Thousands(f.doses_needed) +
                   "剂次，现有库存" + Thousands(means.doses_on_hand) + "剂次、计划到货" +
                   Thousands(means.doses_expected) + "剂次，缺口" + Thousands(s.doses) +
                   "剂次，预计" + DayZh(s.from) + "断供";
    f.shortfalls.push_back(s);
  }
  return f;
}

}  // namespace fangkong
