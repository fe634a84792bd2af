// The health measure rules (measures/measure.h), by table.
#include "measures/measure.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fangkong {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

MeasureType CloseContactCentral() {
  return MeasureType{"close_contact_central",         "9", "Close contact", "密接集中隔离",
                     MeasureKind::kCentralQuarantine, 7,   {1, 2, 3, 5, 7}, "close_contact_home"};
}
MeasureType SecondaryHome() {
  return MeasureType{"secondary_contact_home",     "9", "Secondary", "次密接居家隔离",
                     MeasureKind::kHomeQuarantine, 7,   {1, 4, 7},   ""};
}
MeasureType Monitoring() {
  return MeasureType{"low_risk", "9", "Monitoring", "三天两检", MeasureKind::kHealthMonitoring, 3,
                     {1, 3},     ""};
}

Measure MeasureOf(const MeasureType& t, const char* start, int64_t id = 1) {
  Measure m;
  m.id = id;
  m.person_id = 7;
  m.type = t.code;
  m.region_code = "341881001001";
  m.start = D(start);
  m.end = m.start.AddDays(t.days - 1);
  return m;
}

TEST(MeasureRules, TestDaysParseAndPrint) {
  struct Row {
    const char* text;
    std::optional<std::vector<int>> days;
  } rows[] = {{"1,2,3,5,7", std::vector<int>{1, 2, 3, 5, 7}},
              {" 7, 1 ,4", std::vector<int>{1, 4, 7}},
              {"", std::vector<int>{}},
              {"3,3", std::vector<int>{3}},
              {"1,x", std::nullopt},
              {"1,,2", std::nullopt},
              {"1.5", std::nullopt}};
  for (const auto& r : rows) EXPECT_EQ(ParseTestDays(r.text), r.days) << r.text;
  EXPECT_EQ(TestDaysText({1, 4, 7}), "1,4,7");
}

TEST(MeasureRules, TypesKeepTheirTestsWithinTheirDays) {
  MeasureType t = SecondaryHome();
  EXPECT_TRUE(CheckMeasureType(t));
  t.test_days = {1, 8};
  EXPECT_EQ(CheckMeasureType(t).error().field, "test_days");
  t.test_days = {};
  t.days = 0;
  EXPECT_EQ(CheckMeasureType(t).error().field, "days");
  t.days = 61;
  EXPECT_EQ(CheckMeasureType(t).error().field, "days");
}

TEST(MeasureRules, TasksAreALogEachDayAndTheTypesTests) {
  MeasureType t = CloseContactCentral();
  Measure m = MeasureOf(t, "2022-07-01");
  auto tasks = PlannedTasks(t, m);
  int logs = 0;
  for (const auto& task : tasks) {
    EXPECT_EQ(task.day, m.start.AddDays(task.day_number - 1));
    EXPECT_EQ(task.region_code, m.region_code);
    EXPECT_EQ(ParseTaskId(task.id)->measure_id, m.id);
    EXPECT_EQ(ParseTaskId(task.id)->day_number, task.day_number);
    EXPECT_EQ(ParseTaskId(task.id)->kind, task.kind);
    if (task.kind == TaskKind::kLog) ++logs;
  }
  EXPECT_EQ(logs, 7);
  EXPECT_EQ(tasks.back().day, D("2022-07-07"));
  EXPECT_EQ(ParseTaskId(999), std::nullopt);
  EXPECT_EQ(ParseTaskId(1001), std::nullopt);
}

// The test days of a measure as it stands, and its number of days with tasks.
std::pair<std::vector<int>, int> Shape(const MeasureType& t, const Measure& m) {
  std::vector<int> tests;
  int days = 0;
  for (const auto& task : PlannedTasks(t, m)) {
    if (task.kind == TaskKind::kTest) tests.push_back(task.day_number);
    days = std::max(days, task.day_number);
  }
  return {tests, days};
}

