// API contract tests of mobilisation: who is on the unvaccinated, series and
// booster lists of a village or an employer, follow-ups with their bad input,
// a list becoming cleared, and the audited Excel sheet.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

TEST_P(ApiTest, MobilisationListsFindWhoToCallAndClearWhenEveryoneIsAccountedFor) {
  // A village of township 1 that no other test fills.
  auto children = Obj(Call("town1", "GET", "/api/v1/regions/341881001"));
  auto villages = children.at("children").as_array();
  ASSERT_GE(villages.size(), 2u);
  std::string village = Txt(villages.back().at("code"));
  ASSERT_NE(village, kVillage1);
  Organisation firm{0, "宁国市耐磨材料厂", OrganisationKind::kEmployer, "C", "341881001", ""};
  auto employer = S().store->organisations->InsertOrganisation(firm);
  ASSERT_TRUE(employer);

  auto person = [&](int seq, const std::string& name, int64_t employer_id) {
    json::object body{{"id_number", NewId(seq)},
                      {"name", name},
                      {"region_code", village},
                      {"phone", "13912345678"}};
    if (employer_id) body["employer_id"] = employer_id;
    auto r = Call("town1", "POST", "/api/v1/persons", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r).at("id").as_int64();
  };
  Date today = BeijingDay(g_clock.load());
  auto dose = [&](int64_t person_id, int number, int days_ago) {
    DoseRecord d;
    d.person_id = person_id;
    d.product = "CoronaVac";
    d.dose_number = number;
    d.date = today.AddDays(-days_ago);
    d.administered_at = g_clock.load() - int64_t{days_ago} * 86400;
    d.site_id = TestSite(*S().store);
    d.region_code = village;
    ASSERT_TRUE(InsertDoseKeepingState(*S().store, d));
  };
  int64_t never = person(161, "未种甲", 0);
  int64_t worker = person(162, "未种乙", *employer);
  int64_t late_second = person(163, "二剂逾期", 0);
  dose(late_second, 1, 70);
  int64_t booster = person(164, "待加强", 0);
  dose(booster, 1, 230);
  dose(booster, 2, 200);

  auto list = [&](const std::string& user, const std::string& query) {
    return Call(user, "GET", "/api/v1/mobilisation?region=" + village + query);
  };
  auto ids = [](const json::object& o) {
    std::set<int64_t> out;
    for (const auto& x : o.at("items").as_array()) out.insert(x.at("person_id").as_int64());
    return out;
  };
  int64_t lists = AuditCount("mobilisation.list");
  auto unvaccinated = Obj(list("town1", "&kind=unvaccinated"));
  EXPECT_EQ(ids(unvaccinated), (std::set<int64_t>{never, worker}));
  EXPECT_EQ(unvaccinated.at("total").as_int64(), 2);
  EXPECT_FALSE(unvaccinated.at("cleared").as_bool());
  // Without a limit, one page of a table (100 rows), not the whole list.
  EXPECT_EQ(unvaccinated.at("limit").as_int64(), 100);
  EXPECT_NE(Txt(unvaccinated.at("items").as_array()[0].at("id_number")).find('*'),
            std::string::npos);
  EXPECT_EQ(AuditCount("mobilisation.list"), lists + 1);
  // A page of one, the second: the counts still cover everyone.
  auto second = Obj(list("town1", "&kind=unvaccinated&limit=1&offset=1"));
  ASSERT_EQ(second.at("items").as_array().size(), 1u);
  EXPECT_EQ(second.at("items").as_array()[0].at("person_id"),
            unvaccinated.at("items").as_array()[1].at("person_id"));
  EXPECT_EQ(second.at("total").as_int64(), 2);
  EXPECT_EQ(second.at("offset").as_int64(), 1);
  EXPECT_TRUE(Obj(list("town1", "&kind=unvaccinated&offset=2")).at("items").as_array().empty());
  EXPECT_EQ(ErrField(list("town1", "&offset=-1")), "offset");
  EXPECT_EQ(ErrField(list("town1", "&offset=next")), "offset");
  auto series = Obj(list("town1", "&kind=series_dose"));
  EXPECT_EQ(ids(series), std::set<int64_t>{late_second});
  EXPECT_GT(series.at("items").as_array()[0].at("days_late").as_int64(), 0);
  EXPECT_EQ(series.at("items").as_array()[0].at("dose_number").as_int64(), 2);
  EXPECT_EQ(ids(Obj(list("town1", "&kind=booster"))), std::set<int64_t>{booster});
  // An employer's list holds its people of the region asked, wherever else
  // it employs: one in this village, two in the township.
  Person elsewhere;
  elsewhere.doc_type = DocumentType::kOther;
  elsewhere.doc_number = "EMPLOYEE" + GetParam();
  elsewhere.name = "未种丙";
  elsewhere.birth_date = *Date::Parse("1985-05-05");
  elsewhere.region_code = Txt(villages.front().at("code"));
  elsewhere.employer_id = *employer;
  auto colleague = S().store->persons->Insert(elsewhere);
  ASSERT_TRUE(colleague) << colleague.error().message;
  const std::string of_employer = "&kind=unvaccinated&employer_id=" + std::to_string(*employer);
  auto employees = Obj(list("town1", of_employer));
  EXPECT_EQ(ids(employees), std::set<int64_t>{worker});
  EXPECT_EQ(employees.at("people").as_int64(), 1);
  auto township_employees =
      Obj(Call("town1", "GET", "/api/v1/mobilisation?region=341881001" + of_employer));
  EXPECT_EQ(ids(township_employees), (std::set<int64_t>{worker, *colleague}));
  EXPECT_EQ(Call("town2", "GET", "/api/v1/mobilisation?region=341881001" + of_employer).status,
            403);
  EXPECT_EQ(ErrField(list("town1", "&kind=everyone")), "kind");
  EXPECT_EQ(ErrField(list("town1", "&disease=plague")), "disease");
  EXPECT_EQ(list("town2", "").status, 403);

  // Follow-ups: bad input names the field; only a reason accounts for someone.
  auto follow = [&](const std::string& user, int64_t who, json::object body) {
    return Call(user, "POST", "/api/v1/persons/" + std::to_string(who) + "/follow-ups",
                json::serialize(body));
  };
  EXPECT_EQ(ErrField(follow("town1", never, {{"result", "will_come"}})), "method");
  EXPECT_EQ(ErrField(follow("town1", never, {{"method", "phone"}, {"result", "maybe"}})), "result");
  EXPECT_EQ(ErrField(follow("town1", never, {{"method", "phone"}, {"result", "refused"}})), "note");
  EXPECT_EQ(
      ErrField(follow("town1", never,
                      {{"method", "phone"}, {"result", "will_come"}, {"next_contact", "明天"}})),
      "next_contact");
  EXPECT_EQ(follow("town2", never, {{"method", "phone"}, {"result", "will_come"}}).status, 403);
  ASSERT_EQ(follow("town1", never, {{"method", "phone"}, {"result", "will_come"}}).status, 201);
  auto still = Obj(list("town1", "&kind=unvaccinated"));
  EXPECT_EQ(still.at("accounted").as_int64(), 0);
  ASSERT_EQ(
      follow("town1", never,
             {{"method", "visit"}, {"result", "refused"}, {"note", "担心副作用，家属也不同意"}})
          .status,
      201);
  ASSERT_EQ(follow("town1", worker,
                   {{"method", "phone"}, {"result", "moved"}, {"note", "已随子女迁往杭州"}})
                .status,
            201);
  auto cleared = Obj(list("town1", "&kind=unvaccinated"));
  EXPECT_EQ(cleared.at("accounted").as_int64(), 2);
  EXPECT_TRUE(cleared.at("cleared").as_bool());
  EXPECT_EQ(Txt(cleared.at("items").as_array()[0].at("follow_up").at("result_zh")).empty(), false);
  auto log = Obj(Call("town1", "GET", "/api/v1/persons/" + std::to_string(never) + "/follow-ups"))
                 .at("items")
                 .as_array();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].at("result"), "refused");  // newest first

  // The sheet for the village: an audited xlsx of the same list.
  int64_t exports = AuditCount("mobilisation.export");
  auto sheet =
      Call("town1", "GET", "/api/v1/mobilisation/export?kind=unvaccinated&region=" + village);
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK");
  EXPECT_EQ(AuditCount("mobilisation.export"), exports + 1);
}

}  // namespace
}  // namespace fangkong
