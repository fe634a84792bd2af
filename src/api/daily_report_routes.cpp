// The daily report and ranking endpoints (日报、排名通报): freezing a day's
// snapshot, and reading it ranked by a chosen measure.
#include "api/campaign_routes.h"
#include "api/params.h"

namespace fangkong::api {

namespace {

json::object RowToJson(const ReportRow& r) {
  json::object o = UnitToJson(r.unit);
  o["counted_change"] = r.counted_change;
  o["rank"] = r.rank;
  o["rank_before"] = r.rank_before;
  o["lagging"] = r.lagging;
  return o;
}

json::object ReportToJson(const DailyReport& r, const std::string& by) {
  json::array units;
  for (const auto& u : r.units) units.push_back(RowToJson(u));
  return json::object{{"id", r.id},
                      {"campaign_id", r.campaign_id},
                      {"phase", r.phase},
                      {"date", r.day.Iso()},
                      {"taken_at", UtcIso(r.taken_at)},
                      {"taken_by", r.taken_by_name},
                      {"by", by},
                      {"total", RowToJson(r.total)},
                      {"units", std::move(units)}};
}

Error UnknownMeasure(const std::string& by) {
  return Error::Invalid("invalid_value", "by", by,
                        "by is completion, counted_change, rate_7d, coverage_first or doses_today",
                        "排名指标应为完成率、当日新增、近7日日均、首针接种率或当日剂次");
}

}  // namespace

void AddDailyReportRoutes(Router& router, CampaignRouteContext ctx) {
  router.Add("POST", "/api/v1/daily-reports", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto id = IntMember(*body, "campaign_id");
    if (!id) return ErrorResponse(id.error());
    std::string date;
    if (auto s = ReadStrings(*body, {{"date", &date}}); !s) return ErrorResponse(s.error());
    auto day = Date::Parse(date);
    if (!day) {
      return ErrorResponse(Error::Invalid("invalid_value", "date", date,
                                          "not a real date (YYYY-MM-DD)",
                                          "日期无效（应为YYYY-MM-DD）"));
    }
    auto report = ctx.reports.Freeze(u, *id, *day, ctx.now());
    if (!report) return ctx.denied(u, report.error(), "campaign:" + std::to_string(*id));
    return JsonResponse(201, ReportToJson(*report, "completion"));
  }));

  router.Add("GET", "/api/v1/daily-reports", ctx.authed([ctx](Request& r, const User& u) {
    auto id = OptionalInt(r, "campaign_id");
    if (!id) return ErrorResponse(id.error());
    if (!*id) {
      return ErrorResponse(Error::Invalid("required", "campaign_id", "", "campaign_id is required",
                                          "请指定接种任务"));
    }
    if (!r.Query("date") || r.Query("date")->empty()) {
      auto days = ctx.reports.Days(u, **id);
      if (!days) return ctx.denied(u, days.error(), "campaign:" + std::to_string(**id));
      json::array out;
      for (const auto& d : *days) out.emplace_back(d.Iso());
      return JsonResponse(200, json::object{{"days", std::move(out)}});
    }
    auto day = DateParam(r, "date", Date());
    if (!day) return ErrorResponse(day.error());
    std::string by = r.Query("by") && !r.Query("by")->empty() ? *r.Query("by") : "completion";
    auto report = ctx.reports.Find(u, **id, *day);
    if (!report) return ctx.denied(u, report.error(), "campaign:" + std::to_string(**id));
    if (!SortReportRows(report->units, by)) return ErrorResponse(UnknownMeasure(by));
    return JsonResponse(200, ReportToJson(*report, by));
  }));
}

}  // namespace fangkong::api
