#include "api/vaccination_routes.h"

#include <bit>

#include "api/json.h"
#include "api/params.h"

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
}

}  // namespace fangkong::api
