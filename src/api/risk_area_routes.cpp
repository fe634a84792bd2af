// Risk areas: the list on any day, an area's history, declarations by the
// county, and the upstream file.
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"

namespace fangkong::api {

namespace {

json::value SpanToJson(const std::optional<LevelSpan>& s) {
  if (!s) return nullptr;
  return json::object{{"level", RiskLevelCode(s->level)},
                      {"level_zh", RiskLevelZh(s->level)},
                      {"from", s->from.Iso()},
                      {"until", DayOrNull(s->until)},
                      {"by_rule", s->by_rule}};
}

json::object DeclarationToJson(const RiskDeclaration& d) {
  return json::object{{"id", d.id},
                      {"level", RiskLevelCode(d.level)},
                      {"level_zh", RiskLevelZh(d.level)},
                      {"from", d.from.Iso()},
                      {"last_case_on", DayOrNull(d.last_case)},
                      {"source", d.source},
                      {"note", d.note},
                      {"user_id", d.user_id},
                      {"at", UtcIso(d.at)}};
}

json::object ViewToJson(const RiskAreaView& v) {
  json::array timeline;
  for (const auto& s : v.timeline) timeline.push_back(SpanToJson(s));
  return json::object{{"id", v.area.id},
                      {"region_code", v.area.region_code},
                      {"place", v.place},
                      {"name", v.area.name},
                      {"level", RiskLevelCode(v.level)},
                      {"level_zh", RiskLevelZh(v.level)},
                      {"span", SpanToJson(v.span)},
                      {"next", SpanToJson(v.next)},
                      {"last_case_on", DayOrNull(v.latest.last_case)},
                      {"timeline", std::move(timeline)}};
}

}  // namespace

void AddRiskAreaRoutes(Router& router, RiskAreaRouteContext ctx) {
  router.Add("GET", "/api/v1/risk-areas", ctx.authed([ctx](Request& r, const User& u) {
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto list = ctx.risk_areas.OnDay(*day, Truthy(r.Query("all")));
    if (!list) return ctx.denied(u, list.error(), "risk-areas");
    json::array items;
    int high = 0, medium = 0;
    for (const auto& v : *list) {
      high += v.level == RiskLevel::kHigh;
      medium += v.level == RiskLevel::kMedium;
      items.push_back(ViewToJson(v));
    }
    return JsonResponse(
        200,
        json::object{
            {"date", day->Iso()}, {"high", high}, {"medium", medium}, {"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/risk-areas", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    DeclareInput in;
    if (auto s = ReadStrings(*body, {{"region_code", &in.region_code},
                                     {"name", &in.name},
                                     {"level", &in.level},
                                     {"from", &in.from},
                                     {"last_case_on", &in.last_case_on},
                                     {"note", &in.note}});
        !s)
      return ErrorResponse(s.error());
    auto v = ctx.risk_areas.Declare(u, in, "county", ctx.now());
    if (!v) return ctx.denied(u, v.error(), "risk-areas");
    return JsonResponse(201, ViewToJson(*v));
  }));

  router.Add("GET", "/api/v1/risk-areas/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto h = ctx.risk_areas.History(*id, *day);
    if (!h) return ctx.denied(u, h.error(), "risk-area:" + r.params["id"]);
    json::object out = ViewToJson(h->first);
    json::array declarations;
    for (const auto& d : h->second) declarations.push_back(DeclarationToJson(d));
    out["declarations"] = std::move(declarations);
    return JsonResponse(200, out);
  }));

  router.Add("POST", "/api/v1/risk-areas/imports", ctx.authed([ctx](Request& r, const User& u) {
    auto done = ctx.risk_areas.Import(u, r.body, ctx.now());
    if (!done) return ctx.denied(u, done.error(), "risk-areas");
    json::array failed;
    for (const auto& f : done->failed) {
      json::object e = ErrorToJson(f.error).at("error").as_object();
      e["line"] = static_cast<int64_t>(f.line);
      failed.push_back(std::move(e));
    }
    return JsonResponse(200,
                        json::object{{"declared", done->declared}, {"failed", std::move(failed)}});
  }));

  router.Add("GET", "/api/v1/risk-rules", ctx.authed([ctx](Request&, const User& u) {
    auto rules = ctx.risk_areas.Rules();
    if (!rules) return ctx.denied(u, rules.error(), "risk-rules");
    json::array items;
    for (const auto& x : *rules)
      items.push_back(json::object{{"edition", x.edition},
                                   {"in_force_from", x.in_force_from.Iso()},
                                   {"from", RiskLevelCode(x.from)},
                                   {"to", RiskLevelCode(x.to)},
                                   {"days", x.days}});
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
}

}  // namespace fangkong::api
