// The storage quarantine sites need (store/quarantine_store.cpp implements it
// on both engines). Thread-safe; every method returns an Error of kind
// kInternal when the database fails.
#pragma once

#include <optional>
#include <vector>

#include "quarantine/quarantine_site.h"
#include "quarantine/quarantine_staff.h"

namespace fangkong {

class QuarantineRepository {
 public:
  virtual ~QuarantineRepository() = default;
  virtual Result<int64_t> InsertSite(const QuarantineSite& s) = 0;
  virtual Result<std::optional<QuarantineSite>> FindSite(int64_t id) = 0;
  // The sites in the subtree of `region` (and those above it, which serve it).
  virtual Result<std::vector<QuarantineSite>> Sites() = 0;
  // 409 duplicate_room when a room of that building and number exists.
  virtual Status InsertRooms(const std::vector<Room>& rooms) = 0;
  virtual Result<std::vector<Room>> RoomsOf(int64_t site_id) = 0;
  virtual Result<std::vector<RoomAssignment>> AssignmentsOf(int64_t site_id) = 0;
  // Takes a bed: in one transaction, the room locked, the stays it overlaps
  // counted against its beds; 409 room_full when none is left, whatever
  // else is assigned at the same moment; 409 already_in_room when the
  // person has a bed for some of these days.
  virtual Result<int64_t> AssignBed(const RoomAssignment& a) = 0;
  virtual Result<std::optional<RoomAssignment>> FindAssignment(int64_t id) = 0;
  virtual Status CheckOut(int64_t id, Date on) = 0;
};

// The sites' staff and their tests (store/quarantine_staff_store.cpp).
class QuarantineStaffRepository {
 public:
  virtual ~QuarantineStaffRepository() = default;
  virtual Result<int64_t> InsertStaff(const QuarantineStaff& s) = 0;
  virtual Result<std::optional<QuarantineStaff>> FindStaff(int64_t id) = 0;
  virtual Result<std::vector<QuarantineStaff>> StaffOf(int64_t site_id) = 0;
  // 409 staff_tested when the person has a test of that day.
  virtual Result<int64_t> InsertStaffTest(const StaffTest& t) = 0;
  // The result of a sample taken that day and still pending: its id, or 0
  // when there is no pending one.
  virtual Result<int64_t> SetStaffTestResult(const StaffTest& t) = 0;
  // The site's tests of the days [from, until].
  virtual Result<std::vector<StaffTest>> StaffTestsOf(int64_t site_id, Date from, Date until) = 0;
};

}  // namespace fangkong
