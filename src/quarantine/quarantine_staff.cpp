#include "quarantine/quarantine_staff.h"

#include <algorithm>
#include <map>

#include "core/id_number.h"
#include "core/text.h"

namespace fangkong {

namespace {

struct DutyName {
  QuarantineDuty duty;
  const char* code;
  const char* zh;
};
constexpr DutyName kDuties[] = {{QuarantineDuty::kMedical, "medical", "医护"},
                                {QuarantineDuty::kSecurity, "security", "安保"},
                                {QuarantineDuty::kCleaning, "cleaning", "保洁"},
                                {QuarantineDuty::kLogistics, "logistics", "后勤"},
                                {QuarantineDuty::kManagement, "management", "管理"}};

}  // namespace

const char* QuarantineDutyCode(QuarantineDuty d) {
  for (const auto& x : kDuties)
    if (x.duty == d) return x.code;
  return "medical";
}

const char* QuarantineDutyZh(QuarantineDuty d) {
  for (const auto& x : kDuties)
    if (x.duty == d) return x.zh;
  return "医护";
}

std::optional<QuarantineDuty> ParseQuarantineDuty(std::string_view s) {
  for (const auto& x : kDuties)
    if (s == x.code || s == x.zh) return x.duty;
  return std::nullopt;
}

Status CheckQuarantineStaff(const QuarantineStaff& s, Date today) {
  size_t n = Utf8Length(s.name);
  if (n < 2 || n > 20) {
    return Fail(Error::Invalid("invalid_name", "name", s.name, "a name is 2-20 characters",
                               "姓名应为2-20个字"));
  }
  if (auto p = ParseMobilePhone(s.phone); !p) return Fail(p.error());
  if (s.from > today.AddDays(7) || s.from < today.AddDays(-60)) {
    return Fail(Error::Invalid("invalid_date", "from", s.from.Iso(),
                               "the first day on duty is within 60 days back and 7 ahead",
                               "上岗日期应在前60天至后7天之内"));
  }
  if (s.until && *s.until < s.from) {
    return Fail(
        Error::Invalid("invalid_date", "until", s.until->Iso(),
                       "the last day on duty is on or after the first (" + s.from.Iso() + ")",
                       "离岗日期不能早于上岗日期"));
  }
  if (s.test_every_days < 1 || s.test_every_days > 7) {
    return Fail(Error::Invalid("invalid_interval", "test_every_days",
                               std::to_string(s.test_every_days), "a test every 1-7 days",
                               "核酸检测间隔应为1-7天"));
  }
  return {};
}

bool OnDuty(const QuarantineStaff& s, Date day) {
  return s.from <= day && (!s.until || day <= *s.until);
}

bool TestDue(const QuarantineStaff& s, Date day) {
  return OnDuty(s, day) && (day.days() - s.from.days()) % std::max(s.test_every_days, 1) == 0;
}

const char* StaffTestResultCode(StaffTestResult r) {
  switch (r) {
    case StaffTestResult::kNegative:
      return "negative";
    case StaffTestResult::kPositive:
      return "positive";
    case StaffTestResult::kPending:
      break;
  }
  return "pending";
}

std::optional<StaffTestResult> ParseStaffTestResult(std::string_view s) {
  if (s == "pending" || s == "已采样" || s == "待出结果") return StaffTestResult::kPending;
  if (s == "negative" || s == "阴性") return StaffTestResult::kNegative;
  if (s == "positive" || s == "阳性") return StaffTestResult::kPositive;
  return std::nullopt;
}

Status CheckStaffTest(const QuarantineStaff& s, const StaffTest& t, Date today) {
  if (t.day > today || t.day < today.AddDays(-7)) {
    return Fail(Error::Invalid("invalid_date", "day", t.day.Iso(),
                               "a test of today or the 7 days before",
                               "只能登记今天及前7天的检测"));
  }
  if (!OnDuty(s, t.day)) {
    return Fail(Error::Invalid("not_on_duty", "day", t.day.Iso(),
                               s.name + " was not on duty that day", s.name + "当天不在岗"));
  }
  return {};
}

StaffCompliance ComplianceOn(const std::vector<QuarantineStaff>& staff,
                             const std::vector<StaffTest>& tests, Date day, int window) {
  StaffCompliance out;
  out.day = day;
  std::map<std::pair<int64_t, int32_t>, const StaffTest*> tested;
  for (const auto& t : tests) tested[{t.staff_id, t.day.days()}] = &t;
  Date first = day.AddDays(1 - std::max(window, 1));
  for (Date d = first; d <= day; d = d.AddDays(1)) {
    StaffComplianceDay c{d, 0, 0};
    for (const auto& s : staff) {
      if (!TestDue(s, d)) continue;
      ++c.due;
      c.tested += tested.count({s.id, d.days()}) ? 1 : 0;
    }
    out.trend.push_back(c);
  }
  for (const auto& s : staff) {
    if (!OnDuty(s, day)) continue;
    StaffLine line{s, TestDue(s, day), std::nullopt, 0};
    if (auto it = tested.find({s.id, day.days()}); it != tested.end()) line.test = *it->second;
    for (Date d = first; d <= day; d = d.AddDays(1))
      if (TestDue(s, d) && !tested.count({s.id, d.days()})) ++line.missed;
    ++out.on_duty;
    out.due += line.due;
    out.tested += line.due && line.test;
    out.positive += line.test && line.test->result == StaffTestResult::kPositive;
    out.lines.push_back(std::move(line));
  }
  // The ones to chase first: due and untested, then positives, then by name.
  auto rank = [](const StaffLine& l) {
    if (l.due && !l.test) return 0;
    if (l.test && l.test->result == StaffTestResult::kPositive) return 1;
    return 2;
  };
  std::stable_sort(out.lines.begin(), out.lines.end(),
                   [&](const StaffLine& a, const StaffLine& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace fangkong
