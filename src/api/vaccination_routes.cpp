#include "api/vaccination_routes.h"

#include <bit>

#include "api/json.h"
#include "api/params.h"
#include "vaccination/fhir.h"

namespace fangkong::api {

namespace {

json::object ProductToJson(const VaccineProduct& p) {
  json::array intervals;
  for (const auto& i : p.intervals) {
    intervals.push_back(json::object{{"min_days", i.min_days},
                                     {"recommended_days", i.recommended_days},
                                     {"max_days", i.max_days}});
  }
  auto codes = [](const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  return json::object{{"code", p.code},
                      {"disease", p.disease},
                      {"platform", p.platform},
                      {"name_zh", p.name_zh},
                      {"name_en", p.name_en},
                      {"manufacturer_zh", p.manufacturer_zh},
                      {"manufacturer_en", p.manufacturer_en},
                      {"min_age_months", p.min_age_months},
                      {"max_age_months", p.max_age_months},
                      {"primary_doses", p.primary_doses},
                      {"intervals", std::move(intervals)},
                      {"interchangeable_with", codes(p.interchangeable_with)},
                      {"boosts", codes(p.boosts)},
                      {"trace_code_pattern", p.trace_code_pattern}};
}

json::object DiseaseToJson(const Disease& d) {
  json::array steps;
  for (const auto& b : d.boosters) {
    steps.push_back(json::object{{"min_days_after_previous", b.min_days_after_previous},
                                 {"min_age_months", b.min_age_months},
                                 {"note_zh", b.note_zh}});
  }
  return json::object{{"code", d.code}, {"name_zh", d.name_zh}, {"name_en", d.name_en},
                      {"boosters", std::move(steps)}};
}

json::object DoseToJson(const DoseRecord& d) {
  return json::object{{"id", d.id},           {"product", d.product},
                      {"dose_number", d.dose_number}, {"booster", d.booster},
                      {"date", d.date.Iso()}, {"site_id", d.site_id},
                      {"lot", d.lot},         {"trace_code", d.trace_code}};
}

json::object NextDoseToJson(const Catalogue& c, const NextDoseView& v) {
  const NextDose& n = v.next;
  json::array products;
  for (ProductSet s = n.products; s; s &= s - 1) {
    const auto& p = c.product(std::countr_zero(s));
    products.push_back(json::object{{"code", p.code}, {"name_zh", p.name_zh}, {"name_en", p.name_en}});
  }
  json::array history;
  for (const auto& d : v.history) history.push_back(DoseToJson(d));
  bool dated = n.status != DoseStatus::kComplete && n.status != DoseStatus::kExempt &&
               n.status != DoseStatus::kTooOld;
  json::object o{{"disease", c.disease(v.disease).code},
                 {"date", v.on.Iso()},
                 {"status", DoseStatusCode(n.status)},
                 {"dose_number", n.dose_number},
                 {"booster", n.booster},
                 {"products", std::move(products)},
                 {"explanation", ExplainNextDose(c, n, false)},
                 {"explanation_zh", ExplainNextDose(c, n, true)},
                 {"history", std::move(history)}};
  if (dated) {
    o["earliest"] = n.earliest.Iso();
    o["recommended"] = n.recommended.Iso();
  }
  if (dated && n.latest) o["latest"] = n.latest->Iso();
  return o;
}

json::object SiteToJson(const VaccinationSite& s) {
  return json::object{{"id", s.org_id},
                      {"name", s.name},
                      {"region_code", s.region_code},
                      {"type", SiteTypeCode(s.type)},
                      {"daily_capacity", s.daily_capacity},
                      {"backup_hospital_id", s.backup_hospital_id},
                      {"address", s.address},
                      {"active", s.active}};
}

json::object SlotToJson(const Slot& s) {
  return json::object{{"id", s.id},
                      {"site_id", s.site_id},
                      {"date", s.day.Iso()},
                      {"start_time", s.start_time},
                      {"end_time", s.end_time},
                      {"capacity", s.capacity},
                      {"booked", s.booked},
                      {"free", s.free()},
                      {"disease", s.disease}};
}

json::object AppointmentToJson(const Appointment& a) {
  return json::object{{"id", a.id},
                      {"slot_id", a.slot_id},
                      {"person_id", a.person_id},
                      {"disease", a.disease},
                      {"dose_number", a.dose_number},
                      {"status", AppointmentStatusCode(a.status)},
                      {"site_id", a.site_id},
                      {"date", a.day.Iso()},
                      {"start_time", a.start_time},
                      {"block", a.block},
                      {"booked_at", UtcIso(a.booked_at)}};
}

// Reads {"person_id": n} or {"person_ids": [n, ...]}; errors name the field.
Result<std::vector<int64_t>> PersonIds(const json::object& o) {
  std::vector<int64_t> ids;
  if (auto* one = o.if_contains("person_id")) {
    if (!one->is_int64() || one->as_int64() <= 0) {
      return Fail(Error::Invalid("wrong_type", "person_id", json::serialize(*one),
                                 "person_id must be a positive integer", "person_id应为正整数"));
    }
    ids.push_back(one->as_int64());
  }
  if (o.contains("person_ids")) {
    auto many = IdArrayMember(o, "person_ids", 10000);
    if (!many) return Fail(many.error());
    ids.insert(ids.end(), many->begin(), many->end());
  }
  return ids;
}

Result<int64_t> PositiveInt(const json::object& o, const char* field) {
  auto* v = o.if_contains(field);
  if (!v || !v->is_int64() || v->as_int64() <= 0) {
    return Fail(Error::Invalid(v ? "wrong_type" : "required", field, v ? json::serialize(*v) : "",
                               std::string(field) + " must be a positive integer",
                               std::string(field) + "应为正整数"));
  }
  return v->as_int64();
}

}  // namespace

void AddVaccinationRoutes(Router& router, VaccinationRouteContext ctx) {
  router.Add("GET", "/api/v1/vaccines", ctx.authed([&vac = ctx.vaccination](Request&, const User&) {
    const auto& c = vac.catalogue();
    json::array products, diseases;
    for (const auto& p : c.products()) products.push_back(ProductToJson(p));
    for (const auto& d : c.diseases()) diseases.push_back(DiseaseToJson(d));
    return JsonResponse(200, json::object{{"items", std::move(products)},
                                          {"diseases", std::move(diseases)}});
  }));

  router.Add("GET", "/api/v1/persons/{id}/next-dose",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto on = DateParam(r, "date", Date::TodayBeijing());
               if (!on) return ErrorResponse(on.error());
               auto person = ctx.registry.GetPerson(u, *id);
               if (!person) return ctx.denied(u, person.error(), "person:" + r.params["id"]);
               const std::string* disease = r.Query("disease");
               auto view = ctx.vaccination.NextDoseFor(*person, disease ? *disease : "covid19", *on);
               if (!view) return ErrorResponse(view.error());
               return JsonResponse(200, NextDoseToJson(ctx.vaccination.catalogue(), *view));
             }));

