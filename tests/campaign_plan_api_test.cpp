// Campaigns through the API on both engines, from the plan on: feasibility
// against sites and supply, the LP allocation, daily reports, and figures
// that stay right when doses are back-dated or the population changes. The
// township and its people are campaign_api_fixture.h's.
#include <algorithm>

#include "campaign_api_fixture.h"
#include "store/rows.h"

namespace fangkong {
namespace {

using namespace campaigntest;  // NOLINT: the campaign tests' vocabulary

class CampaignPlanApiTest : public CampaignApiTest {};

TEST_P(CampaignPlanApiTest, FeasibilityWeighsSitesAndSupply) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  std::string base = "/api/v1/campaigns/" + std::to_string(id);
  const std::string& a = villages_[0];
  const std::string& b = villages_[1];
  auto check = [&]() {
    auto r =
        Call("admin", "GET", base + "/feasibility?phase=1&date=2021-05-15&region=" + township_);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r);
  };
  // 15 May: A has its 2; B has 1 of 2, 1 a day over 46 days, two doses
  // each of BBIBP-CorV, and no site at all.
  auto f = check();
  EXPECT_TRUE(Unit(f, a).at("feasible").as_bool());
  auto fb = Unit(f, b);
  EXPECT_EQ(I(fb, "remaining"), 1);
  EXPECT_EQ(I(fb, "short_by"), 1);  // nobody came in the last 7 days: it will miss by 1
  EXPECT_EQ(I(fb, "doses_per_day"), 2);
  ASSERT_EQ(fb.at("shortfalls").as_array().size(), 2u);
  EXPECT_EQ(Txt(fb.at("shortfalls").as_array()[0].at("kind")), "no_sites");
  EXPECT_EQ(Txt(fb.at("shortfalls").as_array()[1].at("kind")), "supply");
  // A small site opens in B, and 2 doses are planned for 1 June.
  Storage& store = *S().store;
  Organisation o{0, "任务测试接种点", OrganisationKind::kVaccinationSite, "", b, ""};
  auto org = store.organisations->InsertOrganisation(o);
  ASSERT_TRUE(org);
  VaccinationSite site;
  site.org_id = *org;
  site.daily_capacity = 1;
  ASSERT_TRUE(store.vaccination->UpsertSite(site));
  auto supply = [&](const char* day, int doses) {
    return Call("admin", "POST", base + "/supply",
                json::serialize(json::object{
                    {"phase", 1}, {"region_code", b}, {"arrives_on", day}, {"doses", doses}}));
  };
  auto r = supply("2021-06-01", 2);
  ASSERT_EQ(r.status, 201) << r.body;
  fb = Unit(check(), b);
  EXPECT_EQ(I(fb, "sites"), 1);
  EXPECT_EQ(I(fb, "doses_expected"), 2);
  ASSERT_EQ(fb.at("shortfalls").as_array().size(), 1u);
  auto s = fb.at("shortfalls").as_array()[0].as_object();
  EXPECT_EQ(Txt(s.at("kind")), "capacity");
  EXPECT_EQ(I(s, "per_day"), 1);
  EXPECT_EQ(I(s, "days"), 46);
  EXPECT_NE(Txt(s.at("message_zh")).find("每日缺口1剂次，持续46天"), std::string::npos)
      << Txt(s.at("message_zh"));
  // Supply arriving after the phase ends, or of no doses, or elsewhere: refused.
  r = supply("2021-07-01", 10);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrCode(r), "arrives_after_phase");
  EXPECT_EQ(ErrField(r), "arrives_on");
  EXPECT_EQ(ErrField(supply("2021-06-01", 0)), "doses");
  r = Call("admin", "POST", base + "/supply",
           R"({"phase":1,"region_code":"341881001001","arrives_on":"2021-06-01","doses":5})");
  EXPECT_EQ(ErrCode(r), "outside_campaign");
  EXPECT_EQ(Obj(Call("admin", "GET", base + "/supply?phase=1")).at("items").as_array().size(), 1u);
}

