// Campaigns through the API on both engines: setting one up, the refusals
// of bad input, and every progress figure on a small township whose
// numbers are worked out by hand below.
#include <map>
#include <set>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

// A township with two villages that no other test fills: the third from the
// end (mobilisation_state_test takes the last).
std::vector<std::string> QuietVillages(Storage& store) {
  auto towns = store.regions->Children("341881");
  EXPECT_TRUE(towns && towns->size() > 4);
  int seen = 0;
  for (auto t = towns->rbegin(); t != towns->rend(); ++t) {
    auto villages = store.regions->Children(t->code);
    if (!villages || villages->size() < 2) continue;
    if (++seen == 3) return {(*villages)[0].code, (*villages)[1].code};
  }
  ADD_FAILURE() << "no third township with villages";
  return {};
}

struct Someone {
  const char* name;
  const char* born;
  int village;  // 0 = A, 1 = B
  const char* tag;
  bool away;
  std::vector<const char*> doses;  // CoronaVac, dose 1 then 2
};

// The township's people. Residents: A 5 (a6 is away), B 4; 9 in all.
// 60+ on 2021-07-01 or chronic: a1, a2, a3, b1 (a6 is away).
const std::vector<Someone> kPeople = {
    {"a1", "1950-01-01", 0, "", false, {"2021-04-10", "2021-05-10"}},
    {"a2", "1955-06-01", 0, "", false, {"2021-07-05"}},
    {"a3", "1980-01-01", 0, "chronic", false, {"2021-06-20"}},
    {"a4", "1990-01-01", 0, "", false, {"2021-04-20", "2021-05-25"}},
    {"a5", "2000-01-01", 0, "", false, {}},
    {"a6", "1940-01-01", 0, "", true, {"2021-04-15"}},
    {"b1", "1945-01-01", 1, "", false, {"2021-06-28"}},
    {"b2", "1970-01-01", 1, "", false, {"2021-05-01", "2021-06-01"}},
    {"b3", "1995-01-01", 1, "", false, {}},
    {"b4", "1988-01-01", 1, "", false, {}},
};

json::object Unit(const json::object& progress, const std::string& code) {
  if (std::string(progress.at("total").at("code").as_string()) == code)
    return progress.at("total").as_object();
  for (const auto& u : progress.at("units").as_array())
    if (std::string(u.at("code").as_string()) == code) return u.as_object();
  ADD_FAILURE() << "no unit " << code;
  return {};
}

int64_t I(const json::object& o, const char* k) { return o.at(k).to_number<int64_t>(); }
double D(const json::object& o, const char* k) { return o.at(k).to_number<double>(); }

class CampaignApiTest : public ApiTest {
 protected:
  std::string township_;
  std::vector<std::string> villages_;
  static inline std::map<std::string, int64_t> bureaus_;  // the township's department, by engine

  // The township's people, once per engine.
  void Populate() {
    Storage& store = *S().store;
    villages_ = QuietVillages(store);
    ASSERT_EQ(villages_.size(), 2u);
    township_ = villages_[0].substr(0, 9);
    static std::set<std::string> done;
    if (!done.insert(GetParam()).second) return;
    int64_t site = TestSite(store);
    // The county's education bureau and a school of the township, which
    // employs a1, a4, b3 and a6 (away).
    auto bureau = store.organisations->InsertOrganisation(
        Organisation{0, "测试教育局", OrganisationKind::kDepartment, "teacher", township_, ""});
    auto school = store.organisations->InsertOrganisation(
        Organisation{0, "测试中心小学", OrganisationKind::kSchool, "teacher", villages_[1], ""});
    ASSERT_TRUE(bureau && school);
    bureaus_[GetParam()] = *bureau;
    for (const auto& s : kPeople) {
      Person p;
      p.doc_type = DocumentType::kOther;
      p.doc_number = std::string("CAMP") + GetParam() + s.name;
      p.name = std::string("任务") + s.name;
      p.birth_date = *Date::Parse(s.born);
      p.region_code = villages_[s.village];
      p.residency = s.away ? ResidencyType::kAway : ResidencyType::kUsual;
      if (*s.tag) p.tags = {s.tag};
      if (std::set<std::string>{"a1", "a4", "b3", "a6"}.count(s.name)) p.employer_id = *school;
      auto id = store.persons->Insert(p);
      ASSERT_TRUE(id) << id.error().message;
      int n = 0;
      for (const char* day : s.doses) {
        DoseRecord d;
        d.person_id = *id;
        d.product = "CoronaVac";
        d.dose_number = ++n;
        d.date = *Date::Parse(day);
        d.site_id = site;
        d.region_code = p.region_code;
        ASSERT_TRUE(InsertDoseKeepingState(store, d));
      }
    }
  }

