// Campaigns through the API on both engines: setting one up, the refusals
// of bad input, and every progress figure on a small township whose
// numbers are worked out by hand (its people:
// campaign_api_fixture.h).
#include "campaign_api_fixture.h"

namespace fangkong {
namespace {

using namespace campaigntest;  // NOLINT: the campaign tests' vocabulary

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
  auto r =
      Call("admin", "GET",
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

INSTANTIATE_TEST_SUITE_P(Engines, CampaignApiTest, ::testing::ValuesIn(TestEngines()));

}  // namespace
}  // namespace fangkong
