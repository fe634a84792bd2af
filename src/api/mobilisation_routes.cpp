// The mobilisation endpoints: lists of people to bring in (on screen and as
// an Excel sheet for the village), and each person's follow-up log.
#include <map>

#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"
#include "core/id_number.h"
#include "registry/export_xlsx.h"

namespace fangkong::api {

namespace {

json::object FollowUpToJson(const FollowUp& f) {
  json::object o{{"id", f.id},
                 {"person_id", f.person_id},
                 {"disease", f.disease},
                 {"at", UtcIso(f.at)},
                 {"user_id", f.user_id},
                 {"method", f.method},
                 {"result", FollowUpResultCode(f.result)},
                 {"result_zh", FollowUpResultZh(f.result)},
                 {"accounts", AccountsForPerson(f.result)},
                 {"note", f.note}};
  if (f.next_contact) o["next_contact"] = f.next_contact->Iso();
  return o;
}

json::object EntryToJson(const MobilisationEntry& e, const RegionDirectory& places) {
  const Person& p = e.person;
  json::object o{{"person_id", p.id},
                 {"name", p.name},
                 {"id_number", MaskIdentityNumber(p.doc_number)},
                 {"phone", p.phone.empty() ? "" : MaskPhone(p.phone)},
                 {"region_code", p.region_code},
                 {"place_name", places.PlaceName(p.region_code)},
                 {"employer_id", p.employer_id},
                 {"birth_date", p.birth_date.Iso()},
                 {"dose_number", e.next.dose_number},
                 {"booster", e.next.booster},
                 {"status", DoseStatusCode(e.next.status)},
                 {"earliest", e.next.earliest.Iso()},
                 {"recommended", e.next.recommended.Iso()},
                 {"days_late", e.days_late},
                 {"accounted", e.accounted}};
  if (e.next.latest) o["latest"] = e.next.latest->Iso();
  if (e.latest) o["follow_up"] = FollowUpToJson(*e.latest);
  return o;
}

Result<MobilisationQuery> QueryOf(Request& r) {
  MobilisationQuery q;
  const std::string* kind = r.Query("kind");
  if (kind && !kind->empty()) {
    auto k = ParseMobilisationKind(*kind);
    if (!k) {
      return Fail(Error::Invalid("invalid_value", "kind", *kind,
                                 "kind must be unvaccinated, series_dose or booster",
                                 "名单类型应为unvaccinated（应种未种）、series_"
                                 "dose（后续剂次逾期）或booster（加强免疫）"));
    }
    q.kind = *k;
  }
  if (const std::string* d = r.Query("disease"); d && !d->empty()) q.disease = *d;
  if (const std::string* region = r.Query("region")) q.region = *region;
  auto employer = OptionalInt(r, "employer_id");
  if (!employer) return Fail(employer.error());
  q.employer_id = employer->value_or(0);
  auto limit = OptionalInt(r, "limit");
  if (!limit) return Fail(limit.error());
  q.limit = limit->value_or(q.limit);
  auto offset = OptionalInt(r, "offset");
  if (!offset) return Fail(offset.error());
  q.offset = offset->value_or(0);
  return q;
}

std::string Scope(const MobilisationList& l) {
  return "region:" + l.region +
         (l.query.employer_id ? " employer:" + std::to_string(l.query.employer_id) : "");
}

const char* KindZh(MobilisationKind k) {
  switch (k) {
    case MobilisationKind::kUnvaccinated:
      return "应种未种";
    case MobilisationKind::kSeriesDose:
      return "后续剂次逾期";
    case MobilisationKind::kBooster:
      return "加强免疫待种";
  }
  return "";
}

}  // namespace

void AddMobilisationRoutes(Router& router, VaccinationRouteContext ctx) {
  router.Add("GET", "/api/v1/mobilisation", ctx.authed([ctx](Request& r, const User& u) {
    auto q = QueryOf(r);
    if (!q) return ErrorResponse(q.error());
    auto list = ctx.mobilisation.List(u, *q, BeijingDay(ctx.now()));
    if (!list) return ctx.denied(u, list.error(), "mobilisation:" + q->region);
    ctx.audit(u, "mobilisation.list", Scope(*list), list->total);
    json::array items;
    for (const auto& e : list->items) items.push_back(EntryToJson(e, ctx.registry.directory()));
    return JsonResponse(200, json::object{{"kind", MobilisationKindCode(q->kind)},
                                          {"disease", q->disease},
                                          {"region", list->region},
                                          {"employer_id", q->employer_id},
                                          {"date", list->today.Iso()},
                                          {"offset", q->offset},
                                          {"limit", q->limit},
                                          {"people", list->people},
                                          {"total", list->total},
                                          {"accounted", list->accounted},
                                          {"outstanding", list->total - list->accounted},
                                          {"cleared", list->cleared()},
                                          {"items", std::move(items)}});
  }));

  // The same list as a sheet for the village doctor, masked, every row.
  router.Add("GET", "/api/v1/mobilisation/export", ctx.authed([ctx](Request& r, const User& u) {
    if (!CanExport(u.role)) {
      return ctx.denied(u, Error::Forbidden("your role may not export", "您的角色无权导出"),
                        "mobilisation");
    }
    auto q = QueryOf(r);
    if (!q) return ErrorResponse(q.error());
    q->offset = 0;
    q->limit = 100000;
    auto list = ctx.mobilisation.List(u, *q, BeijingDay(ctx.now()));
    if (!list) return ctx.denied(u, list.error(), "mobilisation:" + q->region);
    auto sheet = SheetWriter::Open(KindZh(q->kind), {{"姓名", 10},
                                                     {"身份证号", 22},
                                                     {"联系电话", 14},
                                                     {"村（社区）/网格", 22},
                                                     {"应种剂次", 10},
                                                     {"推荐接种日期", 14},
                                                     {"逾期天数", 10},
                                                     {"最近随访结果", 14},
                                                     {"随访时间", 18},
                                                     {"情况说明", 30},
                                                     {"已说明原因", 10}});
    if (!sheet) return ErrorResponse(sheet.error());
    for (const auto& e : list->items) {
      const Person& p = e.person;
      std::string dose =
          (e.next.booster ? "加强第" : "第") + std::to_string(e.next.dose_number) + "剂";
      (*sheet)->AddRow(
          {p.name, MaskIdentityNumber(p.doc_number), p.phone.empty() ? "" : MaskPhone(p.phone),
           ctx.registry.directory().PlaceName(p.region_code), dose, e.next.recommended.Iso(),
           std::to_string(e.days_late), e.latest ? FollowUpResultZh(e.latest->result) : "",
           e.latest ? BeijingMinute(e.latest->at) : "", e.latest ? e.latest->note : "",
           e.accounted ? "是" : "否"});
    }
    auto bytes = (*sheet)->Finish();
    if (!bytes) return ErrorResponse(bytes.error());
    ctx.audit(u, "mobilisation.export", Scope(*list), list->total);
    Response resp{200,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(*bytes),
                  {}};
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"mobilisation.xlsx\""});
    return resp;
  }));

  router.Add("GET", "/api/v1/persons/{id}/follow-ups", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto log = ctx.mobilisation.FollowUps(u, *id);
    if (!log) return ctx.denied(u, log.error(), "person:" + r.params["id"]);
    json::array items;
    for (const auto& f : *log) items.push_back(FollowUpToJson(f));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/persons/{id}/follow-ups",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               FollowUpInput in;
               if (auto s = ReadStrings(*body, {{"disease", &in.disease},
                                                {"method", &in.method},
                                                {"result", &in.result},
                                                {"note", &in.note},
                                                {"next_contact", &in.next_contact}});
                   !s) {
                 return ErrorResponse(s.error());
               }
               auto f = ctx.mobilisation.RecordFollowUp(u, *id, in, ctx.now());
               if (!f) return ctx.denied(u, f.error(), "person:" + r.params["id"]);
               return JsonResponse(201, FollowUpToJson(*f));
             }));
}

}  // namespace fangkong::api
