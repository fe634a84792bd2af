// API tests of zones on both engines: a lockdown building inside a control
// village (the stricter governs, and the answer says so), the people under
// measures inside, the downgrade timer reset by a case inside, narrowing
// with history, lifting, the people list masked and audited, and the bad
// input each with the field it names.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

class ZoneApiTest : public ApiTest {
 protected:
  // A village of 西津街道 that no other test puts people in.
  std::string QuietVillage(size_t from_end) {
    auto r = Call("admin", "GET", "/api/v1/regions/341881001");
    EXPECT_EQ(r.status, 200) << r.body;
    auto region = Obj(r);
    const auto& children = region.at("children").as_array();
    EXPECT_GT(children.size(), from_end + 2);
    return Txt(children[children.size() - 1 - from_end].at("code"));
  }

  int64_t Resident(int seq, const std::string& name, const std::string& region,
                   const std::string& household) {
    auto r = Call("admin", "POST", "/api/v1/persons",
                  json::serialize(json::object{{"id_number", NewId(seq)},
                                               {"name", name},
                                               {"region_code", region},
                                               {"household", household},
                                               {"phone", "13912345678"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Obj(r).at("id").as_int64() : 0;
  }

  HttpResult Draw(const std::string& user, json::object body) {
    return Call(user, "POST", "/api/v1/zones", json::serialize(body));
  }

  static std::string Day(int64_t t) { return BeijingDay(t).Iso(); }
};

TEST_P(ZoneApiTest, TheStricterZoneGovernsAndTheTimersFollowTheRecords) {
  int64_t now = g_clock.load();
  std::string today = Day(now), village = QuietVillage(0), other = QuietVillage(1);
  std::string h1 = "Z1" + GetParam(), h2 = "Z2" + GetParam();
  int64_t p1 = Resident(801, "封控甲", village, h1);
  int64_t p2 = Resident(802, "管控乙", village, h2);
  Resident(803, "别村丙", other, h1);

  // The households of the village, to draw a building from.
  auto households = Call("town1", "GET", "/api/v1/zones/households?code=" + village);
  ASSERT_EQ(households.status, 200) << households.body;
  EXPECT_EQ(Obj(households).at("items").as_array().size(), 2u);
  EXPECT_EQ(ErrField(Call("town1", "GET", "/api/v1/zones/households?code=341881001")), "code");
  EXPECT_EQ(Call("town2", "GET", "/api/v1/zones/households?code=" + village).status, 403);

  json::object building{{"code", village}, {"building", "3号楼"}, {"households", json::array{h1}}};
  auto lockdown = Draw("town1", {{"name", "3号楼封控区"},
                                 {"level", "lockdown"},
                                 {"places", json::array{building}},
                                 {"planned_end", Day(now + 7 * 86400)},
                                 {"last_case_on", Day(now - 3 * 86400)}});
  ASSERT_EQ(lockdown.status, 201) << lockdown.body;
  int64_t lockdown_id = Obj(lockdown).at("id").as_int64();
  EXPECT_EQ(Obj(lockdown).at("population"), 1);
  EXPECT_EQ(Obj(lockdown).at("level"), "lockdown");
  // 7 days from the last case three days ago: control in four days.
  EXPECT_EQ(Txt(Obj(lockdown).at("next_on")), Day(now + 4 * 86400));
  EXPECT_EQ(Obj(lockdown).at("next_level"), "control");

  auto control = Draw("town1", {{"name", "村管控区"},
                                {"level", "管控区"},
                                {"places", json::array{json::string(village)}},
                                {"planned_end", Day(now + 10 * 86400)}});
  ASSERT_EQ(control.status, 201) << control.body;
  auto c = Obj(control);
  int64_t control_id = c.at("id").as_int64();
  EXPECT_EQ(c.at("population"), 2);
  EXPECT_EQ(c.at("governed"), 1);
  ASSERT_EQ(c.at("overlaps").as_array().size(), 1u);
  const auto& o = c.at("overlaps").as_array()[0].as_object();  // c outlives it
  EXPECT_EQ(o.at("zone_id"), lockdown_id);
  EXPECT_EQ(o.at("governed_by"), lockdown_id);
  EXPECT_NE(Txt(o.at("notice_zh")).find("就严"), std::string::npos) << o.at("notice_zh");

  // A measure inside: counted under its type in both zones.
  ASSERT_EQ(
      Call("town1", "POST", "/api/v1/measures",
           json::serialize(json::object{{"person_id", p1}, {"type", "close_contact_central"}}))
          .status,
      201);
  std::string base = "/api/v1/zones/" + std::to_string(control_id);
  auto detail = Obj(Call("town1", "GET", base));
  ASSERT_EQ(detail.at("measures").as_array().size(), 1u);
  EXPECT_EQ(detail.at("measures").as_array()[0].at("persons"), 1);
  EXPECT_EQ(detail.at("history").as_array().size(), 1u);
  EXPECT_EQ(Call("town2", "GET", base).status, 404);

  // The people under a measure, masked; the read is audited.
  int64_t audited = AuditCount("zone.persons");
  auto people = Call("town1", "GET", base + "/persons?measure=any");
  ASSERT_EQ(people.status, 200) << people.body;
  auto listed_people = Obj(people);
  EXPECT_EQ(listed_people.at("total"), 1);
  ASSERT_EQ(listed_people.at("items").as_array().size(), 1u);
  const auto& line = listed_people.at("items").as_array()[0].as_object();
  EXPECT_EQ(line.at("id"), p1);
  EXPECT_EQ(line.at("governed_by"), lockdown_id);
  EXPECT_NE(Txt(line.at("id_number")).find('*'), std::string::npos);
  EXPECT_EQ(AuditCount("zone.persons"), audited + 1);

  // A case inside the lockdown building today restarts its clock.
  ASSERT_EQ(Call("town1", "POST", "/api/v1/cases",
                 json::serialize(json::object{{"person_id", p1}, {"code", "Z1号" + GetParam()}}))
                .status,
            201);
  auto reset = Obj(Call("town1", "GET", "/api/v1/zones/" + std::to_string(lockdown_id)));
  EXPECT_EQ(Txt(reset.at("next_on")), Day(now + 7 * 86400));

  // Narrowed to the second household from today: the overlap is gone.
  json::object narrow{
      {"places", json::array{json::object{
                     {"code", village}, {"building", "5号楼"}, {"households", json::array{h2}}}}},
      {"note", "缩小范围"}};
  auto narrowed = Call("town1", "POST", base + "/versions", json::serialize(narrow));
  ASSERT_EQ(narrowed.status, 201) << narrowed.body;
  EXPECT_EQ(Obj(narrowed).at("population"), 1);
  EXPECT_EQ(Obj(narrowed).at("overlaps").as_array().size(), 0u);
  EXPECT_EQ(Obj(Call("town1", "GET", base)).at("history").as_array().size(), 2u);
  // Drawn today: yesterday it was not there yet.
  EXPECT_EQ(Obj(Call("town1", "GET", base + "?date=" + Day(now - 86400))).at("state"), "planned");

  // Lifted: gone from the day's list, kept with all=1.
  ASSERT_EQ(Call("town1", "POST", base + "/versions",
                 json::serialize(json::object{{"lift", true}, {"note", "解除"}}))
                .status,
            201);
  auto day_list = Obj(Call("town1", "GET", "/api/v1/zones"));
  bool listed = false;
  for (const auto& z : day_list.at("items").as_array()) listed |= z.at("id") == control_id;
  EXPECT_FALSE(listed);
  auto all = Obj(Call("town1", "GET", "/api/v1/zones?all=1"));
  for (const auto& z : all.at("items").as_array()) {
    if (z.at("id") == control_id) {
      EXPECT_EQ(z.at("state"), "lifted");
    }
  }
  EXPECT_EQ(ErrField(Call("town1", "POST", base + "/versions",
                          json::serialize(json::object{{"from", Day(now - 86400)}}))),
            "from");
  (void)p2;
}

TEST_P(ZoneApiTest, BadZonesAreRefusedNamingTheField) {
  int64_t now = g_clock.load();
  std::string village = QuietVillage(2), end = Day(now + 7 * 86400);
  auto field = [&](const std::string& user, json::object body) {
    return ErrField(Draw(user, std::move(body)));
  };
  json::array places{json::string(village)};
  EXPECT_EQ(field("town1",
                  {{"name", "x区"}, {"level", "红区"}, {"places", places}, {"planned_end", end}}),
            "level");
  EXPECT_EQ(field("town1", {{"name", "x区"},
                            {"level", "lockdown"},
                            {"places", json::array{}},
                            {"planned_end", end}}),
            "places");
  EXPECT_EQ(field("town1", {{"name", "x区"}, {"level", "lockdown"}, {"places", places}}),
            "planned_end");
  EXPECT_EQ(
      field("town1", {{"name", "x区"},
                      {"level", "lockdown"},
                      {"places", json::array{json::object{{"code", village},
                                                          {"building", "1号楼"},
                                                          {"households", json::array{"无此户"}}}}},
                      {"planned_end", end}}),
      "places[0].households");
  EXPECT_EQ(field("town1", {{"name", "x区"},
                            {"level", "lockdown"},
                            {"places", json::array{"341881001999"}},
                            {"planned_end", end}}),
            "places[0].code");
  EXPECT_EQ(Draw("town2",
                 {{"name", "x区"}, {"level", "lockdown"}, {"places", places}, {"planned_end", end}})
                .status,
            403);
  EXPECT_EQ(Draw("leader",
                 {{"name", "x区"}, {"level", "lockdown"}, {"places", places}, {"planned_end", end}})
                .status,
            403);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/zones?date=昨天").status, 400);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/zones/999999").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, ZoneApiTest, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
