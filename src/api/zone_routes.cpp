// Zones (三区): the zones on a day with their figures, one zone with its
// history, drawing a zone and changing it from a day on, the people inside
// one (masked, audited), and the households of a place for drawing a
// building.
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"

namespace fangkong::api {

namespace {

json::array PlacesToJson(const std::vector<ZonePlace>& places,
                         const std::vector<std::string>& names) {
  json::array out;
  for (size_t i = 0; i < places.size(); ++i) {
    const auto& p = places[i];
    json::object o{{"code", p.code}, {"name", i < names.size() ? names[i] : p.code}};
    if (p.IsBuilding()) {
      o["building"] = p.building;
      json::array hs;
      for (const auto& h : p.households) hs.push_back(json::string(h));
      o["households"] = std::move(hs);
    }
    out.push_back(std::move(o));
  }
  return out;
}

json::object VersionToJson(const ZoneVersion& v, const std::vector<std::string>& names) {
  return json::object{{"id", v.id},
                      {"from", v.from.Iso()},
                      {"lifted", v.lifted},
                      {"level", ZoneLevelCode(v.level)},
                      {"level_zh", ZoneLevelZh(v.level)},
                      {"places", PlacesToJson(v.places, names)},
                      {"planned_end", v.planned_end.Iso()},
                      {"last_case_on", DayOrNull(v.last_case)},
                      {"note", v.note},
                      {"user_id", v.user_id},
                      {"at", UtcIso(v.at)}};
}

json::object ViewToJson(const ZoneView& v) {
  json::array timeline, measures, overlaps, history;
  for (const auto& s : v.timeline)
    timeline.push_back(json::object{{"level", ZoneLevelCode(AsZoneLevel(s.level))},
                                    {"level_zh", ZoneLevelZh(AsZoneLevel(s.level))},
                                    {"from", s.from.Iso()},
                                    {"until", DayOrNull(s.until)},
                                    {"by_rule", s.by_rule}});
  for (const auto& m : v.measures)
    measures.push_back(
        json::object{{"type", m.type}, {"name_zh", m.name_zh}, {"persons", m.persons}});
  for (const auto& o : v.overlaps)
    overlaps.push_back(json::object{{"zone_id", o.zone_id},
                                    {"name", o.name},
                                    {"level", ZoneLevelCode(o.level)},
                                    {"persons", o.persons},
                                    {"governed_by", o.governed_by},
                                    {"notice", o.notice},
                                    {"notice_zh", o.notice_zh}});
  for (const auto& h : v.history) history.push_back(VersionToJson(h, {}));
  json::object out{{"id", v.zone.id},
                   {"name", v.zone.name},
                   {"region_code", v.zone.region_code},
                   {"state", ZoneStateCode(v.state)},
                   {"level", ZoneLevelCode(v.level)},
                   {"level_zh", ZoneLevelZh(v.level)},
                   {"next_on", DayOrNull(v.next_on)},
                   {"next_level", v.next_level ? json::value(ZoneLevelCode(*v.next_level))
                                               : json::value(nullptr)},
                   {"past_planned_end", v.past_planned_end},
                   {"population", v.population},
                   {"governed", v.governed},
                   {"measures", std::move(measures)},
                   {"overlaps", std::move(overlaps)},
                   {"timeline", std::move(timeline)}};
  out["version"] =
      v.version ? json::value(VersionToJson(*v.version, v.place_names)) : json::value(nullptr);
  if (!v.history.empty()) out["history"] = std::move(history);
  return out;
}

Result<std::vector<ZonePlace>> PlacesFromJson(const json::value& v) {
  auto bad = [](const std::string& field, const char* why, const char* why_zh) {
    return Fail(Error::Invalid("invalid_places", field, "", why, why_zh));
  };
  if (!v.is_array()) return bad("places", "places is an array", "区域范围应为列表");
  std::vector<ZonePlace> out;
  for (size_t i = 0; i < v.as_array().size(); ++i) {
    const auto& e = v.as_array()[i];
    std::string field = "places[" + std::to_string(i) + "]";
    ZonePlace p;
    if (e.is_string()) {
      p.code = std::string(e.as_string());
    } else if (e.is_object()) {
      const auto& o = e.as_object();
      std::string households_text;
      if (auto s = ReadStrings(o, {{"code", &p.code}, {"building", &p.building}}); !s)
        return Fail(s.error());
      if (const auto* hs = o.if_contains("households")) {
        if (!hs->is_array())
          return bad(field + ".households", "households is an array", "户号应为列表");
        for (const auto& h : hs->as_array()) {
          if (h.is_string())
            p.households.emplace_back(h.as_string());
          else if (h.is_int64())
            p.households.push_back(std::to_string(h.as_int64()));
          else
            return bad(field + ".households", "a household is a text", "户号应为文本");
        }
      }
    } else {
      return bad(field, "a place is a code or {code, building, households}", "地点应为代码或楼栋");
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

void AddZoneRoutes(Router& router, ZoneRouteContext ctx) {
  router.Add("GET", "/api/v1/zones", ctx.authed([ctx](Request& r, const User& u) {
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto list = ctx.zones.OnDay(u, *day, Truthy(r.Query("all")));
    if (!list) return ctx.denied(u, list.error(), "zones");
    json::array items;
    int64_t counts[3] = {0, 0, 0};
    for (const auto& v : *list) {
      if (v.state == ZoneState::kInForce) ++counts[static_cast<int>(v.level)];
      items.push_back(ViewToJson(v));
    }
    return JsonResponse(200, json::object{{"date", day->Iso()},
                                          {"lockdown", counts[2]},
                                          {"control", counts[1]},
                                          {"prevention", counts[0]},
                                          {"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/zones", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    ZoneInput in;
    if (auto s = ReadStrings(*body, {{"name", &in.name},
                                     {"level", &in.level},
                                     {"from", &in.from},
                                     {"planned_end", &in.planned_end},
                                     {"last_case_on", &in.last_case_on},
                                     {"note", &in.note}});
        !s)
      return ErrorResponse(s.error());
    if (const auto* places = body->if_contains("places")) {
      auto parsed = PlacesFromJson(*places);
      if (!parsed) return ErrorResponse(parsed.error());
      in.places = std::move(*parsed);
    }
    auto v = ctx.zones.Draw(u, in, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "zones");
    return JsonResponse(201, ViewToJson(*v));
  }));

  router.Add("GET", "/api/v1/zones/households", ctx.authed([ctx](Request& r, const User& u) {
    const std::string* code = r.Query("code");
    auto list = ctx.zones.Households(u, code ? *code : "");
    if (!list) return ctx.denied(u, list.error(), "zones");
    json::array items;
    for (const auto& h : *list) items.push_back(json::string(h));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/zones/{id}", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto v = ctx.zones.Detail(u, *id, *day);
    if (!v) return ctx.denied(u, v.error(), "zone:" + r.params["id"]);
    return JsonResponse(200, ViewToJson(*v));
  }));

  router.Add("POST", "/api/v1/zones/{id}/versions", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    ZoneChangeInput in;
    if (auto s = ReadStrings(*body, {{"from", &in.from}, {"note", &in.note}}); !s)
      return ErrorResponse(s.error());
    for (auto [name, target] : {std::pair{"level", &in.level},
                                {"planned_end", &in.planned_end},
                                {"last_case_on", &in.last_case_on}}) {
      auto f = StringField(*body, name);
      if (!f) return ErrorResponse(f.error());
      *target = *f;
    }
    if (const auto* lift = body->if_contains("lift")) in.lift = lift->is_bool() && lift->as_bool();
    if (const auto* places = body->if_contains("places")) {
      auto parsed = PlacesFromJson(*places);
      if (!parsed) return ErrorResponse(parsed.error());
      in.places = std::move(*parsed);
    }
    auto v = ctx.zones.Change(u, *id, in, ctx.now());
    if (!v) return ctx.denied(u, v.error(), "zone:" + r.params["id"]);
    return JsonResponse(201, ViewToJson(*v));
  }));

  router.Add("GET", "/api/v1/zones/{id}/persons", ctx.authed([ctx](Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto offset = OptionalInt(r, "offset");
    if (!offset) return ErrorResponse(offset.error());
    auto limit = OptionalInt(r, "limit");
    if (!limit) return ErrorResponse(limit.error());
    const std::string* measure = r.Query("measure");
    auto page = ctx.zones.People(u, *id, *day, measure ? *measure : "", offset->value_or(0),
                                 std::clamp<int64_t>(limit->value_or(50), 1, 500));
    if (!page) return ctx.denied(u, page.error(), "zone:" + r.params["id"]);
    json::array items;
    for (const auto& l : page->lines)
      items.push_back(json::object{{"id", l.person.id},
                                   {"name", l.person.name},
                                   {"id_number", l.person.id_number},
                                   {"phone", l.person.phone},
                                   {"region_code", l.person.region_code},
                                   {"household", l.person.household},
                                   {"measure", l.measure_type},
                                   {"measure_zh", l.measure_name_zh},
                                   {"governed_by", l.governed_by}});
    ctx.audit(u, "zone.persons", "zone:" + r.params["id"], static_cast<int64_t>(items.size()));
    return JsonResponse(200, json::object{{"total", page->total}, {"items", std::move(items)}});
  }));
}

}  // namespace fangkong::api
