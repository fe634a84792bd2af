// The zone rules (zones/zone.h), by table: who a place holds, which places
// overlap, a version's checks, the levels over time from versions, cases
// inside and the downgrade rules, and which zone governs a person.
#include "zones/zone.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

const std::vector<DowngradeRule> kNinth = {
    {"9", D("2022-06-27"), RiskLevel::kHigh, RiskLevel::kMedium, 7},
    {"9", D("2022-06-27"), RiskLevel::kMedium, RiskLevel::kLow, 3}};

const std::string kVillage = "341881100201";
const std::string kGrid = kVillage + "001";
const std::string kOtherVillage = "341881100202";
const std::string kTownship = "341881100";

ZonePlace Place(const std::string& code) { return ZonePlace{code, "", {}}; }
ZonePlace Building(const std::string& code, std::vector<std::string> households) {
  return ZonePlace{code, "3号楼", std::move(households)};
}

TEST(ZoneRules, APlaceHoldsItsSubtreeABuildingItsHouseholds) {
  struct Row {
    ZonePlace place;
    std::string region, household;
    bool inside;
  } rows[] = {
      {Place(kVillage), kGrid, "h1", true},
      {Place(kVillage), kVillage, "h1", true},
      {Place(kVillage), kOtherVillage + "001", "h1", false},
      {Place(kGrid), kVillage, "h1", false},
      {Place(kTownship), kGrid, "", true},
      {Building(kGrid, {"h1", "h2"}), kGrid, "h2", true},
      {Building(kGrid, {"h1", "h2"}), kGrid, "h3", false},
      {Building(kGrid, {"h1", "h2"}), kGrid + "9", "h1", false},
  };
  for (const auto& r : rows)
    EXPECT_EQ(Covers(r.place, r.region, r.household), r.inside)
        << r.place.code << "/" << r.place.building << " " << r.region << " " << r.household;
}

