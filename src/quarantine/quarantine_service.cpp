#include "quarantine/quarantine_service.h"

#include <algorithm>

#include "core/day_field.h"

namespace fangkong {

namespace {

Status CheckCounty(const User& u) {
  if (u.role == Role::kCountyAdmin) return {};
  return Fail(
      Error::Forbidden("only the county sets quarantine sites", "只有县级管理员可以设置隔离点"));
}

// A site serves its county: a user sees and uses those of their own county.
bool SameCounty(const User& u, const std::string& region) {
  return u.region_code.size() >= 6 && region.size() >= 6 &&
         u.region_code.compare(0, 6, region, 0, 6) == 0;
}

}  // namespace

Status CheckMayRunQuarantine(const User& u) {
  if (u.role == Role::kCountyAdmin || u.role == Role::kTownshipOfficer) return {};
  return Fail(Error::Forbidden("only the county and townships run quarantine sites",
                               "只有县级和乡镇（街道）可以安排隔离点工作"));
}

Status CheckMayReadQuarantine(const User& u) {
  if (u.role == Role::kCountyAdmin || u.role == Role::kTownshipOfficer || u.role == Role::kLeader)
    return {};
  return Fail(Error::Forbidden("your role may not see quarantine sites", "您的角色不能查看隔离点"));
}

QuarantineService::QuarantineService(RegistryService& registry, QuarantineRepository& repo)
    : registry_(registry), repo_(repo) {}

Result<QuarantineSite> QuarantineService::AddSite(const User& u, QuarantineSite s) {
  if (auto c = CheckCounty(u); !c) return Fail(c.error());
  if (s.region_code.empty()) s.region_code = u.region_code;
  if (auto c = CheckJurisdiction(u, s.region_code); !c) return Fail(c.error());
  if (auto c = CheckQuarantineSite(s); !c) return Fail(c.error());
  auto id = repo_.InsertSite(s);
  if (!id) return Fail(id.error());
  s.id = *id;
  return s;
}

Result<QuarantineSite> QuarantineService::SiteOf(const User& u, int64_t site_id) {
  auto s = repo_.FindSite(site_id);
  if (!s) return Fail(s.error());
  if (!*s || !SameCounty(u, (*s)->region_code))
    return Fail(Error::NotFound("quarantine site", std::to_string(site_id)));
  return std::move(**s);
}

Result<std::vector<Room>> QuarantineService::AddBuilding(const User& u, int64_t site_id,
                                                         const std::string& building, int floors,
                                                         int rooms_per_floor, int capacity) {
  if (auto c = CheckCounty(u); !c) return Fail(c.error());
  auto site = SiteOf(u, site_id);
  if (!site) return Fail(site.error());
  auto rooms = RoomsOfBuilding(site_id, building, floors, rooms_per_floor, capacity);
  if (!rooms) return Fail(rooms.error());
  if (auto s = repo_.InsertRooms(*rooms); !s) return Fail(s.error());
  return rooms;
}

Result<QuarantineSite> QuarantineService::Site(const User& u, int64_t site_id) {
  if (auto c = CheckMayReadQuarantine(u); !c) return Fail(c.error());
  return SiteOf(u, site_id);
}

Result<std::vector<QuarantineSite>> QuarantineService::SitesOfCounty(const User& u) {
  if (auto c = CheckMayReadQuarantine(u); !c) return Fail(c.error());
  auto sites = repo_.Sites();
  if (!sites) return Fail(sites.error());
  std::vector<QuarantineSite> out;
  for (auto& s : *sites)
    if (SameCounty(u, s.region_code)) out.push_back(std::move(s));
  return out;
}

Result<std::vector<SiteView>> QuarantineService::Sites(const User& u, int64_t now) {
  if (auto c = CheckMayReadQuarantine(u); !c) return Fail(c.error());
  auto sites = repo_.Sites();
  if (!sites) return Fail(sites.error());
  std::vector<SiteView> out;
  for (auto& s : *sites) {
    if (!SameCounty(u, s.region_code)) continue;
    auto v = ViewOf(std::move(s), BeijingDay(now), now);
    if (!v) return Fail(v.error());
    v->occupancy.by_room.clear();  // the list shows the totals
    out.push_back(std::move(*v));
  }
  return out;
}

Result<SiteView> QuarantineService::Occupancy(const User& u, int64_t site_id, Date day,
                                              int64_t now) {
  if (auto c = CheckMayReadQuarantine(u); !c) return Fail(c.error());
  auto site = SiteOf(u, site_id);
  if (!site) return Fail(site.error());
  return ViewOf(std::move(*site), day, now);
}

Result<SiteView> QuarantineService::ViewOf(QuarantineSite site, Date day, int64_t now) {
  auto rooms = repo_.RoomsOf(site.id);
  if (!rooms) return Fail(rooms.error());
  auto stays = repo_.AssignmentsOf(site.id);
  if (!stays) return Fail(stays.error());
  return SiteView{std::move(site), OccupancyOn(*rooms, *stays, day, BeijingDay(now), 7)};
}

Result<RoomAssignment> QuarantineService::Assign(const User& u, int64_t site_id,
                                                 const AssignBedInput& in, int64_t now) {
  if (auto c = CheckMayRunQuarantine(u); !c) return Fail(c.error());
  auto site = SiteOf(u, site_id);
  if (!site) return Fail(site.error());
  if (site->reserve) {
    return Fail(Error::Conflict("reserve_site", "site_id", std::to_string(site_id),
                                "a reserve site takes nobody until it is opened",
                                "储备隔离点尚未启用，不能安排入住"));
  }
  auto person = registry_.GetPerson(u, in.person_id);
  if (!person) return Fail(person.error());
  Date today = BeijingDay(now);
  auto from = DayFieldOr(in.from, "from", today);
  if (!from) return Fail(from.error());
  auto until = DayFieldOr(in.until, "until", from->AddDays(6));
  if (!until) return Fail(until.error());
  if (auto s = CheckStay(*from, *until, today); !s) return Fail(s.error());
  auto all_rooms = repo_.RoomsOf(site_id);
  if (!all_rooms) return Fail(all_rooms.error());
  if (in.room_id && std::none_of(all_rooms->begin(), all_rooms->end(),
                                 [&](const Room& r) { return r.id == in.room_id; })) {
    return Fail(Error::NotFound("room", std::to_string(in.room_id)));
  }
  RoomAssignment a;
  a.site_id = site_id;
  a.person_id = person->id;
  a.measure_id = in.measure_id;
  a.from = *from;
  a.until = *until;
  a.vehicle = in.vehicle;
  a.escort = in.escort;
  a.picked_up_at = in.picked_up_at;
  a.arrived_at = in.arrived_at;
  a.by = u.id;
  a.at = now;
  // The room asked for, or each room the stays leave a bed in until one
  // takes the person. Others may take those beds meanwhile: then the stays
  // are read again, and only when they leave no bed is the site full.
  // Trying the rooms known full too would cost every refused request a
  // locked transaction per room (bench/RESULTS.md: 8 s for 200 at once on
  // PostgreSQL).
  Error last = Error::Conflict("room_full", "site_id", std::to_string(site_id),
                               "every room of the site is full for these days",
                               "该隔离点这段时间已无空余床位");
  for (int round = 0; round < 3; ++round) {
    auto stays = repo_.AssignmentsOf(site_id);
    if (!stays) return Fail(stays.error());
    auto rooms = RoomsWithBeds(*all_rooms, *stays, *from, *until);
    if (in.room_id) {
      std::erase_if(rooms, [&](const Room& r) { return r.id != in.room_id; });
      if (rooms.empty()) rooms.push_back(Room{in.room_id, site_id, "", 0, "", 1});
    }
    if (rooms.empty()) break;
    // Each request starts at a room of its own (by the person), so many at
    // once spread over the free rooms instead of queueing on the first.
    std::rotate(rooms.begin(),
                rooms.begin() + static_cast<std::ptrdiff_t>(
                                    static_cast<uint64_t>(person->id) % rooms.size()),
                rooms.end());
    for (const auto& r : rooms) {
      a.room_id = r.id;
      auto id = repo_.AssignBed(a);
      if (id) {
        a.id = *id;
        return a;
      }
      if (id.error().code != "room_full") return Fail(id.error());
      last = id.error();
    }
    if (in.room_id) break;
  }
  return Fail(last);
}

Result<RoomAssignment> QuarantineService::CheckOut(const User& u, int64_t assignment_id,
                                                   int64_t now) {
  if (auto c = CheckMayRunQuarantine(u); !c) return Fail(c.error());
  auto a = repo_.FindAssignment(assignment_id);
  if (!a) return Fail(a.error());
  if (!*a) return Fail(Error::NotFound("room assignment", std::to_string(assignment_id)));
  auto site = SiteOf(u, (*a)->site_id);
  if (!site) return Fail(site.error());
  if (auto p = registry_.GetPerson(u, (*a)->person_id); !p) return Fail(p.error());
  if ((*a)->checked_out) {
    return Fail(Error::Conflict("checked_out", "assignment_id", std::to_string(assignment_id),
                                "already checked out", "已办理离开"));
  }
  Date today = BeijingDay(now);
  if (auto s = repo_.CheckOut(assignment_id, today); !s) return Fail(s.error());
  (*a)->checked_out = today;
  return std::move(**a);
}

}  // namespace fangkong
