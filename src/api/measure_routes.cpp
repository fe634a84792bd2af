// Health measures: types as data, assignment, daily logs and tests, changes,
// release, and the board of a village's day.
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"

namespace fangkong::api {

namespace {

json::object TypeToJson(const MeasureType& t) {
  json::array tests;
  for (int d : t.test_days) tests.push_back(d);
  return json::object{{"code", t.code},
                      {"edition", t.edition},
                      {"name", t.name},
                      {"name_zh", t.name_zh},
                      {"kind", MeasureKindCode(t.kind)},
                      {"kind_zh", MeasureKindZh(t.kind)},
                      {"days", t.days},
                      {"test_days", std::move(tests)},
                      {"next", t.next}};
}

json::object TaskToJson(const MeasureTask& t) {
  json::object o{{"id", t.id},
                 {"measure_id", t.measure_id},
                 {"person_id", t.person_id},
                 {"day", t.day.Iso()},
                 {"day_number", t.day_number},
                 {"kind", TaskKindCode(t.kind)},
                 {"done", t.done()},
                 {"done_at", t.done() ? json::value(UtcIso(t.done_at)) : json::value(nullptr)}};
  if (t.kind == TaskKind::kLog) {
    o["temperature"] = t.done() ? json::value(t.temperature_tenths / 10.0) : json::value(nullptr);
    o["symptoms"] = t.symptoms;
  } else {
    o["result"] = t.result;
  }
  return o;
}

json::object MeasureToJson(const Measure& m) {
  return json::object{{"id", m.id},
                      {"person_id", m.person_id},
                      {"type", m.type},
                      {"region_code", m.region_code},
                      {"start", m.start.Iso()},
                      {"end", m.end.Iso()},
                      {"source", m.source},
                      {"reason", m.reason},
                      {"assigned_by", m.assigned_by},
                      {"assigned_at", UtcIso(m.assigned_at)},
                      {"previous_id", m.previous_id},
                      {"ended", MeasureEndCode(m.ended)},
                      {"ended_on", m.ended == MeasureEnd::kNone ? json::value(nullptr)
                                                                : json::value(m.ended_on.Iso())}};
}

json::object ViewToJson(const MeasureView& v) {
  json::object o = MeasureToJson(v.measure);
  o["type_detail"] = TypeToJson(v.type);
  o["status"] = MeasureStatusCode(v.status);
  o["overdue"] = v.overdue;
  json::array tasks;
  for (const auto& t : v.tasks) tasks.push_back(TaskToJson(t));
  o["tasks"] = std::move(tasks);
  return o;
}

json::object LineToJson(const BoardLine& l) {
  json::array overdue;
  for (const auto& t : l.overdue) overdue.push_back(TaskToJson(t));
  auto task = [](const std::optional<MeasureTask>& t) {
    return t ? json::value(TaskToJson(*t)) : json::value(nullptr);
  };
  return json::object{{"person_id", l.person_id},         {"name", l.name},
                      {"id_number", l.id_number},         {"phone", l.phone},
                      {"region_code", l.region_code},     {"measure", MeasureToJson(l.measure)},
                      {"type_name", l.type_name},         {"type_name_zh", l.type_name_zh},
                      {"day_number", l.day_number},       {"log_today", task(l.log_today)},
                      {"test_today", task(l.test_today)}, {"overdue", std::move(overdue)},
                      {"symptomatic", l.symptomatic}};
}

Result<MeasureType> TypeFromJson(const json::object& o) {
  MeasureType t;
  std::string kind, tests;
  if (auto s = ReadStrings(o, {{"code", &t.code},
                               {"edition", &t.edition},
                               {"name", &t.name},
                               {"name_zh", &t.name_zh},
                               {"kind", &kind},
                               {"test_days", &tests},
                               {"next", &t.next}});
      !s)
    return Fail(s.error());
  auto k = ParseMeasureKind(kind);
  if (!k) {
    return Fail(Error::Invalid("invalid_kind", "kind", kind,
                               "one of central_quarantine, home_quarantine, home_monitoring, "
                               "health_monitoring",
                               "措施种类应为集中隔离、居家隔离、居家健康监测或健康监测"));
  }
  t.kind = *k;
  auto days = IntMember(o, "days");
  if (!days) return Fail(days.error());
  t.days = *days;
  auto test_days = ParseTestDays(tests);
  if (!test_days) {
    return Fail(Error::Invalid("invalid_test_days", "test_days", tests,
                               "the days of the tests as numbers separated by commas, e.g. 1,4,7",
                               "检测日应为以逗号分隔的天数，如1,4,7"));
  }
  t.test_days = std::move(*test_days);
  return t;
}

}  // namespace

void AddMeasureRoutes(Router& router, MeasureRouteContext ctx) {
  router.Add("GET", "/api/v1/measure-types", ctx.authed([ctx](Request&, const User& u) {
    auto types = ctx.measures.Types();
    if (!types) return ctx.denied(u, types.error(), "measure-types");
    json::array items;
    for (const auto& t : *types) items.push_back(TypeToJson(t));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/measure-types", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto in = TypeFromJson(*body);
    if (!in) return ErrorResponse(in.error());
    auto t = ctx.measures.AddType(u, *in);
    if (!t) return ctx.denied(u, t.error(), "measure-types");
    return JsonResponse(201, TypeToJson(*t));
  }));

  router.Add("POST", "/api/v1/measures", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    AssignMeasureInput in;
    std::string person;
    if (auto s = ReadStrings(*body, {{"person_id", &person},
                                     {"type", &in.type},
                                     {"start", &in.start},
                                     {"source", &in.source},
                                     {"reason", &in.reason}});
        !s)
      return ErrorResponse(s.error());
    // A missing person is the service's 404, after the role is checked.
    if (!person.empty()) {
      auto id = IntParam(person, "person_id");
      if (!id) return ErrorResponse(id.error());
      in.person_id = *id;
    }
    auto v = ctx.measures.Assign(u, in, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "person:" + person);
    ctx.audit(u, "measure.assign", "person:" + person, 1);
    return JsonResponse(201, ViewToJson(*v));
  }));

  router.Add("POST", "/api/v1/measures/batch", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    AssignManyInput in;
    auto ids = IdArrayMember(*body, "person_ids", 50000);
    if (!ids) return ErrorResponse(ids.error());
    in.person_ids = std::move(*ids);
    if (auto s = ReadStrings(*body, {{"type", &in.type},
                                     {"start", &in.start},
                                     {"source", &in.source},
                                     {"reason", &in.reason}});
        !s)
      return ErrorResponse(s.error());
    auto done = ctx.measures.AssignMany(u, in, ctx.now());
    if (!done) return ctx.denied(u, done.error(), "measures");
    ctx.audit(u, "measure.assign", "persons", done->assigned);
    json::array refused;
    for (const auto& [id, e] : done->refused) {
      json::object o = ErrorToJson(e).at("error").as_object();
      o["person_id"] = id;
      refused.push_back(std::move(o));
    }
    return JsonResponse(200, json::object{{"assigned", done->assigned},
                                          {"superseded", done->superseded},
                                          {"tasks", done->tasks},
                                          {"refused", std::move(refused)}});
  }));

  router.Add("GET", "/api/v1/persons/{id}/measures", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto of = ctx.measures.Of(u, *id, ctx.now());
    if (!of) return ctx.denied(u, of.error(), "person:" + r.params["id"]);
    ctx.audit(u, "measure.read", "person:" + r.params["id"], 1);
    json::array items, changes;
    for (const auto& v : of->measures) items.push_back(ViewToJson(v));
    for (const auto& c : of->changes)
      changes.push_back(json::object{{"id", c.id},
                                     {"measure_id", c.measure_id},
                                     {"days", c.days},
                                     {"reason", c.reason},
                                     {"user_id", c.user_id},
                                     {"at", UtcIso(c.at)}});
    return JsonResponse(200,
                        json::object{{"items", std::move(items)}, {"changes", std::move(changes)}});
  }));

  router.Add("POST", "/api/v1/measures/{id}/change", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto days = IntMember(*body, "days");
    if (!days) return ErrorResponse(days.error());
    std::string reason;
    if (auto s = ReadStrings(*body, {{"reason", &reason}}); !s) return ErrorResponse(s.error());
    auto v = ctx.measures.Change(u, *id, *days, reason, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "measure:" + r.params["id"]);
    return JsonResponse(200, ViewToJson(*v));
  }));

  router.Add("POST", "/api/v1/measures/{id}/release", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto done = ctx.measures.Release(u, *id, ctx.now());
    if (!done) return ctx.denied(u, done.error(), "measure:" + r.params["id"]);
    json::object out{{"released", ViewToJson(done->front())}, {"next", nullptr}};
    if (done->size() > 1) out["next"] = ViewToJson(done->back());
    return JsonResponse(200, out);
  }));

  router.Add("GET", "/api/v1/measure-tasks", ctx.authed([ctx](Request& r, const User& u) {
    const std::string* region = r.Query("region");
    std::string code = region && !region->empty() ? *region : u.region_code;
    Date today = BeijingDay(ctx.now());
    auto day = DateParam(r, "date", today);
    if (!day) return ErrorResponse(day.error());
    auto board = ctx.measures.BoardOf(u, code, *day);
    if (!board) return ctx.denied(u, board.error(), "measure-tasks:" + code);
    ctx.audit(u, "measure.board", "region:" + code, static_cast<int64_t>(board->lines.size()));
    json::array lines;
    for (const auto& l : board->lines) lines.push_back(LineToJson(l));
    return JsonResponse(200, json::object{{"region", board->region},
                                          {"date", board->day.Iso()},
                                          {"logs_due", board->logs_due},
                                          {"logs_done", board->logs_done},
                                          {"tests_due", board->tests_due},
                                          {"tests_done", board->tests_done},
                                          {"overdue", board->overdue},
                                          {"lines", std::move(lines)}});
  }));

  router.Add("POST", "/api/v1/measure-tasks/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    TaskLog log;
    auto temperature = NumberField(*body, "temperature");
    if (!temperature) return ErrorResponse(temperature.error());
    log.temperature = *temperature;
    if (auto s = ReadStrings(*body, {{"symptoms", &log.symptoms}, {"result", &log.result}}); !s)
      return ErrorResponse(s.error());
    auto t = ctx.measures.Log(u, *id, log, ctx.now());
    if (!t) return ctx.denied(u, t.error(), "measure-task:" + r.params["id"]);
    return JsonResponse(200, TaskToJson(*t));
  }));
}

}  // namespace fangkong::api