  json::object CreateCampaign() {
    json::object body{
        {"name", "测试任务"},
        {"region_code", township_},
        {"phases",
         json::array{json::object{{"name", "第一步"},
                                  {"start", "2021-04-01"},
                                  {"end", "2021-06-30"},
                                  {"dose", "first"},
                                  {"target_kind", "share_of_residents"},
                                  {"target", 40}},
                     json::object{{"name", "第二步"},
                                  {"start", "2021-07-01"},
                                  {"end", "2021-12-31"},
                                  {"dose", "first"},
                                  {"target_kind", "absolute"},
                                  {"target", 3},
                                  {"groups",
                                   json::array{json::object{{"min_age", 60}},
                                               json::object{{"tags", json::array{"chronic"}}}}}}}}};
    auto r = Call("admin", "POST", "/api/v1/campaigns", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r);
  }

  json::object Progress(int64_t id, const std::string& day, const std::string& extra = "") {
    auto r = Call("admin", "GET",
                  "/api/v1/campaigns/" + std::to_string(id) + "/progress?region=" + township_ +
                      "&date=" + day + extra);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r);
  }
};

TEST_P(CampaignApiTest, ProgressFiguresAreTheHandWorkedOnes) {
  Populate();
  auto c = CreateCampaign();
  int64_t id = c.at("id").as_int64();
  ASSERT_TRUE(S().store->figures->Fold());
  const std::string& a = villages_[0];
  const std::string& b = villages_[1];

  // Phase 1 on its last day. Target ceil(9 x 40%) = 4, split by residents
  // 5:4 = 2.22 : 1.78 -> 2 : 1, the one left to B's larger remainder: 2 : 2.
  auto p = Progress(id, "2021-06-30");
  EXPECT_EQ(p.at("phase").at("number").as_int64(), 1);
  auto total = Unit(p, township_), ua = Unit(p, a), ub = Unit(p, b);
  EXPECT_EQ(I(total, "population"), 9);
  EXPECT_EQ(I(ua, "population"), 5);
  EXPECT_EQ(I(total, "target"), 4);
  EXPECT_EQ(I(ua, "target"), 2);
  EXPECT_EQ(I(ub, "target"), 2);
  // First doses by 30 June: a1 a3 a4 | b1 b2 (a2's is on 5 July).
  EXPECT_EQ(I(total, "first_dose"), 5);
  EXPECT_EQ(I(ua, "first_dose"), 3);
  EXPECT_EQ(I(ub, "counted"), 2);
  // Full series: a1 a4 | b2. Doses: 5 and a6's (away, but given to
  // someone registered here) | 3. Today (30 June): none.
  EXPECT_EQ(I(total, "full_series"), 3);
  EXPECT_EQ(I(ua, "full_series"), 2);
  EXPECT_EQ(I(ua, "doses_total"), 6);
  EXPECT_EQ(I(total, "doses_total"), 9);
  EXPECT_EQ(I(ub, "doses_total"), 3);
  EXPECT_EQ(I(total, "doses_today"), 0);
  EXPECT_NEAR(D(total, "coverage_first"), 5.0 / 9, 1e-9);
  EXPECT_NEAR(D(total, "completion"), 5.0 / 4, 1e-9);
  EXPECT_EQ(I(total, "days_left"), 0);
  EXPECT_EQ(I(total, "required_daily_rate"), 0);
  // 7-day rate: 5 now, 4 on 23 June (b1 came on 28 June).
  EXPECT_NEAR(D(total, "rate_7d"), 1.0 / 7, 1e-9);
  EXPECT_EQ(Txt(total.at("projected_completion")), "2021-06-30");

  // On 28 June b1's dose is today's.
  EXPECT_EQ(I(Unit(Progress(id, "2021-06-28"), b), "doses_today"), 1);
  // The trend of the last 3 days of June: b1 counted on the 28th; the
  // target was reached the day before, so no rate was needed.
  auto trend = Obj(Call("admin", "GET",
                        "/api/v1/campaigns/" + std::to_string(id) + "/trend?region=" + township_ +
                            "&date=2021-06-30&days=3"));
  const auto& days = trend.at("items").as_array();
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(std::string(days[0].at("date").as_string()), "2021-06-28");
  EXPECT_EQ(I(days[0].as_object(), "counted"), 1);
  EXPECT_EQ(I(days[0].as_object(), "doses"), 1);
  EXPECT_EQ(I(days[0].as_object(), "required_daily_rate"), 0);
  EXPECT_EQ(I(days[1].as_object(), "counted"), 0);
  // On 15 May one was still needed over the 47 days left, that day included.
  trend = Obj(Call("admin", "GET",
                   "/api/v1/campaigns/" + std::to_string(id) + "/trend?region=" + township_ +
                       "&date=2021-05-15&days=1"));
  EXPECT_EQ(I(trend.at("items").as_array()[0].as_object(), "required_daily_rate"), 1);

  // Mid-May: a1 a4 b2 have come; 1 left over 46 days: 1 a day, and at
  // last week's pace (none since 8 May) no date.
  p = Progress(id, "2021-05-15");
  total = Unit(p, township_);
  EXPECT_EQ(I(total, "counted"), 3);
  EXPECT_EQ(I(total, "days_left"), 46);
  EXPECT_EQ(I(total, "required_daily_rate"), 1);
  EXPECT_EQ(D(total, "rate_7d"), 0);
  EXPECT_TRUE(total.at("projected_completion").is_null());
  // B's part: 2 to reach, b2 has come; 1 over 46 days.
  EXPECT_EQ(I(Unit(p, b), "required_daily_rate"), 1);

  // Phase 2: the group is a1 a2 a3 | b1 (a6 is away); target 3 split 3:1
  // = 2.25 : 0.75 -> 2 : 0, the one left to B: 2 : 1.
  p = Progress(id, "2021-07-10");
  EXPECT_EQ(p.at("phase").at("number").as_int64(), 2);
  total = Unit(p, township_);
  ua = Unit(p, a);
  ub = Unit(p, b);
  EXPECT_EQ(I(total, "group"), 4);
  EXPECT_EQ(I(ua, "group"), 3);
  EXPECT_EQ(I(ua, "target"), 2);
  EXPECT_EQ(I(ub, "target"), 1);
  EXPECT_EQ(I(total, "counted"), 4);
  EXPECT_EQ(I(ua, "counted"), 3);
  EXPECT_NEAR(D(total, "completion"), 4.0 / 3, 1e-9);
  // On 3 July: a1 a3 b1 (3); a week before, a1 a3 (2).
  total = Unit(Progress(id, "2021-07-03", "&phase=2"), township_);
  EXPECT_EQ(I(total, "counted"), 3);
  EXPECT_NEAR(D(total, "rate_7d"), 1.0 / 7, 1e-9);
  // a6 comes back to live in A: a resident now, with a first dose; then
  // leaves again in an import batch.
  Storage& store = *S().store;
  auto a6 = store.persons->FindByDocuments({std::string("CAMP") + GetParam() + "a6"});
  ASSERT_TRUE(a6 && a6->size() == 1);
  Person back = (*a6)[0];
  back.residency = ResidencyType::kUsual;
  ASSERT_TRUE(store.persons->Update(back));
  ua = Unit(Progress(id, "2021-06-30", "&phase=1"), a);
  EXPECT_EQ(I(ua, "population"), 6);
  EXPECT_EQ(I(ua, "first_dose"), 4);
  back.residency = ResidencyType::kAway;
  ASSERT_TRUE(store.persons->UpsertBatch({back}, "341881"));
  ASSERT_TRUE(store.figures->Fold());
  ua = Unit(Progress(id, "2021-06-30", "&phase=1"), a);
  EXPECT_EQ(I(ua, "population"), 5);
  EXPECT_EQ(I(ua, "first_dose"), 3);
}

