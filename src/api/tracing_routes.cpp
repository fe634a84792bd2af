// Cases and contact tracing: cases and their movements, contacts with their
// path to the case, derived secondary contacts confirmed, the "2+4+24+8"
// deadlines with a countdown each, the transmission chain, and the contacts
// living elsewhere as a file for their jurisdictions.
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"
#include "core/csv.h"
#include "core/id_number.h"

namespace fangkong::api {

namespace {

// A time as unix seconds, or as Beijing time ("2022-07-10 08:30"); absent: 0.
Result<int64_t> TimeField(const json::object& o, const char* name) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) return int64_t{0};
  if (v->is_int64()) return v->as_int64();
  if (v->is_string()) {
    if (auto t = ParseBeijingDateTime(std::string(v->as_string()))) return *t;
  }
  return Fail(Error::Invalid("invalid_time", name,
                             v->is_string() ? std::string(v->as_string()) : "",
                             "a time as YYYY-MM-DD HH:MM (Beijing time) or unix seconds",
                             "时间格式应为YYYY-MM-DD HH:MM（北京时间）"));
}

int64_t IdOf(const json::object& o, const char* name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_int64() ? v->as_int64() : 0;
}

json::object PersonToJson(const TracedPerson& p) {
  return json::object{{"id", p.id},
                      {"name", p.name},
                      {"id_number", p.id_number},
                      {"phone", p.phone},
                      {"region_code", p.region_code},
                      {"outside", p.outside}};
}

json::array DeadlinesToJson(const std::vector<DeadlineView>& ds) {
  json::array out;
  for (const auto& d : ds)
    out.push_back(
        json::object{{"code", d.rule.code},
                     {"name_zh", d.rule.name_zh},
                     {"hours", d.rule.hours},
                     {"due_at", d.due_at},
                     {"done_at", d.done_at ? json::value(*d.done_at) : json::value(nullptr)},
                     {"state", DeadlineStateCode(d.state)},
                     {"seconds_left", d.seconds_left}});
  return out;
}

json::object CaseToJson(const CaseView& v) {
  return json::object{{"id", v.c.id},
                      {"code", v.c.code},
                      {"kind", CaseKindCode(v.c.kind)},
                      {"person", PersonToJson(v.person)},
                      {"region_code", v.c.region_code},
                      {"reported_at", v.c.reported_at},
                      {"note", v.c.note},
                      {"close", v.close},
                      {"secondary", v.secondary},
                      {"deadlines", DeadlinesToJson(v.deadlines)}};
}

json::object EdgeToJson(const ContactEdge& e) {
  return json::object{{"id", e.id},
                      {"case_id", e.case_id},
                      {"source_person_id", e.source_person},
                      {"person_id", e.contact_person},
                      {"type", ContactTypeCode(e.type)},
                      {"exposure_at", e.exposure_at},
                      {"place", e.place},
                      {"certainty", CertaintyCode(e.certainty)},
                      {"derived", e.derived},
                      {"confirmed_by", e.confirmed_by}};
}

Result<ContactInput> ContactOf(const json::value& v) {
  if (!v.is_object()) {
    return Fail(Error::Invalid("wrong_type", "contacts", "", "each contact is an object",
                               "每个接触者应为一个对象"));
  }
  const auto& o = v.as_object();
  ContactInput in;
  in.person_id = IdOf(o, "person_id");
  in.source_person_id = IdOf(o, "source_person_id");
  if (auto e = ReadStrings(o, {{"id_number", &in.id_number},
                               {"type", &in.type},
                               {"place", &in.place},
                               {"certainty", &in.certainty}});
      !e)
    return Fail(e.error());
  if (in.type.empty()) in.type = "close";
  if (in.certainty.empty()) in.certainty = "confirmed";
  auto at = TimeField(o, "exposure_at");
  if (!at) return Fail(at.error());
  in.exposure_at = *at;
  if (!in.person_id && in.id_number.empty()) {
    return Fail(Error::Invalid("person_required", "person_id", "",
                               "name the contact by person_id or id_number",
                               "请指定接触者（人员编号或身份证号）"));
  }
  return in;
}

}  // namespace

