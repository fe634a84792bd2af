// The campaign endpoints: setting up a campaign and its phases, reading
// them, and a phase's progress per unit on a day.
#include "api/campaign_routes.h"

#include <charconv>

#include "api/json.h"
#include "api/params.h"
#include "campaign/task_book_xlsx.h"

namespace fangkong::api {

namespace {

Error WrongType(const std::string& field, const json::value& v, const char* what,
                const char* what_zh) {
  return Error::Invalid("wrong_type", field, json::serialize(v), field + " must be " + what,
                        "字段" + field + "应为" + what_zh);
}

// A text, a whole number or a number with a fraction (77.6), as text.
Result<std::optional<std::string>> Scalar(const json::object& o, const char* name,
                                          const std::string& at) {
  auto* v = o.if_contains(name);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (v->is_double()) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v->as_double());
    return std::optional<std::string>(std::string(buf, end));
  }
  auto s = StringField(o, name);
  if (!s) return Fail(WrongType(at + name, *v, "a string or a number", "字符串或数字"));
  return s;
}

Result<std::vector<std::string>> Strings(const json::object& o, const char* name,
                                         const std::string& at) {
  std::vector<std::string> out;
  auto* v = o.if_contains(name);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return Fail(WrongType(at + name, *v, "an array of codes", "代码数组"));
  for (const auto& e : v->as_array()) {
    if (!e.is_string()) return Fail(WrongType(at + name, e, "an array of codes", "代码数组"));
    out.emplace_back(e.as_string());
  }
  return out;
}

