// The campaign rules as tables: input checks, group membership, targets,
// and the arithmetic of backward scheduling.
#include "campaign/campaign.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "campaign/allocation.h"
#include "campaign/feasibility.h"
#include "campaign/schedule.h"
#include "campaign/task_book.h"
#include "progress/coverage.h"

namespace fangkong {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

PhaseInput GoodPhase() {
  PhaseInput p;
  p.name = "第一步";
  p.start = "2021-04-01";
  p.end = "2021-06-30";
  p.target_kind = "share_of_residents";
  p.target = "40";
  return p;
}

TEST(CampaignInput, EachBrokenRuleNamesItsField) {
  struct Case {
    const char* what;
    std::function<void(CampaignInput&)> change;
    const char* field;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"no name", [](CampaignInput& c) { c.name = " "; }, "name", "required"},
      {"unknown disease", [](CampaignInput& c) { c.disease = "flu"; }, "disease", "invalid_value"},
      {"no phase", [](CampaignInput& c) { c.phases.clear(); }, "phases", "required"},
      {"ends before it starts", [](CampaignInput& c) { c.phases[0].end = "2021-03-31"; },
       "phases[0].end", "ends_before_start"},
      {"no such day", [](CampaignInput& c) { c.phases[0].start = "2021-02-29"; }, "phases[0].start",
       "invalid_value"},
      {"share above 100%", [](CampaignInput& c) { c.phases[0].target = "100.1"; },
       "phases[0].target", "target_above_group"},
      {"share of 0", [](CampaignInput& c) { c.phases[0].target = "0"; }, "phases[0].target",
       "invalid_value"},
      {"two decimals", [](CampaignInput& c) { c.phases[0].target = "40.25"; }, "phases[0].target",
       "invalid_value"},
      {"absolute of 0",
       [](CampaignInput& c) {
         c.phases[0].target_kind = "absolute";
         c.phases[0].target = "0";
       },
       "phases[0].target", "invalid_value"},
      {"unknown kind", [](CampaignInput& c) { c.phases[0].target_kind = "most"; },
       "phases[0].target_kind", "invalid_value"},
      {"unknown dose", [](CampaignInput& c) { c.phases[0].dose = "third"; }, "phases[0].dose",
       "invalid_value"},
      {"ages upside down",
       [](CampaignInput& c) {
         GroupRuleInput g;
         g.min_age = "60";
         g.max_age = "18";
         c.phases[0].groups = {g};
       },
       "phases[0].groups[0].max_age", "invalid_value"},
      {"age over 150",
       [](CampaignInput& c) {
         GroupRuleInput g;
         g.min_age = "151";
         c.phases[0].groups = {g};
       },
       "phases[0].groups[0].min_age", "invalid_value"},
      {"unknown occupation",
       [](CampaignInput& c) {
         GroupRuleInput g;
         g.occupations = {"astronaut"};
         c.phases = {GoodPhase(), GoodPhase()};
         c.phases[1].groups = {GroupRuleInput{}, g};
       },
       "phases[1].groups[1].occupations", "invalid_value"},
      {"away people are never residents",
       [](CampaignInput& c) {
         GroupRuleInput g;
         g.residency = {"away"};
         c.phases[0].groups = {g};
       },
       "phases[0].groups[0].residency", "invalid_value"},
  };
  for (const auto& k : cases) {
    CampaignInput in;
    in.name = "任务";
    in.phases = {GoodPhase()};
    k.change(in);
    auto c = ApplyCampaignInput(in, {"covid19"});
    ASSERT_FALSE(c) << k.what;
    EXPECT_EQ(c.error().field, k.field) << k.what;
    EXPECT_EQ(c.error().code, k.code) << k.what;
    EXPECT_FALSE(c.error().message_zh.empty()) << k.what;
  }
}

TEST(CampaignInput, PercentagesAndCodesAreRead) {
  CampaignInput in;
  in.name = "任务";
  in.phases = {GoodPhase(), GoodPhase()};
  in.phases[0].target = "77.6%";
  in.phases[1].target_kind = "share_of_group";
  in.phases[1].dose = "全程";
  GroupRuleInput g;
  g.tags = {"diabetes", "chronic", "chronic"};
  in.phases[1].groups = {g};
  auto c = ApplyCampaignInput(in, {"covid19"});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->phases[0].target, 7760);
  EXPECT_EQ(c->phases[1].dose, CountingDose::kFullSeries);
  EXPECT_EQ(c->phases[1].groups[0].tags, (std::vector<std::string>{"chronic", "diabetes"}));
  EXPECT_EQ(c->phases[1].number, 2);
}

