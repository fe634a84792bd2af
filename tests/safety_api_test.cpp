// API contract tests of vaccine safety: adverse event reports with their bad
// input, the jurisdiction rule, the serious-case alert and notifier, the
// county's classification, rates per 100,000 doses, and alert handling.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

// "2026-11-20 09:15" (Beijing) for a unix time.
std::string Local(int64_t t) { return BeijingMinute(t); }

TEST_P(ApiTest, AdverseEventsAreReportedClassifiedCountedAndSeriousOnesAlertTheCounty) {
  std::string tag = GetParam() == "sqlite" ? "S" : "P";
  std::string lot = "AE" + tag + "01";
  int64_t site = TestSite(*S().store);
  Organisation far_org{
      0, "港口镇卫生院接种门诊", OrganisationKind::kVaccinationSite, "", "341881100", ""};
  auto far_site = S().store->organisations->InsertOrganisation(far_org);
  ASSERT_TRUE(far_site);
  int64_t given = g_clock.load() - 3 * 3600;

  // Four ZF2001 doses to people of township 1, one to a person of township 2 at its own site.
  auto dose_for = [&](int seq, const std::string& region, int64_t at_site) {
    std::string id = NewId(seq);
    auto made = CreatePerson("admin", id, "安全监测" + std::to_string(seq), region);
    EXPECT_EQ(made.status, 201) << made.body;
    DoseRecord d;
    d.person_id = Obj(made).at("id").as_int64();
    d.product = "ZF2001";
    d.dose_number = 1;
    d.date = BeijingDay(given);
    d.administered_at = given;
    d.site_id = at_site;
    d.lot = lot;
    d.region_code = region;
    auto dose = S().store->vaccination->InsertDose(d);
    EXPECT_TRUE(dose);
    return dose ? *dose : 0;
  };
  std::vector<int64_t> doses;
  for (int seq : {151, 152, 153, 154}) doses.push_back(dose_for(seq, kVillage1, site));
  int64_t far_dose = dose_for(155, S().other_village, *far_site);

  auto report = [&](const std::string& user, json::object body) {
    return Call(user, "POST", "/api/v1/aefi", json::serialize(body));
  };
  auto form = [&](int64_t dose, int64_t onset, json::array symptoms, const std::string& severity) {
    return json::object{{"dose_id", dose},
                        {"onset", Local(onset)},
                        {"symptoms", std::move(symptoms)},
                        {"severity", severity},
                        {"description", "接种后出现症状"}};
  };
  // Bad input: each names its field.
  EXPECT_EQ(ErrField(report("town1", {{"onset", Local(given)}})), "dose_id");
  EXPECT_EQ(report("town1", form(999999, given + 600, {"fever"}, "mild")).status, 404);
  EXPECT_EQ(ErrCode(report("town1", form(doses[0], given - 3600, {"fever"}, "mild"))),
            "before_dose");
  EXPECT_EQ(ErrCode(report("town1", form(doses[0], g_clock.load() + 86400, {"fever"}, "mild"))),
            "in_future");
  auto bad_onset = form(doses[0], given, {"fever"}, "mild");
  bad_onset["onset"] = "2026-13-01 08:00";
  EXPECT_EQ(ErrField(report("town1", bad_onset)), "onset");
  EXPECT_EQ(ErrField(report("town1", form(doses[0], given + 600, {"headache", "itchy"}, "mild"))),
            "symptoms");
  EXPECT_EQ(ErrField(report("town1", form(doses[0], given + 600, {}, "mild"))), "symptoms");
  EXPECT_EQ(ErrField(report("town1", form(doses[0], given + 600, {"fever"}, "terrible"))),
            "severity");
  auto not_bool = form(doses[0], given + 600, {"fever"}, "mild");
  not_bool["serious"] = "yes";
  EXPECT_EQ(ErrField(report("town1", not_bool)), "serious");

  // A dose given to someone of another township at a site there is not ours to report.
  auto foreign = report("town1", form(far_dose, given + 600, {"fever"}, "mild"));
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(report("leader", form(doses[0], given + 600, {"fever"}, "mild")).status, 403);

  // A mild fever: stored pending classification, no alert.
  size_t alerts_before = g_notifier->seen().size();
  auto mild = report("town1", form(doses[0], given + 1800, {"fever", "local_reaction"}, "mild"));
  ASSERT_EQ(mild.status, 201) << mild.body;
  EXPECT_FALSE(Obj(mild).at("serious").as_bool());
  EXPECT_EQ(Obj(mild).at("classification"), "pending");
  EXPECT_NE(Txt(Obj(mild).at("id_number")).find('*'), std::string::npos);
  int64_t mild_id = Obj(mild).at("id").as_int64();
  EXPECT_EQ(g_notifier->seen().size(), alerts_before);

  // Anaphylaxis is serious whatever the box says: stored with an alert, and the notifier is told.
  auto severe = report("town1", form(doses[1], given + 900, {"anaphylaxis"}, "moderate"));
  ASSERT_EQ(severe.status, 201) << severe.body;
  EXPECT_TRUE(Obj(severe).at("serious").as_bool());
  int64_t severe_id = Obj(severe).at("id").as_int64();
  auto seen = g_notifier->seen();
  ASSERT_EQ(seen.size(), alerts_before + 1);
  EXPECT_EQ(seen.back().reference, "aefi:" + std::to_string(severe_id));
  EXPECT_EQ(seen.back().kind, "aefi_serious");
  EXPECT_EQ(seen.back().body.find("安全监测"),
            std::string::npos);  // no name in a text that may go by SMS
  auto county_alerts =
      Obj(Call("admin", "GET", "/api/v1/alerts?unacknowledged=1")).at("items").as_array();
  int64_t alert_id = 0;
  for (const auto& a : county_alerts)
    if (Txt(a.at("reference")) == "aefi:" + std::to_string(severe_id))
      alert_id = a.at("id").as_int64();
  ASSERT_NE(alert_id, 0);
  auto town2_alerts = Obj(Call("town2", "GET", "/api/v1/alerts"));
  for (const auto& a : town2_alerts.at("items").as_array()) {
    EXPECT_NE(a.at("id").as_int64(), alert_id);
  }

  // Classification is the county's, with the expert group's conclusion.
  std::string severe_path = "/api/v1/aefi/" + std::to_string(severe_id);
  EXPECT_EQ(Call("town1", "PATCH", severe_path, R"({"classification":"rare_reaction","note":"x"})")
                .status,
            403);
  EXPECT_EQ(ErrField(Call("admin", "PATCH", severe_path, R"({"classification":"rare_reaction"})")),
            "note");
  EXPECT_EQ(
      ErrField(Call("admin", "PATCH", severe_path, R"({"classification":"bad_luck","note":"x"})")),
      "classification");
  auto classified =
      Call("admin", "PATCH", severe_path,
           R"({"classification":"rare_reaction","note":"县专家组诊断为过敏性休克（异常反应）"})");
  ASSERT_EQ(classified.status, 200) << classified.body;
  EXPECT_EQ(Obj(classified).at("classification"), "rare_reaction");
  EXPECT_EQ(Call("town2", "GET", severe_path).status, 403);
  auto read = Call("town1", "GET", severe_path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Obj(read).at("classification"), "rare_reaction");

  // Follow-up: a death makes the mild case serious, and that alerts too.
  std::string mild_path = "/api/v1/aefi/" + std::to_string(mild_id);
  EXPECT_EQ(ErrField(Call("town1", "PATCH", mild_path, R"({"outcome":"gone"})")), "outcome");
  auto died = Call("town1", "PATCH", mild_path, R"({"outcome":"died"})");
  ASSERT_EQ(died.status, 200) << died.body;
  EXPECT_TRUE(Obj(died).at("serious").as_bool());
  EXPECT_EQ(g_notifier->seen().size(), alerts_before + 2);

  // Rates per lot: 2 reports, both serious, over 4 doses = 50,000 per 100,000.
  auto rates = Obj(Call("admin", "GET", "/api/v1/aefi/rates?by=lot")).at("items").as_array();
  bool found = false;
  for (const auto& x : rates) {
    if (Txt(x.at("key")) != "ZF2001 " + lot) continue;
    found = true;
    EXPECT_EQ(x.at("doses").as_int64(), 5);  // the county sees township 2's dose too
    EXPECT_EQ(x.at("reports").as_int64(), 2);
    EXPECT_EQ(x.at("serious").as_int64(), 2);
    EXPECT_DOUBLE_EQ(x.at("per_100k").as_double(), 40000.0);
  }
  EXPECT_TRUE(found);
  auto town1_rates = Obj(Call("town1", "GET", "/api/v1/aefi/rates"));
  for (const auto& x : town1_rates.at("items").as_array()) {
    if (Txt(x.at("key")) == "ZF2001") {
      EXPECT_DOUBLE_EQ(x.at("per_100k").as_double(), 50000.0);
    }
  }
  EXPECT_EQ(ErrField(Call("admin", "GET", "/api/v1/aefi/rates?by=site")), "by");

  // Lists are audited reads of personal data.
  int64_t lists = AuditCount("aefi.list");
  auto serious = Obj(Call("admin", "GET", "/api/v1/aefi?serious=1")).at("items").as_array();
  EXPECT_GE(serious.size(), 2u);
  EXPECT_EQ(AuditCount("aefi.list"), lists + 1);
  EXPECT_EQ(ErrField(Call("admin", "GET", "/api/v1/aefi?classification=odd")), "classification");

  // An alert is acknowledged once, by someone over its place.
  std::string ack = "/api/v1/alerts/" + std::to_string(alert_id) + "/acknowledge";
  EXPECT_EQ(Call("town2", "POST", ack).status, 403);
  EXPECT_EQ(Call("leader", "POST", ack).status, 403);
  ASSERT_EQ(Call("admin", "POST", ack).status, 200);
  EXPECT_EQ(ErrCode(Call("admin", "POST", ack)), "already_acknowledged");
}

}  // namespace
}  // namespace fangkong
