// API tests of contact tracing on both engines: a case and its close
// contacts, a secondary contact derived from a close contact's own contacts
// in another tracing and confirmed, contacts refused (oneself, twice), a
// cycle, a contact living in another township masked and exported for it,
// the 2+4+24+8 deadlines (one late, one computed from the measures), and the
// chain across both cases.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

class TracingApiTest : public ApiTest {
 protected:
  int64_t Person(int seq, const std::string& name, const std::string& region = kVillage1) {
    auto r = CreatePerson("admin", NewId(seq), name, region);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Obj(r).at("id").as_int64() : 0;
  }

  HttpResult Contact(const std::string& user, int64_t case_id, json::object body) {
    return Call(user, "POST", "/api/v1/cases/" + std::to_string(case_id) + "/contacts",
                json::serialize(body));
  }

  int64_t NewCase(const std::string& user, int64_t person, const std::string& code,
                  json::value reported_at) {
    auto r = Call(user, "POST", "/api/v1/cases",
                  json::serialize(json::object{{"person_id", person},
                                               {"code", code + GetParam()},
                                               {"kind", "confirmed"},
                                               {"reported_at", reported_at}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Obj(r).at("id").as_int64() : 0;
  }
};

TEST_P(TracingApiTest, ACaseItsContactsTheirDeadlinesAndTheChain) {
  int64_t now = g_clock.load();
  std::string hour_ago = BeijingMinute(now - 3600);
  int64_t p = Person(701, "流调病例甲"), q = Person(702, "流调病例乙");
  int64_t c1 = Person(703, "密接一"), c2 = Person(704, "密接二"), d = Person(705, "次密接丁");
  int64_t c3 = Person(706, "外镇密接", S().other_village);

  // Another tracing first: c1 a close contact of q, d a contact of c1 there.
  int64_t earlier = NewCase("admin", q, "宁国2号", now - 86400);
  ASSERT_EQ(Contact("admin", earlier, {{"person_id", c1}, {"exposure_at", now - 2 * 86400}}).status,
            201);
  ASSERT_EQ(Contact("admin", earlier,
                    {{"person_id", d},
                     {"source_person_id", c1},
                     {"type", "secondary"},
                     {"exposure_at", now - 2 * 86400}})
                .status,
            201);

  EXPECT_EQ(Call("leader", "POST", "/api/v1/cases",
                 json::serialize(json::object{{"person_id", p}, {"code", "x"}}))
                .status,
            403);
  int64_t id = NewCase("town1", p, "宁国1号", now - 3 * 3600);
  std::string base = "/api/v1/cases/" + std::to_string(id);
  EXPECT_EQ(Call("town2", "GET", base).status, 404);
  auto visit = Call("town1", "POST", base + "/events",
                    json::serialize(json::object{{"from_at", BeijingMinute(now - 2 * 86400)},
                                                 {"until_at", BeijingMinute(now - 2 * 86400 + 1800)},
                                                 {"place", "西津菜市场"}}));
  ASSERT_EQ(visit.status, 201) << visit.body;
  EXPECT_EQ(ErrField(Call("town1", "POST", base + "/events",
                          json::serialize(json::object{{"from_at", "昨天"}, {"place", "x"}}))),
            "from_at");
  EXPECT_EQ(Obj(Call("town1", "GET", base)).at("events").as_array().size(), 1u);

  // Close contacts: c1 (bringing q and d, derived), c2 and c3 in one call.
  auto added = Call(
      "town1", "POST", base + "/contacts",
      json::serialize(json::object{
          {"contacts",
           json::array{
               json::object{{"person_id", c1}, {"exposure_at", hour_ago}, {"place", "西津菜市场"}},
               json::object{{"person_id", c2}, {"exposure_at", hour_ago}},
               json::object{{"person_id", c3}, {"exposure_at", hour_ago}}}}}));
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Obj(added).at("items").as_array().size(), 5u);  // 3 close, 2 derived
  EXPECT_EQ(ErrCode(Contact("town1", id,
                            {{"person_id", c2},
                             {"source_person_id", c2},
                             {"type", "secondary"},
                             {"exposure_at", hour_ago}})),
            "contact_with_oneself");
  EXPECT_EQ(ErrCode(Contact("town1", id, {{"person_id", c2}, {"exposure_at", hour_ago}})),
            "duplicate_contact");
  EXPECT_EQ(ErrCode(Contact("town1", id, {{"person_id", c2}, {"exposure_at", now + 3600}})),
            "invalid_exposure_at");
  // A cycle: c2 and c1 named as each other's contacts; each is listed once, as close.
  ASSERT_EQ(Contact("town1", id,
                    {{"person_id", c1},
                     {"source_person_id", c2},
                     {"type", "secondary"},
                     {"exposure_at", hour_ago}})
                .status,
            201);
  ASSERT_EQ(Contact("town1", id,
                    {{"person_id", c2},
                     {"source_person_id", c1},
                     {"type", "secondary"},
                     {"exposure_at", hour_ago}})
                .status,
            201);

  auto contacts = Obj(Call("town1", "GET", base + "/contacts")).at("items").as_array();
  std::map<int64_t, json::object> by;
  for (const auto& x : contacts) by[x.at("person_id").as_int64()] = x.as_object();
  ASSERT_EQ(by.size(), 5u);
  EXPECT_EQ(by[c1].at("type"), "close");
  EXPECT_EQ(by[c2].at("type"), "close");
  EXPECT_EQ(by[d].at("type"), "secondary");
  EXPECT_EQ(json::serialize(by[d].at("path")),
            "[" + std::to_string(p) + "," + std::to_string(c1) + "," + std::to_string(d) + "]");
  EXPECT_EQ(by[d].at("derived"), true);
  EXPECT_EQ(by[q].at("type"), "secondary");
  EXPECT_EQ(by[c3].at("person").at("outside"), true);
  EXPECT_EQ(by[c3].at("person").at("name"), "外***");  // masked outside town1's jurisdiction

  // The derivation confirmed by a tracer.
  std::string edge = std::to_string(by[d].at("id").as_int64());
  EXPECT_EQ(Call("leader", "POST", "/api/v1/contacts/" + edge + "/confirm").status, 403);
  auto confirmed = Call("town1", "POST", "/api/v1/contacts/" + edge + "/confirm");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(Obj(confirmed).at("derived"), false);
  EXPECT_EQ(ErrCode(Call("town1", "POST", "/api/v1/contacts/" + edge + "/confirm")), "not_derived");

  // The file for the other township names c3 in full.
  auto file = Call("town1", "GET", base + "/contacts/elsewhere");
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.body.find("外镇密接"), std::string::npos);
  EXPECT_EQ(file.body.find("密接一"), std::string::npos);

  // Deadlines: on scene 3 hours after the report is late; the close
  // contacts' quarantine follows from their measures.
  auto state_of = [&](const json::array& items, const char* code) {
    for (const auto& x : items)
      if (x.at("code") == code) return Txt(x.at("state"));
    return std::string("(none)");
  };
  auto deadlines = Obj(Call("town1", "GET", base + "/deadlines")).at("items").as_array();
  ASSERT_EQ(deadlines.size(), 4u);
  EXPECT_EQ(state_of(deadlines, "on_scene"), "breached");
  EXPECT_EQ(state_of(deadlines, "all_contacts"), "open");
  auto reached = Call("town1", "POST", base + "/milestones",
                      json::serialize(json::object{{"code", "on_scene"}}));
  ASSERT_EQ(reached.status, 200) << reached.body;
  EXPECT_EQ(state_of(Obj(reached).at("items").as_array(), "on_scene"), "done_late");
  EXPECT_EQ(ErrCode(Call("town1", "POST", base + "/milestones",
                         json::serialize(json::object{{"code", "close_quarantined"}}))),
            "invalid_milestone");
  for (int64_t who : {c1, c2, c3}) {
    auto m =
        Call("admin", "POST", "/api/v1/measures",
             json::serialize(json::object{{"person_id", who}, {"type", "close_contact_central"}}));
    ASSERT_EQ(m.status, 201) << m.body;
  }
  deadlines = Obj(Call("town1", "GET", base + "/deadlines")).at("items").as_array();
  EXPECT_EQ(state_of(deadlines, "close_quarantined"), "done_on_time");

  // The chain reaches the other case through c1.
  auto chain = Obj(Call("town1", "GET", base + "/chain"));
  std::set<int64_t> people;
  for (const auto& x : chain.at("people").as_array()) people.insert(x.at("id").as_int64());
  for (int64_t who : {p, q, c1, c2, c3, d}) EXPECT_TRUE(people.count(who)) << who;
  std::set<int64_t> cases;
  for (const auto& x : chain.at("case_people").as_array()) cases.insert(x.as_int64());
  EXPECT_TRUE(cases.count(p) && cases.count(q));

  auto list = Obj(Call("leader", "GET", "/api/v1/cases")).at("items").as_array();
  bool listed = false;
  for (const auto& x : list)
    if (x.at("id") == id) {
      listed = true;
      EXPECT_EQ(x.at("close"), 3);
      EXPECT_EQ(x.at("secondary"), 2);
    }
  EXPECT_TRUE(listed);
}

INSTANTIATE_TEST_SUITE_P(Engines, TracingApiTest, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
