// Quarantine sites: the county's sites and rooms, occupancy now and ahead,
// beds assigned (never over a room's beds) and check-outs.
#include "api/json.h"
#include "api/outbreak_routes.h"
#include "api/params.h"

namespace fangkong::api {

namespace {

json::object SiteToJson(const QuarantineSite& s) {
  return json::object{
      {"id", s.id},           {"name", s.name},       {"region_code", s.region_code},
      {"address", s.address}, {"reserve", s.reserve}, {"contact", s.contact}};
}

json::object OccupancyToJson(const SiteOccupancy& o) {
  json::array rooms, projected;
  for (const auto& r : o.by_room)
    rooms.push_back(json::object{{"id", r.room.id},
                                 {"building", r.room.building},
                                 {"floor", r.room.floor},
                                 {"number", r.room.number},
                                 {"capacity", r.room.capacity},
                                 {"occupied", r.occupied}});
  for (int n : o.projected) projected.push_back(n);
  return json::object{{"date", o.day.Iso()},
                      {"rooms", o.rooms},
                      {"beds", o.beds},
                      {"occupied", o.occupied},
                      {"free_beds", o.beds - o.occupied},
                      {"free_rooms", o.free_rooms},
                      {"projected", std::move(projected)},
                      {"by_room", std::move(rooms)}};
}

json::object StayToJson(const RoomAssignment& a) {
  return json::object{{"id", a.id},
                      {"site_id", a.site_id},
                      {"room_id", a.room_id},
                      {"person_id", a.person_id},
                      {"measure_id", a.measure_id},
                      {"from", a.from.Iso()},
                      {"until", a.until.Iso()},
                      {"checked_out", DayOrNull(a.checked_out)},
                      {"vehicle", a.vehicle},
                      {"escort", a.escort}};
}

}  // namespace

void AddQuarantineRoutes(Router& router, QuarantineRouteContext ctx) {
  router.Add("GET", "/api/v1/quarantine-sites", ctx.authed([ctx](Request&, const User& u) {
    auto sites = ctx.quarantine.Sites(u, ctx.now());
    if (!sites) return ctx.denied(u, sites.error(), "quarantine-sites");
    json::array items;
    for (const auto& v : *sites) {
      json::object o = SiteToJson(v.site);
      o["occupancy"] = OccupancyToJson(v.occupancy);
      items.push_back(std::move(o));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }));

  router.Add("POST", "/api/v1/quarantine-sites", ctx.authed([ctx](Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    QuarantineSite s;
    std::string reserve;
    if (auto e = ReadStrings(*body, {{"name", &s.name},
                                     {"region_code", &s.region_code},
                                     {"address", &s.address},
                                     {"contact", &s.contact}});
        !e)
      return ErrorResponse(e.error());
    if (auto* v = body->if_contains("reserve"); v && v->is_bool()) s.reserve = v->as_bool();
    auto added = ctx.quarantine.AddSite(u, s);
    if (!added) return ctx.denied(u, added.error(), "quarantine-sites");
    return JsonResponse(201, SiteToJson(*added));
  }));

  router.Add(
      "POST", "/api/v1/quarantine-sites/{id}/rooms", ctx.authed([ctx](Request& r, const User& u) {
        auto id = IntParam(r.params["id"], "id");
        if (!id) return ErrorResponse(id.error());
        auto body = ParseObject(r.body);
        if (!body) return ErrorResponse(body.error());
        std::string building;
        if (auto e = ReadStrings(*body, {{"building", &building}}); !e)
          return ErrorResponse(e.error());
        auto floors = IntMember(*body, "floors");
        if (!floors) return ErrorResponse(floors.error());
        auto per_floor = IntMember(*body, "rooms_per_floor");
        if (!per_floor) return ErrorResponse(per_floor.error());
        auto capacity = IntMember(*body, "capacity");
        if (!capacity) return ErrorResponse(capacity.error());
        auto rooms = ctx.quarantine.AddBuilding(u, *id, building, *floors, *per_floor, *capacity);
        if (!rooms) return ctx.denied(u, rooms.error(), "quarantine-site:" + r.params["id"]);
        return JsonResponse(201, json::object{{"rooms", static_cast<int64_t>(rooms->size())}});
      }));

  router.Add("GET", "/api/v1/quarantine-sites/{id}/occupancy",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto day = DateParam(r, "date", BeijingDay(ctx.now()));
               if (!day) return ErrorResponse(day.error());
               auto v = ctx.quarantine.Occupancy(u, *id, *day, ctx.now());
               if (!v) return ctx.denied(u, v.error(), "quarantine-site:" + r.params["id"]);
               json::object o = SiteToJson(v->site);
               o["occupancy"] = OccupancyToJson(v->occupancy);
               return JsonResponse(200, o);
             }));

  router.Add(
      "POST", "/api/v1/quarantine-sites/{id}/assignments",
      ctx.authed([ctx](Request& r, const User& u) {
        auto id = IntParam(r.params["id"], "id");
        if (!id) return ErrorResponse(id.error());
        auto body = ParseObject(r.body);
        if (!body) return ErrorResponse(body.error());
        AssignBedInput in;
        std::string person, room, measure;
        if (auto e = ReadStrings(*body, {{"person_id", &person},
                                         {"room_id", &room},
                                         {"measure_id", &measure},
                                         {"from", &in.from},
                                         {"until", &in.until},
                                         {"vehicle", &in.vehicle},
                                         {"escort", &in.escort}});
            !e)
          return ErrorResponse(e.error());
        for (auto [text, field, target] : {std::tuple{&person, "person_id", &in.person_id},
                                           std::tuple{&room, "room_id", &in.room_id},
                                           std::tuple{&measure, "measure_id", &in.measure_id}}) {
          if (text->empty()) continue;
          auto v = IntParam(*text, field);
          if (!v) return ErrorResponse(v.error());
          *target = *v;
        }
        auto a = ctx.quarantine.Assign(u, *id, in, ctx.now());
        if (!a) return ctx.denied(u, a.error(), "person:" + person);
        return JsonResponse(201, StayToJson(*a));
      }));

  router.Add("POST", "/api/v1/quarantine-assignments/{id}/check-out",
             ctx.authed([ctx](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto a = ctx.quarantine.CheckOut(u, *id, ctx.now());
               if (!a) return ctx.denied(u, a.error(), "quarantine-assignment:" + r.params["id"]);
               return JsonResponse(200, StayToJson(*a));
             }));
}

}  // namespace fangkong::api
