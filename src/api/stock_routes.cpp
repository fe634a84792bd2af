#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"
#include "core/id_number.h"

#include <map>

namespace fangkong::api {

namespace {

json::object LotToJson(const VaccineLot& l) {
  return json::object{{"id", l.id},
                      {"product", l.product},
                      {"lot_number", l.lot_number},
                      {"expiry", l.expiry.Iso()},
                      {"doses_per_vial", l.doses_per_vial},
                      {"held", l.held},
                      {"hold_reason", l.hold_reason}};
}

json::object LineToJson(const StockLine& s) {
  return json::object{{"id", s.id},         {"site_id", s.site_id},
                      {"lot_id", s.lot_id}, {"move", StockMoveCode(s.move)},
                      {"doses", s.doses},   {"at", UtcIso(s.at)},
                      {"user_id", s.user_id}, {"reference", s.reference},
                      {"reason", s.reason}};
}

}  // namespace

void AddStockRoutes(Router& router, VaccinationRouteContext ctx) {
  router.Add("GET", "/api/v1/lots", ctx.authed([ctx](Request& r, const User&) {
    const std::string* number = r.Query("lot_number");
    if (!number || number->empty()) {
      return ErrorResponse(Error::Invalid("required", "lot_number", "", "give a lot number",
                                          "请填写批号"));
    }
    auto lots = ctx.stock.FindLots(*number);
    if (!lots) return ErrorResponse(lots.error());
    json::array items;
    for (const auto& l : *lots) items.push_back(LotToJson(l));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/lots", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    LotRequest req;
    if (auto s = ReadStrings(*body, {{"product", &req.product}, {"lot_number", &req.lot_number},
                                 {"expiry", &req.expiry}}); !s) {
      return ErrorResponse(s.error());
    }
    if (body->contains("doses_per_vial")) {
      auto n = IntMember(*body, "doses_per_vial");
      if (!n) return ErrorResponse(n.error());
      req.doses_per_vial = *n;
    }
    auto lot = ctx.stock.RegisterLot(u, req);
    if (!lot) return ctx.denied(u, lot.error(), "lots");
    return JsonResponse(201, LotToJson(*lot));
  }));

  router.Add("GET", "/api/v1/lots/{lot_number}/trace", ctx.authed([ctx](Request& r, const User& u) {
    const std::string& number = r.params["lot_number"];
    auto limit = OptionalInt(r, "limit");
    if (!limit) return ErrorResponse(limit.error());
    size_t shown = static_cast<size_t>(std::min<int64_t>(limit->value_or(1000), 200000));
    auto rows = ctx.stock.Trace(u, number);
    if (!rows) return ctx.denied(u, rows.error(), "lot:" + number);
    ctx.audit(u, "lot.trace", "lot:" + number, static_cast<int64_t>(rows->size()));
    std::map<int64_t, int64_t> by_site;
    const RegionDirectory& places = ctx.registry.directory();
    json::array items;
    for (const auto& d : *rows) {
      ++by_site[d.site_id];
      if (items.size() >= shown) continue;
      items.push_back(json::object{{"dose_id", d.dose_id},
                                   {"person_id", d.person_id},
                                   {"name", d.name},
                                   {"id_number", MaskIdentityNumber(d.doc_number)},
                                   {"phone", d.phone.empty() ? "" : MaskPhone(d.phone)},
                                   {"region_code", d.region_code},
                                   {"place_name", places.PlaceName(d.region_code)},
                                   {"site_id", d.site_id},
                                   {"date", d.date.Iso()},
                                   {"dose_number", d.dose_number},
                                   {"product", d.product}});
    }
    json::array sites;
    for (auto [site, doses] : by_site) sites.push_back(json::object{{"site_id", site}, {"doses", doses}});
    return JsonResponse(200, json::object{{"lot_number", number},
                                          {"total", static_cast<int64_t>(rows->size())},
                                          {"sites", std::move(sites)},
                                          {"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/sites/{id}/stock", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto stock = ctx.stock.Stock(u, *id);
    if (!stock) return ErrorResponse(stock.error());
    json::array items;
    for (const auto& s : *stock) {
      json::object o = LotToJson(s.lot);
      o["doses"] = s.doses;
      items.push_back(std::move(o));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/sites/{id}/stock", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    StockRequest req;
    std::string move;
    if (auto s = ReadStrings(*body, {{"move", &move}, {"product", &req.product},
                                 {"lot_number", &req.lot_number}, {"reference", &req.reference},
                                 {"reason", &req.reason}}); !s) {
      return ErrorResponse(s.error());
    }
    auto parsed = ParseStockMove(move);
    if (!parsed) {
      return ErrorResponse(Error::Invalid("invalid_value", "move", move,
                                          "move must be receive, waste, expire or adjust",
                                          "类型应为receive、waste、expire或adjust"));
    }
    req.move = *parsed;
    auto doses = IntMember(*body, "doses");
    if (!doses) return ErrorResponse(doses.error());
    req.doses = *doses;
    auto line = ctx.stock.Record(u, *id, req, Date::TodayBeijing());
    if (!line) return ctx.denied(u, line.error(), "site:" + r.params["id"]);
    return JsonResponse(201, LineToJson(*line));
  }));

  router.Add("POST", "/api/v1/sites/{id}/transfers", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    std::string product, lot_number;
    if (auto s = ReadStrings(*body, {{"product", &product}, {"lot_number", &lot_number}}); !s) {
      return ErrorResponse(s.error());
    }
    auto to = IntMember(*body, "to_site");
    if (!to) return ErrorResponse(to.error());
    auto doses = IntMember(*body, "doses");
    if (!doses) return ErrorResponse(doses.error());
    auto done = ctx.stock.Transfer(u, *id, *to, product, lot_number, *doses, Date::TodayBeijing());
    if (!done) return ctx.denied(u, done.error(), "site:" + r.params["id"]);
    return JsonResponse(201, json::object{{"from_site", *id}, {"to_site", *to}, {"doses", *doses}});
  }));

  router.Add("GET", "/api/v1/sites/{id}/ledger", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto lot = OptionalInt(r, "lot_id");
    if (!lot) return ErrorResponse(lot.error());
    auto lines = ctx.stock.Ledger(u, *id, lot->value_or(0));
    if (!lines) return ctx.denied(u, lines.error(), "site:" + r.params["id"]);
    json::array items;
    for (const auto& l : *lines) items.push_back(LineToJson(l));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
}

}  // namespace fangkong::api
