// The endpoints of transfers between places (迁入/迁出): the receiving unit
// finds the person and asks, the current unit accepts or refuses, and each
// person's moves are kept as history.
#include "api/json.h"
#include "api/params.h"
#include "api/registry_routes.h"
#include "core/date.h"
#include "core/id_number.h"

namespace fangkong::api {

namespace {

struct TransferRoutes {
  RegistryRouteContext ctx;

  // The name is shown to whoever holds the person's place now; others (a
  // unit still asking, or one the person has left) see it masked.
  json::object TransferToJson(const Transfer& t, const User& u) {
    const std::string& now_at = t.state == TransferState::kDone ? t.to_region : t.from_region;
    bool holds = static_cast<bool>(CheckJurisdiction(u, now_at));
    auto& places = ctx.registry.directory();
    json::object o{{"id", t.id},
                   {"person_id", t.person_id},
                   {"person_name", holds ? t.person_name : MaskName(t.person_name)},
                   {"from_region", t.from_region},
                   {"from_name", places.PlaceName(t.from_region)},
                   {"to_region", t.to_region},
                   {"to_name", places.PlaceName(t.to_region)},
                   {"state", TransferStateCode(t.state)},
                   {"state_zh", TransferStateZh(t.state)},
                   {"reason", t.reason},
                   {"requested_by", t.requested_by_name},
                   {"requested_at", UtcIso(t.requested_at)},
                   {"decision_note", t.decision_note},
                   {"can_decide", static_cast<bool>(CheckCanDecide(u, t))},
                   {"can_cancel", static_cast<bool>(CheckCanCancel(u, t))}};
    if (t.decided_at) o["decided_at"] = UtcIso(t.decided_at);
    return o;
  }