TEST(MeasureRules, TheTasksFollowTheEndAndTheFinalTestMovesWithIt) {
  MeasureType t = CloseContactCentral();  // tests on days 1, 2, 3, 5, 7
  struct Row {
    const char* what;
    int end_shift;           // days added to (or taken from) the type's length
    const char* superseded;  // the day a stricter measure took over, or null
    std::vector<int> tests;
    int days;
  } rows[] = {
      {"as the type says", 0, nullptr, {1, 2, 3, 5, 7}, 7},
      {"extended by 2", 2, nullptr, {1, 2, 3, 5, 7, 9}, 9},
      {"shortened to a test day", -2, nullptr, {1, 2, 3, 5}, 5},
      {"shortened to another day", -3, nullptr, {1, 2, 3, 4}, 4},
      {"superseded on day 4", 0, "2022-07-04", {1, 2, 3}, 3},
      {"superseded on its first day", 0, "2022-07-01", {}, 0},
  };
  for (const auto& r : rows) {
    Measure m = MeasureOf(t, "2022-07-01");
    m.end = m.end.AddDays(r.end_shift);
    if (r.superseded) {
      m.ended = MeasureEnd::kSuperseded;
      m.ended_on = D(r.superseded);
    }
    auto [tests, days] = Shape(t, m);
    EXPECT_EQ(tests, r.tests) << r.what;
    EXPECT_EQ(days, r.days) << r.what;
  }
}

TEST(MeasureRules, LogsFillThePlannedTasks) {
  MeasureType t = SecondaryHome();
  Measure m = MeasureOf(t, "2022-07-01");
  MeasureTask log;
  log.measure_id = m.id;
  log.day_number = 4;
  log.kind = TaskKind::kTest;
  log.done_at = 9;
  log.result = "negative";
  MeasureTask cut = log;
  cut.day_number = 30;  // beyond the measure: left out
  auto tasks = WithLogs(PlannedTasks(t, m), {log, cut});
  EXPECT_EQ(tasks.size(), 10u);
  int done = 0;
  for (const auto& x : tasks) {
    done += x.done();
    if (x.done()) {
      EXPECT_EQ(x.id, TaskId(m.id, 4, TaskKind::kTest));
      EXPECT_EQ(x.region_code, m.region_code);
    }
  }
  EXPECT_EQ(done, 1);
}

TEST(MeasureRules, AStricterMeasureSupersedesNeverTheOtherWay) {
  Date today = D("2022-07-10");
  Measure home = MeasureOf(SecondaryHome(), "2022-07-08", 5);
  Measure old = MeasureOf(Monitoring(), "2022-06-01", 6);
  old.ended = MeasureEnd::kReleased;
  old.ended_on = D("2022-06-03");
  std::vector<Measure> current{home, old};
  std::vector<MeasureType> types{SecondaryHome(), Monitoring()};
  struct Row {
    MeasureType type;
    const char* start;
    std::string code;  // empty: accepted
    std::vector<int64_t> superseded;
  } rows[] = {
      {CloseContactCentral(), "2022-07-10", "", {5}},
      {SecondaryHome(), "2022-07-10", "under_stricter_measure", {}},
      {Monitoring(), "2022-07-10", "under_stricter_measure", {}},
      {Monitoring(), "2022-07-15", "", {}},  // the home quarantine ends on the 14th
      {CloseContactCentral(), "2022-06-09", "invalid_start", {}},
      {CloseContactCentral(), "2022-07-18", "invalid_start", {}},
  };
  for (const auto& r : rows) {
    auto got = CheckAssign(r.type, D(r.start), today, current, types);
    if (r.code.empty()) {
      ASSERT_TRUE(got) << r.type.code << " " << r.start << ": " << got.error().message;
      EXPECT_EQ(*got, r.superseded);
    } else {
      ASSERT_FALSE(got) << r.type.code << " " << r.start;
      EXPECT_EQ(got.error().code, r.code);
    }
  }
}

TEST(MeasureRules, ReleaseNeedsTheLastDayAndTheFinalNegativeTest) {
  MeasureType t = SecondaryHome();
  Measure m = MeasureOf(t, "2022-07-01");
  auto tasks = PlannedTasks(t, m);
  auto final_test = [&]() -> MeasureTask& {
    for (auto it = tasks.rbegin(); it != tasks.rend(); ++it)
      if (it->kind == TaskKind::kTest) return *it;
    return tasks.back();
  };
  EXPECT_EQ(CheckRelease(m, tasks, D("2022-07-06")).error().code, "measure_not_over");
  EXPECT_EQ(CheckRelease(m, tasks, D("2022-07-07")).error().code, "final_test_missing");
  final_test().done_at = 1;
  final_test().result = "positive";
  EXPECT_EQ(CheckRelease(m, tasks, D("2022-07-07")).error().code, "final_test_not_negative");
  final_test().result = "negative";
  EXPECT_TRUE(CheckRelease(m, tasks, D("2022-07-07")));
  EXPECT_TRUE(CheckRelease(m, tasks, D("2022-07-09")));
  m.ended = MeasureEnd::kReleased;
  EXPECT_EQ(CheckRelease(m, tasks, D("2022-07-09")).error().code, "measure_ended");
}