TEST_P(CampaignPlanApiTest, AllocationByLinearProgrammingBesideTheProRataSplit) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  std::string base = "/api/v1/campaigns/" + std::to_string(id);
  const std::string& b = villages_[1];
  Storage& store = *S().store;
  auto sites = store.vaccination->SitesUnder(b);
  ASSERT_TRUE(sites);
  if (sites->empty()) {  // as FeasibilityWeighsSitesAndSupply opens it
    auto org = store.organisations->InsertOrganisation(
        Organisation{0, "任务测试接种点", OrganisationKind::kVaccinationSite, "", b, ""});
    ASSERT_TRUE(org);
    VaccinationSite site;
    site.org_id = *org;
    site.daily_capacity = 1;
    ASSERT_TRUE(store.vaccination->UpsertSite(site));
  }
  ASSERT_EQ(Call("admin", "POST", base + "/supply",
                 R"({"phase":1,"region_code":")" + b + R"(","arrives_on":"2021-06-01","doses":2})")
                .status,
            201);
  auto allocate = [&](const std::string& body) {
    return Call("admin", "POST", base + "/allocation", body);
  };
  // 15 May: only B has one to reach; its site does 1 a day and its 2 doses
  // (the person's two) arrive on 1 June: done that day, as B alone would.
  auto r = allocate(R"({"phase":1,"date":"2021-05-15","region":")" + township_ + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto plan = Obj(r);
  EXPECT_TRUE(plan.at("feasible").as_bool());
  EXPECT_EQ(I(plan, "remaining"), 1);
  EXPECT_EQ(Txt(plan.at("done")), "2021-06-01");
  EXPECT_EQ(Txt(plan.at("pro_rata").at("done")), "2021-06-01");
  EXPECT_EQ(I(plan, "days_saved"), 0);
  for (const auto& u : plan.at("units").as_array()) {
    if (Txt(u.at("code")) == b) {
      EXPECT_EQ(I(u.as_object(), "planned"), 1);
    }
  }
  EXPECT_FALSE(plan.at("feasibility").as_array().empty());
  // 25 June: the doses came in May (not in any stock), none are expected:
  // nobody can be reached, and it says so.
  plan = Obj(allocate(R"({"phase":1,"date":"2021-06-25","region":")" + township_ +
                      R"(","goal":"most_by_deadline"})"));
  EXPECT_FALSE(plan.at("feasible").as_bool());
  ASSERT_FALSE(plan.at("binds").as_array().empty());
  EXPECT_EQ(Txt(plan.at("binds").as_array()[0]),
            "at most 0 of the 1 people can be reached by 2021-06-30");
  EXPECT_NE(Txt(plan.at("binds_zh").as_array()[0]).find("最多可完成0人"), std::string::npos);
  EXPECT_EQ(ErrField(allocate(R"({"phase":1,"goal":"fastest"})")), "goal");
  EXPECT_EQ(Call("town2", "POST", base + "/allocation", R"({"phase":1})").status, 404);
}

// The bands of a coverage answer by label.
std::map<std::string, json::object> Bands(const json::object& coverage) {
  std::map<std::string, json::object> band;
  for (const auto& b : coverage.at("items").as_array())
    band[std::string(b.at("band").as_string())] = b.as_object();
  return band;
}

struct BandCount {
  const char* band;
  const char* field;
  int64_t expected;
};

void ExpectCounts(std::map<std::string, json::object>& band,
                  std::initializer_list<BandCount> want) {
  for (const auto& w : want)
    EXPECT_EQ(band[w.band].at(w.field).as_int64(), w.expected) << w.band << " " << w.field;
}