TEST(TargetGroup, MembershipByEachCondition) {
  Phase phase;
  phase.start = D("2021-07-01");
  GroupRule elderly;
  elderly.min_age = 60;
  GroupRule chronic;
  chronic.tags = {"chronic", "diabetes"};
  GroupRule port_workers;
  port_workers.industries = {"port"};
  port_workers.max_age = 59;
  phase.groups = {elderly, chronic, port_workers};
  auto person = [](const char* born, std::vector<std::string> tags = {},
                   ResidencyType r = ResidencyType::kUsual) {
    Person p;
    p.birth_date = D(born);
    p.tags = std::move(tags);
    p.residency = r;
    return p;
  };
  struct Case {
    Person p;
    const char* industry;
    bool in;
    const char* why;
  };
  const std::vector<Case> cases = {
      {person("1961-07-01"), "", true, "60 on the phase's first day"},
      {person("1961-07-02"), "", false, "60 the day after"},
      {person("1990-01-01", {"diabetes"}), "", true, "a listed tag"},
      {person("1990-01-01", {"pregnant"}), "", false, "another tag"},
      {person("1990-01-01"), "port", true, "works at the port"},
      {person("1950-01-01"), "port", true, "60+ anyway"},
      {person("1990-01-01"), "teacher", false, "another industry"},
      {person("1950-01-01", {}, ResidencyType::kAway), "", false, "away: not a resident"},
      {person("1950-01-01", {}, ResidencyType::kFloating), "", true, "floating residents count"},
  };
  for (const auto& k : cases) EXPECT_EQ(InGroup(phase, k.p, k.industry), k.in) << k.why;
  Phase everyone;
  EXPECT_TRUE(InGroup(everyone, person("2020-01-01"), ""));
  EXPECT_FALSE(InGroup(everyone, person("2020-01-01", {}, ResidencyType::kAway), ""));
}

TEST(TargetGroup, ResidencyAndOccupationNarrow) {
  GroupRule r;
  r.residency = {"floating"};
  r.occupations = {"courier"};
  Person p;
  p.birth_date = D("1990-01-01");
  p.occupation = "courier";
  p.residency = ResidencyType::kFloating;
  EXPECT_TRUE(MatchesRule(r, p, "", D("2021-04-01")));
  p.residency = ResidencyType::kUsual;
  EXPECT_FALSE(MatchesRule(r, p, "", D("2021-04-01")));
  p.residency = ResidencyType::kFloating;
  p.occupation = "farmer";
  EXPECT_FALSE(MatchesRule(r, p, "", D("2021-04-01")));
}

TEST(Targets, SharesRoundUpAndDeclaredFiguresReplaceTheRegistry) {
  Phase p;
  struct Case {
    TargetKind kind;
    int64_t target, declared, group, residents, want;
  };
  const std::vector<Case> cases = {
      {TargetKind::kShareOfResidents, 4000, 0, 0, 366000, 146400},
      {TargetKind::kShareOfResidents, 4000, 0, 0, 9, 4},  // 3.6 -> 4
      {TargetKind::kShareOfResidents, 7760, 0, 0, 100, 78},
      {TargetKind::kShareOfGroup, 9000, 0, 70000, 366000, 63000},
      {TargetKind::kShareOfGroup, 9000, 80000, 70000, 366000, 72000},
      {TargetKind::kAbsolute, 63800, 0, 70000, 366000, 63800},
  };
  for (const auto& k : cases) {
    p.target_kind = k.kind;
    p.target = k.target;
    p.declared_population = k.declared;
    EXPECT_EQ(TargetPeople(p, k.group, k.residents), k.want);
  }
}

TEST(Schedule, SplitProRataByTable) {
  struct Case {
    int64_t total;
    std::vector<int64_t> weights, want;
  };
  const std::vector<Case> cases = {
      {4, {5, 4}, {2, 2}},         // 2.22 / 1.78: the one left goes to B
      {3, {3, 1}, {2, 1}},         // 2.25 / 0.75
      {10, {1, 1, 1}, {4, 3, 3}},  // ties: the earlier unit
      {5, {0, 0}, {3, 2}},         // no weights: evenly
      {0, {7, 3}, {0, 0}},
      {146400, {60896, 38336, 0}, {89842, 56558, 0}},  // not 146,399
      {7, {}, {}},
  };
  for (const auto& k : cases) EXPECT_EQ(SplitProRata(k.total, k.weights), k.want) << k.total;
}

