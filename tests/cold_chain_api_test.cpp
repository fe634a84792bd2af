// API contract tests of the cold chain: fridges, logger uploads with bad
// rows, excursions and silences that hold a site's lots, the checks a hold
// blocks, and the county's release (usable, or discarded and written off).
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

std::string LoggerCsv(const std::vector<std::string>& rows) {
  std::string out = "时间,温度(°C)\n";
  for (const auto& r : rows) out += r + "\n";
  return out;
}

// Readings every 5 minutes from hh:mm for n readings at the given temperature.
std::vector<std::string> Every5(int hour, int minute, int n, const std::string& celsius,
                                const std::string& day) {
  std::vector<std::string> rows;
  for (int i = 0; i < n; ++i) {
    int m = hour * 60 + minute + 5 * i;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %02d:%02d,%s", day.c_str(), m / 60, m % 60, celsius.c_str());
    rows.push_back(buf);
  }
  return rows;
}

TEST_P(ApiTest, ColdChainExcursionsHoldTheFridgesLotsUntilTheCountyReleasesThem) {
  std::string tag = GetParam() == "sqlite" ? "S" : "P";
  Organisation org{0, "西津街道冷链测试门诊", OrganisationKind::kVaccinationSite, "", "341881001",
                   ""};
  auto site = S().store->organisations->InsertOrganisation(org);
  ASSERT_TRUE(site);
  VaccinationSite details;
  details.org_id = *site;
  details.daily_capacity = 200;
  ASSERT_TRUE(S().store->vaccination->UpsertSite(details));
  std::string site_path = "/api/v1/sites/" + std::to_string(*site);

  // Fridges: validated limits and codes, one code per site, only over the site.
  auto fridge = [&](const std::string& user, json::object body) {
    return Call(user, "POST", site_path + "/fridges", json::serialize(body));
  };
  EXPECT_EQ(ErrField(fridge("town1", {{"code", "BX-01"}, {"min_celsius", 8}, {"max_celsius", 2}})),
            "max_celsius");
  EXPECT_EQ(ErrField(fridge("town1", {{"code", "冰箱 1"}})), "code");
  EXPECT_EQ(ErrField(fridge("town1", {{"code", "BX-01"}, {"tolerance_minutes", 1}})),
            "tolerance_minutes");
  EXPECT_EQ(ErrField(fridge("town1", {{"code", "BX-01"}, {"min_celsius", "cold"}})), "min_celsius");
  EXPECT_EQ(fridge("town2", {{"code", "BX-01"}}).status, 403);
  auto made =
      fridge("town1", {{"code", "BX-01"}, {"name", "门诊冷藏冰箱"}, {"tolerance_minutes", 30}});
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t fridge_id = Obj(made).at("id").as_int64();
  auto twice = fridge("town1", {{"code", "BX-01"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ErrField(twice), "code");
  EXPECT_EQ(Obj(Call("town1", "GET", site_path + "/fridges")).at("items").as_array().size(), 1u);

  // A lot in stock at the site (in no fridge yet, so in every fridge there).
  std::string lot_number = "CC" + tag + "0001";
  std::string next_year = Date::TodayBeijing().AddYears(1).Iso();
  auto lot =
      Call("admin", "POST", "/api/v1/lots",
           json::serialize(json::object{
               {"product", "CoronaVac"}, {"lot_number", lot_number}, {"expiry", next_year}}));
  ASSERT_EQ(lot.status, 201) << lot.body;
  int64_t lot_id = Obj(lot).at("id").as_int64();
  ASSERT_EQ(Call("town1", "POST", site_path + "/stock",
                 json::serialize(json::object{{"move", "receive"},
                                              {"product", "CoronaVac"},
                                              {"lot_number", lot_number},
                                              {"doses", 50}}))
                .status,
            201);
  EXPECT_EQ(ErrField(Call("town1", "PUT", "/api/v1/fridges/" + std::to_string(fridge_id) + "/lots",
                          R"({"lot_ids":"all"})")),
            "lot_ids");
  auto assigned = Call("town1", "PUT", "/api/v1/fridges/" + std::to_string(fridge_id) + "/lots",
                       json::serialize(json::object{{"lot_ids", json::array{lot_id}}}));
  ASSERT_EQ(assigned.status, 200) << assigned.body;

  // A log with an impossible temperature, a repeated time, rows out of order
  // and 40 minutes above 8 °C: the bad rows are named, the lot is held.
  std::string readings_path = "/api/v1/fridges/" + std::to_string(fridge_id) + "/readings";
  auto rows = Every5(8, 0, 12, "4.5", "2026-11-20");
  auto warm = Every5(9, 0, 9, "9.8", "2026-11-20");
  rows.insert(rows.end(), warm.begin(), warm.end());
  auto after = Every5(9, 45, 6, "5.0", "2026-11-20");
  rows.insert(rows.end(), after.begin(), after.end());
  rows.push_back("2026-11-20 08:10,4.6");   // a repeated time
  rows.push_back("2026-11-20 10:20,99.0");  // impossible
  std::swap(rows[2], rows[3]);
  auto up = Call("town1", "POST", readings_path, LoggerCsv(rows), "text/csv");
  ASSERT_EQ(up.status, 200) << up.body;
  auto report = Obj(up);
  EXPECT_EQ(report.at("stored").as_int64(), 27);
  EXPECT_EQ(report.at("duplicates").as_int64(), 1);
  EXPECT_TRUE(report.at("was_unsorted").as_bool());
  ASSERT_EQ(report.at("rejected").as_array().size(), 1u);
  EXPECT_EQ(Txt(report.at("rejected").as_array()[0].at("field")), "温度");
  ASSERT_EQ(report.at("holds").as_array().size(), 1u);
  EXPECT_EQ(Txt(report.at("holds").as_array()[0].at("lot_number")), lot_number);
  EXPECT_NE(Txt(report.at("holds").as_array()[0].at("reason")).find("BX-01"), std::string::npos);
  int64_t hold_id = report.at("holds").as_array()[0].at("id").as_int64();

  // Sending the same file again stores nothing and holds nothing new.
  auto again = Obj(Call("town1", "POST", readings_path, LoggerCsv(rows), "text/csv"));
  EXPECT_EQ(again.at("stored").as_int64(), 0);
  EXPECT_EQ(again.at("already_stored").as_int64(), 27);
  EXPECT_EQ(again.at("holds").as_array().size(), 0u);
  EXPECT_EQ(ErrField(Call("town1", "POST", readings_path, "a,b\n1,2\n", "text/csv")), "时间");
  EXPECT_EQ(ErrCode(Call("town1", "POST", readings_path, LoggerCsv({"2026-11-20 25:00,4.0"}),
                         "text/csv")),
            "no_readings");
  EXPECT_EQ(Call("town2", "POST", readings_path, LoggerCsv(rows), "text/csv").status, 403);
  auto log = Obj(Call("town1", "GET", readings_path + "?from=2026-11-20&to=2026-11-20"));
  EXPECT_EQ(log.at("readings").as_array().size(), 27u);
  EXPECT_GE(log.at("excursions").as_array().size(), 1u);

  // The hold blocks the lot at this site: no transfer out, no dose given.
  Organisation other{
      0, "西津街道冷链测试临时点", OrganisationKind::kVaccinationSite, "", "341881001", ""};
  auto other_site = S().store->organisations->InsertOrganisation(other);
  ASSERT_TRUE(other_site);
  VaccinationSite other_details;
  other_details.org_id = *other_site;
  ASSERT_TRUE(S().store->vaccination->UpsertSite(other_details));
  auto transfer = [&] {
    return Call("town1", "POST", site_path + "/transfers",
                json::serialize(json::object{{"to_site", *other_site},
                                             {"product", "CoronaVac"},
                                             {"lot_number", lot_number},
                                             {"doses", 5}}));
  };
  EXPECT_EQ(ErrCode(transfer()), "lot_held");
  auto town1 = S().store->users->FindUserByName("town1");
  ASSERT_TRUE(town1 && *town1);
  ASSERT_TRUE(S().store->vaccination->UpsertStaff(
      SiteStaff{*site, (*town1)->first.id, "", "", StaffDuty::kVaccinator, "皖接种证000777",
                Date::TodayBeijing().AddYears(1)}));
  std::string person = NewId(141);
  ASSERT_EQ(CreatePerson("town1", person, "冷链受种者", kVillage1).status, 201);
  auto visit = Call("town1", "POST", "/api/v1/visits",
                    json::serialize(json::object{{"site_id", *site}, {"id_number", person}}));
  ASSERT_EQ(visit.status, 201) << visit.body;
  std::string visit_path = "/api/v1/visits/" + std::to_string(Obj(visit).at("id").as_int64());
  ASSERT_EQ(Call("town1", "POST", visit_path + "/screening", R"({"temperature":36.5})").status,
            200);
  ASSERT_EQ(Call("town1", "POST", visit_path + "/consent", R"({"product":"CoronaVac"})").status,
            200);
  std::string code = std::string("8100000000000000") + (tag == "S" ? "0711" : "0712");
  auto give = [&] {
    return Call("town1", "POST", visit_path + "/administer",
                json::serialize(json::object{{"trace_code", code}, {"lot_number", lot_number}}));
  };
  auto blocked = give();
  EXPECT_EQ(ErrCode(blocked), "lot_held");
  EXPECT_NE(Obj(blocked).at("error").at("message_zh").as_string().find("BX-01"), std::string::npos);

  // Holds are listed within the jurisdiction; only the county releases them.
  auto listed =
      Obj(Call("town1", "GET", "/api/v1/cold-chain/holds?active=1")).at("items").as_array();
  bool found = false;
  for (const auto& h : listed) found |= h.at("id").as_int64() == hold_id;
  EXPECT_TRUE(found);
  auto town2_holds = Obj(Call("town2", "GET", "/api/v1/cold-chain/holds"));
  for (const auto& h : town2_holds.at("items").as_array()) {
    EXPECT_NE(h.at("id").as_int64(), hold_id);
  }
  std::string release_path = "/api/v1/cold-chain/holds/" + std::to_string(hold_id) + "/release";
  EXPECT_EQ(Call("town1", "POST", release_path, R"({"outcome":"usable","reason":"厂家稳定性数据"})")
                .status,
            403);
  EXPECT_EQ(ErrField(Call("admin", "POST", release_path, R"({"outcome":"fine","reason":"x"})")),
            "outcome");
  EXPECT_EQ(ErrField(Call("admin", "POST", release_path, R"({"outcome":"usable","reason":"  "})")),
            "reason");
  auto released = Call("admin", "POST", release_path,
                       R"({"outcome":"usable","reason":"超温时长在厂家稳定性数据范围内"})");
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_FALSE(Obj(released).at("active").as_bool());
  EXPECT_EQ(
      ErrCode(Call("admin", "POST", release_path, R"({"outcome":"usable","reason":"again"})")),
      "not_held");
  EXPECT_EQ(transfer().status, 201);
  ASSERT_EQ(give().status, 200);

  // Three silent hours hold the lot again; discarding writes the doses off.
  auto late = Every5(13, 0, 4, "4.0", "2026-11-20");
  auto silent = Obj(Call("town1", "POST", readings_path, LoggerCsv(late), "text/csv"));
  ASSERT_EQ(silent.at("holds").as_array().size(), 1u) << json::serialize(silent);
  int64_t gap_hold = silent.at("holds").as_array()[0].at("id").as_int64();
  bool gap = false;
  for (const auto& e : silent.at("excursions").as_array()) gap |= e.at("kind") == "gap";
  EXPECT_TRUE(gap);
  auto discard =
      Call("admin", "POST", "/api/v1/cold-chain/holds/" + std::to_string(gap_hold) + "/release",
           R"({"outcome":"discard","reason":"断电期间温度不明，按规定报废"})");
  ASSERT_EQ(discard.status, 200) << discard.body;
  EXPECT_EQ(*S().store->vaccination->Balance(*site, lot_id), 0);
  auto ledger = Obj(Call("town1", "GET", site_path + "/ledger?lot_id=" + std::to_string(lot_id)))
                    .at("items")
                    .as_array();
  ASSERT_FALSE(ledger.empty());
  EXPECT_EQ(ledger[0].at("move"), "waste");
  EXPECT_EQ(ledger[0].at("doses").as_int64(), -44);

  // With the lot written off, a dose of it is refused where the stock is taken.
  std::string second = NewId(142);
  ASSERT_EQ(CreatePerson("town1", second, "冷链受种者二", kVillage1).status, 201);
  auto again_visit =
      Call("town1", "POST", "/api/v1/visits", json::serialize(json::object{{"site_id", *site}, {"id_number", second}}));
  ASSERT_EQ(again_visit.status, 201) << again_visit.body;
  std::string again_path = "/api/v1/visits/" + std::to_string(Obj(again_visit).at("id").as_int64());
  ASSERT_EQ(Call("town1", "POST", again_path + "/screening", R"({"temperature":36.4})").status, 200);
  ASSERT_EQ(Call("town1", "POST", again_path + "/consent", R"({"product":"CoronaVac"})").status, 200);
  auto empty = Call("town1", "POST", again_path + "/administer",
                    json::serialize(json::object{{"trace_code", std::string("8100000000000000") + (tag == "S" ? "0721" : "0722")},
                                                 {"lot_number", lot_number}}));
  EXPECT_EQ(ErrCode(empty), "insufficient_stock");
  EXPECT_EQ(Obj(Call("town1", "GET", again_path)).at("state"), "consented");
}

}  // namespace
}  // namespace fangkong