  router.Add("GET", "/api/v1/persons/{id}/fhir", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto person = ctx.registry.GetPerson(u, *id);
    if (!person) return ctx.denied(u, person.error(), "person:" + r.params["id"]);
    auto view = ctx.vaccination.NextDoseFor(*person, "covid19", Date::TodayBeijing());
    if (!view) return ErrorResponse(view.error());
    bool full = Truthy(r.Query("full")) && CanSeeFullIdentity(u.role);
    ctx.audit(u, full ? "person.fhir_export_full" : "person.fhir_export", "person:" + r.params["id"], 1);
    return Response{200, "application/fhir+json; charset=utf-8",
                    ImmunizationBundle(*person, view->history, ctx.vaccination.catalogue(), full), {}};
  }));

  router.Add("GET", "/api/v1/persons/{id}/certificate", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    if (!ctx.signing_key) return ErrorResponse(Error::NotFound("certificate service", "signing key"));
    auto person = ctx.registry.GetPerson(u, *id);
    if (!person) return ctx.denied(u, person.error(), "person:" + r.params["id"]);
    auto view = ctx.vaccination.NextDoseFor(*person, "covid19", Date::TodayBeijing());
    if (!view) return ErrorResponse(view.error());
    std::string payload = CertificatePayload(*person, view->history, ctx.issuer, ctx.now());
    ctx.audit(u, "person.certificate", "person:" + r.params["id"], 1);
    return JsonResponse(200, json::object{{"payload", json::parse(payload)},
                                          {"qr_text", CertificateQrText(payload, *ctx.signing_key)},
                                          {"public_key", ctx.signing_key->PublicKeyBase64()}});
  }));

  router.Add("GET", "/api/v1/certificates/public-key", ctx.authed([ctx](Request&, const User&) {
    if (!ctx.signing_key) return ErrorResponse(Error::NotFound("certificate service", "signing key"));
    return JsonResponse(200, json::object{{"public_key", ctx.signing_key->PublicKeyBase64()},
                                          {"algorithm", "Ed25519"}});
  }));

  router.Add("GET", "/api/v1/sites", ctx.authed([ctx](Request& r, const User& u) {
    const std::string* region = r.Query("region");
    auto sites = ctx.appointments.Sites(u, region ? *region : "");
    if (!sites) return ctx.denied(u, sites.error(), "sites:" + (region ? *region : u.region_code));
    json::array items;
    for (const auto& s : *sites) items.push_back(SiteToJson(s));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/sites/{id}/slots", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto day = DateParam(r, "date", Date::TodayBeijing());
    if (!day) return ErrorResponse(day.error());
    auto slots = ctx.appointments.Slots(u, *id, *day);
    if (!slots) return ErrorResponse(slots.error());
    json::array items;
    for (const auto& s : *slots) items.push_back(SlotToJson(s));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/sites/{id}/slots", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    SlotRequest req;
    auto date = StringField(*body, "date");
    if (!date) return ErrorResponse(date.error());
    auto day = Date::Parse(date->value_or(""));
    if (!day) {
      return ErrorResponse(Error::Invalid("invalid_date", "date", date->value_or(""),
                                          "date must be a real date YYYY-MM-DD", "日期应为YYYY-MM-DD"));
    }
    req.day = *day;
    if (auto ok = ReadStrings(*body, {{"start_time", &req.start_time}, {"end_time", &req.end_time},
                                      {"disease", &req.disease}});
        !ok) {
      return ErrorResponse(ok.error());
    }
    auto capacity = PositiveInt(*body, "capacity");
    if (!capacity) return ErrorResponse(capacity.error());
    req.capacity = static_cast<int>(std::min<int64_t>(*capacity, 1'000'000));
    auto slot = ctx.appointments.OpenSlot(u, *id, req, Date::TodayBeijing());
    if (!slot) return ctx.denied(u, slot.error(), "site:" + r.params["id"]);
    return JsonResponse(201, SlotToJson(*slot));
  }));

  router.Add("POST", "/api/v1/appointments", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    BookingRequest req;
    auto slot = PositiveInt(*body, "slot_id");
    if (!slot) return ErrorResponse(slot.error());
    req.slot_id = *slot;
    auto ids = PersonIds(*body);
    if (!ids) return ErrorResponse(ids.error());
    req.person_ids = std::move(*ids);
    auto block = StringField(*body, "block");
    if (!block) return ErrorResponse(block.error());
    req.block = block->value_or("");
    auto booked = ctx.appointments.Book(u, req, Date::TodayBeijing());
    if (!booked) return ctx.denied(u, booked.error(), "slot:" + std::to_string(req.slot_id));
    json::array out;
    for (int64_t id : *booked) out.push_back(id);
    json::object o{{"ids", std::move(out)}, {"slot_id", req.slot_id}};
    if (booked->size() == 1) o["id"] = booked->front();
    return JsonResponse(201, o);
  }));

  auto close = [ctx](Status (AppointmentService::*op)(const User&, int64_t)) {
    return ctx.authed([ctx, op](Request& r, const User& u) {
      auto id = IntParam(r.params["id"], "id");
      if (!id) return ErrorResponse(id.error());
      auto done = (ctx.appointments.*op)(u, *id);
      if (!done) return ctx.denied(u, done.error(), "appointment:" + r.params["id"]);
      return JsonResponse(200, json::object{{"id", *id}});
    });
  };
  router.Add("POST", "/api/v1/appointments/{id}/cancel", close(&AppointmentService::Cancel));
  router.Add("POST", "/api/v1/appointments/{id}/no-show", close(&AppointmentService::MarkNoShow));

  router.Add("POST", "/api/v1/appointments/{id}/reschedule", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto slot = PositiveInt(*body, "slot_id");
    if (!slot) return ErrorResponse(slot.error());
    auto moved = ctx.appointments.Reschedule(u, *id, *slot, Date::TodayBeijing());
    if (!moved) return ctx.denied(u, moved.error(), "appointment:" + r.params["id"]);
    return JsonResponse(201, json::object{{"id", *moved}, {"slot_id", *slot}});
  }));

  router.Add("GET", "/api/v1/persons/{id}/appointments", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto list = ctx.appointments.AppointmentsOf(u, *id);
    if (!list) return ctx.denied(u, list.error(), "person:" + r.params["id"]);
    json::array items;
    for (const auto& a : *list) items.push_back(AppointmentToJson(a));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));
}

}  // namespace fangkong::api