TEST(Schedule, SplitAlwaysSumsAndStaysWithinOneOfTheExactShare) {
  std::mt19937_64 rng(14);
  for (int i = 0; i < 2000; ++i) {
    std::vector<int64_t> w(1 + rng() % 30);
    for (auto& x : w) x = static_cast<int64_t>(rng() % 100000);
    int64_t total = static_cast<int64_t>(rng() % 1000000);
    auto s = SplitProRata(total, w);
    ASSERT_EQ(std::accumulate(s.begin(), s.end(), int64_t{0}), total);
    int64_t sum = std::accumulate(w.begin(), w.end(), int64_t{0});
    for (size_t k = 0; k < w.size() && sum > 0; ++k) {
      double exact =
          static_cast<double>(total) * static_cast<double>(w[k]) / static_cast<double>(sum);
      EXPECT_LT(std::abs(static_cast<double>(s[k]) - exact), 1.0);
    }
  }
}

TEST(Schedule, RatesAndDatesByTable) {
  EXPECT_EQ(DaysLeft(D("2021-05-15"), D("2021-06-30")), 46);
  EXPECT_EQ(DaysLeft(D("2021-06-30"), D("2021-06-30")), 0);
  EXPECT_EQ(DaysLeft(D("2021-07-30"), D("2021-06-30")), 0);
  struct Rate {
    int64_t remaining;
    int days;
    int64_t want;
  };
  for (auto k : std::vector<Rate>{
           {1420 * 19, 19, 1420}, {1, 46, 1}, {47, 46, 2}, {0, 10, 0}, {-5, 10, 0}, {30, 0, 30}}) {
    EXPECT_EQ(RequiredDailyRate(k.remaining, k.days), k.want) << k.remaining << "/" << k.days;
  }
  EXPECT_EQ(ProjectedCompletion(0, 0, D("2021-06-30")), D("2021-06-30"));
  EXPECT_EQ(ProjectedCompletion(10, 0, D("2021-06-30")), std::nullopt);
  EXPECT_EQ(ProjectedCompletion(10, 3.0, D("2021-06-30")), D("2021-07-04"));  // 3.33 -> 4 days
  EXPECT_EQ(ProjectedCompletion(9, 3.0, D("2021-06-30")), D("2021-07-03"));
}

// County C with townships T1 (villages V1, V2) and T2 (village V3).
PlanTree Tree() {
  PlanTree t;
  t.children = {{"C", {"T1", "T2"}}, {"T1", {"V1", "V2"}}, {"T2", {"V3"}}};
  t.weight = {{"C", 100}, {"T1", 70}, {"T2", 30}, {"V1", 40}, {"V2", 30}, {"V3", 30}};
  return t;
}

