// The quarantine sites' storage, written once for both engines (store/db.h).
#include "quarantine/repository.h"
#include "store/quarantine_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

QuarantineSite ReadSite(const Row& r) {
  return QuarantineSite{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0, r.Text(5)};
}

Room ReadRoom(const Row& r) {
  return Room{r.Int(0),  r.Int(1),
              r.Text(2), static_cast<int>(r.Int(3)),
              r.Text(4), static_cast<int>(r.Int(5))};
}

RoomAssignment ReadStay(const Row& r) {  // FK_STAY_COLUMNS
  RoomAssignment a;
  a.id = r.Int(0);
  a.site_id = r.Int(1);
  a.room_id = r.Int(2);
  a.person_id = r.Int(3);
  a.measure_id = r.Int(4);
  a.from = Date::Parse(r.Text(5)).value_or(Date());
  a.until = Date::Parse(r.Text(6)).value_or(Date());
  if (auto out = Date::Parse(r.Text(7))) a.checked_out = *out;
  a.vehicle = r.Text(8);
  a.escort = r.Text(9);
  a.picked_up_at = r.Int(10);
  a.arrived_at = r.Int(11);
  a.by = r.Int(12);
  a.at = r.Int(13);
  return a;
}

class QuarantineStore final : public QuarantineRepository {
 public:
  explicit QuarantineStore(db::Database& db) : db_(db) {}

  Result<int64_t> InsertSite(const QuarantineSite& s) override {
    return db::Insert(db_, sql::kInsertQuarantineSite, s.name, s.region_code, s.address,
                      s.reserve ? 1 : 0, s.contact);
  }

  Result<std::optional<QuarantineSite>> FindSite(int64_t id) override {
    return db::One(db_, sql::kFindQuarantineSite, ReadSite, id);
  }

  Result<std::vector<QuarantineSite>> Sites() override {
    return db::All(db_, sql::kQuarantineSites, ReadSite);
  }

  Status InsertRooms(const std::vector<Room>& rooms) override {
    return db_.Write([&](Connection& c) -> Status {
      for (const auto& r : rooms) {
        auto done =
            db::Exec(c, sql::kInsertRoom, r.site_id, r.building, r.floor, r.number, r.capacity);
        if (!done) {
          return Fail(db::UniqueAs(
              done.error(), Error::Conflict("duplicate_room", "building", r.building,
                                            "room " + r.number + " of " + r.building + " exists",
                                            r.building + r.number + "房间已存在")));
        }
      }
      return {};
    });
  }

  Result<std::vector<Room>> RoomsOf(int64_t site_id) override {
    return db::All(db_, sql::kRoomsOf, ReadRoom, site_id);
  }

  Result<std::vector<RoomAssignment>> AssignmentsOf(int64_t site_id) override {
    return db::All(db_, sql::kStaysOf, ReadStay, site_id);
  }

  Result<int64_t> AssignBed(const RoomAssignment& a) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto capacity = db::Count(c, sql::kLockRoom, a.room_id);
      if (!capacity) return Fail(capacity.error());
      auto taken = db::Count(c, sql::kOverlappingStays, a.room_id, a.from.Iso(), a.until.Iso());
      if (!taken) return Fail(taken.error());
      auto own =
          db::Count(c, sql::kStaysOfPersonOverlapping, a.person_id, a.from.Iso(), a.until.Iso());
      if (!own) return Fail(own.error());
      if (*own > 0) {
        return Fail(Error::Conflict("already_in_room", "person_id", std::to_string(a.person_id),
                                    "the person has a room for these days already",
                                    "该人员这段时间已安排隔离房间"));
      }
      if (*taken >= *capacity) {
        return Fail(Error::Conflict(
            "room_full", "room_id", std::to_string(a.room_id),
            "the room's " + std::to_string(*capacity) + " beds are taken for these days",
            "该房间" + std::to_string(*capacity) + "张床位在这段时间已满"));
      }
      return db::Insert(c, sql::kInsertStay, a.site_id, a.room_id, a.person_id, a.measure_id,
                        a.from.Iso(), a.until.Iso(), a.vehicle, a.escort, a.picked_up_at,
                        a.arrived_at, a.by, a.at);
    });
  }

  Result<std::optional<RoomAssignment>> FindAssignment(int64_t id) override {
    return db::One(db_, sql::kFindStay, ReadStay, id);
  }

  Status CheckOut(int64_t id, Date on) override {
    return db::ChangedSome(db::Exec(db_, sql::kCheckOutStay, id, on.Iso()),
                           Error::Conflict("checked_out", "assignment_id", std::to_string(id),
                                           "already checked out", "已办理离开"));
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<QuarantineRepository> NewQuarantineStore(db::Database& db) {
  return std::make_unique<QuarantineStore>(db);
}

}  // namespace fangkong
