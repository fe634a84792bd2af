// The rules of arrivals, by table: the status computed from the record, one
// journey from several sources, the deadline started by the first push,
// outcomes and residents' reports checked, the figures per township, the
// dates a pushed list writes, and the limit on reports without a login.
#include "arrivals/arrival.h"

#include <gtest/gtest.h>

#include "arrivals/arrival_imports.h"
#include "core/rate_limit.h"

namespace fangkong {
namespace {

constexpr int64_t kPush = 1700000000;
const Date kDay = Date::FromYmd(2022, 4, 2).value();

Arrival Pushed(int64_t person = 7, std::string region = "341881001001") {
  Arrival a;
  a.person_id = person;
  a.match = person ? MatchKind::kIdNumber : MatchKind::kUnmatched;
  a.region_code = std::move(region);
  a.arrival_date = kDay;
  a.pushed_at = kPush;
  a.deadline_at = kPush + 24 * 3600;
  return a;
}

TEST(ArrivalStatus, IsComputedFromTheRecord) {
  struct Row {
    const char* what;
    Arrival a;
    int64_t now;
    ArrivalStatus want;
  };
  Arrival unmatched = Pushed(0, "341881");
  Arrival unmatched_with_destination = Pushed(0, "341881001");
  Arrival uncertain = Pushed(0, "341881");
  uncertain.match = MatchKind::kUncertain;
  Arrival elsewhere = Pushed(9, "341881");
  elsewhere.out_of_county = true;
  Arrival found = Pushed();
  found.outcome = ArrivalOutcome::kFound;
  Arrival gone = Pushed();
  gone.outcome = ArrivalOutcome::kLeftCounty;
  Arrival grid_only = Pushed();
  grid_only.pushed_at = grid_only.deadline_at = 0;
  const Row rows[] = {
      {"within the deadline", Pushed(), kPush + 3600, ArrivalStatus::kToVerify},
      {"at the deadline", Pushed(), kPush + 24 * 3600, ArrivalStatus::kToVerify},
      {"past the deadline", Pushed(), kPush + 24 * 3600 + 1, ArrivalStatus::kOverdue},
      {"found, however late", found, kPush + 99 * 3600, ArrivalStatus::kVerified},
      {"left the county", gone, kPush, ArrivalStatus::kLeftCounty},
      {"nobody matched, no place", unmatched, kPush, ArrivalStatus::kAwaitingMatch},
      {"nobody matched, a destination", unmatched_with_destination, kPush,
       ArrivalStatus::kToVerify},
      {"candidates to choose", uncertain, kPush, ArrivalStatus::kToChoose},
      {"lives elsewhere", elsewhere, kPush, ArrivalStatus::kOutOfCounty},
      {"never pushed: no deadline", grid_only, kPush + 99 * 3600, ArrivalStatus::kToVerify},
  };
  for (const auto& r : rows) EXPECT_EQ(StatusOf(r.a, r.now), r.want) << r.what;
}

TEST(ArrivalJourney, ReportsOfOnePersonDaysApartAreOneArrival) {
  ArrivalReport r;
  r.id_number = "341881198001011234";
  struct Row {
    const char* what;
    int64_t arrival_person, report_person;
    std::optional<Date> date;
    bool id_valid;
    bool want;
  };
  const Row rows[] = {
      {"same person, same day", 7, 7, kDay, true, true},
      {"same person, 3 days apart", 7, 7, kDay.AddDays(3), true, true},
      {"same person, 4 days apart", 7, 7, kDay.AddDays(-4), true, false},
      {"another person", 7, 8, kDay, true, false},
      {"no date: the same journey", 7, 7, std::nullopt, true, true},
      {"both unmatched, same valid number", 0, 0, kDay, true, true},
      {"both unmatched, the number invalid", 0, 0, kDay, false, false},
      {"matched arrival, unmatched report", 7, 0, kDay, true, false},
  };
  for (const auto& row : rows) {
    Arrival a = Pushed(row.arrival_person);
    a.id_number = r.id_number;
    r.arrival_date = row.date;
    EXPECT_EQ(SameJourney(a, row.report_person, r, row.id_valid), row.want) << row.what;
  }
}

TEST(ArrivalJourney, TheFirstPushStartsTheDeadlineAndAGridFindBeforeItCounts) {
  ArrivalReport grid;
  grid.source = ArrivalSource::kGrid;
  grid.reported_at = kPush - 3600;
  grid.name = "张伟";
  grid.arrival_date = kDay;
  Arrival a = NewArrival(grid, 24);
  EXPECT_EQ(a.deadline_at, 0);
  EXPECT_EQ(a.grid_found_at, kPush - 3600);
  ArrivalReport push;
  push.source = ArrivalSource::kPush;
  push.reported_at = kPush;
  push.phone = "13812345678";
  AddReport(a, push, 12);
  EXPECT_EQ(a.pushed_at, kPush);
  EXPECT_EQ(a.deadline_at, kPush + 12 * 3600);
  EXPECT_EQ(a.phone, "13812345678");  // a blank filled
  EXPECT_EQ(a.name, "张伟");
  push.reported_at = kPush + 600;  // a later push does not move the deadline
  AddReport(a, push, 1);
  EXPECT_EQ(a.deadline_at, kPush + 12 * 3600);
  EXPECT_EQ(a.first_reported_at, kPush - 3600);
}

TEST(ArrivalOutcome, IsRecordedOnceAndFoundNeedsThePerson) {
  Arrival a = Pushed();
  EXPECT_TRUE(CheckOutcome(a, ArrivalOutcome::kFound, ""));
  EXPECT_EQ(CheckOutcome(a, ArrivalOutcome::kNone, "").error().code, "invalid_outcome");
  EXPECT_EQ(CheckOutcome(a, ArrivalOutcome::kNotFound, "").error().code, "note_required");
  EXPECT_TRUE(CheckOutcome(a, ArrivalOutcome::kNotFound, "电话空号，上门未见"));
  EXPECT_EQ(CheckOutcome(Pushed(0), ArrivalOutcome::kFound, "").error().code, "person_not_matched");
  a.outcome = ArrivalOutcome::kWrongData;
  EXPECT_EQ(CheckOutcome(a, ArrivalOutcome::kFound, "").error().code, "outcome_recorded");
}

TEST(ArrivalSelfReport, EveryFieldIsChecked) {
  Date today = Date::FromYmd(2022, 4, 10).value();
  ArrivalReport ok;
  ok.id_number = "11010519491231002X";
  ok.name = "王小明";
  ok.phone = "13812345678";
  ok.origin = "上海市浦东新区";
  ok.arrival_date = today;
  ok.destination_code = "341881001001";
  EXPECT_TRUE(CheckSelfReport(ok, today));
  struct Row {
    const char* field;
    void (*spoil)(ArrivalReport&);
  };
  const Row rows[] = {
      {"id_number", [](ArrivalReport& r) { r.id_number = "110105194912310021"; }},
      {"name", [](ArrivalReport& r) { r.name = "王"; }},
      {"phone", [](ArrivalReport& r) { r.phone = "2381234567"; }},
      {"origin", [](ArrivalReport& r) { r.origin = ""; }},
      {"arrival_date", [](ArrivalReport& r) { r.arrival_date = r.arrival_date->AddDays(-15); }},
      {"arrival_date", [](ArrivalReport& r) { r.arrival_date = r.arrival_date->AddDays(4); }},
      {"arrival_date", [](ArrivalReport& r) { r.arrival_date.reset(); }},
      {"destination_code", [](ArrivalReport& r) { r.destination_code = "341881"; }},
  };
  for (const auto& row : rows) {
    ArrivalReport r = ok;
    row.spoil(r);
    auto s = CheckSelfReport(r, today);
    ASSERT_FALSE(s) << row.field;
    EXPECT_EQ(s.error().field, row.field);
  }
}

TEST(ArrivalFiguresTest, CountOnTimeLateOverdueAndTheGridsFinds) {
  int64_t now = kPush + 48 * 3600;
  std::vector<Arrival> all;
  Arrival on_time = Pushed();
  on_time.outcome = ArrivalOutcome::kFound;
  on_time.outcome_at = kPush + 2 * 3600;
  on_time.grid_found_at = kPush - 60;  // the grid had them first
  Arrival late = Pushed();
  late.outcome = ArrivalOutcome::kNotFound;
  late.outcome_at = kPush + 30 * 3600;
  Arrival overdue = Pushed();
  Arrival other_town = Pushed(8, "341881100200");
  other_town.pushed_at = now - 3600;
  other_town.deadline_at = now + 3600;
  Arrival grid_after_push = Pushed();
  grid_after_push.grid_found_at = kPush + 60;
  grid_after_push.outcome = ArrivalOutcome::kFound;
  grid_after_push.outcome_at = kPush + 4 * 3600;
  all = {on_time, late, overdue, other_town, grid_after_push};
  auto figures = FiguresBy(all, 9, now);
  ASSERT_EQ(figures.size(), 2u);
  const ArrivalFigures& f = figures[0];
  EXPECT_EQ(f.region_code, "341881001");
  EXPECT_EQ(f.pushed, 4);
  EXPECT_EQ(f.verified_on_time, 2);
  EXPECT_EQ(f.verified_late, 1);
  EXPECT_EQ(f.overdue, 1);
  EXPECT_EQ(f.found_before_push, 1);
  EXPECT_DOUBLE_EQ(f.found_before_push_share, 0.25);
  EXPECT_EQ(f.median_minutes_to_verify, 240);  // of 120, 240, 1800
  EXPECT_EQ(figures[1].open, 1);
  EXPECT_EQ(figures[1].median_minutes_to_verify, -1);
}

TEST(ArrivalList, DatesAsListsWriteThem) {
  struct Row {
    const char* text;
    const char* want;  // "" for none
  };
  const Row rows[] = {{"2022-04-01", "2022-04-01"},
                      {"2022/4/1", "2022-04-01"},
                      {"20220401", "2022-04-01"},
                      {"44652", "2022-04-01"},
                      {"昨天", ""},
                      {"2022/13/1", ""},
                      {"", ""},
                      {"123", ""}};
  for (const auto& r : rows) {
    auto d = ParseListDate(r.text);
    EXPECT_EQ(d ? d->Iso() : "", r.want) << r.text;
  }
  EXPECT_TRUE(CheckArrivalHeader({"姓名", "身份证号", "手机号", "抵达日期"}));
  EXPECT_TRUE(CheckArrivalHeader({"name", "id_number", "phone", "arrival_date", "origin"}));
  auto missing = CheckArrivalHeader({"姓名", "手机号"});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message_zh.find("身份证号"), std::string::npos);
  EXPECT_NE(missing.error().message_zh.find("抵达日期"), std::string::npos);
}

TEST(RateLimit, AdmitsSoManyPerKeyAndInAllPerWindow) {
  RateLimiter limit(RateLimitPolicy{2, 3, 60, 100});
  EXPECT_TRUE(limit.Admit("a", 1000));
  EXPECT_TRUE(limit.Admit("a", 1001));
  EXPECT_FALSE(limit.Admit("a", 1002));  // per key
  EXPECT_TRUE(limit.Admit("b", 1003));
  EXPECT_FALSE(limit.Admit("c", 1004));  // in all
  EXPECT_EQ(limit.RetryAfter(1004), 56);
  EXPECT_TRUE(limit.Admit("a", 1060));  // a new window
}

}  // namespace
}  // namespace fangkong
