#include "demo/demo_quarantine.h"

#include <algorithm>
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

Result<int64_t> AddDemoQuarantineStaff(QuarantineRepository& sites,
                                       QuarantineStaffRepository& staff, int64_t by, int64_t now) {
  auto all = sites.Sites();
  if (!all) return Fail(all.error());
  auto hotel =
      std::find_if(all->begin(), all->end(), [](const QuarantineSite& s) { return !s.reserve; });
  if (hotel == all->end()) return 0;
  // Synthetic names: surname and given name drawn in turn.
  static constexpr std::array<const char*, 8> kSurnames{"汪", "胡", "方", "程",
                                                        "吴", "鲍", "叶", "曹"};
  static constexpr std::array<const char*, 7> kGiven{"丽华", "建国", "晓燕", "志强",
                                                     "春梅", "海涛", "静"};
  static constexpr std::array<QuarantineDuty, 24> kDuties{
      QuarantineDuty::kMedical,    QuarantineDuty::kMedical,    QuarantineDuty::kMedical,
      QuarantineDuty::kMedical,    QuarantineDuty::kMedical,    QuarantineDuty::kMedical,
      QuarantineDuty::kMedical,    QuarantineDuty::kMedical,    QuarantineDuty::kSecurity,
      QuarantineDuty::kSecurity,   QuarantineDuty::kSecurity,   QuarantineDuty::kSecurity,
      QuarantineDuty::kCleaning,   QuarantineDuty::kCleaning,   QuarantineDuty::kCleaning,
      QuarantineDuty::kCleaning,   QuarantineDuty::kLogistics,  QuarantineDuty::kLogistics,
      QuarantineDuty::kLogistics,  QuarantineDuty::kLogistics,  QuarantineDuty::kManagement,
      QuarantineDuty::kManagement, QuarantineDuty::kManagement, QuarantineDuty::kMedical};
  Date today = BeijingDay(now);
  int64_t added = 0;
  for (size_t i = 0; i < kDuties.size(); ++i) {
    QuarantineStaff p;
    p.site_id = hotel->id;
    p.name = std::string(kSurnames[i % kSurnames.size()]) + kGiven[(i * 3) % kGiven.size()];
    p.phone = "1395630" + std::to_string(1000 + i * 37);
    p.duty = kDuties[i];
    p.from = today.AddDays(-10 + static_cast<int>(i % 4));
    p.test_every_days = p.duty == QuarantineDuty::kManagement ? 2 : 1;
    auto id = staff.InsertStaff(p);
    if (!id) return Fail(id.error());
    p.id = *id;
    ++added;
    for (int back = 6; back >= 0; --back) {
      Date day = today.AddDays(-back);
      if (!TestDue(p, day)) continue;
      // A missed test now and then; today's round reaches two in three.
      bool missed = back == 0 ? i % 3 == 2 : (i * 7 + static_cast<size_t>(back)) % 19 == 0;
      if (missed) continue;
      StaffTest t;
      t.staff_id = p.id;
      t.site_id = p.site_id;
      t.day = day;
      t.result = back == 0 && i % 3 == 1 ? StaffTestResult::kPending : StaffTestResult::kNegative;
      t.recorded_at = now - back * 86400 - 3600;
      t.recorded_by = by;
      if (auto r = staff.InsertStaffTest(t); !r) return Fail(r.error());
    }
  }
  return added;
}

}  // namespace fangkong