// By the department tree: the bureau answers for the school's resident
// employees a1, a4 and b3 (a6 is away); by 28 June a1 and a4 had both
// doses, b3 none. The phase's 40% of 3 is 2 (rounded up).
TEST_P(CampaignApiTest, ProgressByDepartmentCountsTheEmployeesOfItsIndustry) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  auto p = Progress(id, "2021-06-28", "&phase=1&by=department");
  EXPECT_EQ(Txt(p.at("by")), "department");
  auto bureau = Unit(p, "org:" + std::to_string(bureaus_[GetParam()]));
  EXPECT_EQ(Txt(bureau.at("name")), "测试教育局");
  EXPECT_EQ(I(bureau, "population"), 3);
  EXPECT_EQ(I(bureau, "first_dose"), 2);
  EXPECT_EQ(I(bureau, "full_series"), 2);
  EXPECT_EQ(I(bureau, "counted"), 2);
  EXPECT_EQ(I(bureau, "target"), 2);
  EXPECT_DOUBLE_EQ(D(bureau, "completion"), 1.0);
  // A week before (21 June): a1 and a4 already, so nobody new in 7 days.
  EXPECT_DOUBLE_EQ(D(bureau, "rate_7d"), 0.0);
  EXPECT_EQ(I(p.at("total").as_object(), "population"), 3);
  // On 15 April only a1.
  EXPECT_EQ(I(Unit(Progress(id, "2021-04-15", "&phase=1&by=department"),
                   "org:" + std::to_string(bureaus_[GetParam()])),
              "first_dose"),
            1);
  auto r = Call("admin", "GET",
                "/api/v1/campaigns/" + std::to_string(id) + "/progress?by=height&region=" + township_);
  EXPECT_EQ(ErrField(r), "by");
}

