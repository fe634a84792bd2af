// The cold-chain endpoints: fridges at a site, their logger files and
// temperature log, and the holds a county assessor releases.
#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"

namespace fangkong::api {

namespace {

json::object FridgeToJson(const Fridge& f) {
  return json::object{{"id", f.id},
                      {"site_id", f.site_id},
                      {"code", f.code},
                      {"name", f.name},
                      {"min_celsius", f.limits.min_tenths / 10.0},
                      {"max_celsius", f.limits.max_tenths / 10.0},
                      {"tolerance_minutes", f.limits.tolerance_minutes},
                      {"interval_minutes", f.limits.interval_minutes}};
}

json::object ExcursionToJson(const ExcursionRecord& e) {
  json::object o{{"id", e.id},
                 {"fridge_id", e.fridge_id},
                 {"kind", ExcursionKindCode(e.kind)},
                 {"from", UtcIso(e.from)},
                 {"to", UtcIso(e.to)},
                 {"minutes", (e.to - e.from) / 60},
                 {"holds", e.holds}};
  if (e.kind == ExcursionKind::kTemperature) o["extreme_celsius"] = e.extreme_tenths / 10.0;
  return o;
}

json::object HoldToJson(const ColdChainHold& h) {
  json::object o{{"id", h.id},
                 {"site_id", h.site_id},
                 {"lot_id", h.lot_id},
                 {"product", h.product},
                 {"lot_number", h.lot_number},
                 {"fridge_id", h.fridge_id},
                 {"excursion_id", h.excursion_id},
                 {"reason", h.reason},
                 {"held_at", UtcIso(h.held_at)},
                 {"active", h.active()}};
  if (!h.active()) {
    o["released_at"] = UtcIso(h.released_at);
    o["released_by"] = h.released_by;
    o["outcome"] = h.outcome;
    o["release_reason"] = h.release_reason;
  }
  return o;
}

Result<FridgeRequest> FridgeRequestFromJson(const json::object& o) {
  FridgeRequest r;
  if (auto s = ReadStrings(o, {{"code", &r.code}, {"name", &r.name}}); !s) return Fail(s.error());
  for (auto [field, target] :
       {std::pair{"min_celsius", &r.min_celsius}, std::pair{"max_celsius", &r.max_celsius}}) {
    auto v = NumberField(o, field);
    if (!v) return Fail(v.error());
    if (*v) *target = **v;
  }
  for (auto [field, target] : {std::pair{"tolerance_minutes", &r.tolerance_minutes},
                               std::pair{"interval_minutes", &r.interval_minutes}}) {
    if (!o.contains(field)) continue;
    auto v = IntMember(o, field);
    if (!v) return Fail(v.error());
    *target = *v;
  }
  return r;
}

// Beijing midnight of a day, in unix seconds.
int64_t BeijingMidnight(Date d) { return int64_t{d.days()} * 86400 - 8 * 3600; }

}  // namespace

void AddColdChainRoutes(Router& router, VaccinationRouteContext ctx) {
  router.Add("GET", "/api/v1/sites/{id}/fridges", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto fridges = ctx.cold_chain.Fridges(u, *id);
    if (!fridges) return ctx.denied(u, fridges.error(), "site:" + r.params["id"]);
    json::array items;
    for (const auto& f : *fridges) items.push_back(FridgeToJson(f));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/sites/{id}/fridges", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto req = FridgeRequestFromJson(*body);
    if (!req) return ErrorResponse(req.error());
    auto fridge = ctx.cold_chain.AddFridge(u, *id, *req);
    if (!fridge) return ctx.denied(u, fridge.error(), "site:" + r.params["id"]);
    return JsonResponse(201, FridgeToJson(*fridge));
  }));

  router.Add("PUT", "/api/v1/fridges/{id}/lots", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto lots = IdArrayMember(*body, "lot_ids", 500);
    if (!lots) return ErrorResponse(lots.error());
    if (auto s = ctx.cold_chain.AssignLots(u, *id, *lots); !s)
      return ctx.denied(u, s.error(), "fridge:" + r.params["id"]);
    json::array ids(lots->begin(), lots->end());
    return JsonResponse(200, json::object{{"fridge_id", *id}, {"lot_ids", std::move(ids)}});
  }));

  // The body is the logger's CSV file as it came off the device.
  router.Add("POST", "/api/v1/fridges/{id}/readings", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto up = ctx.cold_chain.UploadReadings(u, *id, r.body, ctx.now());
    if (!up) return ctx.denied(u, up.error(), "fridge:" + r.params["id"]);
    json::array rejected, excursions, holds;
    for (const auto& e : up->rejected) rejected.push_back(ErrorToJson(e)["error"]);
    for (const auto& e : up->excursions) excursions.push_back(ExcursionToJson(e));
    for (const auto& h : up->holds) holds.push_back(HoldToJson(h));
    return JsonResponse(200, json::object{{"fridge_id", up->fridge_id},
                                          {"rows", up->rows},
                                          {"stored", up->stored},
                                          {"already_stored", up->already_stored},
                                          {"duplicates", up->duplicates},
                                          {"was_unsorted", up->was_unsorted},
                                          {"rejected", std::move(rejected)},
                                          {"excursions", std::move(excursions)},
                                          {"holds", std::move(holds)}});
  }));

  router.LimitBody("POST", "/api/v1/fridges/{id}/readings", {ColdChainService::kMaxLogBytes, 120});

  router.Add("GET", "/api/v1/fridges/{id}/readings", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    Date today = BeijingDay(ctx.now());
    auto from = DateParam(r, "from", today.AddDays(-6));
    if (!from) return ErrorResponse(from.error());
    auto to = DateParam(r, "to", today);
    if (!to) return ErrorResponse(to.error());
    auto readings = ctx.cold_chain.Readings(u, *id, BeijingMidnight(*from),
                                            BeijingMidnight(to->AddDays(1)) - 1);
    if (!readings) return ctx.denied(u, readings.error(), "fridge:" + r.params["id"]);
    json::array items;
    for (const auto& x : *readings) items.push_back(json::array{UtcIso(x.at), x.tenths / 10.0});
    auto excursions = ctx.cold_chain.Excursions(u, *id);
    if (!excursions) return ErrorResponse(excursions.error());
    json::array found;
    for (const auto& e : *excursions) found.push_back(ExcursionToJson(e));
    return JsonResponse(200, json::object{{"fridge_id", *id},
                                          {"from", from->Iso()},
                                          {"to", to->Iso()},
                                          {"readings", std::move(items)},
                                          {"excursions", std::move(found)}});
  }));

  router.Add("GET", "/api/v1/cold-chain/holds", ctx.authed([ctx](Request& r, const User& u) {
    auto holds = ctx.cold_chain.Holds(u, Truthy(r.Query("active")));
    if (!holds) return ctx.denied(u, holds.error(), "cold-chain");
    json::array items;
    for (const auto& h : *holds) items.push_back(HoldToJson(h));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add(
      "POST", "/api/v1/cold-chain/holds/{id}/release", ctx.authed([ctx](Request& r, const User& u) {
        auto id = IntParam(r.params["id"], "id");
        if (!id) return ErrorResponse(id.error());
        auto body = ParseObject(r.body);
        if (!body) return ErrorResponse(body.error());
        std::string outcome, reason;
        if (auto s = ReadStrings(*body, {{"outcome", &outcome}, {"reason", &reason}}); !s)
          return ErrorResponse(s.error());
        auto parsed = ParseHoldOutcome(outcome);
        if (!parsed) {
          return ErrorResponse(Error::Invalid(outcome.empty() ? "required" : "invalid_value",
                                              "outcome", outcome,
                                              "outcome must be usable or discard",
                                              "评估结论应为usable（可使用）或discard（报废）"));
        }
        auto hold = ctx.cold_chain.Release(u, *id, *parsed, reason, ctx.now());
        if (!hold) return ctx.denied(u, hold.error(), "hold:" + r.params["id"]);
        return JsonResponse(200, HoldToJson(*hold));
      }));
}

}  // namespace fangkong::api