  Response Items(const std::vector<Transfer>& list, const User& u) {
    json::array items;
    for (const auto& t : list) items.push_back(TransferToJson(t, u));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response List(Request& r, const User& u) {
    std::string direction = r.Query("direction") ? *r.Query("direction") : "in";
    if (direction != "in" && direction != "out") {
      return ErrorResponse(Error::Invalid("invalid_value", "direction", direction,
                                          "direction is in or out",
                                          "方向应为迁入（in）或迁出（out）"));
    }
    std::optional<TransferState> state;
    if (auto s = r.Query("state"); s && !s->empty()) {
      state = ParseTransferState(*s);
      if (!state) {
        return ErrorResponse(Error::Invalid("invalid_value", "state", *s,
                                            "state is requested, done, refused or cancelled",
                                            "未知的迁移状态"));
      }
    }
    auto limit = OptionalInt(r, "limit");
    if (!limit) return ErrorResponse(limit.error());
    auto list = ctx.transfers.List(
        u, direction == "in" ? TransferDirection::kEntering : TransferDirection::kLeaving, state,
        limit->value_or(100));
    if (!list) return ErrorResponse(list.error());
    return Items(*list, u);
  }

  // Someone registered elsewhere, found by identity number to be asked for:
  // a masked name and a place, and the lookup is audited.
  Response Lookup(Request& r, const User& u) {
    std::string number = r.Query("id_number") ? *r.Query("id_number") : "";
    if (number.empty()) {
      return ErrorResponse(Error::Invalid("required", "id_number", "",
                                          "the identity number is required", "请输入身份证件号码"));
    }
    auto found = ctx.transfers.FindToReceive(u, number);
    if (!found) return ctx.denied(u, found.error(), "transfer.lookup");
    ctx.auditor.Record(u, "person.lookup_for_transfer",
                       "person:" + std::to_string(found->person_id), MaskDocumentNumber(number), 1);
    return JsonResponse(
        200, json::object{{"person_id", found->person_id},
                          {"name", found->masked_name},
                          {"region_code", found->region_code},
                          {"region_name", ctx.registry.directory().PlaceName(found->region_code)},
                          {"in_jurisdiction", found->in_jurisdiction}});
  }

  Response Request_(Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    std::string id_number, to_region, reason;
    if (auto s = ReadStrings(
            *body, {{"id_number", &id_number}, {"to_region", &to_region}, {"reason", &reason}});
        !s)
      return ErrorResponse(s.error());
    int64_t person_id = 0;
    if (body->contains("person_id")) {
      auto id = IntMember(*body, "person_id");
      if (!id) return ErrorResponse(id.error());
      person_id = *id;
    } else if (!id_number.empty()) {
      auto found = ctx.transfers.FindToReceive(u, id_number);
      if (!found) return ctx.denied(u, found.error(), "transfer.request");
      person_id = found->person_id;
    } else {
      return ErrorResponse(Error::Invalid("required", "id_number", "",
                                          "give the person's identity number",
                                          "请输入迁移人员的身份证件号码"));
    }
    auto t = ctx.transfers.Request(u, person_id, to_region, reason, NowUnixSeconds());
    if (!t) return ctx.denied(u, t.error(), "person:" + std::to_string(person_id));
    ctx.auditor.Record(
        u, t->state == TransferState::kDone ? "person.transfer" : "person.transfer_request",
        "person:" + std::to_string(person_id), t->from_region + " -> " + t->to_region, 1);
    return JsonResponse(201, TransferToJson(*t, u));
  }

  // Accept, refuse (with a note) or cancel one transfer.
  Response Decide(Request& r, const User& u, TransferState to) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    std::string note;
    if (to == TransferState::kRefused) {
      auto body = ParseObject(r.body);
      if (!body) return ErrorResponse(body.error());
      if (auto s = ReadStrings(*body, {{"note", &note}}); !s) return ErrorResponse(s.error());
    }
    int64_t now = NowUnixSeconds();
    auto t = to == TransferState::kDone      ? ctx.transfers.Accept(u, *id, now)
             : to == TransferState::kRefused ? ctx.transfers.Refuse(u, *id, note, now)
                                             : ctx.transfers.Cancel(u, *id, now);
    if (!t) return ctx.denied(u, t.error(), "transfer:" + std::to_string(*id));
    ctx.auditor.Record(u, std::string("person.transfer_") + TransferStateCode(to),
                       "person:" + std::to_string(t->person_id),
                       t->from_region + " -> " + t->to_region, 1);
    return JsonResponse(200, TransferToJson(*t, u));
  }
  Response Accept(Request& r, const User& u) { return Decide(r, u, TransferState::kDone); }
  Response Refuse(Request& r, const User& u) { return Decide(r, u, TransferState::kRefused); }
  Response Cancel(Request& r, const User& u) { return Decide(r, u, TransferState::kCancelled); }

  Response History(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto list = ctx.transfers.History(u, *id);
    if (!list) return ctx.denied(u, list.error(), "person:" + r.params["id"]);
    return Items(*list, u);
  }
};

}  // namespace

void AddTransferRoutes(Router& router, RegistryRouteContext ctx) {
  auto routes = std::make_shared<TransferRoutes>(TransferRoutes{std::move(ctx)});
  auto bind = [&](Response (TransferRoutes::*m)(Request&, const User&)) {
    return routes->ctx.authed(
        [routes, m](Request& r, const User& u) { return ((*routes).*m)(r, u); });
  };
  router.Add("GET", "/api/v1/transfers", bind(&TransferRoutes::List));
  router.Add("POST", "/api/v1/transfers", bind(&TransferRoutes::Request_));
  router.Add("GET", "/api/v1/transfers/lookup", bind(&TransferRoutes::Lookup), Always);
  router.Add("POST", "/api/v1/transfers/{id}/accept", bind(&TransferRoutes::Accept));
  router.Add("POST", "/api/v1/transfers/{id}/refuse", bind(&TransferRoutes::Refuse));
  router.Add("POST", "/api/v1/transfers/{id}/cancel", bind(&TransferRoutes::Cancel));
  router.Add("GET", "/api/v1/persons/{id}/transfers", bind(&TransferRoutes::History));
}

}  // namespace fangkong::api
