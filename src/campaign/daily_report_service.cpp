// Freezing and reading daily reports (daily_report.h).
#include "campaign/daily_report.h"

namespace fangkong {

namespace {

bool Running(const Campaign& c, Date day) {
  for (const auto& p : c.phases)
    if (p.start <= day && day <= p.end) return true;
  return false;
}

}  // namespace

Result<DailyReport> DailyReports::FreezeAs(const User& u, const Campaign& c, Date day,
                                           int64_t now) {
  auto today = campaigns_.Progress(u, c.id, c.region_code, day, 0);
  if (!today) return Fail(today.error());
  auto yesterday =
      campaigns_.Progress(u, c.id, c.region_code, day.AddDays(-1), today->phase.number);
  if (!yesterday) return Fail(yesterday.error());
  DailyReport r = BuildDailyReport(*today, *yesterday);
  r.taken_at = now;
  r.taken_by = u.id;
  r.taken_by_name = u.display_name;
  auto id = repo_.InsertDailyReport(r);
  if (!id) return Fail(id.error());
  r.id = *id;
  return r;
}

Result<DailyReport> DailyReports::Freeze(const User& u, int64_t campaign_id, Date day,
                                         int64_t now) {
  if (u.role != Role::kCountyAdmin) {
    return Fail(Error::Forbidden("only county administrators freeze daily reports",
                                 "只有县级管理员可以生成日报"));
  }
  auto c = campaigns_.Get(u, campaign_id);
  if (!c) return Fail(c.error());
  if (auto s = CheckJurisdiction(u, c->region_code); !s) return Fail(s.error());
  if (day > BeijingDay(now)) {
    return Fail(Error::Invalid("invalid_value", "date", day.Iso(), "the day has not come yet",
                               "日期尚未到来"));
  }
  return FreezeAs(u, *c, day, now);
}

Result<DailyReport> DailyReports::Find(const User& u, int64_t campaign_id, Date day) {
  auto c = campaigns_.Get(u, campaign_id);
  if (!c) return Fail(c.error());
  auto r = repo_.FindDailyReport(c->id, day);
  if (!r) return Fail(r.error());
  if (!*r) return Fail(Error::NotFound("daily report", day.Iso()));
  return std::move(**r);
}

Result<std::vector<Date>> DailyReports::Days(const User& u, int64_t campaign_id) {
  auto c = campaigns_.Get(u, campaign_id);
  if (!c) return Fail(c.error());
  return repo_.DailyReportDays(c->id);
}

Result<int> DailyReports::FreezeDue(Date day, int64_t now) {
  auto all = repo_.All();
  if (!all) return Fail(all.error());
  int frozen = 0;
  for (const auto& c : *all) {
    if (!Running(c, day)) continue;
    auto have = repo_.FindDailyReport(c.id, day);
    if (!have) return Fail(have.error());
    if (*have) continue;
    // The report is the county's: taken as an administrator of the campaign's region.
    User system{0, "system", "系统（定时）", Role::kCountyAdmin, c.region_code, 0, true};
    auto r = FreezeAs(system, c, day, now);
    if (!r && r.error().kind != ErrorKind::kConflict) return Fail(r.error());
    if (r) ++frozen;
  }
  return frozen;
}

}  // namespace fangkong