const json::array* Array(const json::object& o, const char* name) {
  auto* v = o.if_contains(name);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

Result<GroupRuleInput> RuleFromJson(const json::value& v, const std::string& at) {
  if (!v.is_object()) return Fail(WrongType(at, v, "an object", "对象"));
  const auto& o = v.as_object();
  GroupRuleInput g;
  std::string p = at + ".";
  for (auto [name, into] : {std::pair{"min_age", &g.min_age}, std::pair{"max_age", &g.max_age}}) {
    auto s = Scalar(o, name, p);
    if (!s) return Fail(s.error());
    *into = *s;
  }
  for (auto [name, into] :
       {std::pair{"occupations", &g.occupations}, std::pair{"industries", &g.industries},
        std::pair{"tags", &g.tags}, std::pair{"residency", &g.residency}}) {
    auto s = Strings(o, name, p);
    if (!s) return Fail(s.error());
    *into = std::move(*s);
  }
  return g;
}

Result<PhaseInput> PhaseFromJson(const json::value& v, const std::string& at) {
  if (!v.is_object()) return Fail(WrongType(at, v, "an object", "对象"));
  const auto& o = v.as_object();
  PhaseInput in;
  std::string p = at + ".";
  for (auto [name, into] :
       {std::pair{"name", &in.name}, std::pair{"start", &in.start}, std::pair{"end", &in.end},
        std::pair{"dose", &in.dose}, std::pair{"target_kind", &in.target_kind},
        std::pair{"target", &in.target},
        std::pair{"declared_population", &in.declared_population}}) {
    auto s = Scalar(o, name, p);
    if (!s) return Fail(s.error());
    *into = *s;
  }
  if (auto* groups = o.if_contains("groups"); groups && !groups->is_null() && !groups->is_array())
    return Fail(WrongType(p + "groups", *groups, "an array of rules", "规则数组"));
  if (auto* groups = Array(o, "groups")) {
    for (size_t i = 0; i < groups->size() && i <= 20; ++i) {
      auto g = RuleFromJson((*groups)[i], p + "groups[" + std::to_string(i) + "]");
      if (!g) return Fail(g.error());
      in.groups.push_back(std::move(*g));
    }
  }
  return in;
}

Result<CampaignInput> CampaignFromJson(const json::object& o) {
  CampaignInput in;
  for (auto [name, into] : {std::pair{"name", &in.name}, std::pair{"disease", &in.disease},
                            std::pair{"region_code", &in.region_code}}) {
    auto s = Scalar(o, name, "");
    if (!s) return Fail(s.error());
    *into = *s;
  }
  if (auto* phases = o.if_contains("phases"); phases && !phases->is_null() && !phases->is_array())
    return Fail(WrongType("phases", *phases, "an array of phases", "阶段数组"));
  if (auto* phases = Array(o, "phases")) {
    for (size_t i = 0; i < phases->size() && i <= 10; ++i) {
      auto p = PhaseFromJson((*phases)[i], "phases[" + std::to_string(i) + "]");
      if (!p) return Fail(p.error());
      in.phases.push_back(std::move(*p));
    }
  }
  return in;
}

json::array CodesJson(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::string Percent(int64_t basis_points) {
  std::string s = std::to_string(basis_points / 100);
  if (basis_points % 100) s += "." + std::to_string(basis_points % 100 / 10);
  return s;
}

}  // namespace

json::object PhaseToJson(const Phase& p) {
  json::array groups;
  for (const auto& g : p.groups) {
    groups.push_back(json::object{{"min_age", g.min_age},
                                  {"max_age", g.max_age},
                                  {"occupations", CodesJson(g.occupations)},
                                  {"industries", CodesJson(g.industries)},
                                  {"tags", CodesJson(g.tags)},
                                  {"residency", CodesJson(g.residency)}});
  }
  bool share = p.target_kind != TargetKind::kAbsolute;
  return json::object{{"id", p.id},
                      {"number", p.number},
                      {"name", p.name},
                      {"start", p.start.Iso()},
                      {"end", p.end.Iso()},
                      {"dose", CountingDoseCode(p.dose)},
                      {"dose_zh", CountingDoseZh(p.dose)},
                      {"target_kind", TargetKindCode(p.target_kind)},
                      {"target", share ? json::value(Percent(p.target)) : json::value(p.target)},
                      {"declared_population", p.declared_population},
                      {"groups", std::move(groups)}};
}

json::object CampaignToJson(const Campaign& c) {
  json::array phases;
  for (const auto& p : c.phases) phases.push_back(PhaseToJson(p));
  return json::object{{"id", c.id},
                      {"name", c.name},
                      {"disease", c.disease},
                      {"region_code", c.region_code},
                      {"created_at", UtcIso(c.created_at)},
                      {"phases", std::move(phases)}};
}

json::object UnitToJson(const UnitProgress& u) {
  json::object o{{"code", u.code},
                 {"name", u.name},
                 {"population", u.population},
                 {"group", u.group},
                 {"target", u.target},
                 {"counted", u.counted},
                 {"first_dose", u.first_dose},
                 {"full_series", u.full_series},
                 {"booster", u.booster},
                 {"doses_today", u.doses_today},
                 {"doses_total", u.doses_total},
                 {"coverage_first", u.coverage_first},
                 {"coverage_full", u.coverage_full},
                 {"completion", u.completion},
                 {"days_left", u.days_left},
                 {"required_daily_rate", u.required_daily_rate},
                 {"rate_7d", u.rate_7d}};
  o["projected_completion"] = DayOrNull(u.projected_completion);
  return o;
}

namespace {

json::object TaskRowToJson(const TaskBookRow& r) {
  json::array periods;
  for (const auto& p : r.periods)
    periods.push_back(json::object{{"period", p.period}, {"people", p.people}, {"doses", p.doses}});
  return json::object{{"code", r.code},
                      {"name", r.name},
                      {"weight", r.weight},
                      {"target", r.target},
                      {"periods", std::move(periods)}};
}

json::object TaskBookToJson(const TaskBook& b) {
  json::array versions, periods, units;
  for (const auto& v : b.versions) {
    versions.push_back(json::object{{"version", v.version},
                                    {"note", v.note},
                                    {"created_by", v.created_by_name},
                                    {"created_at", UtcIso(v.created_at)}});
  }
  for (const auto& p : b.periods) periods.emplace_back(p);
  for (const auto& u : b.units) units.push_back(TaskRowToJson(u));
  return json::object{{"campaign_id", b.campaign.id},
                      {"phase", PhaseToJson(b.phase)},
                      {"version", b.version},
                      {"versions", std::move(versions)},
                      {"planned_with", json::object{{"product", b.series.product},
                                                    {"primary_doses", b.series.primary_doses},
                                                    {"interval_days", b.series.interval_days}}},
                      {"periods", std::move(periods)},
                      {"region", b.total.code},
                      {"total", TaskRowToJson(b.total)},
                      {"units", std::move(units)}};
}

// {"341881001": 24000, ...}: whole numbers, -1 to remove one.
Result<std::map<std::string, int64_t>> OverridesFromJson(const json::object& o) {
  std::map<std::string, int64_t> out;
  auto* v = o.if_contains("overrides");
  if (!v || v->is_null()) return out;
  if (!v->is_object())
    return Fail(WrongType("overrides", *v, "an object of place codes and targets",
                          "单位代码与任务数的对象"));
  for (const auto& [code, target] : v->as_object()) {
    std::string field = "overrides." + std::string(code);
    if (!target.is_int64()) return Fail(WrongType(field, target, "a whole number", "整数"));
    out[std::string(code)] = target.as_int64();
  }
  return out;
}

}  // namespace

void AddCampaignRoutes(Router& router, CampaignRouteContext ctx) {
  router.Add("GET", "/api/v1/campaigns", ctx.authed([ctx](Request&, const User& u) {
    auto list = ctx.campaigns.List(u);
    if (!list) return ErrorResponse(list.error());
    json::array items;
    for (const auto& c : *list) items.push_back(CampaignToJson(c));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/campaigns", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto in = CampaignFromJson(*body);
    if (!in) return ErrorResponse(in.error());
    auto c = ctx.campaigns.Create(u, *in, ctx.now());
    if (!c) return ctx.denied(u, c.error(), "campaigns");
    return JsonResponse(201, CampaignToJson(*c));
  }));

  router.Add("GET", "/api/v1/campaigns/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto c = ctx.campaigns.Get(u, *id);
    if (!c) return ErrorResponse(c.error());
    return JsonResponse(200, CampaignToJson(*c));
  }));

  router.Add("GET", "/api/v1/campaigns/{id}/progress", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto phase = OptionalInt(r, "phase");
    if (!phase) return ErrorResponse(phase.error());
    std::string region = r.Query("region") ? *r.Query("region") : "";
    const std::string* by = r.Query("by");
    if (by && *by != "region" && *by != "department") {
      return ErrorResponse(
          Error::Invalid("invalid_value", "by", *by, "by is region (the default) or department",
                         "统计口径应为region（按辖区）或department（按行业部门）"));
    }
    bool departments = by && *by == "department";
    auto p = departments ? ctx.campaigns.DepartmentProgress(u, *id, region, *day,
                                                            static_cast<int>(phase->value_or(0)))
                         : ctx.campaigns.Progress(u, *id, region, *day,
                                                  static_cast<int>(phase->value_or(0)));
    if (!p) return ctx.denied(u, p.error(), "campaign:" + r.params["id"]);
    json::array units;
    for (const auto& unit : p->units) units.push_back(UnitToJson(unit));
    return JsonResponse(200, json::object{{"campaign_id", p->campaign.id},
                                          {"phase", PhaseToJson(p->phase)},
                                          {"region", p->total.code},
                                          {"date", p->date.Iso()},
                                          {"by", departments ? "department" : "region"},
                                          {"total", UnitToJson(p->total)},
                                          {"units", std::move(units)}});
  }));
  router.Add("POST", "/api/v1/campaigns/{id}/recount", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto phase = IntMember(*body, "phase");
    if (!phase) return ErrorResponse(phase.error());
    auto done = ctx.campaigns.RecountGroup(u, *id, *phase);
    if (!done) return ctx.denied(u, done.error(), "campaign:" + r.params["id"]);
    return JsonResponse(
        200,
        json::object{{"phase", done->phase}, {"before", done->before}, {"after", done->after}});
  }));
  router.Add("GET", "/api/v1/campaigns/{id}/trend", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto to = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!to) return ErrorResponse(to.error());
    auto days = OptionalInt(r, "days");
    if (!days) return ErrorResponse(days.error());
    auto phase = OptionalInt(r, "phase");
    if (!phase) return ErrorResponse(phase.error());
    std::string region = r.Query("region") ? *r.Query("region") : "";
    auto trend = ctx.campaigns.Trend(u, *id, region, *to, static_cast<int>(days->value_or(30)),
                                     static_cast<int>(phase->value_or(0)));
    if (!trend) return ctx.denied(u, trend.error(), "campaign:" + r.params["id"]);
    json::array items;
    for (const auto& t : *trend) {
      items.push_back(json::object{{"date", t.day.Iso()},
                                   {"counted", t.counted},
                                   {"doses", t.doses},
                                   {"required_daily_rate", t.required_daily_rate}});
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add(
      "GET", "/api/v1/campaigns/{id}/task-book", ctx.authed([ctx](Request& r, const User& u) {
        auto id = IntParam(r.params["id"], "id");
        if (!id) return ErrorResponse(id.error());
        auto phase = OptionalInt(r, "phase");
        if (!phase) return ErrorResponse(phase.error());
        auto version = OptionalInt(r, "version");
        if (!version) return ErrorResponse(version.error());
        std::string by = r.Query("by") && !r.Query("by")->empty() ? *r.Query("by") : "month";
        auto grain = ParsePlanGrain(by);
        if (!grain) {
          return ErrorResponse(Error::Invalid("invalid_value", "by", by, "by is month, week or day",
                                              "分解粒度应为month（月）、week（周）或day（日）"));
        }
        std::string region = r.Query("region") ? *r.Query("region") : "";
        auto book = ctx.campaigns.TaskBookOf(u, *id, region, static_cast<int>(phase->value_or(0)),
                                             static_cast<int>(version->value_or(0)), *grain,
                                             BeijingDay(ctx.now()));
        if (!book) return ctx.denied(u, book.error(), "campaign:" + r.params["id"]);
        if (r.Query("format") && *r.Query("format") == "xlsx") {
          auto bytes = TaskBookToXlsx(*book);
          if (!bytes) return ErrorResponse(bytes.error());
          Response resp{200,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        std::move(*bytes),
                        {}};
          resp.headers.push_back({"Content-Disposition", "attachment; filename=\"task-book-" +
                                                             book->total.code + ".xlsx\""});
          return resp;
        }
        return JsonResponse(200, TaskBookToJson(*book));
      }));

  router.Add("POST", "/api/v1/campaigns/{id}/task-book",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               auto phase = IntMember(*body, "phase");
               if (!phase) return ErrorResponse(phase.error());
               auto overrides = OverridesFromJson(*body);
               if (!overrides) return ErrorResponse(overrides.error());
               std::string note;
               if (auto s = ReadStrings(*body, {{"note", &note}}); !s)
                 return ErrorResponse(s.error());
               auto v = ctx.campaigns.ReviseTaskBook(u, *id, *phase, *overrides, note, ctx.now());
               if (!v) return ctx.denied(u, v.error(), "campaign:" + r.params["id"]);
               json::object targets;
               for (const auto& [code, target] : v->overrides) targets[code] = target;
               return JsonResponse(201, json::object{{"version", v->version},
                                                     {"phase", v->phase},
                                                     {"note", v->note},
                                                     {"created_by", v->created_by_name},
                                                     {"created_at", UtcIso(v->created_at)},
                                                     {"overrides", std::move(targets)}});
             }));
}

}  // namespace fangkong::api