TEST(TaskBook, SplitsDownTheTreeProRataOrAsSetByHand) {
  auto pro_rata = SplitDownTheTree(Tree(), "C", 10, {});
  ASSERT_TRUE(pro_rata);
  EXPECT_EQ(*pro_rata, (std::map<std::string, int64_t>{
                           {"C", 10}, {"T1", 7}, {"T2", 3}, {"V1", 4}, {"V2", 3}, {"V3", 3}}));
  // The townships set by hand; their villages split what each was given.
  auto set = SplitDownTheTree(Tree(), "C", 10, {{"T1", 4}, {"T2", 6}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->at("V1"), 2);  // 4 x 40/70 = 2.29
  EXPECT_EQ(set->at("V2"), 2);  // 1.71: the one left
  EXPECT_EQ(set->at("V3"), 6);
  struct Bad {
    std::map<std::string, int64_t> overrides;
    const char* node;
  };
  for (const auto& k : std::vector<Bad>{{{{"T1", 4}, {"T2", 5}}, "C"},  // 9, not 10
                                        {{{"T1", 10}}, "C"},            // T2 not set
                                        {{{"V1", 1}, {"V2", 1}}, "T1"}}) {
    auto r = SplitDownTheTree(Tree(), "C", 10, k.overrides);
    ASSERT_FALSE(r) << k.node;
    EXPECT_EQ(r.error().code, "overrides_do_not_sum");
    EXPECT_EQ(r.error().value, k.node);
  }
}

TEST(TaskBook, SplitsOverTimeWithTheLaterDosesWhereTheIntervalPutsThem) {
  PlannedSeries two{"BBIBP-CorV", 2, 28};
  // 60 first doses over April (30 days, 2 a day): half the second doses in May.
  auto plan = SplitOverTime(60, D("2021-04-01"), D("2021-04-30"), CountingDose::kFirst, two,
                            PlanGrain::kMonth);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].period, "2021-04");
  EXPECT_EQ(plan[0].people, 60);
  EXPECT_EQ(plan[0].doses, 60 + 4);  // the second doses of 1-2 April, on 29-30 April
  EXPECT_EQ(plan[1].period, "2021-05");
  EXPECT_EQ(plan[1].doses, 60 - 4);
  // The full series counted at the second dose: the first doses 28 days before.
  plan = SplitOverTime(30, D("2021-05-01"), D("2021-05-30"), CountingDose::kFullSeries, two,
                       PlanGrain::kMonth);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].period, "2021-04");
  EXPECT_EQ(plan[0].people, 0);
  EXPECT_EQ(plan[0].doses, 28);  // the first doses of the completions of 1-28 May
  // A booster is one dose; people and doses fall together, by day.
  plan = SplitOverTime(3, D("2021-12-30"), D("2022-01-01"), CountingDose::kBooster, two,
                       PlanGrain::kDay);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[2].period, "2022-01-01");
  EXPECT_EQ(plan[2].doses, 1);
  // ISO weeks: 2021-01-03 is a Sunday of 2020-W53; 2021-01-04 opens W01.
  plan = SplitOverTime(2, D("2021-01-03"), D("2021-01-04"), CountingDose::kBooster, two,
                       PlanGrain::kWeek);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].period, "2020-W53");
  EXPECT_EQ(plan[1].period, "2021-W01");
}

TEST(Feasibility, EachShortfallSaidAsTheOfficeSaysIt) {
  Phase boosters;
  boosters.dose = CountingDose::kBooster;
  boosters.end = D("2021-05-30");
  UnitProgress gangkou;
  gangkou.name = "港口镇";
  gangkou.target = 1420 * 19 + 100;
  gangkou.counted = 100;
  PlannedSeries two{"BBIBP-CorV", 2, 28};
  UnitMeans means{2, 900, 10000, 5000};
  auto f = CheckFeasibility(gangkou, boosters, D("2021-05-11"), two, means);
  EXPECT_EQ(f.days_left, 19);
  EXPECT_EQ(f.required_daily_rate, 1420);
  ASSERT_EQ(f.shortfalls.size(), 2u);
  EXPECT_EQ(f.shortfalls[0].message,
            "港口镇 needs 1,420/day from 12 May; its sites can do 900; short 520/day for 19 days");
  EXPECT_EQ(f.shortfalls[0].message_zh,
            "港口镇自5月12日起每日需接种1,"
            "420剂次，辖区接种点每日可接种900剂次，每日缺口520剂次，持续19天");
  // 26,980 doses needed, 15,000 there: gone after 10 days at 1,420 a day.
  EXPECT_EQ(f.shortfalls[1].kind, ShortfallKind::kSupply);
  EXPECT_EQ(f.shortfalls[1].doses, 11980);
  EXPECT_EQ(f.shortfalls[1].from, D("2021-05-22"));
  // Enough of both: feasible. No site at all: said so.
  EXPECT_TRUE(
      CheckFeasibility(gangkou, boosters, D("2021-05-11"), two, {3, 1500, 30000, 0}).feasible());
  auto none = CheckFeasibility(gangkou, boosters, D("2021-05-11"), two, {0, 0, 30000, 0});
  ASSERT_EQ(none.shortfalls.size(), 1u);
  EXPECT_EQ(none.shortfalls[0].kind, ShortfallKind::kNoSites);
  // A first dose takes the whole series of the sites: twice the people.
  Phase first = boosters;
  first.dose = CountingDose::kFirst;
  EXPECT_EQ(CheckFeasibility(gangkou, first, D("2021-05-11"), two, means).doses_per_day, 2840);
  // The forecast: 7 a day for 19 days, within the sites (900 a day) and
  // the doses (15,000 for 15,000 boosters): 133 more.
  gangkou.rate_7d = 7;
  f = CheckFeasibility(gangkou, boosters, D("2021-05-11"), two, means);
  EXPECT_EQ(f.projected_counted, 100 + 133);
  EXPECT_EQ(f.short_by, 1420 * 19 - 133);
  // A fast pace is held to the sites' capacity: 900 a day, not 2,000.
  gangkou.rate_7d = 2000;
  f = CheckFeasibility(gangkou, boosters, D("2021-05-11"), two, {2, 900, 100000, 0});
  EXPECT_EQ(f.projected_counted, 100 + 900 * 19);
  // And to the doses: 5,000 boosters at most.
  f = CheckFeasibility(gangkou, boosters, D("2021-05-11"), two, {2, 1500, 5000, 0});
  EXPECT_EQ(f.projected_counted, 100 + 5000);
  // Nothing left: nothing short, whatever the means.
  gangkou.counted = gangkou.target;
  EXPECT_TRUE(CheckFeasibility(gangkou, first, D("2021-05-11"), two, {}).feasible());
}

