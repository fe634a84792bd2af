#include "quarantine/quarantine_staff_service.h"

#include "core/day_field.h"

namespace fangkong {

namespace {

constexpr int kWindowDays = 7;

}  // namespace

QuarantineStaffService::QuarantineStaffService(QuarantineService& sites,
                                               QuarantineStaffRepository& repo)
    : sites_(sites), repo_(repo) {}

Result<QuarantineStaff> QuarantineStaffService::Add(const User& u, int64_t site_id,
                                                    const QuarantineStaffInput& in, int64_t now) {
  if (auto s = CheckMayRunQuarantine(u); !s) return Fail(s.error());
  auto site = sites_.Site(u, site_id);
  if (!site) return Fail(site.error());
  Date today = BeijingDay(now);
  QuarantineStaff s;
  s.site_id = site_id;
  s.name = in.name;
  s.phone = in.phone;
  auto duty = ParseQuarantineDuty(in.duty.empty() ? "medical" : in.duty);
  if (!duty) {
    return Fail(Error::Invalid("invalid_duty", "duty", in.duty,
                               "medical, security, cleaning, logistics or management",
                               "岗位应为医护、安保、保洁、后勤或管理"));
  }
  s.duty = *duty;
  auto from = DayFieldOr(in.from, "from", today);
  if (!from) return Fail(from.error());
  s.from = *from;
  if (!in.until.empty()) {
    auto until = DayFieldOr(in.until, "until", today);
    if (!until) return Fail(until.error());
    s.until = *until;
  }
  s.test_every_days = in.test_every_days;
  if (auto c = CheckQuarantineStaff(s, today); !c) return Fail(c.error());
  auto id = repo_.InsertStaff(s);
  if (!id) return Fail(id.error());
  s.id = *id;
  return s;
}

Result<StaffCompliance> QuarantineStaffService::ComplianceOf(int64_t site_id, Date day) {
  auto staff = repo_.StaffOf(site_id);
  if (!staff) return Fail(staff.error());
  auto tests = repo_.StaffTestsOf(site_id, day.AddDays(1 - kWindowDays), day);
  if (!tests) return Fail(tests.error());
  return ComplianceOn(*staff, *tests, day, kWindowDays);
}

Result<QuarantineStaffCompliance> QuarantineStaffService::Of(const User& u, int64_t site_id,
                                                             Date day) {
  auto site = sites_.Site(u, site_id);
  if (!site) return Fail(site.error());
  auto c = ComplianceOf(site_id, day);
  if (!c) return Fail(c.error());
  return QuarantineStaffCompliance{std::move(*site), std::move(*c)};
}

Result<std::vector<QuarantineStaffCompliance>> QuarantineStaffService::Summary(const User& u,
                                                                               Date day) {
  auto sites = sites_.SitesOfCounty(u);
  if (!sites) return Fail(sites.error());
  std::vector<QuarantineStaffCompliance> out;
  for (auto& s : *sites) {
    auto c = ComplianceOf(s.id, day);
    if (!c) return Fail(c.error());
    c->lines.clear();
    out.push_back(QuarantineStaffCompliance{std::move(s), std::move(*c)});
  }
  return out;
}

Result<StaffTest> QuarantineStaffService::RecordTest(const User& u, int64_t staff_id,
                                                     const std::string& day,
                                                     const std::string& result, int64_t now) {
  if (auto s = CheckMayRunQuarantine(u); !s) return Fail(s.error());
  auto staff = repo_.FindStaff(staff_id);
  if (!staff) return Fail(staff.error());
  if (!*staff) return Fail(Error::NotFound("staff", std::to_string(staff_id)));
  // Only a site of the user's county: a stranger's staff are not found.
  if (auto site = sites_.Site(u, (*staff)->site_id); !site)
    return Fail(Error::NotFound("staff", std::to_string(staff_id)));
  Date today = BeijingDay(now);
  StaffTest t;
  t.staff_id = staff_id;
  t.site_id = (*staff)->site_id;
  auto d = DayFieldOr(day, "day", today);
  if (!d) return Fail(d.error());
  t.day = *d;
  auto r = ParseStaffTestResult(result.empty() ? "pending" : result);
  if (!r) {
    return Fail(Error::Invalid("invalid_result", "result", result,
                               "a test is pending, negative or positive",
                               "检测结果应为已采样、阴性或阳性"));
  }
  t.result = *r;
  t.recorded_at = now;
  t.recorded_by = u.id;
  if (auto c = CheckStaffTest(**staff, t, today); !c) return Fail(c.error());
  auto id = repo_.InsertStaffTest(t);
  // The result of a sample taken earlier that day.
  if (!id && id.error().kind == ErrorKind::kConflict && t.result != StaffTestResult::kPending) {
    auto updated = repo_.SetStaffTestResult(t);
    if (!updated) return Fail(updated.error());
    if (*updated) id = *updated;
  }
  if (!id) return Fail(id.error());
  t.id = *id;
  return t;
}

}  // namespace fangkong