TEST(ZoneRules, PlacesOverlapWhenOneHoldsTheOtherOrBuildingsShareAHousehold) {
  struct Row {
    ZonePlace a, b;
    bool overlap;
  } rows[] = {
      {Place(kVillage), Place(kGrid), true},
      {Place(kGrid), Place(kVillage), true},
      {Place(kVillage), Place(kOtherVillage), false},
      {Place(kTownship), Building(kGrid, {"h1"}), true},
      {Building(kGrid, {"h1"}), Place(kVillage), true},
      {Building(kGrid, {"h1"}), Place(kOtherVillage), false},
      {Building(kVillage, {"h1"}), Place(kGrid), false},  // a village's building, not the grid's
      {Building(kGrid, {"h1", "h2"}), Building(kGrid, {"h2", "h3"}), true},
      {Building(kGrid, {"h1"}), Building(kGrid, {"h2"}), false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(Overlap(r.a, r.b), r.overlap) << r.a.code << r.a.building << " " << r.b.code;
    EXPECT_EQ(Overlap(r.b, r.a), r.overlap) << "symmetric";
  }
}

ZoneVersion Version(ZoneLevel level, const char* from, std::vector<ZonePlace> places,
                    const char* planned_end = "2022-07-31") {
  ZoneVersion v;
  v.level = level;
  v.from = D(from);
  v.places = std::move(places);
  v.planned_end = D(planned_end);
  return v;
}

TEST(ZoneRules, AVersionNamesTheFieldThatBreaksARule) {
  Date today = D("2022-07-10");
  auto ok = Version(ZoneLevel::kLockdown, "2022-07-10", {Place(kVillage)});
  EXPECT_TRUE(CheckZoneVersion(ok, today));
  struct Row {
    const char* what;
    ZoneVersion v;
    std::string field;
  } rows[] = {
      {"no places", Version(ZoneLevel::kLockdown, "2022-07-10", {}), "places"},
      {"a county is too wide", Version(ZoneLevel::kLockdown, "2022-07-10", {Place("341881")}),
       "places[0].code"},
      {"not a code", Version(ZoneLevel::kLockdown, "2022-07-10", {Place("34188x100")}),
       "places[0].code"},
      {"a building in a township",
       Version(ZoneLevel::kLockdown, "2022-07-10", {Building(kTownship, {"h1"})}),
       "places[0].code"},
      {"a building without households",
       Version(ZoneLevel::kLockdown, "2022-07-10", {Building(kGrid, {})}), "places[0].households"},
      {"a place twice",
       Version(ZoneLevel::kLockdown, "2022-07-10", {Place(kGrid), Place(kVillage), Place(kGrid)}),
       "places[2]"},
      {"ends before it starts",
       Version(ZoneLevel::kLockdown, "2022-07-10", {Place(kGrid)}, "2022-07-09"), "planned_end"},
      {"too far ahead", Version(ZoneLevel::kLockdown, "2022-08-20", {Place(kGrid)}, "2022-08-30"),
       "from"},
  };
  for (const auto& r : rows) {
    auto s = CheckZoneVersion(r.v, today);
    ASSERT_FALSE(s) << r.what;
    EXPECT_EQ(s.error().field, r.field) << r.what;
  }
  auto late_case = ok;
  late_case.last_case = D("2022-07-11");
  EXPECT_EQ(CheckZoneVersion(late_case, today).error().field, "last_case_on");
  EXPECT_FALSE(CheckZoneName("封"));
  EXPECT_TRUE(CheckZoneName("西津社区封控区"));
}

TEST(ZoneRules, TheCommonNodeIsAWholeLevel) {
  EXPECT_EQ(CommonNode({Place(kGrid)}), kGrid);
  EXPECT_EQ(CommonNode({Place(kGrid), Place(kVillage + "002")}), kVillage);
  EXPECT_EQ(CommonNode({Place(kGrid), Place(kOtherVillage)}), kTownship);
  EXPECT_EQ(CommonNode({Place(kGrid), Place("341881101201")}), "341881");
}

std::string Show(const std::vector<LevelSpan>& t) {
  std::string out;
  for (const auto& s : t) {
    out += std::string(out.empty() ? "" : " ") + ZoneLevelCode(AsZoneLevel(s.level)) +
           (s.by_rule ? "*" : "") + " " + s.from.Iso().substr(5) + ".." +
           (s.until ? s.until->Iso().substr(5) : "");
  }
  return out;
}

TEST(ZoneRules, LevelsFallByTheRulesAndACaseInsideSetsThemBack) {
  using L = ZoneLevel;
  auto lockdown = Version(L::kLockdown, "2022-07-01", {Place(kVillage)});
  lockdown.last_case = D("2022-07-01");
  auto lifted = lockdown;
  lifted.from = D("2022-07-20");
  lifted.lifted = true;
  auto narrowed = Version(L::kControl, "2022-07-05", {Place(kGrid)});
  narrowed.last_case = D("2022-07-01");
  struct Row {
    const char* what;
    std::vector<ZoneVersion> versions;
    std::vector<ZoneCase> cases;
    std::string timeline;
  } rows[] = {
      {"7 days lockdown, 3 control, then prevention",
       {lockdown},
       {},
       "lockdown 07-01..07-07 control* 07-08..07-10 prevention* 07-11.."},
      {"a case inside on 07-05 restarts the clock",
       {lockdown},
       {{kGrid, "h1", D("2022-07-05")}},
       "lockdown 07-01..07-11 control* 07-12..07-14 prevention* 07-15.."},
      {"a case after the fall sets it back to lockdown",
       {lockdown},
       {{kGrid, "h1", D("2022-07-09")}},
       "lockdown 07-01..07-07 control* 07-08..07-08 lockdown 07-09..07-15 control* 07-16..07-18 "
       "prevention* 07-19.."},
      {"a case outside changes nothing",
       {lockdown},
       {{kOtherVillage, "h1", D("2022-07-05")}},
       "lockdown 07-01..07-07 control* 07-08..07-10 prevention* 07-11.."},
      {"a case before the zone counts as its last case",
       {Version(L::kLockdown, "2022-07-04", {Place(kVillage)})},
       {{kGrid, "h1", D("2022-07-01")}},
       "lockdown 07-04..07-07 control* 07-08..07-10 prevention* 07-11.."},
      {"narrowed and relevelled on 07-05 (its last case still 07-01)",
       {lockdown, narrowed},
       {},
       "lockdown 07-01..07-04 prevention* 07-05.."},
      {"lifted on 07-20: the timeline ends the day before",
       {lockdown, lifted},
       {},
       "lockdown 07-01..07-07 control* 07-08..07-10 prevention* 07-11..07-19"},
  };
  for (const auto& r : rows)
    EXPECT_EQ(Show(ZoneTimeline(InOrder(r.versions), r.cases, kNinth)), r.timeline) << r.what;
}

TEST(ZoneRules, StandingOnADaySaysTheNextStepAndWhenItIsLifted) {
  auto v = Version(ZoneLevel::kLockdown, "2022-07-01", {Place(kVillage)}, "2022-07-09");
  v.last_case = D("2022-07-01");
  auto lifted = v;
  lifted.from = D("2022-07-20");
  lifted.lifted = true;
  auto ordered = InOrder({v, lifted});
  auto timeline = ZoneTimeline(ordered, {}, kNinth);
  EXPECT_EQ(StandingOn(ordered, timeline, D("2022-06-30")).state, ZoneState::kPlanned);
  auto first = StandingOn(ordered, timeline, D("2022-07-03"));
  EXPECT_EQ(first.state, ZoneState::kInForce);
  EXPECT_EQ(first.level, ZoneLevel::kLockdown);
  EXPECT_EQ(first.next_on, D("2022-07-08"));
  EXPECT_EQ(first.next_level, ZoneLevel::kControl);
  EXPECT_FALSE(first.past_planned_end);
  auto late = StandingOn(ordered, timeline, D("2022-07-12"));
  EXPECT_EQ(late.level, ZoneLevel::kPrevention);
  EXPECT_TRUE(late.past_planned_end);
  EXPECT_EQ(late.next_on, D("2022-07-20"));
  EXPECT_FALSE(late.next_level);  // lifted then
  EXPECT_EQ(StandingOn(ordered, timeline, D("2022-07-20")).state, ZoneState::kLifted);
}

TEST(ZoneRules, TheStricterZoneGovernsThoseInBoth) {
  std::vector<ZonePlace> lockdown{Building(kGrid, {"h1"})}, control{Place(kVillage)},
      prevention{Place(kTownship)}, other_control{Place(kGrid)};
  std::vector<ZoneInForce> zones{{3, ZoneLevel::kPrevention, &prevention},
                                 {2, ZoneLevel::kControl, &control},
                                 {1, ZoneLevel::kLockdown, &lockdown},
                                 {4, ZoneLevel::kControl, &other_control}};
  struct Row {
    std::string region, household;
    int64_t zone;
  } rows[] = {
      {kGrid, "h1", 1},              // in all four: lockdown
      {kGrid, "h2", 2},              // two control zones: the older
      {kVillage + "002", "h9", 2},   // control and prevention
      {kOtherVillage, "h1", 3},      // prevention only
      {"341881101201001", "h1", 0},  // none
  };
  for (const auto& r : rows)
    EXPECT_EQ(GoverningZone(zones, r.region, r.household), r.zone) << r.region << r.household;
}

}  // namespace
}  // namespace fangkong
