// The supply plan and feasibility endpoints of a campaign: the doses
// expected in each unit, and whether each unit can still reach its target
// with its sites and its doses (倒排工期 checked against the means).
#include <chrono>

#include "api/campaign_routes.h"
#include "api/params.h"
#include "campaign/allocation.h"
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
                      {"projected_counted", f.projected_counted},
                      {"projected_completion", f.projected_completion},
                      {"short_by", f.short_by},
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

json::array Texts(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object PlanToJson(const AllocationPlan& p) {
  json::array units;
  for (const auto& u : p.units) {
    json::array daily;
    for (int64_t x : u.daily) daily.push_back(x);
    units.push_back(json::object{{"code", u.code},
                                 {"name", u.name},
                                 {"share", u.share},
                                 {"planned", u.planned},
                                 {"pro_rata_done", DayOrNull(u.pro_rata_done)},
                                 {"capacity_days", u.binding.capacity_days},
                                 {"supply_exhausted", DayOrNull(u.binding.supply_exhausted)},
                                 {"pool_exhausted", u.binding.pool_exhausted},
                                 {"daily", std::move(daily)}});
  }
  return json::object{
      {"remaining", p.remaining},
      {"deadline", p.deadline.Iso()},
      {"feasible", p.feasible},
      {"done", DayOrNull(p.done)},
      {"covered", p.covered},
      {"pro_rata",
       json::object{{"done", DayOrNull(p.pro_rata_done)}, {"covered", p.pro_rata_covered}}},
      {"days_saved", p.days_saved ? json::value(*p.days_saved) : json::value(nullptr)},
      {"binds", Texts(p.binds)},
      {"binds_zh", Texts(p.binds_zh)},
      {"lp_solves", p.lp_solves},
      {"units", std::move(units)}};
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

  router.Add("POST", "/api/v1/campaigns/{id}/allocation",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               std::string region, date, goal_text = "soonest", phase_text = "0";
               if (auto s = ReadStrings(*body, {{"region", &region},
                                                {"date", &date},
                                                {"goal", &goal_text},
                                                {"phase", &phase_text}});
                   !s) {
                 return ErrorResponse(s.error());
               }
               auto goal = ParseAllocationGoal(goal_text);
               if (!goal) {
                 return ErrorResponse(Error::Invalid(
                     "invalid_value", "goal", goal_text, "goal is soonest or most_by_deadline",
                     "目标应为soonest（最早完成）或most_by_deadline（期限内最多）"));
               }
               auto phase = IntParam(phase_text, "phase");
               if (!phase) return ErrorResponse(phase.error());
               Date day = BeijingDay(ctx.now());
               if (!date.empty()) {
                 auto d = Date::Parse(date);
                 if (!d) {
                   return ErrorResponse(Error::Invalid("invalid_value", "date", date,
                                                       "not a real date (YYYY-MM-DD)",
                                                       "日期无效（应为YYYY-MM-DD）"));
                 }
                 day = *d;
               }
               auto started = std::chrono::steady_clock::now();
               std::vector<UnitFeasibility> feasibility;
               auto plan = ctx.campaigns.Allocation(u, *id, region, day, static_cast<int>(*phase),
                                                    *goal, &feasibility);
               if (!plan) return ctx.denied(u, plan.error(), "campaign:" + r.params["id"]);
               auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
               json::object out = PlanToJson(*plan);
               json::array checked;
               for (const auto& f : feasibility) checked.push_back(FeasibilityToJson(f));
               out["goal"] = goal_text;
               out["date"] = day.Iso();
               out["feasibility"] = std::move(checked);
               out["solve_ms"] = ms;
               return JsonResponse(200, out);
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
