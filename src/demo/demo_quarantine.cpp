#include "demo/demo_quarantine.h"

#include <array>

namespace fangkong {

Result<int64_t> AddDemoQuarantine(QuarantineRepository& repo, const std::string& county,
                                  const std::vector<Measure>& central, int64_t by) {
  QuarantineSite hotel{0,     "宁国国际大酒店集中隔离点", county, "宁国市宁阳西路88号",
                       false, "隔离点负责人 0563-4012345"};
  auto hotel_id = repo.InsertSite(hotel);
  if (!hotel_id) return Fail(hotel_id.error());
  for (const char* building : {"1号楼", "2号楼"}) {
    auto rooms = RoomsOfBuilding(*hotel_id, building, 5, 20, 1);
    if (!rooms) return Fail(rooms.error());
    if (auto s = repo.InsertRooms(*rooms); !s) return Fail(s.error());
  }
  QuarantineSite reserve{0, "宁国市职业技术学校储备隔离点", county, "宁国市津河路2号", true, ""};
  auto reserve_id = repo.InsertSite(reserve);
  if (!reserve_id) return Fail(reserve_id.error());
  auto reserve_rooms = RoomsOfBuilding(*reserve_id, "学生公寓", 4, 25, 2);
  if (!reserve_rooms) return Fail(reserve_rooms.error());
  if (auto s = repo.InsertRooms(*reserve_rooms); !s) return Fail(s.error());

  auto rooms = repo.RoomsOf(*hotel_id);
  if (!rooms) return Fail(rooms.error());
  const std::array<const char*, 4> escorts{"王医生", "李护士", "陈民警", "刘司机"};
  int64_t placed = 0;
  for (size_t i = 0; i < central.size() && i < rooms->size(); ++i) {
    const Measure& m = central[i];
    RoomAssignment a;
    a.site_id = *hotel_id;
    a.room_id = (*rooms)[i].id;
    a.person_id = m.person_id;
    a.measure_id = m.id;
    a.from = m.start;
    a.until = m.end;
    a.vehicle = "皖P·" + std::to_string(3200 + i % 6) + "转运";
    a.escort = escorts[i % escorts.size()];
    a.picked_up_at = m.assigned_at + 3600;
    a.arrived_at = m.assigned_at + 3600 * 2;
    a.by = by;
    a.at = m.assigned_at + 3600 * 2;
    if (auto id = repo.AssignBed(a); !id) return Fail(id.error());
    ++placed;
  }
  return placed;
}

}  // namespace fangkong