TEST_P(CampaignApiTest, TaskBookSplitsDownTheTreeAndOverTimeInVersions) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  std::string base = "/api/v1/campaigns/" + std::to_string(id) + "/task-book";
  const std::string& a = villages_[0];
  const std::string& b = villages_[1];
  // Phase 1: 4 people, A 2 and B 2 (as in the progress test), at an even
  // pace over its 91 days: each village's running total reaches 1 on day
  // 46 (16 May) and 2 on day 91 (30 June); each first dose brings a second
  // 28 days later (BBIBP-CorV, the catalogue's first product): 13 June and
  // 28 July.
  auto r = Call("admin", "GET", base + "?phase=1&region=" + township_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto book = Obj(r);
  EXPECT_EQ(book.at("version").as_int64(), 0);
  EXPECT_EQ(Txt(book.at("planned_with").at("product")), "BBIBP-CorV");
  std::vector<std::string> months;
  for (const auto& m : book.at("periods").as_array()) months.push_back(Txt(m));
  EXPECT_EQ(months, (std::vector<std::string>{"2021-05", "2021-06", "2021-07"}));
  auto row = [](const json::object& b, const std::string& code) { return Unit(b, code); };
  auto ra = row(book, a);
  EXPECT_EQ(I(ra, "weight"), 5);
  EXPECT_EQ(I(ra, "target"), 2);
  auto period = [](const json::object& r, size_t i) {
    return r.at("periods").as_array()[i].as_object();
  };
  EXPECT_EQ(I(period(ra, 0), "people"), 1);  // 16 May
  EXPECT_EQ(I(period(ra, 0), "doses"), 1);
  EXPECT_EQ(I(period(ra, 1), "people"), 1);  // 30 June
  EXPECT_EQ(I(period(ra, 1), "doses"), 2);   // and 16 May's second dose on 13 June
  EXPECT_EQ(I(period(ra, 2), "people"), 0);
  EXPECT_EQ(I(period(ra, 2), "doses"), 1);  // 30 June's on 28 July
  auto total = book.at("total").as_object();
  EXPECT_EQ(I(total, "target"), 4);
  EXPECT_EQ(I(period(total, 1), "doses"), 4);  // the sum of the rows
  // By ISO week: 16 May 2021 is the Sunday of week 19, 13 June of week 23,
  // 30 June a Wednesday of week 26, 28 July of week 30.
  auto weekly = Obj(Call("admin", "GET", base + "?phase=1&by=week&region=" + township_));
  std::vector<std::string> weeks;
  for (const auto& w : weekly.at("periods").as_array()) weeks.push_back(Txt(w));
  EXPECT_EQ(weeks, (std::vector<std::string>{"2021-W19", "2021-W23", "2021-W26", "2021-W30"}));

  // The county sets the villages by hand: every village of the township,
  // adding up to its 4.
  json::object overrides;
  for (const auto& u : book.at("units").as_array()) {
    std::string code = Txt(u.at("code"));
    overrides[code] = code == a ? 3 : code == b ? 1 : 0;
  }
  auto post = [&](const json::object& o) {
    return Call(
        "admin", "POST", base,
        json::serialize(json::object{{"phase", 1}, {"note", "按摸底调整"}, {"overrides", o}}));
  };
  r = post(overrides);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Obj(r).at("version").as_int64(), 1);
  book = Obj(Call("admin", "GET", base + "?phase=1&region=" + township_));
  EXPECT_EQ(book.at("version").as_int64(), 1);
  EXPECT_EQ(I(row(book, a), "target"), 3);
  EXPECT_EQ(I(row(book, b), "target"), 1);
  // Progress follows the latest version.
  auto p = Progress(id, "2021-06-30", "&phase=1");
  EXPECT_EQ(I(Unit(p, a), "target"), 3);
  EXPECT_NEAR(D(Unit(p, b), "completion"), 2.0, 1e-9);
  // Overrides that do not add up, or set in part, are refused; nothing is saved.
  r = post(json::object{{a, 4}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrCode(r), "overrides_do_not_sum");
  EXPECT_NE(ErrPart(r, "message").find("5"), std::string::npos) << "names the sum";
  r = post(json::object{{township_, 5}});
  EXPECT_EQ(ErrField(r), "overrides." + township_);
  r = post(json::object{{a, -2}});
  EXPECT_EQ(ErrField(r), "overrides." + a);
  r = Call("admin", "POST", base, R"({"phase":1,"overrides":{"x":"many"}})");
  EXPECT_EQ(ErrCode(r), "wrong_type");
  // Removing them returns to the split pro rata, as version 2; version 1 stays readable.
  json::object removed;
  for (const auto& [code, v] : overrides) removed[code] = -1;
  r = post(removed);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(I(row(Obj(Call("admin", "GET", base + "?phase=1&region=" + township_)), a), "target"),
            2);
  book = Obj(Call("admin", "GET", base + "?phase=1&version=1&region=" + township_));
  EXPECT_EQ(I(row(book, a), "target"), 3);
  EXPECT_EQ(book.at("versions").as_array().size(), 2u);
  EXPECT_EQ(Call("admin", "GET", base + "?phase=1&version=9").status, 422);
  // The workbook the office prints.
  r = Call("admin", "GET", base + "?phase=1&format=xlsx&region=" + township_);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.content_type.find("spreadsheetml"), std::string::npos);
}

