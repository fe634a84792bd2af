#include "quarantine/quarantine_site.h"

#include <map>

#include "core/text.h"

namespace fangkong {

Status CheckQuarantineSite(const QuarantineSite& s) {
  size_t chars = Utf8Length(s.name);
  if (chars < 2 || chars > 60) {
    return Fail(Error::Invalid("invalid_name", "name", s.name, "a name of 2 to 60 characters",
                               "隔离点名称应为2至60个字"));
  }
  return {};
}

Result<std::vector<Room>> RoomsOfBuilding(int64_t site_id, const std::string& building, int floors,
                                          int rooms_per_floor, int capacity) {
  if (building.empty() || Utf8Length(building) > 20) {
    return Fail(Error::Invalid("invalid_building", "building", building,
                               "a building name of 1 to 20 characters", "楼栋名称应为1至20个字"));
  }
  if (floors < 1 || floors > 60) {
    return Fail(Error::Invalid("invalid_floors", "floors", std::to_string(floors), "1 to 60 floors",
                               "楼层数应为1至60"));
  }
  if (rooms_per_floor < 1 || rooms_per_floor > 80) {
    return Fail(Error::Invalid("invalid_rooms", "rooms_per_floor", std::to_string(rooms_per_floor),
                               "1 to 80 rooms a floor", "每层房间数应为1至80"));
  }
  if (capacity < 1 || capacity > 4) {
    return Fail(Error::Invalid("invalid_capacity", "capacity", std::to_string(capacity),
                               "1 to 4 beds a room", "每间床位数应为1至4"));
  }
  std::vector<Room> out;
  for (int f = 1; f <= floors; ++f)
    for (int r = 1; r <= rooms_per_floor; ++r)
      out.push_back(Room{0, site_id, building, f, std::to_string(f * 100 + r), capacity});
  return out;
}

Status CheckStay(Date from, Date until, Date today) {
  if (from < today.AddDays(-7) || from > today.AddDays(7)) {
    return Fail(Error::Invalid("invalid_date", "from", from.Iso(),
                               "an arrival within a week of today", "入住日期应在今天前后7天之内"));
  }
  if (until < from || until > from.AddDays(60)) {
    return Fail(Error::Invalid("invalid_date", "until", until.Iso(),
                               "a planned end on or after the arrival, at most 60 days on",
                               "计划解除日期应不早于入住日期，且不超过60天"));
  }
  return {};
}

bool Occupies(const RoomAssignment& a, Date day, Date today) {
  if (day < a.from) return false;
  if (a.checked_out && *a.checked_out <= day) return false;
  return day <= today || day <= a.until;
}

bool Overlaps(const RoomAssignment& a, Date from, Date until) {
  if (a.checked_out && *a.checked_out <= from) return false;
  return a.from <= until && a.until >= from;
}

std::vector<Room> RoomsWithBeds(const std::vector<Room>& rooms,
                                const std::vector<RoomAssignment>& stays, Date from, Date until) {
  std::map<int64_t, int> taken;
  for (const auto& a : stays)
    if (Overlaps(a, from, until)) ++taken[a.room_id];
  std::vector<Room> free;
  for (const auto& r : rooms)
    if (taken[r.id] < r.capacity) free.push_back(r);
  return free;
}

SiteOccupancy OccupancyOn(const std::vector<Room>& rooms,
                          const std::vector<RoomAssignment>& assignments, Date day, Date today,
                          int projected_days) {
  SiteOccupancy o;
  o.day = day;
  std::map<int64_t, int> in_room;
  for (const auto& a : assignments)
    if (Occupies(a, day, today)) ++in_room[a.room_id];
  for (const auto& r : rooms) {
    int n = in_room.count(r.id) ? in_room[r.id] : 0;
    ++o.rooms;
    o.beds += r.capacity;
    o.occupied += n;
    o.free_rooms += n == 0;
    o.by_room.push_back(RoomOccupancy{r, n});
  }
  for (int d = 1; d <= projected_days; ++d) {
    int n = 0;
    for (const auto& a : assignments) n += Occupies(a, day.AddDays(d), today);
    o.projected.push_back(n);
  }
  return o;
}

}  // namespace fangkong