AllocationInput TwoTownships(int64_t cap_a, int64_t cap_b, int64_t stock_a = 1000) {
  AllocationInput in;
  in.day = D("2021-05-20");
  in.days = 10;  // 21-30 May
  in.doses_per_person = 1;
  in.units = {{"A", "甲镇", 50, 200, cap_a, stock_a, {}}, {"B", "乙镇", 50, 200, cap_b, 1000, {}}};
  return in;
}

TEST(Allocation, ReachesTheTargetSoonerThanEachTownshipAlone) {
  // Alone, A does its 50 in 5 days and B in 10 (30 May). Together 15 a
  // day: 100 in 7 days (27 May), A taking on part of B's share.
  auto plan = Allocate(TwoTownships(10, 5), AllocationGoal::kSoonest);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->feasible);
  EXPECT_EQ(plan->pro_rata_done, D("2021-05-30"));
  EXPECT_EQ(plan->units[0].pro_rata_done, D("2021-05-25"));
  EXPECT_EQ(plan->done, D("2021-05-27"));
  EXPECT_EQ(plan->days_saved, 3);
  EXPECT_EQ(plan->units[0].planned + plan->units[1].planned, 100);
  EXPECT_GT(plan->units[0].planned, 50) << "A takes on part of B's share";
  for (int64_t x : plan->units[1].daily) EXPECT_LE(x, 5);
  EXPECT_EQ(plan->units[0].daily[9], 0) << "nothing planned after the day it is done";
}

TEST(Allocation, MostByTheDeadlineWhenTheTargetCannotBeMet) {
  // 5 a day for 10 days: 50 of the 100. It says what binds, not silently.
  auto plan = Allocate(TwoTownships(3, 2), AllocationGoal::kSoonest);
  ASSERT_TRUE(plan);
  EXPECT_FALSE(plan->feasible);
  EXPECT_FALSE(plan->done);
  EXPECT_EQ(plan->covered, 50);
  EXPECT_EQ(plan->pro_rata_covered, 50);
  ASSERT_FALSE(plan->binds.empty());
  EXPECT_EQ(plan->binds[0], "at most 50 of the 100 people can be reached by 2021-05-30");
  EXPECT_EQ(plan->units[0].binding.capacity_days, 10);
  // A's doses run out: 30 there, used up on 23 May at 10 a day.
  plan = Allocate(TwoTownships(10, 5, 30), AllocationGoal::kMostByDeadline);
  ASSERT_TRUE(plan);
  EXPECT_FALSE(plan->feasible);
  EXPECT_EQ(plan->units[0].planned, 30);
  EXPECT_TRUE(plan->units[0].binding.supply_exhausted.has_value());
  bool said = false;
  for (const auto& b : plan->binds_zh) said |= b.find("甲镇疫苗于") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Allocation, SecondDosesTakeTheirShareOfTheSites) {
  // One township, 10 a day, two doses 3 days apart: a person started on
  // day t takes a place on t and t + 3; people started in the last 3 days
  // have their second dose after the horizon.
  AllocationInput in;
  in.day = D("2021-05-20");
  in.days = 6;
  in.doses_per_person = 2;
  in.interval_days = 3;
  in.units = {{"A", "甲镇", 1000, 1000, 10, 100000, {}}};
  auto plan = Allocate(in, AllocationGoal::kMostByDeadline);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->covered, 30);  // each pair of days t, t + 3 shares 10 places
  for (size_t t = 3; t < 6; ++t)
    EXPECT_LE(plan->units[0].daily[t] + plan->units[0].daily[t - 3], 10);
}

