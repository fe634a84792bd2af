// API tests of quarantine sites on both engines: a site laid out, beds taken
// and counted, a full room refused, a reserve site closed, and many
// assignments at once never putting more people in a room than its beds.
#include <atomic>
#include <thread>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

TEST_P(ApiTest, AQuarantineSiteTakesPeopleUpToItsBedsEvenAllAtOnce) {
  auto site = Call("admin", "POST", "/api/v1/quarantine-sites",
                   json::serialize(json::object{{"name", "宁国宾馆隔离点" + GetParam()},
                                                {"address", "宁国市宁阳西路1号"}}));
  ASSERT_EQ(site.status, 201) << site.body;
  std::string id = std::to_string(Obj(site).at("id").as_int64());
  EXPECT_EQ(Call("town1", "POST", "/api/v1/quarantine-sites",
                 json::serialize(json::object{{"name", "乡镇隔离点"}}))
                .status,
            403);
  auto rooms = [&](const char* building, int floors, int per_floor, int capacity) {
    return Call("admin", "POST", "/api/v1/quarantine-sites/" + id + "/rooms",
                json::serialize(json::object{{"building", building},
                                             {"floors", floors},
                                             {"rooms_per_floor", per_floor},
                                             {"capacity", capacity}}));
  };
  ASSERT_EQ(rooms("1号楼", 2, 2, 1).status, 201);
  EXPECT_EQ(ErrField(rooms("2号楼", 1, 1, 9)), "capacity");
  EXPECT_EQ(ErrCode(rooms("1号楼", 1, 1, 1)), "duplicate_room");

  std::vector<int64_t> people;
  for (int i = 0; i < 13; ++i) {
    auto p = CreatePerson("town1", NewId(190 + i), "隔离人员" + std::to_string(i), kVillage1);
    ASSERT_EQ(p.status, 201) << p.body;
    people.push_back(Obj(p).at("id").as_int64());
  }
  auto assign = [&](const std::string& user, int64_t person, int64_t room = 0) {
    json::object body{{"person_id", person}, {"vehicle", "皖P·A1234"}, {"escort", "王医生"}};
    if (room) body["room_id"] = room;
    return Call(user, "POST", "/api/v1/quarantine-sites/" + id + "/assignments",
                json::serialize(body));
  };
  auto first = assign("town1", people[0]);
  ASSERT_EQ(first.status, 201) << first.body;
  int64_t room = Obj(first).at("room_id").as_int64();
  EXPECT_EQ(ErrCode(assign("town1", people[1], room)), "room_full");
  EXPECT_EQ(ErrCode(assign("town1", people[0])), "already_in_room");
  EXPECT_EQ(assign("town2", people[1]).status, 403);  // not town2's person
  EXPECT_EQ(assign("leader", people[1]).status, 403);

  // Eleven people at once for the three beds left: three get one.
  std::atomic<int> taken{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 1; i < 12; ++i) {
    threads.emplace_back([&, i] {
      auto r = assign("town1", people[static_cast<size_t>(i)]);
      if (r.status == 201) {
        ++taken;
      } else if (ErrCode(r) == "room_full") {
        ++full;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(taken.load(), 3);
  EXPECT_EQ(full.load(), 8);
  EXPECT_EQ(other.load(), 0);

  auto occupancy = Obj(Call("town1", "GET", "/api/v1/quarantine-sites/" + id + "/occupancy"));
  EXPECT_EQ(occupancy.at("occupancy").at("beds"), 4);
  EXPECT_EQ(occupancy.at("occupancy").at("occupied"), 4);
  EXPECT_EQ(occupancy.at("occupancy").at("free_beds"), 0);
  for (const auto& r : occupancy.at("occupancy").at("by_room").as_array())
    EXPECT_LE(r.at("occupied").as_int64(), r.at("capacity").as_int64());

  // A check-out frees the bed; a reserve site takes nobody.
  std::string stay = std::to_string(Obj(first).at("id").as_int64());
  EXPECT_EQ(Call("town1", "POST", "/api/v1/quarantine-assignments/" + stay + "/check-out").status,
            200);
  EXPECT_EQ(ErrCode(Call("town1", "POST", "/api/v1/quarantine-assignments/" + stay + "/check-out")),
            "checked_out");
  EXPECT_EQ(assign("town1", people[12], room).status, 201);
  auto reserve =
      Call("admin", "POST", "/api/v1/quarantine-sites",
           json::serialize(json::object{{"name", "储备隔离点" + GetParam()}, {"reserve", true}}));
  ASSERT_EQ(reserve.status, 201);
  EXPECT_EQ(ErrCode(Call("town1", "POST",
                         "/api/v1/quarantine-sites/" +
                             std::to_string(Obj(reserve).at("id").as_int64()) + "/assignments",
                         json::serialize(json::object{{"person_id", people[2]}}))),
            "reserve_site");
  auto list = Obj(Call("leader", "GET", "/api/v1/quarantine-sites"));
  EXPECT_GE(list.at("items").as_array().size(), 2u);
}

}  // namespace
}  // namespace fangkong