void AddTracingRoutes(Router& router, TracingRouteContext ctx) {
  auto case_id = [](Request& r) { return IntParam(r.params["id"], "id"); };

  router.Add("POST", "/api/v1/cases", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    CaseInput in;
    in.person_id = IdOf(*body, "person_id");
    if (auto e = ReadStrings(*body, {{"code", &in.code}, {"kind", &in.kind}, {"note", &in.note}});
        !e)
      return ErrorResponse(e.error());
    auto at = TimeField(*body, "reported_at");
    if (!at) return ErrorResponse(at.error());
    in.reported_at = *at;
    auto v = ctx.tracing.AddCase(u, in, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "cases");
    ctx.audit(u, "case.create", "case:" + std::to_string(v->c.id), 1);
    return JsonResponse(201, CaseToJson(*v));
  }));

  router.Add("GET", "/api/v1/cases", ctx.authed([ctx](Request&, const User& u) {
    auto cases = ctx.tracing.Cases(u, ctx.now());
    if (!cases) return ctx.denied(u, cases.error(), "cases");
    json::array items;
    for (const auto& v : *cases) items.push_back(CaseToJson(v));
    return JsonResponse(200, json::object{{"now", ctx.now()}, {"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/cases/{id}", ctx.authed([ctx, case_id](Request& r, const User& u) {
    auto id = case_id(r);
    if (!id) return ErrorResponse(id.error());
    auto v = ctx.tracing.CaseOf(u, *id, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "case:" + r.params["id"]);
    auto events = ctx.tracing.Events(u, *id);
    if (!events) return ErrorResponse(events.error());
    json::object out = CaseToJson(*v);
    json::array ev;
    for (const auto& e : *events)
      ev.push_back(json::object{{"id", e.id},
                                {"from_at", e.from_at},
                                {"until_at", e.until_at},
                                {"place", e.place},
                                {"note", e.note}});
    out["events"] = std::move(ev);
    out["now"] = ctx.now();
    return JsonResponse(200, out);
  }));

  router.Add("POST", "/api/v1/cases/{id}/events",
             ctx.authed([ctx, case_id](Request& r, const User& u) {
               auto id = case_id(r);
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               CaseEvent e;
               if (auto s = ReadStrings(*body, {{"place", &e.place}, {"note", &e.note}}); !s)
                 return ErrorResponse(s.error());
               auto from = TimeField(*body, "from_at");
               auto until = TimeField(*body, "until_at");
               if (!from) return ErrorResponse(from.error());
               if (!until) return ErrorResponse(until.error());
               e.from_at = *from;
               e.until_at = *until ? *until : *from;
               auto done = ctx.tracing.AddEvent(u, *id, e);
               if (!done) return ctx.denied(u, done.error(), "case:" + r.params["id"]);
               return JsonResponse(201, json::object{{"id", done->id}});
             }));

  router.Add("POST", "/api/v1/cases/{id}/contacts",
             ctx.authed([ctx, case_id](Request& r, const User& u) {
               auto id = case_id(r);
               if (!id) return ErrorResponse(id.error());
               boost::system::error_code ec;
               json::value body = json::parse(r.body, ec);
               if (ec) return ErrorResponse(ParseObject(r.body).error());
               std::vector<ContactInput> in;
               const json::value* list =
                   body.is_object() ? body.as_object().if_contains("contacts") : nullptr;
               if (list && list->is_array()) {
                 if (list->as_array().size() > 5000) {
                   return ErrorResponse(Error::Invalid("too_many", "contacts", "",
                                                       "at most 5,000 contacts at once",
                                                       "一次最多登记5000名接触者"));
                 }
                 for (const auto& x : list->as_array()) {
                   auto c = ContactOf(x);
                   if (!c) return ErrorResponse(c.error());
                   in.push_back(std::move(*c));
                 }
               } else {
                 auto c = ContactOf(body);
                 if (!c) return ErrorResponse(c.error());
                 in.push_back(std::move(*c));
               }
               auto done = ctx.tracing.AddContacts(u, *id, in, ctx.now());
               if (!done) return ctx.denied(u, done.error(), "case:" + r.params["id"]);
               json::array items;
               for (const auto& e : *done) items.push_back(EdgeToJson(e));
               return JsonResponse(201, json::object{{"items", std::move(items)}});
             }));

  router.Add(
      "GET", "/api/v1/cases/{id}/contacts", ctx.authed([ctx, case_id](Request& r, const User& u) {
        auto id = case_id(r);
        if (!id) return ErrorResponse(id.error());
        auto list = ctx.tracing.Contacts(u, *id);
        if (!list) return ctx.denied(u, list.error(), "case:" + r.params["id"]);
        json::array items;
        for (const auto& v : *list) {
          json::array path;
          for (int64_t p : v.traced.path) path.push_back(p);
          json::object o = EdgeToJson(v.edge);
          o["type"] = ContactTypeCode(v.traced.type);
          o["path"] = std::move(path);
          o["person"] = PersonToJson(v.person);
          items.push_back(std::move(o));
        }
        ctx.audit(u, "case.contacts", "case:" + r.params["id"], static_cast<int64_t>(items.size()));
        return JsonResponse(200, json::object{{"items", std::move(items)}});
      }));

  // Contacts living outside the reader's jurisdiction, in full, for the
  // jurisdictions that must find them (a push, 协查); audited.
  router.Add(
      "GET", "/api/v1/cases/{id}/contacts/elsewhere",
      ctx.authed([ctx, case_id](Request& r, const User& u) {
        auto id = case_id(r);
        if (!id) return ErrorResponse(id.error());
        if (!CanExport(u.role))
          return ctx.denied(u, Error::Forbidden("your role may not export", "您的角色无权导出"),
                            "case:" + r.params["id"]);
        auto list = ctx.tracing.ContactsElsewhere(u, *id);
        if (!list) return ctx.denied(u, list.error(), "case:" + r.params["id"]);
        std::string csv =
            "\xEF\xBB\xBF姓名,身份证号,手机号,现住址代码,接触类型,接触时间(北京时间),接触地点\r\n";
        for (const auto& [p, e] : *list)
          csv += CsvEscape(p.name) + "," + CsvEscape(p.id_number) + "," + CsvEscape(p.phone) + "," +
                 p.region_code + "," + ContactTypeCode(e.type) + "," +
                 BeijingMinute(e.exposure_at) + "," + CsvEscape(e.place) + "\r\n";
        ctx.audit(u, "case.export_elsewhere", "case:" + r.params["id"],
                  static_cast<int64_t>(list->size()));
        Response out;
        out.content_type = "text/csv; charset=utf-8";
        out.body = std::move(csv);
        out.headers.emplace_back("Content-Disposition",
                                 "attachment; filename=\"contacts-elsewhere.csv\"");
        return out;
      }));

  router.Add("POST", "/api/v1/contacts/{id}/confirm", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto e = ctx.tracing.Confirm(u, *id);
    if (!e) return ctx.denied(u, e.error(), "contact:" + r.params["id"]);
    return JsonResponse(200, EdgeToJson(*e));
  }));

  router.Add(
      "GET", "/api/v1/cases/{id}/deadlines", ctx.authed([ctx, case_id](Request& r, const User& u) {
        auto id = case_id(r);
        if (!id) return ErrorResponse(id.error());
        auto d = ctx.tracing.Deadlines(u, *id, ctx.now());
        if (!d) return ctx.denied(u, d.error(), "case:" + r.params["id"]);
        return JsonResponse(200, json::object{{"now", ctx.now()}, {"items", DeadlinesToJson(*d)}});
      }));

  router.Add(
      "POST", "/api/v1/cases/{id}/milestones",
      ctx.authed([ctx, case_id](Request& r, const User& u) {
        auto id = case_id(r);
        if (!id) return ErrorResponse(id.error());
        auto body = ParseObject(r.body);
        if (!body) return ErrorResponse(body.error());
        std::string code;
        if (auto s = ReadStrings(*body, {{"code", &code}}); !s) return ErrorResponse(s.error());
        auto d = ctx.tracing.Reach(u, *id, code, ctx.now());
        if (!d) return ctx.denied(u, d.error(), "case:" + r.params["id"]);
        return JsonResponse(200, json::object{{"now", ctx.now()}, {"items", DeadlinesToJson(*d)}});
      }));

  router.Add(
      "GET", "/api/v1/cases/{id}/chain", ctx.authed([ctx, case_id](Request& r, const User& u) {
        auto id = case_id(r);
        if (!id) return ErrorResponse(id.error());
        auto chain = ctx.tracing.ChainOf(u, *id);
        if (!chain) return ctx.denied(u, chain.error(), "case:" + r.params["id"]);
        json::array people, edges, cases;
        for (const auto& p : chain->people) people.push_back(PersonToJson(p));
        for (const auto& e : chain->edges) edges.push_back(EdgeToJson(e));
        for (int64_t p : chain->cases) cases.push_back(p);
        ctx.audit(u, "case.chain", "case:" + r.params["id"], static_cast<int64_t>(people.size()));
        return JsonResponse(200, json::object{{"people", std::move(people)},
                                              {"edges", std::move(edges)},
                                              {"case_people", std::move(cases)}});
      }));
}

}  // namespace fangkong::api
