// The supply plan and feasibility endpoints of a campaign: the doses
// expected in each unit, and whether each unit can still reach its target
// with its sites and its doses (倒排工期 checked against the means).
#include "api/campaign_routes.h"
#include "api/params.h"
#include "campaign/feasibility.h"

namespace fangkong::api {

namespace {

json::object SupplyToJson(const SupplyPlan& s) {
  return json::object{{"id", s.id},
                      {"phase", s.phase},
                      {"region_code", s.region_code},
                      {"arrives_on", s.arrives_on.Iso()},
                      {"doses", s.doses},
                      {"note", s.note},
                      {"created_at", UtcIso(s.created_at)}};
}

json::object FeasibilityToJson(const UnitFeasibility& f) {
  json::array shortfalls;
  for (const auto& s : f.shortfalls) {
    shortfalls.push_back(json::object{{"kind", ShortfallKindCode(s.kind)},
                                      {"per_day", s.per_day},
                                      {"days", s.days},
                                      {"doses", s.doses},
                                      {"from", s.from.Iso()},
                                      {"message", s.message},
                                      {"message_zh", s.message_zh}});
  }
  return json::object{{"code", f.code},
                      {"name", f.name},
                      {"remaining", f.remaining},
                      {"days_left", f.days_left},
                      {"required_daily_rate", f.required_daily_rate},
                      {"doses_per_person", f.doses_per_person},
                      {"doses_per_day", f.doses_per_day},
                      {"doses_needed", f.doses_needed},
                      {"sites", f.means.sites},
                      {"daily_capacity", f.means.daily_capacity},
                      {"doses_on_hand", f.means.doses_on_hand},
                      {"doses_expected", f.means.doses_expected},
                      {"feasible", f.feasible()},
                      {"shortfalls", std::move(shortfalls)}};
}

Result<SupplyPlan> SupplyFromJson(const json::object& o) {
  SupplyPlan s;
  auto phase = IntMember(o, "phase");
  if (!phase) return Fail(phase.error());
  s.phase = *phase;
  std::string arrives, doses;
  if (auto r = ReadStrings(o, {{"region_code", &s.region_code},
                               {"arrives_on", &arrives},
                               {"doses", &doses},
                               {"note", &s.note}});
      !r) {
    return Fail(r.error());
  }
  auto day = Date::Parse(arrives);
  if (!day) {
    return Fail(Error::Invalid("invalid_value", "arrives_on", arrives,
                               "not a real date (YYYY-MM-DD)", "日期无效（应为YYYY-MM-DD）"));
  }
  s.arrives_on = *day;
  auto n = IntParam(doses, "doses");
  if (!n) return Fail(n.error());
  s.doses = *n;
  return s;
}

}  // namespace

void AddFeasibilityRoutes(Router& router, CampaignRouteContext ctx) {
  router.Add("GET", "/api/v1/campaigns/{id}/supply", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto phase = OptionalInt(r, "phase");
    if (!phase) return ErrorResponse(phase.error());
    auto list = ctx.campaigns.Supplies(u, *id, static_cast<int>(phase->value_or(1)));
    if (!list) return ctx.denied(u, list.error(), "campaign:" + r.params["id"]);
    json::array items;
    for (const auto& s : *list) items.push_back(SupplyToJson(s));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/campaigns/{id}/supply", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto plan = SupplyFromJson(*body);
    if (!plan) return ErrorResponse(plan.error());
    auto saved = ctx.campaigns.AddSupply(u, *id, *plan, ctx.now());
    if (!saved) return ctx.denied(u, saved.error(), "campaign:" + r.params["id"]);
    return JsonResponse(201, SupplyToJson(*saved));
  }));

  router.Add(
      "GET", "/api/v1/campaigns/{id}/feasibility", ctx.authed([ctx](Request& r, const User& u) {
        auto id = IntParam(r.params["id"], "id");
        if (!id) return ErrorResponse(id.error());
        auto day = DateParam(r, "date", BeijingDay(ctx.now()));
        if (!day) return ErrorResponse(day.error());
        auto phase = OptionalInt(r, "phase");
        if (!phase) return ErrorResponse(phase.error());
        std::string region = r.Query("region") ? *r.Query("region") : "";
        auto checked =
            ctx.campaigns.Feasibility(u, *id, region, *day, static_cast<int>(phase->value_or(0)));
        if (!checked) return ctx.denied(u, checked.error(), "campaign:" + r.params["id"]);
        json::array units;
        for (size_t i = 1; i < checked->size(); ++i)
          units.push_back(FeasibilityToJson((*checked)[i]));
        return JsonResponse(200, json::object{{"date", day->Iso()},
                                              {"region", checked->front().code},
                                              {"total", FeasibilityToJson(checked->front())},
                                              {"units", std::move(units)}});
      }));
}

}  // namespace fangkong::api
