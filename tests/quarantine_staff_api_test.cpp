// API tests of the quarantine staff's daily tests on both engines: staff
// added (masked, bad input naming the field), a sample then its result, a
// second result refused, a positive flagged, the day's compliance of the
// site and of every site, and who may do what.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

TEST_P(ApiTest, QuarantineStaffAreTestedDailyAndTheMissedAreListed) {
  auto site = Call("admin", "POST", "/api/v1/quarantine-sites",
                   json::serialize(json::object{{"name", "员工检测隔离点" + GetParam()}}));
  ASSERT_EQ(site.status, 201) << site.body;
  int64_t site_id = Obj(site).at("id").as_int64();
  std::string base = "/api/v1/quarantine-sites/" + std::to_string(site_id);
  auto add = [&](const std::string& user, json::object body) {
    return Call(user, "POST", base + "/staff", json::serialize(body));
  };
  auto nurse = add("town1", {{"name", "护士甲"}, {"phone", "13912340001"}, {"duty", "医护"}});
  ASSERT_EQ(nurse.status, 201) << nurse.body;
  EXPECT_NE(Txt(Obj(nurse).at("phone")).find('*'), std::string::npos);
  auto guard = add("town2", {{"name", "保安乙"}, {"phone", "13912340002"}, {"duty", "security"}});
  ASSERT_EQ(guard.status, 201) << guard.body;
  EXPECT_EQ(ErrField(add("town1", {{"name", "丙"}, {"phone", "13912340003"}})), "name");
  EXPECT_EQ(ErrField(add("town1", {{"name", "保洁丙"}, {"phone", "5551234"}})), "phone");
  EXPECT_EQ(
      ErrField(add("town1", {{"name", "保洁丙"}, {"phone", "13912340003"}, {"duty", "厨师"}})),
      "duty");
  EXPECT_EQ(add("leader", {{"name", "保洁丙"}, {"phone", "13912340003"}}).status, 403);

  auto today = Obj(Call("leader", "GET", base + "/staff"));
  EXPECT_EQ(today.at("due"), 2);
  EXPECT_EQ(today.at("missing"), 2);

  auto test = [&](int64_t staff, json::object body) {
    return Call("town1", "POST", "/api/v1/quarantine-staff/" + std::to_string(staff) + "/tests",
                json::serialize(body));
  };
  int64_t nurse_id = Obj(nurse).at("id").as_int64(), guard_id = Obj(guard).at("id").as_int64();
  EXPECT_EQ(test(nurse_id, {{"result", "pending"}}).status, 201);  // sampled
  EXPECT_EQ(test(nurse_id, {{"result", "阴性"}}).status, 201);     // its result
  EXPECT_EQ(ErrCode(test(nurse_id, {{"result", "positive"}})), "staff_tested");
  EXPECT_EQ(ErrField(test(guard_id, {{"result", "不知道"}})), "result");
  std::string tomorrow = BeijingDay(g_clock.load() + 86400).Iso();
  EXPECT_EQ(ErrField(test(guard_id, {{"day", tomorrow}, {"result", "negative"}})), "day");
  EXPECT_EQ(
      Call("leader", "POST", "/api/v1/quarantine-staff/" + std::to_string(guard_id) + "/tests",
           json::serialize(json::object{{"result", "negative"}}))
          .status,
      403);
  EXPECT_EQ(test(999999999, {{"result", "negative"}}).status, 404);

  auto half = Obj(Call("town1", "GET", base + "/staff"));
  EXPECT_EQ(half.at("tested"), 1);
  ASSERT_EQ(half.at("items").as_array().size(), 2u);
  EXPECT_EQ(half.at("items").as_array()[0].at("id"), guard_id);  // missed, listed first
  EXPECT_EQ(half.at("items").as_array()[0].at("missed"), 1);

  EXPECT_EQ(test(guard_id, {{"result", "positive"}}).status, 201);
  auto all = Obj(Call("town1", "GET", "/api/v1/quarantine-sites/staff-compliance"));
  bool found = false;
  for (const auto& s : all.at("items").as_array()) {
    if (s.at("site_id") != site_id) continue;
    found = true;
    EXPECT_EQ(s.at("tested"), 2);
    EXPECT_EQ(s.at("missing"), 0);
    EXPECT_EQ(s.at("positive"), 1);
    EXPECT_EQ(s.at("trend").as_array().size(), 7u);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace fangkong
