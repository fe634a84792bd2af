// The risk area rules (risk_areas/risk_area.h), by table: levels over time
// from declarations and the downgrade rules in force.
#include "risk_areas/risk_area.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

const std::vector<DowngradeRule> kNinth = {
    {"9", D("2022-06-27"), RiskLevel::kHigh, RiskLevel::kMedium, 7},
    {"9", D("2022-06-27"), RiskLevel::kMedium, RiskLevel::kLow, 3}};

RiskDeclaration Declared(int64_t id, RiskLevel level, const char* from,
                         std::optional<const char*> last_case) {
  RiskDeclaration d;
  d.id = id;
  d.level = level;
  d.from = D(from);
  if (last_case) d.last_case = D(*last_case);
  return d;
}

// The timeline as "level from..until" stretches, "*" marking those the rules reached.
std::string Show(const std::vector<LevelSpan>& t) {
  std::string out;
  for (const auto& s : t) {
    out += std::string(out.empty() ? "" : " ") + RiskLevelCode(s.level) + (s.by_rule ? "*" : "") +
           " " + s.from.Iso().substr(5) + ".." + (s.until ? s.until->Iso().substr(5) : "");
  }
  return out;
}

TEST(RiskAreaRules, LevelsFallByTheRulesFromTheLastCase) {
  using L = RiskLevel;
  struct Row {
    const char* what;
    std::vector<RiskDeclaration> declared;
    std::string timeline;
  } rows[] = {
      {"a case on the day: 7 days high, 3 medium",
       {Declared(1, L::kHigh, "2022-07-01", "2022-07-01")},
       "high 07-01..07-07 medium* 07-08..07-10 low* 07-11.."},
      {"no last case given: counted from the declaration",
       {Declared(1, L::kHigh, "2022-07-01", std::nullopt)},
       "high 07-01..07-07 medium* 07-08..07-10 low* 07-11.."},
      {"the last case six days before",
       {Declared(1, L::kHigh, "2022-07-01", "2022-06-25")},
       "high 07-01..07-01 medium* 07-02..07-04 low* 07-05.."},
      {"the rules had already run out",
       {Declared(1, L::kHigh, "2022-07-01", "2022-06-20")},
       "low* 07-01.."},
      {"declared medium",
       {Declared(1, L::kMedium, "2022-07-01", "2022-07-01")},
       "medium 07-01..07-03 low* 07-04.."},
      {"a new case restarts the clock",
       {Declared(1, L::kHigh, "2022-07-01", "2022-07-01"),
        Declared(2, L::kHigh, "2022-07-05", "2022-07-05")},
       "high 07-01..07-11 medium* 07-12..07-14 low* 07-15.."},
      {"a new case after the area fell to medium",
       {Declared(1, L::kHigh, "2022-07-01", "2022-07-01"),
        Declared(2, L::kHigh, "2022-07-09", "2022-07-09")},
       "high 07-01..07-07 medium* 07-08..07-08 high 07-09..07-15 medium* 07-16..07-18 low* "
       "07-19.."},
      {"lifted by hand",
       {Declared(1, L::kHigh, "2022-07-01", "2022-07-01"),
        Declared(2, L::kLow, "2022-07-03", std::nullopt)},
       "high 07-01..07-02 low 07-03.."},
      {"two declarations of one day: the later one holds",
       {Declared(1, L::kHigh, "2022-07-01", "2022-07-01"),
        Declared(2, L::kMedium, "2022-07-01", "2022-07-01")},
       "medium 07-01..07-03 low* 07-04.."},
      {"before the rules were in force: no downgrade",
       {Declared(1, L::kHigh, "2022-05-01", "2022-05-01")},
       "high 05-01.."},
  };
  for (const auto& r : rows) {
    auto t = Timeline(r.declared, kNinth);
    EXPECT_EQ(Show(t), r.timeline) << r.what;
  }
}

TEST(RiskAreaRules, TheLevelOnAnyDay) {
  auto t = Timeline({Declared(1, RiskLevel::kHigh, "2022-07-01", "2022-07-01")}, kNinth);
  EXPECT_EQ(LevelOn(t, D("2022-06-30")), RiskLevel::kLow);
  EXPECT_EQ(LevelOn(t, D("2022-07-01")), RiskLevel::kHigh);
  EXPECT_EQ(LevelOn(t, D("2022-07-07")), RiskLevel::kHigh);
  EXPECT_EQ(LevelOn(t, D("2022-07-08")), RiskLevel::kMedium);
  EXPECT_EQ(LevelOn(t, D("2022-07-10")), RiskLevel::kMedium);
  EXPECT_EQ(LevelOn(t, D("2022-07-11")), RiskLevel::kLow);
  EXPECT_EQ(SpanOn(t, D("2022-06-30")), nullptr);
}

TEST(RiskAreaRules, ANewEditionIsNewRowsInForceFromItsDay) {
  auto rules = kNinth;
  rules.push_back({"10", D("2022-12-01"), RiskLevel::kHigh, RiskLevel::kLow, 5});
  EXPECT_EQ(RulesInForce(rules, D("2022-11-30")).size(), 2u);
  ASSERT_EQ(RulesInForce(rules, D("2022-12-01")).size(), 1u);
  EXPECT_TRUE(RulesInForce(rules, D("2022-01-01")).empty());
  auto t = Timeline({Declared(1, RiskLevel::kHigh, "2022-12-02", "2022-12-02")}, rules);
  EXPECT_EQ(Show(t), "high 12-02..12-06 low* 12-07..");
}

TEST(RiskAreaRules, DeclarationsAndAreasCheckTheirFields) {
  Date today = D("2022-07-10");
  EXPECT_TRUE(CheckDeclaration(Declared(1, RiskLevel::kHigh, "2022-07-10", "2022-07-09"), today));
  EXPECT_EQ(CheckDeclaration(Declared(1, RiskLevel::kHigh, "2022-07-10", "2022-07-11"), today)
                .error()
                .field,
            "last_case_on");
  EXPECT_EQ(CheckDeclaration(Declared(1, RiskLevel::kHigh, "2022-08-10", std::nullopt), today)
                .error()
                .field,
            "from");
  struct Row {
    const char* code;
    const char* name;
    std::string field;
  } rows[] = {{"310115", "金桥镇 碧云社区", ""},
              {"3101", "金桥镇", "region_code"},
              {"310100", "金桥镇", "region_code"},
              {"31011x", "金桥镇", "region_code"},
              {"310115", "金", "name"},
              {"310115", "", "name"}};
  for (const auto& r : rows) {
    auto s = CheckRiskArea(RiskArea{0, r.code, r.name});
    EXPECT_EQ(s ? std::string() : s.error().field, r.field) << r.code << " " << r.name;
  }
  EXPECT_EQ(ParseRiskLevel("高风险"), RiskLevel::kHigh);
  EXPECT_EQ(ParseRiskLevel("medium"), RiskLevel::kMedium);
  EXPECT_EQ(ParseRiskLevel("很高"), std::nullopt);
}

}  // namespace
}  // namespace fangkong
