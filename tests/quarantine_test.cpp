// The quarantine site rules (quarantine/quarantine_site.h), by table.
#include <gtest/gtest.h>

#include "quarantine/quarantine_site.h"

namespace fangkong {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

RoomAssignment Stay(int64_t room, const char* from, const char* until,
                    std::optional<const char*> out = std::nullopt) {
  RoomAssignment a;
  a.room_id = room;
  a.from = D(from);
  a.until = D(until);
  if (out) a.checked_out = D(*out);
  return a;
}

TEST(QuarantineRules, ABuildingIsLaidOutFloorByFloor) {
  auto rooms = RoomsOfBuilding(1, "1号楼", 3, 2, 1);
  ASSERT_TRUE(rooms);
  ASSERT_EQ(rooms->size(), 6u);
  EXPECT_EQ(rooms->front().number, "101");
  EXPECT_EQ(rooms->back().number, "302");
  EXPECT_EQ(rooms->back().floor, 3);
  struct Row {
    const char* building;
    int floors, per_floor, capacity;
    std::string field;
  } rows[] = {{"", 1, 1, 1, "building"},          {"A", 0, 1, 1, "floors"},
              {"A", 61, 1, 1, "floors"},          {"A", 1, 0, 1, "rooms_per_floor"},
              {"A", 1, 81, 1, "rooms_per_floor"}, {"A", 1, 1, 0, "capacity"},
              {"A", 1, 1, 5, "capacity"}};
  for (const auto& r : rows)
    EXPECT_EQ(RoomsOfBuilding(1, r.building, r.floors, r.per_floor, r.capacity).error().field,
              r.field);
}

TEST(QuarantineRules, AStayOccupiesFromArrivalToCheckOutAndIsProjectedToItsPlannedEnd) {
  Date today = D("2022-07-10");
  struct Row {
    RoomAssignment stay;
    const char* day;
    bool occupies;
  } rows[] = {
      {Stay(1, "2022-07-08", "2022-07-14"), "2022-07-07", false},
      {Stay(1, "2022-07-08", "2022-07-14"), "2022-07-08", true},
      {Stay(1, "2022-07-08", "2022-07-14"), "2022-07-14", true},
      {Stay(1, "2022-07-08", "2022-07-14"), "2022-07-15", false},  // projected out
      {Stay(1, "2022-07-01", "2022-07-07"), "2022-07-10", true},   // overstayed, still there
      {Stay(1, "2022-07-01", "2022-07-07", "2022-07-09"), "2022-07-09", false},
      {Stay(1, "2022-07-01", "2022-07-07", "2022-07-09"), "2022-07-08", true},
  };
  for (const auto& r : rows) EXPECT_EQ(Occupies(r.stay, D(r.day), today), r.occupies) << r.day;
  EXPECT_TRUE(Overlaps(Stay(1, "2022-07-08", "2022-07-14"), D("2022-07-14"), D("2022-07-20")));
  EXPECT_FALSE(Overlaps(Stay(1, "2022-07-08", "2022-07-14"), D("2022-07-15"), D("2022-07-20")));
  EXPECT_FALSE(Overlaps(Stay(1, "2022-07-08", "2022-07-14", "2022-07-11"), D("2022-07-11"),
                        D("2022-07-20")));
}

TEST(QuarantineRules, OccupancyCountsBedsAndLooksAhead) {
  std::vector<Room> rooms{
      {1, 1, "A", 1, "101", 2}, {2, 1, "A", 1, "102", 1}, {3, 1, "A", 1, "103", 1}};
  std::vector<RoomAssignment> stays{Stay(1, "2022-07-08", "2022-07-12"),
                                    Stay(1, "2022-07-09", "2022-07-11"),
                                    Stay(2, "2022-07-10", "2022-07-16")};
  auto o = OccupancyOn(rooms, stays, D("2022-07-10"), D("2022-07-10"), 3);
  EXPECT_EQ(o.rooms, 3);
  EXPECT_EQ(o.beds, 4);
  EXPECT_EQ(o.occupied, 3);
  EXPECT_EQ(o.free_rooms, 1);
  EXPECT_EQ(o.projected, (std::vector<int>{3, 2, 1}));
  EXPECT_TRUE(CheckStay(D("2022-07-10"), D("2022-07-16"), D("2022-07-10")));
  EXPECT_EQ(CheckStay(D("2022-07-10"), D("2022-07-09"), D("2022-07-10")).error().field, "until");
  EXPECT_EQ(CheckStay(D("2022-06-10"), D("2022-06-16"), D("2022-07-10")).error().field, "from");
}

TEST(QuarantineRules, OnlyRoomsWithABedAreTried) {
  std::vector<Room> rooms{{1, 1, "A", 1, "101", 1}, {2, 1, "A", 1, "102", 2},
                          {3, 1, "A", 1, "103", 1}, {4, 1, "A", 1, "104", 1}};
  std::vector<RoomAssignment> stays{Stay(1, "2022-07-08", "2022-07-14"),
                                    Stay(2, "2022-07-10", "2022-07-16"),
                                    Stay(3, "2022-07-01", "2022-07-07"),  // ends before
                                    Stay(4, "2022-07-08", "2022-07-14", "2022-07-10")};  // left
  auto order = RoomsWithBeds(rooms, stays, D("2022-07-10"), D("2022-07-16"));
  std::vector<int64_t> ids;
  for (const auto& r : order) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{2, 3, 4}));  // 101 is full
}

}  // namespace
}  // namespace fangkong