TEST(MeasureRules, ChangesNeedAReasonAndCannotEndInThePast) {
  Measure m = MeasureOf(SecondaryHome(), "2022-07-01");  // ends 07-07
  Date today = D("2022-07-04");
  struct Row {
    int days;
    const char* reason;
    std::string field;  // empty: accepted
  } rows[] = {{3, "复核阳性密接", ""}, {3, "", "reason"}, {0, "原因", "days"},
              {61, "原因", "days"},    {-3, "原因", ""},  {-4, "原因", "days"}};
  for (const auto& r : rows) {
    auto s = CheckChange(m, r.days, r.reason, today);
    if (r.field.empty()) {
      EXPECT_TRUE(s) << r.days << " " << r.reason;
    } else {
      ASSERT_FALSE(s) << r.days << " " << r.reason;
      EXPECT_EQ(s.error().field, r.field);
    }
  }
}

TEST(MeasureRules, LogsCheckTheirValues) {
  MeasureTask log;
  log.id = 1;
  log.day = D("2022-07-04");
  MeasureTask test = log;
  test.kind = TaskKind::kTest;
  Date today = D("2022-07-04");
  struct Row {
    const MeasureTask* task;
    std::optional<double> temperature;
    const char* result;
    Date on;
    std::string code;
  } rows[] = {{&log, 36.6, "", today, ""},
              {&log, std::nullopt, "", today, "invalid_temperature"},
              {&log, 45.1, "", today, "invalid_temperature"},
              {&log, 33.0, "", today, "invalid_temperature"},
              {&log, 36.6, "", D("2022-07-03"), "task_in_future"},
              {&test, std::nullopt, "negative", today, ""},
              {&test, std::nullopt, "positive", today, ""},
              {&test, std::nullopt, "pending", today, "invalid_result"}};
  for (const auto& r : rows) {
    auto s = CheckTaskLog(*r.task, TaskLog{r.temperature, "", r.result}, r.on);
    EXPECT_EQ(s ? std::string() : s.error().code, r.code);
  }
  MeasureTask done = log;
  done.done_at = 5;
  EXPECT_EQ(CheckTaskLog(done, TaskLog{36.6, "", ""}, today).error().code, "task_done");
}

TEST(MeasureRules, StatusIsComputedFromTheRecords) {
  MeasureType t = SecondaryHome();
  Measure m = MeasureOf(t, "2022-07-01");
  auto tasks = PlannedTasks(t, m);
  auto done = [&](int day, TaskKind kind, int tenths = 365, const char* result = "negative") {
    for (auto& x : tasks)
      if (x.day_number == day && x.kind == kind) {
        x.done_at = 1;
        x.temperature_tenths = tenths;
        x.result = kind == TaskKind::kTest ? result : "";
      }
  };
  EXPECT_EQ(StatusOf(m, tasks, D("2022-06-30")), MeasureStatus::kPlanned);
  EXPECT_EQ(StatusOf(m, tasks, D("2022-07-01")), MeasureStatus::kUnderMeasure);
  EXPECT_EQ(StatusOf(m, tasks, D("2022-07-02")), MeasureStatus::kOverdue);
  EXPECT_EQ(OverdueTasks(tasks, D("2022-07-02")), 2);  // day 1's log and test
  done(1, TaskKind::kLog);
  done(1, TaskKind::kTest);
  EXPECT_EQ(StatusOf(m, tasks, D("2022-07-02")), MeasureStatus::kUnderMeasure);
  done(2, TaskKind::kLog, 378);
  EXPECT_EQ(StatusOf(m, tasks, D("2022-07-02")), MeasureStatus::kSymptomatic);
  done(4, TaskKind::kTest, 0, "positive");
  EXPECT_EQ(StatusOf(m, tasks, D("2022-07-04")), MeasureStatus::kPositive);
  EXPECT_EQ(StatusOf(m, tasks, D("2022-07-09")), MeasureStatus::kPositive);
  tasks.pop_back();
  auto clean = PlannedTasks(t, m);
  EXPECT_EQ(StatusOf(m, clean, D("2022-07-08")), MeasureStatus::kEndedUnreleased);
  m.ended = MeasureEnd::kReleased;
  EXPECT_EQ(StatusOf(m, clean, D("2022-07-08")), MeasureStatus::kReleased);
  m.ended = MeasureEnd::kSuperseded;
  EXPECT_EQ(StatusOf(m, clean, D("2022-07-03")), MeasureStatus::kSuperseded);
}

}  // namespace
}  // namespace fangkong
