// API tests of health measures on both engines: the shipped editions, a
// measure superseded by a stricter one and refused under one, the village's
// board, logs with bad input, release only after the final negative test,
// the chained measure, extensions with their reason, and who may see what.
#include <map>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

TEST_P(ApiTest, MeasuresFromAssignmentThroughTheBoardToReleaseAndTheNextMeasure) {
  auto created = CreatePerson("town1", NewId(171), "隔离观察甲", kVillage1);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string person = std::to_string(Obj(created).at("id").as_int64());
  Date today = BeijingDay(g_clock.load());

  auto types = Obj(Call("leader", "GET", "/api/v1/measure-types")).at("items").as_array();
  auto type_of = [&](const char* code) {
    for (const auto& t : types)
      if (t.at("code") == code) return t.as_object();
    ADD_FAILURE() << code << " is not shipped";
    return json::object{};
  };
  auto close = type_of("close_contact_central");
  EXPECT_EQ(json::serialize(close.at("test_days")), "[1,2,3,5,7]");
  EXPECT_EQ(close.at("next"), "close_contact_home_monitoring");
  EXPECT_EQ(type_of("secondary_contact_home").at("days"), 7);
  EXPECT_EQ(type_of("entry_central_14").at("edition"), "14+7+7");

  auto assign = [&](const std::string& user, const char* type, Date start) {
    return Call(user, "POST", "/api/v1/measures",
                json::serialize(json::object{{"person_id", person},
                                             {"type", type},
                                             {"start", start.Iso()},
                                             {"reason", "流调判定"}}));
  };
  Date start = today.AddDays(-6);
  auto home = assign("town1", "secondary_contact_home", start);
  ASSERT_EQ(home.status, 201) << home.body;
  EXPECT_EQ(Obj(home).at("tasks").as_array().size(), 10u);  // 7 logs, tests on days 1, 4, 7
  EXPECT_EQ(Obj(home).at("status"), "overdue");
  EXPECT_EQ(ErrCode(assign("town1", "secondary_contact_home", start)), "under_stricter_measure");
  EXPECT_EQ(ErrCode(assign("town1", "low_risk_arrival_monitoring", start)),
            "under_stricter_measure");
  EXPECT_EQ(ErrField(assign("town1", "no_such_type", start)), "type");
  EXPECT_EQ(ErrField(assign("town1", "close_contact_central", today.AddDays(-40))), "start");
  EXPECT_EQ(assign("leader", "close_contact_central", start).status, 403);
  EXPECT_EQ(assign("town2", "close_contact_central", start).status, 403);

  // A close contact's quarantine is stricter: it takes over.
  auto central = assign("town1", "close_contact_central", start);
  ASSERT_EQ(central.status, 201) << central.body;
  std::string measure = std::to_string(Obj(central).at("id").as_int64());
  EXPECT_EQ(Txt(Obj(central).at("end")), today.Iso());
  int64_t reads = AuditCount("measure.read");
  auto listed = Obj(Call("town1", "GET", "/api/v1/persons/" + person + "/measures"));
  EXPECT_EQ(AuditCount("measure.read"), reads + 1);
  ASSERT_EQ(listed.at("items").as_array().size(), 2u);
  EXPECT_EQ(listed.at("items").as_array()[1].at("status"), "superseded");
  EXPECT_EQ(Call("town2", "GET", "/api/v1/persons/" + person + "/measures").status, 403);

  // The village's board: today's log and test, and six days not done.
  auto board = Obj(Call("town1", "GET", "/api/v1/measure-tasks?region=" + kVillage1));
  json::object line;
  for (const auto& l : board.at("lines").as_array())
    if (std::to_string(l.at("person_id").as_int64()) == person) line = l.as_object();
  ASSERT_FALSE(line.empty()) << json::serialize(board);
  EXPECT_EQ(line.at("day_number"), 7);
  EXPECT_EQ(line.at("overdue").as_array().size(), 10u);  // 6 logs, tests of days 1, 2, 3, 5
  EXPECT_NE(Txt(line.at("id_number")).find('*'), std::string::npos);
  ASSERT_TRUE(line.at("test_today").is_object());
  std::string log_today = std::to_string(line.at("log_today").at("id").as_int64());
  std::string test_today = std::to_string(line.at("test_today").at("id").as_int64());
  EXPECT_EQ(Call("town2", "GET", "/api/v1/measure-tasks?region=" + kVillage1).status, 403);

  auto log = [&](const std::string& task, json::object body) {
    return Call("town1", "POST", "/api/v1/measure-tasks/" + task, json::serialize(body));
  };
  EXPECT_EQ(ErrField(log(log_today, {{"temperature", 45.2}})), "temperature");
  EXPECT_EQ(ErrField(log(log_today, {})), "temperature");
  EXPECT_EQ(ErrField(log(test_today, {{"result", "pending"}})), "result");
  auto release = [&](const std::string& id) {
    return Call("town1", "POST", "/api/v1/measures/" + id + "/release");
  };
  EXPECT_EQ(ErrCode(release(measure)), "final_test_missing");
  EXPECT_EQ(log(log_today, {{"temperature", 37.6}, {"symptoms", "咽痛"}}).status, 200);
  EXPECT_EQ(ErrCode(log(log_today, {{"temperature", 36.5}})), "task_done");
  EXPECT_EQ(log(test_today, {{"result", "negative"}}).status, 200);
  auto after = Obj(Call("town1", "GET", "/api/v1/measure-tasks?region=" + kVillage1));
  for (const auto& l : after.at("lines").as_array()) {
    if (std::to_string(l.at("person_id").as_int64()) == person) {
      EXPECT_TRUE(l.at("symptomatic").as_bool());
    }
  }
  EXPECT_EQ(Obj(Call("town1", "GET", "/api/v1/persons/" + person + "/measures"))
                .at("items")
                .as_array()[0]
                .at("status"),
            "symptomatic");

  // Released with the final negative test: the home monitoring follows.
  auto released = release(measure);
  ASSERT_EQ(released.status, 200) << released.body;
  auto next = Obj(released).at("next").as_object();
  EXPECT_EQ(Obj(released).at("released").at("status"), "released");
  EXPECT_EQ(next.at("type"), "close_contact_home_monitoring");
  EXPECT_EQ(Txt(next.at("start")), today.AddDays(1).Iso());
  EXPECT_EQ(Txt(next.at("end")), today.AddDays(3).Iso());
  EXPECT_EQ(next.at("status"), "planned");
  EXPECT_EQ(ErrCode(release(measure)), "measure_ended");

  // An extension carries its reason; the final test moves to the new last day.
  std::string chained = std::to_string(next.at("id").as_int64());
  auto change = [&](int days, const char* reason) {
    return Call("town1", "POST", "/api/v1/measures/" + chained + "/change",
                json::serialize(json::object{{"days", days}, {"reason", reason}}));
  };
  EXPECT_EQ(ErrField(change(2, "")), "reason");
  EXPECT_EQ(ErrField(change(-5, "误判")), "days");
  auto extended = change(2, "同住人员阳性");
  ASSERT_EQ(extended.status, 200) << extended.body;
  EXPECT_EQ(Txt(Obj(extended).at("end")), today.AddDays(5).Iso());
  auto tasks = Obj(extended).at("tasks").as_array();
  EXPECT_EQ(tasks.back().at("kind"), "test");
  EXPECT_EQ(Txt(tasks.back().at("day")), today.AddDays(5).Iso());
  auto changes = Obj(Call("town1", "GET", "/api/v1/persons/" + person + "/measures")).at("changes");
  ASSERT_EQ(changes.as_array().size(), 1u);
  EXPECT_EQ(changes.as_array()[0].at("reason"), "同住人员阳性");
}

