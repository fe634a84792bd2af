// The vaccine-safety endpoints: adverse event reports, their follow-up and
// classification, rates per product and lot, and the alert list.
#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"
#include "core/id_number.h"

namespace fangkong::api {

namespace {

json::object AefiToJson(const AefiReport& r) {
  json::array symptoms(r.symptoms.begin(), r.symptoms.end());
  json::object o{{"id", r.id},
                 {"dose_id", r.dose_id},
                 {"person_id", r.person_id},
                 {"name", r.person_name},
                 {"id_number", MaskIdentityNumber(r.doc_number)},
                 {"site_id", r.site_id},
                 {"product", r.product},
                 {"lot", r.lot},
                 {"dose_number", r.dose_number},
                 {"region_code", r.region_code},
                 {"site_region", r.site_region},
                 {"administered_at", UtcIso(r.administered_at)},
                 {"onset_at", UtcIso(r.onset_at)},
                 {"reported_at", UtcIso(r.reported_at)},
                 {"reported_by", r.reported_by},
                 {"symptoms", std::move(symptoms)},
                 {"description", r.description},
                 {"severity", AefiSeverityCode(r.severity)},
                 {"serious", r.serious},
                 {"outcome", AefiOutcomeCode(r.outcome)},
                 {"classification", AefiClassCode(r.classification)},
                 {"classification_zh", AefiClassZh(r.classification)},
                 {"classification_note", r.classification_note}};
  if (r.classified_at) o["classified_at"] = UtcIso(r.classified_at);
  return o;
}

json::object AlertToJson(const Alert& a) {
  json::object o{{"id", a.id},
                 {"kind", a.kind},
                 {"region_code", a.region_code},
                 {"title", a.title},
                 {"body", a.body},
                 {"reference", a.reference},
                 {"created_at", UtcIso(a.created_at)},
                 {"acknowledged", a.acknowledged_at != 0}};
  if (a.acknowledged_at) {
    o["acknowledged_by"] = a.acknowledged_by;
    o["acknowledged_at"] = UtcIso(a.acknowledged_at);
  }
  return o;
}

Result<AefiInput> AefiInputFromJson(const json::object& o) {
  AefiInput in;
  auto* dose = o.if_contains("dose_id");
  if (!dose || !dose->is_int64() || dose->as_int64() <= 0) {
    return Fail(Error::Invalid(
        dose ? "wrong_type" : "required", "dose_id", dose ? json::serialize(*dose) : "",
        "dose_id must be the id of a dose given", "请选择接种记录（dose_id）"));
  }
  in.dose_id = dose->as_int64();
  if (auto s = ReadStrings(o, {{"onset", &in.onset},
                               {"description", &in.description},
                               {"severity", &in.severity},
                               {"outcome", &in.outcome}});
      !s) {
    return Fail(s.error());
  }
  auto* symptoms = o.if_contains("symptoms");
  if (symptoms && !symptoms->is_array()) {
    return Fail(Error::Invalid("wrong_type", "symptoms", json::serialize(*symptoms),
                               "symptoms must be an array of symptom codes",
                               "症状应为症状代码数组"));
  }
  if (symptoms) {
    for (const auto& s : symptoms->as_array()) {
      if (!s.is_string()) {
        return Fail(Error::Invalid("wrong_type", "symptoms", json::serialize(s),
                                   "symptoms must be strings", "症状代码应为字符串"));
      }
      in.symptoms.emplace_back(s.as_string());
    }
  }
  auto* serious = o.if_contains("serious");
  if (serious && !serious->is_bool()) {
    return Fail(Error::Invalid("wrong_type", "serious", json::serialize(*serious),
                               "serious must be true or false", "是否严重应为true或false"));
  }
  in.serious = serious && serious->as_bool();
  return in;
}

json::array CodeList(const std::vector<std::pair<std::string, std::string>>& codes) {
  json::array out;
  for (const auto& [code, zh] : codes) out.push_back(json::object{{"code", code}, {"zh", zh}});
  return out;
}

}  // namespace

void AddSafetyRoutes(Router& router, VaccinationRouteContext ctx) {
  router.Add("GET", "/api/v1/aefi/codes", ctx.authed([](Request&, const User&) {
    std::vector<std::pair<std::string, std::string>> classes;
    for (auto c : {AefiClass::kPending, AefiClass::kCommonReaction, AefiClass::kRareReaction,
                   AefiClass::kQualityDefect, AefiClass::kProgrammeError, AefiClass::kCoincidental,
                   AefiClass::kAnxiety, AefiClass::kUndetermined}) {
      classes.emplace_back(AefiClassCode(c), AefiClassZh(c));
    }
    return JsonResponse(
        200, json::object{
                 {"symptoms", CodeList(AefiSymptoms())},
                 {"classifications", CodeList(classes)},
                 {"severities", CodeList({{"mild", "轻"}, {"moderate", "中"}, {"severe", "重"}})},
                 {"outcomes", CodeList({{"recovering", "好转中"},
                                        {"recovered", "痊愈"},
                                        {"sequelae", "有后遗症"},
                                        {"died", "死亡"},
                                        {"unknown", "不详"}})}});
  }));

  router.Add("GET", "/api/v1/aefi/rates", ctx.authed([ctx](Request& r, const User& u) {
    const std::string* by = r.Query("by");
    std::string by_value = by ? *by : "product";
    if (by_value != "product" && by_value != "lot") {
      return ErrorResponse(Error::Invalid("invalid_value", "by", by_value,
                                          "by must be product or lot", "by应为product或lot"));
    }
    auto rates = ctx.aefi.Rates(u, by_value == "lot");
    if (!rates) return ctx.denied(u, rates.error(), "aefi");
    json::array items;
    for (const auto& x : *rates) {
      items.push_back(json::object{{"key", x.key},
                                   {"doses", x.doses},
                                   {"reports", x.reports},
                                   {"serious", x.serious},
                                   {"per_100k", x.per_100k()},
                                   {"serious_per_100k", x.serious_per_100k()}});
    }
    return JsonResponse(
        200, json::object{
                 {"by", by_value}, {"region_code", u.region_code}, {"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/aefi", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto in = AefiInputFromJson(*body);
    if (!in) return ErrorResponse(in.error());
    auto report = ctx.aefi.Report(u, *in, ctx.now());
    if (!report) return ctx.denied(u, report.error(), "dose:" + std::to_string(in->dose_id));
    return JsonResponse(201, AefiToJson(*report));
  }));

  router.Add("GET", "/api/v1/aefi", ctx.authed([ctx](Request& r, const User& u) {
    AefiFilter f;
    if (const std::string* c = r.Query("classification"); c && !c->empty()) {
      f.classification = ParseAefiClass(*c);
      if (!f.classification) {
        return ErrorResponse(Error::Invalid("invalid_value", "classification", *c,
                                            "not a classification of the national AEFI scheme",
                                            "不是监测方案规定的分类"));
      }
    }
    f.serious_only = Truthy(r.Query("serious"));
    auto limit = OptionalInt(r, "limit");
    if (!limit) return ErrorResponse(limit.error());
    f.limit = limit->value_or(500);
    auto reports = ctx.aefi.List(u, f);
    if (!reports) return ctx.denied(u, reports.error(), "aefi");
    ctx.audit(u, "aefi.list", "aefi", static_cast<int64_t>(reports->size()));
    json::array items;
    for (const auto& x : *reports) items.push_back(AefiToJson(x));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/aefi/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto report = ctx.aefi.Get(u, *id);
    if (!report) return ctx.denied(u, report.error(), "aefi:" + r.params["id"]);
    ctx.audit(u, "aefi.read", "aefi:" + r.params["id"], 1);
    return JsonResponse(200, AefiToJson(*report));
  }));

  router.Add("PATCH", "/api/v1/aefi/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    AefiUpdate up;
    for (auto [field, target] :
         {std::pair{"outcome", &up.outcome}, std::pair{"classification", &up.classification}}) {
      auto v = StringField(*body, field);
      if (!v) return ErrorResponse(v.error());
      *target = *v;
    }
    if (auto s = ReadStrings(*body, {{"note", &up.note}}); !s) return ErrorResponse(s.error());
    auto report = ctx.aefi.Update(u, *id, up, ctx.now());
    if (!report) return ctx.denied(u, report.error(), "aefi:" + r.params["id"]);
    return JsonResponse(200, AefiToJson(*report));
  }));

  router.Add("GET", "/api/v1/alerts", ctx.authed([ctx](Request& r, const User& u) {
    auto alerts = AlertsFor(ctx.alerts, u, Truthy(r.Query("unacknowledged")));
    if (!alerts) return ctx.denied(u, alerts.error(), "alerts");
    json::array items;
    for (const auto& a : *alerts) items.push_back(AlertToJson(a));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/alerts/{id}/acknowledge",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto alert = AcknowledgeAlert(ctx.alerts, u, *id, ctx.now());
               if (!alert) return ctx.denied(u, alert.error(), "alert:" + r.params["id"]);
               return JsonResponse(200, AlertToJson(*alert));
             }));
}

}  // namespace fangkong::api