TEST_P(CampaignApiTest, BadInputIsRefusedNamingTheField) {
  auto phase = [](json::object changes) {
    json::object p{{"name", "第一步"},
                   {"start", "2021-04-01"},
                   {"end", "2021-06-30"},
                   {"target_kind", "share_of_residents"},
                   {"target", 40}};
    for (auto& [k, v] : changes) p[k] = v;
    return json::object{{"name", "任务"}, {"phases", json::array{p}}};
  };
  auto post = [&](const json::object& body) {
    return Call("admin", "POST", "/api/v1/campaigns", json::serialize(body));
  };
  // Someone of 70 in the county, so a 60+ group is never empty.
  Person old;
  old.doc_type = DocumentType::kOther;
  old.doc_number = "CAMPOLD" + GetParam();
  old.name = "任务长者";
  old.birth_date = *Date::FromYmd(1951, 3, 1);
  old.region_code = kVillage1;
  ASSERT_TRUE(S().store->persons->Insert(old));
  auto r = post(phase({{"target", 100.5}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrCode(r), "target_above_group");
  EXPECT_EQ(ErrField(r), "phases[0].target");
  r = post(phase({{"end", "2021-03-01"}}));
  EXPECT_EQ(ErrCode(r), "ends_before_start");
  EXPECT_EQ(ErrField(r), "phases[0].end");
  r = post(phase({{"groups", json::array{json::object{{"min_age", 130}}}},
                  {"target_kind", "share_of_group"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrCode(r), "group_matches_nobody");
  EXPECT_EQ(ErrField(r), "phases[0].groups");
  r = post(phase({{"groups", json::array{json::object{{"min_age", 60}}}},
                  {"target_kind", "absolute"},
                  {"target", 100000000}}));
  EXPECT_EQ(ErrCode(r), "target_above_group");
  r = post(phase({{"groups", json::array{json::object{{"tags", json::array{"flu"}}}}}}));
  EXPECT_EQ(ErrField(r), "phases[0].groups[0].tags");
  r = post(phase({{"target", "40.25"}}));
  EXPECT_EQ(ErrField(r), "phases[0].target");
  r = post(json::object{{"name", "任务"}, {"phases", json::array{}}});
  EXPECT_EQ(ErrField(r), "phases");
  r = post(phase({{"start", "2021-02-30"}}));
  EXPECT_EQ(ErrField(r), "phases[0].start");
  r = post(json::object{{"name", "任务"}, {"phases", "第一步"}});
  EXPECT_EQ(ErrCode(r), "wrong_type");
  // Only county administrators plan.
  r = Call("town1", "POST", "/api/v1/campaigns", json::serialize(phase({})));
  EXPECT_EQ(r.status, 403);
}

TEST_P(CampaignApiTest, OthersSeeCampaignsOfTheirPartOfTheTree) {
  auto r = Call("admin", "POST", "/api/v1/campaigns",
                json::serialize(json::object{
                    {"name", "西津街道任务"},
                    {"region_code", "341881001"},
                    {"phases", json::array{json::object{{"name", "第一步"},
                                                        {"start", "2021-04-01"},
                                                        {"end", "2021-06-30"},
                                                        {"target_kind", "share_of_residents"},
                                                        {"target", 40}}}}}));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  EXPECT_EQ(Call("town1", "GET", "/api/v1/campaigns/" + id).status, 200);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/campaigns/" + id).status, 200);
  EXPECT_EQ(Call("town2", "GET", "/api/v1/campaigns/" + id).status, 404);
  bool listed = false;
  auto listing = Obj(Call("town2", "GET", "/api/v1/campaigns"));
  for (const auto& c : listing.at("items").as_array())
    listed |= std::to_string(c.at("id").as_int64()) == id;
  EXPECT_FALSE(listed);
  // A region outside the campaign is refused, a village inside is read.
  r = Call("admin", "GET",
           "/api/v1/campaigns/" + id + "/progress?region=341881100&date=2021-05-01");
  EXPECT_EQ(ErrCode(r), "outside_campaign");
  r = Call("town1", "GET", "/api/v1/campaigns/" + id + "/progress?date=2021-05-01");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Txt(Obj(r).at("region")), "341881001");
  EXPECT_EQ(Call("town2", "GET", "/api/v1/campaigns/" + id + "/progress").status, 404);
}

TEST_P(CampaignApiTest, FeasibilityWeighsSitesAndSupply) {
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

TEST_P(CampaignApiTest, AllocationByLinearProgrammingBesideTheProRataSplit) {
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

TEST_P(CampaignApiTest, CoverageByAgeBandCountsResidentsByTheirAgeOnTheDay) {
  Populate();
  auto r = Call("admin", "GET", "/api/v1/coverage?by=age_band&date=2021-06-30&region=" + township_);
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, json::object> band;
  auto coverage = Obj(r);
  for (const auto& b : coverage.at("items").as_array()) band[Txt(b.at("band"))] = b.as_object();
  ASSERT_EQ(band.size(), 5u);
  // 18-59: a3 a4 a5 | b2 b3 b4; 60+: a1 a2 | b1 (a6, 81, lives elsewhere).
  EXPECT_EQ(I(band["18-59"], "population"), 6);
  EXPECT_EQ(I(band["60+"], "population"), 3);
  EXPECT_EQ(I(band["80+"], "population"), 0);
  EXPECT_EQ(I(band["3-11"], "population"), 0);
  // By 30 June: a3 a4 b2 and a1 b1 have a first dose; a4 b2 and a1 the series.
  EXPECT_EQ(I(band["18-59"], "first_dose"), 3);
  EXPECT_EQ(I(band["60+"], "first_dose"), 2);
  EXPECT_EQ(I(band["18-59"], "full_series"), 2);
  EXPECT_EQ(I(band["60+"], "full_series"), 1);
  EXPECT_NEAR(D(band["60+"], "coverage_first"), 2.0 / 3, 1e-9);
  // A year on, a2's dose counts and a5 has not aged out; a2 turned 66.
  band.clear();
  coverage = Obj(Call("admin", "GET", "/api/v1/coverage?date=2022-06-30&region=" + township_));
  for (const auto& b : coverage.at("items").as_array()) band[Txt(b.at("band"))] = b.as_object();
  EXPECT_EQ(I(band["60+"], "first_dose"), 3);
  EXPECT_EQ(ErrField(Call("admin", "GET", "/api/v1/coverage?by=sex")), "by");
  EXPECT_EQ(Call("town2", "GET", "/api/v1/coverage?region=" + township_).status, 403);
}

// Runs last: it back-enters a dose (b4's) that the hand-worked figures above do not have.
TEST_P(CampaignApiTest, DailyReportsFreezeRankAndStayWhenDosesComeLater) {
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
TEST_P(CampaignApiTest, ADoseBackDatedBeforeTheCampaignCountsFromItsDay) {
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
  auto report = Obj(Call("admin", "GET", "/api/v1/daily-reports?campaign_id=" + std::to_string(id) +
                                             "&date=2021-06-28"));
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
  int64_t dose = Obj(Call("admin", "GET",
                          "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/next-dose"))
                     .at("history").as_array()[0].at("id").as_int64();
  std::string void_path = "/api/v1/doses/" + std::to_string(dose) + "/void";
  EXPECT_EQ(ErrField(Call("admin", "POST", void_path, "{}")), "reason");
  r = Call("admin", "POST", void_path, R"({"reason": "录错受种者"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Obj(r).at("dose").is_null());
  ASSERT_TRUE(store.figures->Fold());
  EXPECT_EQ(I(Unit(Progress(id, "2021-04-01", "&phase=1"), b), "first_dose"), I(before, "first_dose"));
  auto history = Obj(Call("admin", "GET",
                          "/api/v1/persons/" + std::to_string((*b3)[0].id) + "/dose-entries"))
                     .at("items").as_array();
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
TEST_P(CampaignApiTest, ARecountTakesInThoseWhoJoinedTheGroupSince) {
  Populate();
  int64_t id = CreateCampaign().at("id").as_int64();
  Storage& store = *S().store;
  Person p;
  p.doc_type = DocumentType::kOther;
  p.doc_number = std::string("CAMP") + GetParam() + "c1";
  p.name = "任务c1";
  p.birth_date = *Date::Parse("1951-03-01");
  p.region_code = villages_[1];
  ASSERT_TRUE(store.persons->Insert(p));
  std::string path = "/api/v1/campaigns/" + std::to_string(id) + "/recount";
  auto group = [&] { return I(Progress(id, "2021-07-10", "&phase=2").at("total").as_object(), "group"); };
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
TEST_P(CampaignApiTest, ATaskBookVersionOutlivesAChangeOfPopulation) {
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
                json::serialize(json::object{{"phase", 1}, {"note", "按摸底调整"}, {"overrides", overrides}}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = Progress(id, "2021-06-28", "&phase=1");
  EXPECT_EQ(I(Unit(p, township_), "target"), whole);
  EXPECT_EQ(I(Unit(p, villages_[0]), "target"), whole);
  EXPECT_EQ(I(Unit(p, township_), "population"), I(Unit(book, township_), "weight") + 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, CampaignApiTest, ::testing::ValuesIn(TestEngines()));

}  // namespace
}  // namespace fangkong
