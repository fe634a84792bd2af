// API tests of risk areas on both engines: the shipped downgrade rules, a
// declaration falling by them day by day, the list on a past day, a new case
// restarting the clock, the upstream file with its bad rows, who may declare.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

TEST_P(ApiTest, RiskAreasFallByTheRulesAndKeepTheirHistory) {
  auto rules = Obj(Call("leader", "GET", "/api/v1/risk-rules")).at("items").as_array();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].at("edition"), "9");

  Date today = BeijingDay(g_clock.load());
  std::string name = "河沥溪街道 测试小区" + GetParam();
  auto declare = [&](const std::string& user, const char* level, Date from, Date last_case,
                     const char* code = "341881") {
    return Call(user, "POST", "/api/v1/risk-areas",
                json::serialize(json::object{{"region_code", code},
                                             {"name", name},
                                             {"level", level},
                                             {"from", from.Iso()},
                                             {"last_case_on", last_case.Iso()}}));
  };
  EXPECT_EQ(declare("town1", "high", today, today).status, 403);
  EXPECT_EQ(ErrField(declare("admin", "severe", today, today)), "level");
  EXPECT_EQ(ErrField(declare("admin", "high", today, today.AddDays(1))), "last_case_on");
  EXPECT_EQ(ErrField(declare("admin", "high", today, today, "310115")), "region_code");

  // Declared high eight days ago: medium since yesterday, low the day after tomorrow.
  auto made = declare("admin", "high", today.AddDays(-8), today.AddDays(-8));
  ASSERT_EQ(made.status, 201) << made.body;
  auto area = Obj(made);
  std::string id = std::to_string(area.at("id").as_int64());
  EXPECT_EQ(area.at("level"), "medium");
  EXPECT_TRUE(area.at("span").at("by_rule").as_bool());
  EXPECT_EQ(Txt(area.at("span").at("from")), today.AddDays(-1).Iso());
  EXPECT_EQ(area.at("next").at("level"), "low");
  EXPECT_EQ(Txt(area.at("next").at("from")), today.AddDays(2).Iso());
  EXPECT_EQ(Txt(area.at("place")).find("宁国市") != std::string::npos, true) << area.at("place");

  auto level_on = [&](Date day) -> std::string {
    auto list = Obj(Call("town1", "GET", "/api/v1/risk-areas?date=" + day.Iso()));
    for (const auto& a : list.at("items").as_array())
      if (Txt(a.at("name")) == name) return Txt(a.at("level"));
    return "not listed";
  };
  EXPECT_EQ(level_on(today.AddDays(-8)), "high");
  EXPECT_EQ(level_on(today), "medium");
  EXPECT_EQ(level_on(today.AddDays(2)), "not listed");  // low areas are left out
  EXPECT_EQ(level_on(today.AddDays(-9)), "not listed");

  // A new case today: high again, for seven days.
  auto again = declare("admin", "high", today, today);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Obj(again).at("id"), area.at("id"));
  EXPECT_EQ(Obj(again).at("level"), "high");
  EXPECT_EQ(Txt(Obj(again).at("next").at("from")), today.AddDays(7).Iso());
  auto history = Obj(Call("town1", "GET", "/api/v1/risk-areas/" + id));
  EXPECT_EQ(history.at("declarations").as_array().size(), 2u);
  EXPECT_EQ(level_on(today.AddDays(-1)), "medium");  // the past stays as it was
  EXPECT_EQ(level_on(today.AddDays(-3)), "high");
  EXPECT_EQ(Call("town1", "GET", "/api/v1/risk-areas/999999").status, 404);
}

TEST_P(ApiTest, TheUpstreamRiskListTakesGoodRowsAndNamesTheBadOnes) {
  Date today = BeijingDay(g_clock.load());
  std::string csv =
      "\xEF\xBB\xBF地区代码,风险区域,风险等级,生效日期,最近病例日期,备注\n"
      "341881,港口镇 山门村" +
      GetParam() + ",高风险," + today.Iso() + "," + today.Iso() +
      ",省推送\n"
      "341881,港口镇 新村,很高," +
      today.Iso() +
      ",,\n"
      "310115,金桥镇 碧云社区,中风险," +
      today.Iso() +
      ",,\n"
      "341881,港口镇 西村,中风险,2022-13-01,,\n";
  EXPECT_EQ(Call("town1", "POST", "/api/v1/risk-areas/imports", csv, "text/csv").status, 403);
  auto r = Call("admin", "POST", "/api/v1/risk-areas/imports", csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  auto out = Obj(r);
  EXPECT_EQ(out.at("declared"), 1);
  auto failed = out.at("failed").as_array();
  ASSERT_EQ(failed.size(), 3u);
  EXPECT_EQ(failed[0].at("line"), 3);
  EXPECT_EQ(failed[0].at("field"), "level");
  EXPECT_EQ(failed[1].at("field"), "region_code");
  EXPECT_EQ(failed[2].at("field"), "from");
  EXPECT_EQ(ErrCode(Call("admin", "POST", "/api/v1/risk-areas/imports", "a,b\n1,2\n", "text/csv")),
            "missing_columns");
}

}  // namespace
}  // namespace fangkong
