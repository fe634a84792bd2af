// Arrivals: pushed lists taken in as jobs, the work queue of a township with
// its deadlines, a person chosen, the outcome and measure recorded, a grid
// worker's or checkpoint's find, the figures per township, the export for
// other jurisdictions, and a resident's own report without a login.
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"
#include "api/upload_table.h"
#include "core/csv.h"
#include "core/day_field.h"
#include "core/id_number.h"
#include "core/rate_limit.h"

namespace fangkong::api {

namespace {

json::object ArrivalToJson(const ArrivalView& v, bool full) {
  const Arrival& a = v.arrival;
  auto mask_id = [&](const std::string& s) {
    return full || s.empty() ? s : MaskIdentityNumber(s);
  };
  auto mask_phone = [&](const std::string& s) { return full || s.empty() ? s : MaskPhone(s); };
  return json::object{{"id", a.id},
                      {"person_id", a.person_id},
                      {"name", a.name},
                      {"id_number", mask_id(a.id_number)},
                      {"phone", mask_phone(a.phone)},
                      {"origin", a.origin},
                      {"arrival_date", a.arrival_date.Iso()},
                      {"region_code", a.region_code},
                      {"out_of_county", a.out_of_county},
                      {"match", MatchKindCode(a.match)},
                      {"match_score", a.match_score},
                      {"first_reported_at", a.first_reported_at},
                      {"pushed_at", a.pushed_at},
                      {"grid_found_at", a.grid_found_at},
                      {"deadline_at", a.deadline_at},
                      {"outcome", ArrivalOutcomeCode(a.outcome)},
                      {"outcome_at", a.outcome_at},
                      {"outcome_note", a.outcome_note},
                      {"measure_id", a.measure_id},
                      {"status", ArrivalStatusCode(v.status)}};
}

json::object ReportToJson(const ArrivalReport& r, bool full) {
  return json::object{
      {"id", r.id},
      {"source", ArrivalSourceCode(r.source)},
      {"source_name", r.source_name},
      {"name", r.name},
      {"id_number", full || r.id_number.empty() ? r.id_number : MaskIdentityNumber(r.id_number)},
      {"phone", full || r.phone.empty() ? r.phone : MaskPhone(r.phone)},
      {"origin", r.origin},
      {"destination_code", r.destination_code},
      {"arrival_date", r.arrival_date ? r.arrival_date->Iso() : ""},
      {"reported_at", r.reported_at},
      {"line", r.line}};
}

json::object ImportToJson(const ArrivalImport& i) {
  json::array errors;
  for (const auto& e : i.errors)
    errors.push_back(json::object{{"row", e.row},
                                  {"column", e.column},
                                  {"field", e.field},
                                  {"value", e.value},
                                  {"code", e.code},
                                  {"message", e.message},
                                  {"message_zh", e.message_zh}});
  return json::object{{"id", i.id},
                      {"file_name", i.file_name},
                      {"source_name", i.source_name},
                      {"state", i.state},
                      {"created_at", i.created_at},
                      {"finished_at", i.finished_at},
                      {"rows", i.rows},
                      {"processed", i.processed},
                      {"by_id_number", i.by_id_number},
                      {"linked", i.linked},
                      {"uncertain", i.uncertain},
                      {"unmatched", i.unmatched},
                      {"merged", i.merged},
                      {"out_of_county", i.out_of_county},
                      {"failed", i.failed},
                      {"errors", std::move(errors)}};
}

json::object FiguresToJson(const ArrivalFigures& f) {
  return json::object{{"region_code", f.region_code},
                      {"arrivals", f.arrivals},
                      {"pushed", f.pushed},
                      {"verified_on_time", f.verified_on_time},
                      {"verified_late", f.verified_late},
                      {"overdue", f.overdue},
                      {"open", f.open},
                      {"found_before_push", f.found_before_push},
                      {"found_before_push_share", f.found_before_push_share},
                      {"median_minutes_to_verify", f.median_minutes_to_verify},
                      {"awaiting_match", f.awaiting_match}};
}

// The report fields a form or a worker sends.
Result<ArrivalReport> ReportOfBody(const json::object& body) {
  ArrivalReport r;
  std::string source, date;
  if (auto e = ReadStrings(body, {{"source", &source},
                                  {"source_name", &r.source_name},
                                  {"id_number", &r.id_number},
                                  {"name", &r.name},
                                  {"phone", &r.phone},
                                  {"origin", &r.origin},
                                  {"destination_code", &r.destination_code},
                                  {"arrival_date", &date}});
      !e)
    return Fail(e.error());
  if (!source.empty()) {
    auto s = ParseArrivalSource(source);
    if (!s) {
      return Fail(Error::Invalid("invalid_source", "source", source,
                                 "the source is grid or checkpoint", "来源应为网格排查或交通卡口"));
    }
    r.source = *s;
  } else {
    r.source = ArrivalSource::kGrid;
  }
  r.arrival_date = Date::Parse(date);
  return r;
}

Result<std::optional<Date>> OptionalDate(const Request& r, const std::string& name) {
  const std::string* v = r.Query(name);
  if (!v) return std::optional<Date>();
  return OptionalDayField(*v, name.c_str());
}

}  // namespace

void AddArrivalRoutes(Router& router, ArrivalRouteContext ctx) {
  router.Add("POST", "/api/v1/arrivals/imports", ctx.authed([ctx](Request& r, const User& u) {
    if (auto s = CheckMayImportArrivals(u); !s) return ctx.denied(u, s.error(), "arrivals-import");
    auto table = TableOfUpload(r, "pushed.csv");
    if (!table) return ErrorResponse(table.error());
    ArrivalImportInput in{table->file_name, r.Query("source_name") ? *r.Query("source_name") : "",
                          kDefaultDeadlineHours};
    auto hours = OptionalInt(r, "deadline_hours");
    if (!hours) return ErrorResponse(hours.error());
    if (*hours) in.deadline_hours = static_cast<int>(std::min<int64_t>(**hours, 1000));
    auto job = ctx.imports.Start(u, in, std::move(table->header), std::move(table->rows),
                                 table->total, ctx.now());
    if (!job) return ctx.denied(u, job.error(), "arrivals-import");
    ctx.audit(u, "arrival.import", "arrival-import:" + std::to_string(job->id), job->rows);
    return JsonResponse(202, ImportToJson(*job));
  }));
  router.LimitBody("POST", "/api/v1/arrivals/imports", {kImportMaxBytes, kImportUploadSeconds});

  router.Add("GET", "/api/v1/arrivals/imports", ctx.authed([ctx](Request&, const User& u) {
    auto jobs = ctx.arrivals.Imports(u);
    if (!jobs) return ctx.denied(u, jobs.error(), "arrivals-imports");
    json::array items;
    for (auto& j : *jobs) {
      j.errors.clear();
      items.push_back(ImportToJson(j));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/arrivals/imports/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto job = ctx.imports.Find(*id);
    if (!job) return ErrorResponse(job.error());
    if (!*job || !CheckJurisdiction(u, (*job)->region_code) || !CheckMayReadArrivals(u))
      return ErrorResponse(Error::NotFound("arrival-import", r.params["id"]));
    return JsonResponse(200, ImportToJson(**job));
  }));

  router.Add("GET", "/api/v1/arrivals", ctx.authed([ctx](Request& r, const User& u) {
    ArrivalListFilter f;
    if (const std::string* region = r.Query("region")) f.region = *region;
    if (const std::string* status = r.Query("status"); status && !status->empty()) {
      f.status = ParseArrivalStatus(*status);
      if (!f.status) {
        return ErrorResponse(Error::Invalid("invalid_status", "status", *status,
                                            "not a status of an arrival", "排查状态不正确"));
      }
    }
    auto from = OptionalDate(r, "from");
    auto to = OptionalDate(r, "to");
    if (!from) return ErrorResponse(from.error());
    if (!to) return ErrorResponse(to.error());
    f.from = *from;
    f.to = *to;
    bool full = Truthy(r.Query("unmasked")) && CanSeeFullIdentity(u.role);
    auto list = ctx.arrivals.List(u, f, ctx.now());
    if (!list) return ctx.denied(u, list.error(), "arrivals");
    auto limit = OptionalInt(r, "limit");
    auto offset = OptionalInt(r, "offset");
    if (!limit) return ErrorResponse(limit.error());
    if (!offset) return ErrorResponse(offset.error());
    size_t first = static_cast<size_t>(offset->value_or(0));
    size_t count = static_cast<size_t>(std::min<int64_t>(limit->value_or(200), 5000));
    json::array items;
    for (size_t i = first; i < list->size() && i < first + count; ++i)
      items.push_back(ArrivalToJson((*list)[i], full));
    ctx.audit(u, full ? "arrival.read_full" : "arrival.read",
              "region:" + (f.region.empty() ? u.region_code : f.region),
              static_cast<int64_t>(items.size()));
    return JsonResponse(200, json::object{{"total", static_cast<int64_t>(list->size())},
                                          {"now", ctx.now()},
                                          {"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/arrivals/figures", ctx.authed([ctx](Request& r, const User& u) {
    auto from = OptionalDate(r, "from");
    auto to = OptionalDate(r, "to");
    if (!from) return ErrorResponse(from.error());
    if (!to) return ErrorResponse(to.error());
    auto figures = ctx.arrivals.Figures(u, *from, *to, ctx.now());
    if (!figures) return ctx.denied(u, figures.error(), "arrival-figures");
    json::array items;
    for (const auto& f : *figures) items.push_back(FiguresToJson(f));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  // The file for other jurisdictions (协查): full identity numbers and
  // phones, since they must find the people; an audited export.
  router.Add("GET", "/api/v1/arrivals/out-of-county", ctx.authed([ctx](Request& r, const User& u) {
    auto from = OptionalDate(r, "from");
    auto to = OptionalDate(r, "to");
    if (!from) return ErrorResponse(from.error());
    if (!to) return ErrorResponse(to.error());
    auto list = ctx.arrivals.OutOfCounty(u, *from, *to);
    if (!list) return ctx.denied(u, list.error(), "arrivals-out-of-county");
    std::string csv = "\xEF\xBB\xBF";  // a BOM, so Excel reads UTF-8
    csv += "姓名,身份证号,手机号,来源地区,抵达日期,推送时间(北京时间),排查编号\r\n";
    for (const auto& a : *list) {
      csv += CsvEscape(a.name) + "," + CsvEscape(a.id_number) + "," + CsvEscape(a.phone) + "," +
             CsvEscape(a.origin) + "," + a.arrival_date.Iso() + "," +
             (a.pushed_at ? BeijingMinute(a.pushed_at) : "") + "," + std::to_string(a.id) + "\r\n";
    }
    ctx.audit(u, "arrival.export_out_of_county", "region:" + u.region_code,
              static_cast<int64_t>(list->size()));
    Response out;
    out.content_type = "text/csv; charset=utf-8";
    out.body = std::move(csv);
    out.headers.emplace_back("Content-Disposition", "attachment; filename=\"out-of-county.csv\"");
    return out;
  }));

  router.Add("POST", "/api/v1/arrivals", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto report = ReportOfBody(*body);
    if (!report) return ErrorResponse(report.error());
    auto v = ctx.arrivals.Record(u, std::move(*report), ctx.now());
    if (!v) return ctx.denied(u, v.error(), "arrivals");
    ctx.audit(u, "arrival.record", "arrival:" + std::to_string(v->arrival.id), 1);
    return JsonResponse(201, ArrivalToJson(*v, false));
  }));

  router.Add("GET", "/api/v1/arrivals/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    bool full = Truthy(r.Query("unmasked")) && CanSeeFullIdentity(u.role);
    auto d = ctx.arrivals.Detail(u, *id, ctx.now());
    if (!d) return ctx.denied(u, d.error(), "arrival:" + r.params["id"]);
    json::object out = ArrivalToJson(d->view, full);
    json::array reports, candidates;
    for (const auto& x : d->reports) reports.push_back(ReportToJson(x, full));
    for (const auto& c : d->candidates) {
      const auto& p = c.person;
      candidates.push_back(json::object{
          {"person_id", p.person.person_id},
          {"name", p.person.name},
          {"id_number", full ? p.id_number : MaskIdentityNumber(p.id_number)},
          {"phone", full || p.person.phone.empty() ? p.person.phone : MaskPhone(p.person.phone)},
          {"region_code", p.region_code},
          {"score", c.score}});
    }
    out["reports"] = std::move(reports);
    out["candidates"] = std::move(candidates);
    ctx.audit(u, full ? "arrival.read_full" : "arrival.read", "arrival:" + r.params["id"], 1);
    return JsonResponse(200, out);
  }));

  router.Add("POST", "/api/v1/arrivals/{id}/person", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto* pid = body->if_contains("person_id");
    if (!pid || !pid->is_int64() || pid->as_int64() <= 0) {
      return ErrorResponse(
          Error::Invalid("invalid_person_id", "person_id", pid ? json::serialize(*pid) : "",
                         "person_id is the id of a registered person", "请选择登记在册的人员"));
    }
    auto v = ctx.arrivals.Choose(u, *id, pid->as_int64(), ctx.now());
    if (!v) return ctx.denied(u, v.error(), "arrival:" + r.params["id"]);
    ctx.audit(u, "arrival.match", "arrival:" + r.params["id"], 1);
    return JsonResponse(200, ArrivalToJson(*v, false));
  }));

  router.Add("POST", "/api/v1/arrivals/{id}/outcome", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    OutcomeInput in;
    if (auto e = ReadStrings(*body, {{"outcome", &in.outcome},
                                     {"note", &in.note},
                                     {"measure_type", &in.measure_type},
                                     {"measure_start", &in.measure_start}});
        !e)
      return ErrorResponse(e.error());
    auto v = ctx.arrivals.RecordOutcome(u, *id, in, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "arrival:" + r.params["id"]);
    ctx.audit(u, "arrival.outcome", "arrival:" + r.params["id"], 1);
    return JsonResponse(200, ArrivalToJson(*v, false));
  }));

  // No login: residents report themselves. Limited per client address and
  // in all, and checked field by field, since nobody reviews a report before
  // it is dispatched.
  auto limiter = std::make_shared<RateLimiter>(ctx.self_report_limit);
  router.Add("POST", "/api/v1/public/self-reports", [ctx, limiter](Request& r) {
    int64_t now = ctx.now();
    if (!limiter->Admit(r.remote, now)) {
      Response refused = ErrorResponse(
          Error::TooMany("too_many_reports", "too many reports from this address; try again later",
                         "提交过于频繁，请稍后再试"));
      refused.headers.emplace_back("Retry-After", std::to_string(limiter->RetryAfter(now)));
      return refused;
    }
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto report = ReportOfBody(*body);
    if (!report) return ErrorResponse(report.error());
    // Only a place of a county this server serves.
    auto places = ctx.places();
    if (!places) return ErrorResponse(places.error());
    bool served = false;
    for (const auto& [code, name] : *places) served = served || code == report->destination_code;
    if (!served && !report->destination_code.empty()) {
      return ErrorResponse(Error::Invalid("unknown_destination", "destination_code",
                                          report->destination_code,
                                          "no such township or village in the county",
                                          "本县没有该乡镇或村（社区）"));
    }
    auto v = ctx.arrivals.SelfReport(std::move(*report), now);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(201, json::object{{"id", v->arrival.id},
                                          {"received_at", now},
                                          {"message", "report received"},
                                          {"message_zh", "报备成功，请保持电话畅通"}});
  });

  // The places a resident may choose on the form (no personal data).
  router.Add("GET", "/api/v1/public/places", [ctx](Request&) {
    auto places = ctx.places();
    if (!places) return ErrorResponse(places.error());
    json::array items;
    for (const auto& [code, name] : *places)
      items.push_back(json::object{{"code", code}, {"name", name}});
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  });
}

}  // namespace fangkong::api
