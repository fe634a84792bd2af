// Centralised quarantine sites (集中隔离点): sites with buildings, floors and
// rooms, each room with its beds; reserve sites kept ready; who is in which
// room from when to when, with the closed-loop transfer (闭环转运) that brought
// them. Occupancy on any day, and projected from the planned ends, is
// computed from the assignments. Everything here is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

struct QuarantineSite {
  int64_t id = 0;
  std::string name;
  std::string region_code;  // the place it lies in (a township or the county)
  std::string address;
  bool reserve = false;  // 储备隔离点: kept ready, not in use
  std::string contact;
};
Status CheckQuarantineSite(const QuarantineSite& s);

struct Room {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string building;  // 1号楼
  int floor = 0;
  std::string number;  // 301
  int capacity = 1;    // beds
};

// The rooms of a building laid out floor by floor: numbers floor × 100 + 1..n
// (301, 302, ...). Floors 1-60, 1-80 rooms a floor, 1-4 beds a room.
Result<std::vector<Room>> RoomsOfBuilding(int64_t site_id, const std::string& building, int floors,
                                          int rooms_per_floor, int capacity);

struct RoomAssignment {
  int64_t id = 0;
  int64_t site_id = 0;
  int64_t room_id = 0;
  int64_t person_id = 0;
  int64_t measure_id = 0;  // the measure it serves; 0: none given
  Date from;               // the day of arrival
  Date until;              // the planned last night
  std::optional<Date> checked_out;
  // The closed-loop transfer: vehicle, escort, when picked up and arrived.
  std::string vehicle, escort;
  int64_t picked_up_at = 0, arrived_at = 0;
  int64_t by = 0, at = 0;
};

// A stay from `from` to `until`: within a week of today, 1-60 nights.
Status CheckStay(Date from, Date until, Date today);
// Whether `a` holds a bed on `day`: arrived by then, not checked out by
// then, and (for a day after today) not past its planned end.
bool Occupies(const RoomAssignment& a, Date day, Date today);
// Whether `a` could hold a bed on some day of [from, until] (the capacity
// check: a room takes a new stay only if the stays it overlaps leave a bed).
bool Overlaps(const RoomAssignment& a, Date from, Date until);

// The rooms a stay of [from, until] could take, in layout order: those the
// stays (a snapshot) leave a bed in. AssignBed decides under the room's
// lock; this spares it the rooms known full.
std::vector<Room> RoomsWithBeds(const std::vector<Room>& rooms,
                             const std::vector<RoomAssignment>& stays, Date from, Date until);

struct RoomOccupancy {
  Room room;
  int occupied = 0;
};
struct SiteOccupancy {
  Date day;
  int rooms = 0, beds = 0, occupied = 0, free_rooms = 0;
  std::vector<RoomOccupancy> by_room;
  std::vector<int> projected;  // beds occupied on day + 1, + 2, ... (from the planned ends)
};
SiteOccupancy OccupancyOn(const std::vector<Room>& rooms,
                          const std::vector<RoomAssignment>& assignments, Date day, Date today,
                          int projected_days);

}  // namespace fangkong