TEST_P(CampaignPlanApiTest, CoverageByAgeBandCountsResidentsByTheirAgeOnTheDay) {
  Populate();
  auto r = Call("admin", "GET", "/api/v1/coverage?by=age_band&date=2021-06-30&region=" + township_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto band = Bands(Obj(r));
  ASSERT_EQ(band.size(), 5u);
  // 18-59: a3 a4 a5 | b2 b3 b4; 60+: a1 a2 | b1 (a6, 81, lives elsewhere).
  // By 30 June: a3 a4 b2 and a1 b1 have a first dose; a4 b2 and a1 the series.
  ExpectCounts(band, {{"18-59", "population", 6},
                      {"60+", "population", 3},
                      {"80+", "population", 0},
                      {"3-11", "population", 0},
                      {"18-59", "first_dose", 3},
                      {"60+", "first_dose", 2},
                      {"18-59", "full_series", 2},
                      {"60+", "full_series", 1}});
  EXPECT_NEAR(D(band["60+"], "coverage_first"), 2.0 / 3, 1e-9);
  // A year on, a2's dose counts and a5 has not aged out; a2 turned 66.
  band = Bands(Obj(Call("admin", "GET", "/api/v1/coverage?date=2022-06-30&region=" + township_)));
  EXPECT_EQ(I(band["60+"], "first_dose"), 3);
  EXPECT_EQ(ErrField(Call("admin", "GET", "/api/v1/coverage?by=sex")), "by");
  EXPECT_EQ(Call("town2", "GET", "/api/v1/coverage?region=" + township_).status, 403);
}

// A unit holding a small part of the store is read person by person, the
// rest in the table's order (coverage_sql.h): the same hand-worked counts.
TEST_P(CampaignPlanApiTest, CoverageOfASmallUnitCountsTheSameWay) {
  Populate();
  // Twenty people of another township make village A small.
  Storage& store = *S().store;
  auto towns = store.regions->Children("341881");
  ASSERT_TRUE(towns);
  auto other = std::find_if(towns->begin(), towns->end(),
                            [&](const Region& t) { return t.code != township_; });
  ASSERT_NE(other, towns->end());
  for (int i = 0; i < 20; ++i) {
    Person p;
    p.doc_type = DocumentType::kOther;
    p.doc_number = "FILL" + GetParam() + std::to_string(i);
    p.name = "填充" + std::to_string(i);
    p.birth_date = *Date::Parse("1980-01-01");
    p.region_code = other->code;
    if (auto found = store.persons->FindByDocument(p.doc_number); found && !*found) {
      ASSERT_TRUE(store.persons->Insert(p));
    }
  }
  auto small = db::Read(*store.db,
                        [&](db::Connection& c) { return store::HoldsMostPeople(c, villages_[0]); });
  ASSERT_TRUE(small && !*small) << "village A should hold a small part of the store";
  // Village A on 30 June: 18-59 a3 a4 a5, first dose a3 a4, series a4; 60+
  // a1 a2, first dose a1. a6 (81, away) is counted nowhere, her dose neither.
  auto band =
      Bands(Obj(Call("admin", "GET", "/api/v1/coverage?date=2021-06-30&region=" + villages_[0])));
  ExpectCounts(band, {{"18-59", "population", 3},
                      {"18-59", "first_dose", 2},
                      {"18-59", "full_series", 1},
                      {"60+", "population", 2},
                      {"60+", "first_dose", 1},
                      {"80+", "first_dose", 0}});
}

// Runs last: it back-enters a dose (b4's) that the hand-worked figures above do not have.
TEST_P(CampaignPlanApiTest, DailyReportsFreezeRankAndStayWhenDosesComeLater) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  const std::string& a = villages_[0];
  const std::string& b = villages_[1];
  auto freeze = [&](const std::string& user, const std::string& day) {
    return Call(user, "POST", "/api/v1/daily-reports",
                json::serialize(json::object{{"campaign_id", id}, {"date", day}}));
  };
  // 28 June: A 3 of 2 (150%), B 2 of 2 with b1 that day (100%); the other
  // villages have no target. A ranks first on both days.
  auto r = freeze("admin", "2021-06-28");
  ASSERT_EQ(r.status, 201) << r.body;
  auto report = Obj(r);
  const auto& units = report.at("units").as_array();
  ASSERT_GE(units.size(), 2u);
  EXPECT_EQ(Txt(units[0].at("code")), a);
  EXPECT_EQ(Txt(units[1].at("code")), b);
  auto ub = units[1].as_object();
  EXPECT_EQ(I(ub, "rank"), 2);
  EXPECT_EQ(I(ub, "rank_before"), 2);
  EXPECT_EQ(I(ub, "counted"), 2);
  EXPECT_EQ(I(ub, "counted_change"), 1);
  EXPECT_FALSE(ub.at("lagging").as_bool());
  EXPECT_EQ(I(report.at("total").as_object(), "counted_change"), 1);
  // Frozen once.
  r = freeze("admin", "2021-06-28");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrCode(r), "daily_report_exists");
  // After the report, b1's dose of 28 June is corrected to 30 June, and
  // b4's first dose of 28 June is entered late: today's figures change, the
  // report does not.
  Storage& store = *S().store;
  auto person = [&](const char* name) {
    auto found = store.persons->FindByDocuments({std::string("CAMP") + GetParam() + name});
    EXPECT_TRUE(found && found->size() == 1);
    return (*found)[0].id;
  };
  auto b1_doses = store.vaccination->DosesOf(person("b1"));
  ASSERT_TRUE(b1_doses && b1_doses->size() == 1);
  r = Call("admin", "POST", "/api/v1/doses/" + std::to_string((*b1_doses)[0].id) + "/correction",
           R"({"given_on": "2021-06-30", "reason": "接种日期录错"})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(store.figures->Fold());
  EXPECT_EQ(I(Unit(Progress(id, "2021-06-28", "&phase=1"), b), "counted"), 1);
  EXPECT_EQ(I(Unit(Progress(id, "2021-06-30", "&phase=1"), b), "counted"), 2);
  r = Call("admin", "POST", "/api/v1/persons/" + std::to_string(person("b4")) + "/doses",
           R"({"product": "CoronaVac", "given_on": "2021-06-28", "source": "纸质登记本补录"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Obj(r).at("notes").as_array().size(), 0u);  // within the campaign
  ASSERT_TRUE(store.figures->Fold());
  EXPECT_EQ(I(Unit(Progress(id, "2021-06-28", "&phase=1"), b), "counted"), 2);
  EXPECT_EQ(I(Unit(Progress(id, "2021-06-30", "&phase=1"), b), "counted"), 3);
  std::string path = "/api/v1/daily-reports?campaign_id=" + std::to_string(id) + "&date=2021-06-28";
  EXPECT_EQ(Call("town2", "GET", path).status, 404);  // not town2's campaign
  report = Obj(Call("admin", "GET", path));
  EXPECT_EQ(I(report.at("units").as_array()[1].as_object(), "counted"), 2);
  EXPECT_EQ(I(report.at("units").as_array()[1].as_object(), "counted_change"), 1);
  // Ranked by another measure: the day's newly counted first.
  report = Obj(Call("admin", "GET", path + "&by=counted_change"));
  EXPECT_EQ(Txt(report.at("units").as_array()[0].at("code")), b);
  EXPECT_EQ(Txt(report.at("by")), "counted_change");
  EXPECT_EQ(ErrField(Call("admin", "GET", path + "&by=height")), "by");
  // The days frozen; none for a day not frozen, nor for a day to come.
  auto days = Obj(Call("admin", "GET", "/api/v1/daily-reports?campaign_id=" + std::to_string(id)));
  EXPECT_EQ(days.at("days").as_array().size(), 1u);
  EXPECT_EQ(Call("admin", "GET", path.substr(0, path.size() - 2) + "27").status, 404);
  EXPECT_EQ(freeze("admin", "2099-01-01").status, 422);
  EXPECT_EQ(freeze("town1", "2021-06-29").status, 403);
}

// After the daily reports (the test above): b3's dose of 15 March 2021,
// before the campaign began, is entered from another county's record. It is
// taken, and the clerk is told what it means: b3 counts as vaccinated from
// that day; the frozen report stays.
TEST_P(CampaignPlanApiTest, ADoseBackDatedBeforeTheCampaignCountsFromItsDay) {
  Populate();
  auto list = Obj(Call("admin", "GET", "/api/v1/campaigns"));
  int64_t id = 0;  // the newest: the daily reports' campaign
  for (const auto& c : list.at("items").as_array()) id = std::max(id, c.at("id").as_int64());
  const std::string& b = villages_[1];
  auto before = Unit(Progress(id, "2021-04-01", "&phase=1"), b);
  Storage& store = *S().store;
  auto b3 = store.persons->FindByDocuments({std::string("CAMP") + GetParam() + "b3"});
  ASSERT_TRUE(b3 && b3->size() == 1);
  auto r = Call("admin", "POST", "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/doses",
                R"({"product": "CoronaVac", "given_on": "2021-03-15", "lot": "202103A",
                    "source": "外县接种记录（凭接种证补录）"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto notes = Obj(r).at("notes").as_array();
  ASSERT_GE(notes.size(), 1u);  // the campaigns of the earlier tests, newest first
  EXPECT_EQ(notes.front().at("campaign_id").as_int64(), id);
  EXPECT_NE(Txt(notes.front().at("message_zh")).find("早于"), std::string::npos);
  EXPECT_EQ(Obj(r).at("dose").at("dose_number").as_int64(), 1);
  ASSERT_TRUE(store.figures->Fold());
  auto after = Unit(Progress(id, "2021-04-01", "&phase=1"), b);
  EXPECT_EQ(I(after, "first_dose"), I(before, "first_dose") + 1);
  EXPECT_EQ(I(after, "doses_today"), I(before, "doses_today"));
  EXPECT_EQ(I(after, "doses_total"), I(before, "doses_total") + 1);
  auto report =
      Obj(Call("admin", "GET",
               "/api/v1/daily-reports?campaign_id=" + std::to_string(id) + "&date=2021-06-28"));
  EXPECT_EQ(I(report.at("units").as_array()[1].as_object(), "counted"), 2);
  // A second entry of the same day is a double entry; a day to come is refused.
  r = Call("admin", "POST", "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/doses",
           R"({"product": "BBIBP-CorV", "given_on": "2021-03-15", "source": "重复"})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrCode(r), "duplicate_dose");
  r = Call("admin", "POST", "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/doses",
           R"({"product": "CoronaVac", "given_on": "2099-01-01", "source": "x"})");
  EXPECT_EQ(ErrField(r), "given_on");
  // Entered for the wrong person: voided, with a reason; the figures go
  // back, and the person's record keeps both steps.
  int64_t dose =
      Obj(Call("admin", "GET", "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/next-dose"))
          .at("history")
          .as_array()[0]
          .at("id")
          .as_int64();
  std::string void_path = "/api/v1/doses/" + std::to_string(dose) + "/void";
  EXPECT_EQ(ErrField(Call("admin", "POST", void_path, "{}")), "reason");
  r = Call("admin", "POST", void_path, R"({"reason": "录错受种者"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Obj(r).at("dose").is_null());
  ASSERT_TRUE(store.figures->Fold());
  EXPECT_EQ(I(Unit(Progress(id, "2021-04-01", "&phase=1"), b), "first_dose"),
            I(before, "first_dose"));
  auto history =
      Obj(Call("admin", "GET", "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/dose-entries"))
          .at("items")
          .as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(Txt(history[0].at("kind")), "void");
  EXPECT_EQ(Txt(history[0].at("before").at("date")), "2021-03-15");
  EXPECT_EQ(Txt(history[1].at("kind")), "back_entry");
  EXPECT_EQ(Txt(history[1].at("reason")), "外县接种记录（凭接种证补录）");
  EXPECT_EQ(Call("admin", "POST", void_path, R"({"reason": "再次"})").status, 404);
}

// Last, since c1 stays in the township: c1, 70, moves into village B after
// the campaign was set up. The
// second phase's group (60+ or chronic: a1, a2, a3, b1) does not hold her
// until the county recounts it; the first phase counts residents as it goes.
TEST_P(CampaignPlanApiTest, ARecountTakesInThoseWhoJoinedTheGroupSince) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  Storage& store = *S().store;
  ASSERT_TRUE(store.persons->Insert(CampaignPerson("c1", "1951-03-01", villages_[1])));
  std::string path = "/api/v1/campaigns/" + std::to_string(id) + "/recount";
  auto group = [&] {
    return I(Progress(id, "2021-07-10", "&phase=2").at("total").as_object(), "group");
  };
  EXPECT_EQ(group(), 4);
  auto r = Call("admin", "POST", path, R"({"phase": 2})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(I(Obj(r), "before"), 4);
  EXPECT_EQ(I(Obj(r), "after"), 5);
  EXPECT_EQ(group(), 5);
  EXPECT_EQ(ErrCode(Call("admin", "POST", path, R"({"phase": 1})")), "no_group");
  EXPECT_EQ(ErrField(Call("admin", "POST", path, R"({"phase": 9})")), "phase");
  EXPECT_EQ(Call("town1", "POST", path, R"({"phase": 2})").status, 403);
}

// After the recount, for the same reason: three people are registered
// after the county set the villages' targets by hand. The version keeps the
// township's target it was drawn up against (40% of the residents then),
// so the villages it set still add up and progress still answers.
TEST_P(CampaignPlanApiTest, ATaskBookVersionOutlivesAChangeOfPopulation) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  std::string base = "/api/v1/campaigns/" + std::to_string(id) + "/task-book";
  auto book = Obj(Call("admin", "GET", base + "?phase=1&region=" + township_));
  int64_t whole = I(book.at("total").as_object(), "target");
  EXPECT_EQ(I(Unit(Progress(id, "2021-06-28", "&phase=1"), township_), "target"), whole);
  Storage& store = *S().store;
  for (const char* name : {"d1", "d2", "d3"}) {  // 40% of 3 more moves the target
    Person p;
    p.doc_type = DocumentType::kOther;
    p.doc_number = std::string("CAMP") + GetParam() + name;
    p.name = std::string("任务") + name;
    p.birth_date = *Date::Parse("1985-05-05");
    p.region_code = villages_[0];
    ASSERT_TRUE(store.persons->Insert(p));
  }
  json::object overrides;
  for (const auto& u : book.at("units").as_array()) {
    std::string code = Txt(u.at("code"));
    overrides[code] = code == villages_[0] ? whole : 0;
  }
  auto r = Call("admin", "POST", base,
                json::serialize(
                    json::object{{"phase", 1}, {"note", "按摸底调整"}, {"overrides", overrides}}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = Progress(id, "2021-06-28", "&phase=1");
  EXPECT_EQ(I(Unit(p, township_), "target"), whole);
  EXPECT_EQ(I(Unit(p, villages_[0]), "target"), whole);
  EXPECT_EQ(I(Unit(p, township_), "population"), I(Unit(book, township_), "weight") + 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, CampaignPlanApiTest, ::testing::ValuesIn(TestEngines()));

}  // namespace
}  // namespace fangkong