TEST(Coverage, AgeBandsAgreeWithAgeOnTheDay) {
  std::mt19937 rng(80);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    Date day = D("2020-01-01").AddDays(static_cast<int>(rng() % 2000));
    Date born = D("1925-01-01").AddDays(static_cast<int>(rng() % 36000));
    for (const auto& band : kAgeBands) {
      BirthRange r = BirthRangeOf(band, day);
      bool in_range = r.born_after < born && born <= r.born_on_or_before;
      int age = born.AgeOn(day);
      ASSERT_EQ(in_range, age >= band.min_age && age <= band.max_age)
          << born.Iso() << " on " << day.Iso() << " in " << band.label;
      ++checked;
    }
  }
  // The leap-day birthdays age on 1 March in common years, as AgeOn says.
  BirthRange twelve = BirthRangeOf(kAgeBands[1], D("2024-02-28"));
  EXPECT_FALSE(twelve.born_after < D("2012-02-29") && D("2012-02-29") <= twelve.born_on_or_before);
  EXPECT_EQ(checked, 100000);
}

// Bands summed from whole birth years and the parts of the edge years
// equal counting each person, whatever the day: random people, each with a
// first dose (or none), counted both ways on random days, leap days among
// the births and the edges.
TEST(Coverage, CohortsAddUpToCountingEachPerson) {
  std::mt19937 rng(1961);
  struct Someone {
    Date born;
    std::optional<Date> first;
  };
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Someone> people;
    for (int i = 0; i < 300; ++i) {
      Date born = D("1920-01-01").AddDays(static_cast<int>(rng() % 36500));
      if (i % 50 == 0) born = D("1960-02-29");
      std::optional<Date> first;
      if (rng() % 3) first = D("2021-01-01").AddDays(static_cast<int>(rng() % 700));
      people.push_back({born, first});
    }
    Date day = D("2021-01-01").AddDays(static_cast<int>(rng() % 1500));
    if (trial % 10 == 0) day = D("2024-02-29");
    auto counts = [&](auto in) {
      CohortCounts n;
      for (const auto& p : people)
        if (in(p.born)) n += {1, p.first && *p.first <= day, 0, 0};
      return n;
    };
    std::map<int, CohortCounts> years;
    for (const auto& p : people) years[p.born.year()] += {1, p.first && *p.first <= day, 0, 0};
    std::map<Date, CohortCounts> born_by_edge;
    for (Date edge : BandEdges(day))
      born_by_edge[edge] = counts([&](Date b) { return b.year() == edge.year() && b <= edge; });
    auto bands = CoverageFromCohorts(day, years, born_by_edge);
    ASSERT_EQ(bands.size(), kAgeBands.size());
    for (size_t i = 0; i < kAgeBands.size(); ++i) {
      const AgeBand& band = kAgeBands[i];
      auto want = counts([&](Date b) {
        int age = b.AgeOn(day);
        return b <= day && age >= band.min_age && age <= band.max_age;
      });
      ASSERT_EQ(bands[i].population, want.residents) << band.label << " on " << day.Iso();
      ASSERT_EQ(bands[i].first_dose, want.first_dose) << band.label << " on " << day.Iso();
    }
  }
  // By hand: on 2021-06-30 the 60+ are born on or before 1961-06-30.
  std::map<int, CohortCounts> years = {{1960, {10, 4, 0, 0}}, {1961, {12, 6, 0, 0}}};
  std::map<Date, CohortCounts> edges;
  for (Date e : BandEdges(D("2021-06-30"))) edges[e] = {};
  edges[D("1961-06-30")] = {5, 1, 0, 0};  // of 1961, born by 30 June
  auto bands = CoverageFromCohorts(D("2021-06-30"), years, edges);
  EXPECT_EQ(bands[3].population, 15);  // 1960's 10 and 1961's first 5
  EXPECT_EQ(bands[3].first_dose, 5);
  EXPECT_EQ(bands[2].population, 7);  // the rest of 1961: 18-59
  EXPECT_EQ(bands[2].first_dose, 5);
}

}  // namespace
}  // namespace fangkong