TEST_P(ApiTest, OneMeasureForAContactListTakesEachPersonItCanAndSaysWhyNotTheRest) {
  auto person = [&](int seq, const std::string& place) {
    auto r = Call("admin", "POST", "/api/v1/persons",
                  json::serialize(json::object{{"id_number", NewId(seq)},
                                               {"name", "批量管控" + std::to_string(seq)},
                                               {"region_code", place},
                                               {"phone", "13812345678"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r).at("id").as_int64();
  };
  int64_t a = person(181, kVillage1), b = person(182, kVillage1), c = person(183, kVillage1);
  int64_t elsewhere = person(184, S().other_village);
  // c is already in central quarantine, which is stricter.
  ASSERT_EQ(Call("town1", "POST", "/api/v1/measures",
                 json::serialize(json::object{{"person_id", c}, {"type", "close_contact_central"}}))
                .status,
            201);
  auto batch = [&](const std::string& user, json::array ids) {
    return Call(user, "POST", "/api/v1/measures/batch",
                json::serialize(json::object{{"person_ids", std::move(ids)},
                                             {"type", "secondary_contact_home"},
                                             {"reason", "病例同楼栋"}}));
  };
  auto r = batch("town1", json::array{a, b, c, elsewhere, 999999999});
  ASSERT_EQ(r.status, 200) << r.body;
  auto out = Obj(r);
  EXPECT_EQ(out.at("assigned"), 2);
  EXPECT_EQ(out.at("tasks"), 20);  // 7 logs and 3 tests each
  std::map<int64_t, std::string> why;
  for (const auto& x : out.at("refused").as_array())
    why[x.at("person_id").as_int64()] = Txt(x.at("code"));
  EXPECT_EQ(why[c], "under_stricter_measure");
  EXPECT_EQ(why[elsewhere], "forbidden");
  EXPECT_EQ(why[999999999], "not_found");
  EXPECT_EQ(why.size(), 3u);
  auto of = Obj(Call("town1", "GET", "/api/v1/persons/" + std::to_string(a) + "/measures"));
  EXPECT_EQ(of.at("items").as_array()[0].at("reason"), "病例同楼栋");
  EXPECT_EQ(batch("leader", json::array{a}).status, 403);
  EXPECT_EQ(ErrField(batch("town1", json::array{"x"})), "person_ids");
}

TEST_P(ApiTest, MeasureTypesAreDataTheCountyAdds) {
  std::string code = "edition10_home_" + GetParam();
  auto body = [&](const char* tests) {
    return json::serialize(json::object{{"code", code},
                                        {"edition", "10"},
                                        {"name", "Home quarantine (10th edition)"},
                                        {"name_zh", "居家隔离（第十版）"},
                                        {"kind", "home_quarantine"},
                                        {"days", 5},
                                        {"test_days", tests}});
  };
  EXPECT_EQ(Call("town1", "POST", "/api/v1/measure-types", body("1,5")).status, 403);
  EXPECT_EQ(ErrField(Call("admin", "POST", "/api/v1/measure-types", body("1,9"))), "test_days");
  EXPECT_EQ(ErrField(Call("admin", "POST", "/api/v1/measure-types", body("1,x"))), "test_days");
  auto added = Call("admin", "POST", "/api/v1/measure-types", body("1,5"));
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(ErrCode(Call("admin", "POST", "/api/v1/measure-types", body("1,5"))),
            "duplicate_measure_type");
  auto person = CreatePerson("town1", NewId(172), "第十版甲", kVillage1);
  auto assigned = Call("town1", "POST", "/api/v1/measures",
                       json::serialize(json::object{{"person_id", Obj(person).at("id").as_int64()},
                                                    {"type", code}}));
  ASSERT_EQ(assigned.status, 201) << assigned.body;
  EXPECT_EQ(Obj(assigned).at("tasks").as_array().size(), 7u);  // 5 logs, tests on days 1, 5
}

}  // namespace
}  // namespace fangkong
