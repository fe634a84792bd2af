#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"
#include "core/id_number.h"

namespace fangkong::api {

namespace {

json::object VisitToJson(const Visit& v, const Person* p, int64_t now) {
  json::object o{{"id", v.id},
                 {"person_id", v.person_id},
                 {"site_id", v.site_id},
                 {"appointment_id", v.appointment_id},
                 {"disease", v.disease},
                 {"state", VisitStateCode(v.state)},
                 {"date", v.day.Iso()},
                 {"checked_in_at", UtcIso(v.checked_in_at)},
                 {"product", v.product},
                 {"dose_id", v.dose_id}};
  if (v.temperature_tenths) o["temperature"] = v.temperature_tenths / 10.0;
  if (!v.screening_outcome.empty()) o["screening_outcome"] = v.screening_outcome;
  if (v.deferred_until) o["deferred_until"] = v.deferred_until->Iso();
  if (!v.screening_reason.empty()) o["screening_reason"] = v.screening_reason;
  if (v.administered_at) {
    o["administered_at"] = UtcIso(v.administered_at);
    o["observation_until"] = UtcIso(v.observation_until);
    o["observation_seconds_left"] = std::max<int64_t>(0, v.observation_until - now);
  }
  if (v.released_at) o["released_at"] = UtcIso(v.released_at);
  if (p) {
    o["person"] = json::object{{"name", p->name},
                               {"id_number", MaskIdentityNumber(p->doc_number)},
                               {"sex", p->sex == Sex::kMale ? "M" : "F"},
                               {"birth_date", p->birth_date.Iso()}};
  }
  return o;
}

Result<json::object> Body(const Request& r) { return ParseObject(r.body); }

}  // namespace

void AddVisitRoutes(Router& router, VaccinationRouteContext ctx) {
  // Answers a visit step: the visit with its person, or the rule it broke.
  auto answer = [ctx](const User& u, const Result<VisitWithPerson>& v, int status,
                      const std::string& target) {
    if (!v) return ctx.denied(u, v.error(), target);
    return JsonResponse(status, VisitToJson(v->visit, &v->person, ctx.now()));
  };

  router.Add("POST", "/api/v1/visits", ctx.authed([ctx, answer](Request& r, const User& u) {
    auto body = Body(r);
    if (!body) return ErrorResponse(body.error());
    auto* site = body->if_contains("site_id");
    if (!site || !site->is_int64()) {
      return ErrorResponse(Error::Invalid("required", "site_id", "", "site_id must be a site's id",
                                          "请选择接种点"));
    }
    std::string id_number;
    if (auto ok = ReadStrings(*body, {{"id_number", &id_number}}); !ok) return ErrorResponse(ok.error());
    auto visit = ctx.visits.CheckIn(u, site->as_int64(), id_number, ctx.now());
    // Check-in finds anyone in the county by the full number: a read of
    // personal data beyond the user's own subtree, audited like any other.
    if (visit) ctx.audit(u, "person.check_in", "person:" + std::to_string(visit->person.id), 1);
    return answer(u, visit, 201, "site:" + std::to_string(site->as_int64()));
  }));

  router.Add("GET", "/api/v1/visits/{id}", ctx.authed([ctx, answer](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    return answer(u, ctx.visits.Get(u, *id), 200, "visit:" + r.params["id"]);
  }));

  router.Add("POST", "/api/v1/visits/{id}/screening", ctx.authed([ctx, answer](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = Body(r);
    if (!body) return ErrorResponse(body.error());
    ScreeningInput in;
    auto t = NumberField(*body, "temperature");
    if (!t) return ErrorResponse(t.error());
    if (!*t) {
      return ErrorResponse(Error::Invalid("required", "temperature", "", "temperature must be a number of °C",
                                          "请填写体温（℃）"));
    }
    in.temperature = **t;
    std::string outcome, until;
    if (auto ok = ReadStrings(*body, {{"outcome", &outcome}, {"deferred_until", &until},
                                      {"reason", &in.reason}, {"certificate_no", &in.certificate_no}});
        !ok) {
      return ErrorResponse(ok.error());
    }
    auto parsed = ParseScreeningOutcome(outcome.empty() ? "proceed" : outcome);
    if (!parsed) {
      return ErrorResponse(Error::Invalid("invalid_value", "outcome", outcome,
                                          "outcome must be proceed, defer or exempt",
                                          "预检结论应为proceed、defer或exempt"));
    }
    in.outcome = *parsed;
    if (!until.empty()) {
      in.deferred_until = Date::Parse(until);
      if (!in.deferred_until) {
        return ErrorResponse(Error::Invalid("invalid_date", "deferred_until", until,
                                            "deferred_until must be a real date YYYY-MM-DD", "暂缓日期格式应为YYYY-MM-DD"));
      }
    }
    return answer(u, ctx.visits.Screen(u, *id, in, ctx.now()), 200, "visit:" + r.params["id"]);
  }));

  router.Add("POST", "/api/v1/visits/{id}/consent", ctx.authed([ctx, answer](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    std::string product;
    if (!r.body.empty()) {
      auto body = Body(r);
      if (!body) return ErrorResponse(body.error());
      if (auto ok = ReadStrings(*body, {{"product", &product}}); !ok) return ErrorResponse(ok.error());
    }
    return answer(u, ctx.visits.Consent(u, *id, product, ctx.now()), 200, "visit:" + r.params["id"]);
  }));

  router.Add("POST", "/api/v1/visits/{id}/administer", ctx.authed([ctx, answer](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = Body(r);
    if (!body) return ErrorResponse(body.error());
    AdministerInput in;
    if (auto ok = ReadStrings(*body, {{"trace_code", &in.trace_code}, {"lot_number", &in.lot_number},
                                      {"product", &in.product}});
        !ok) {
      return ErrorResponse(ok.error());
    }
    return answer(u, ctx.visits.Administer(u, *id, in, ctx.now()), 200, "visit:" + r.params["id"]);
  }));

  router.Add("POST", "/api/v1/visits/{id}/release", ctx.authed([ctx, answer](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    return answer(u, ctx.visits.Release(u, *id, ctx.now()), 200, "visit:" + r.params["id"]);
  }));

  router.Add("GET", "/api/v1/sites/{id}/visits", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto visits = ctx.visits.Board(u, *id, *day);
    if (!visits) return ctx.denied(u, visits.error(), "site:" + r.params["id"]);
    json::array items;
    int64_t now = ctx.now();
    for (const auto& v : *visits) {
      auto p = ctx.visits.PersonOf(v);
      items.push_back(VisitToJson(v, p ? &*p : nullptr, now));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
}

}  // namespace fangkong::api
