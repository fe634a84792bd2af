// The staff of quarantine sites and their daily tests: a site's staff on a
// day (who was due, tested, missed, positive) with the week's trend, every
// site's compliance, staff added, a test recorded (sampled, then its result).
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"
#include "core/id_number.h"

namespace fangkong::api {

namespace {

json::object StaffToJson(const QuarantineStaff& s) {
  return json::object{{"id", s.id},
                      {"site_id", s.site_id},
                      {"name", s.name},
                      {"phone", MaskPhone(s.phone)},
                      {"duty", QuarantineDutyCode(s.duty)},
                      {"duty_zh", QuarantineDutyZh(s.duty)},
                      {"from", s.from.Iso()},
                      {"until", DayOrNull(s.until)},
                      {"test_every_days", s.test_every_days}};
}

json::object TestToJson(const StaffTest& t) {
  return json::object{{"id", t.id},
                      {"staff_id", t.staff_id},
                      {"day", t.day.Iso()},
                      {"result", StaffTestResultCode(t.result)},
                      {"recorded_at", t.recorded_at}};
}

json::object ComplianceToJson(const QuarantineStaffCompliance& c, bool lines) {
  const auto& x = c.compliance;
  json::array trend;
  for (const auto& d : x.trend)
    trend.push_back(json::object{{"day", d.day.Iso()}, {"due", d.due}, {"tested", d.tested}});
  json::object out{
      {"site_id", c.site.id},        {"site", c.site.name},    {"day", x.day.Iso()},
      {"on_duty", x.on_duty},        {"due", x.due},           {"tested", x.tested},
      {"missing", x.due - x.tested}, {"positive", x.positive}, {"trend", std::move(trend)}};
  if (lines) {
    json::array items;
    for (const auto& l : x.lines) {
      json::object o = StaffToJson(l.staff);
      o["due"] = l.due;
      o["test"] = l.test ? json::value(TestToJson(*l.test)) : json::value(nullptr);
      o["missed"] = l.missed;
      items.push_back(std::move(o));
    }
    out["items"] = std::move(items);
  }
  return out;
}

}  // namespace

void AddQuarantineStaffRoutes(Router& router, QuarantineStaffRouteContext ctx) {
  router.Add(
      "GET", "/api/v1/quarantine-sites/staff-compliance",
      ctx.authed([ctx](Request& r, const User& u) {
        auto day = DateParam(r, "date", BeijingDay(ctx.now()));
        if (!day) return ErrorResponse(day.error());
        auto list = ctx.staff.Summary(u, *day);
        if (!list) return ctx.denied(u, list.error(), "quarantine-sites");
        json::array items;
        for (const auto& c : *list) items.push_back(ComplianceToJson(c, false));
        return JsonResponse(200, json::object{{"date", day->Iso()}, {"items", std::move(items)}});
      }));

  router.Add("GET", "/api/v1/quarantine-sites/{id}/staff",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto day = DateParam(r, "date", BeijingDay(ctx.now()));
               if (!day) return ErrorResponse(day.error());
               auto c = ctx.staff.Of(u, *id, *day);
               if (!c) return ctx.denied(u, c.error(), "quarantine-site:" + r.params["id"]);
               return JsonResponse(200, ComplianceToJson(*c, true));
             }));

  router.Add("POST", "/api/v1/quarantine-sites/{id}/staff",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               QuarantineStaffInput in;
               if (auto e = ReadStrings(*body, {{"name", &in.name},
                                                {"phone", &in.phone},
                                                {"duty", &in.duty},
                                                {"from", &in.from},
                                                {"until", &in.until}});
                   !e)
                 return ErrorResponse(e.error());
               if (body->contains("test_every_days")) {
                 auto every = IntMember(*body, "test_every_days");
                 if (!every) return ErrorResponse(every.error());
                 in.test_every_days = *every;
               }
               auto s = ctx.staff.Add(u, *id, in, ctx.now());
               if (!s) return ctx.denied(u, s.error(), "quarantine-site:" + r.params["id"]);
               return JsonResponse(201, StaffToJson(*s));
             }));

  router.Add("POST", "/api/v1/quarantine-staff/{id}/tests",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               std::string day, result;
               if (auto e = ReadStrings(*body, {{"day", &day}, {"result", &result}}); !e)
                 return ErrorResponse(e.error());
               auto t = ctx.staff.RecordTest(u, *id, day, result, ctx.now());
               if (!t) return ctx.denied(u, t.error(), "quarantine-staff:" + r.params["id"]);
               return JsonResponse(201, TestToJson(*t));
             }));
}

}  // namespace fangkong::api
