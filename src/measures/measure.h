// Health measures (健康管理措施): quarantine, home quarantine, health
// monitoring. A measure type is data (a row of measure_types: its length, the
// days a test is due, the type that follows it), so a new edition of the
// national plan is new rows, not new code. Assigning a measure lays out the
// person's daily tasks in advance (a temperature and symptom log each day, a
// test on the test days); the person's status is computed from the measure
// and its tasks, never stored by hand. Everything here is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

// The kinds of measure, strictest first: a person under one kind may not be
// given a measure of the same or a looser kind.
enum class MeasureKind {
  kCentralQuarantine,  // 集中隔离医学观察
  kHomeQuarantine,     // 居家隔离医学观察
  kHomeMonitoring,     // 居家健康监测
  kHealthMonitoring,   // 健康监测（自我健康监测、三天两检）
};
const char* MeasureKindCode(MeasureKind k);
const char* MeasureKindZh(MeasureKind k);
std::optional<MeasureKind> ParseMeasureKind(std::string_view s);
// Higher is stricter.
int Strictness(MeasureKind k);

struct MeasureType {
  std::string code;     // e.g. "close_contact_central"
  std::string edition;  // e.g. "9" (第九版), "14+7+7"
  std::string name;
  std::string name_zh;
  MeasureKind kind = MeasureKind::kHealthMonitoring;
  int days = 0;                // length, day 1 being the start day
  std::vector<int> test_days;  // days (1-based) on which a test is due
  std::string next;            // the type that follows on release; empty: none
};
// "1,2,3,5,7" <-> {1, 2, 3, 5, 7}; nothing when a part is not a number.
std::optional<std::vector<int>> ParseTestDays(std::string_view text);
std::string TestDaysText(const std::vector<int>& days);
// A type's own rules: a length of 1-60 days, test days within it.
Status CheckMeasureType(const MeasureType& t);

enum class TaskKind { kLog, kTest };  // 体温症状登记, 核酸检测
const char* TaskKindCode(TaskKind k);

// One thing a person under a measure must do on a day.
struct MeasureTask {
  int64_t id = 0;  // TaskId
  int64_t measure_id = 0;
  int64_t person_id = 0;
  std::string region_code;
  Date day;
  int day_number = 0;  // 1 on the measure's first day
  TaskKind kind = TaskKind::kLog;
  int64_t done_at = 0;  // unix seconds; 0: not done
  int64_t done_by = 0;
  int temperature_tenths = 0;  // a log: 365 is 36.5 °C
  std::string symptoms;        // a log: empty is none
  std::string result;          // a test: "negative" or "positive"
  bool done() const { return done_at != 0; }
};

// How a measure ended.
enum class MeasureEnd { kNone, kReleased, kSuperseded };

struct Measure {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string type;  // MeasureType::code
  std::string region_code;
  Date start;
  Date end;            // the last day, extensions and reductions included
  std::string source;  // "manual", "chained", "contact", "arrival"
  std::string reason;
  int64_t assigned_by = 0;
  int64_t assigned_at = 0;
  int64_t previous_id = 0;  // the measure this one follows (chained)
  MeasureEnd ended = MeasureEnd::kNone;
  Date ended_on;  // when ended != kNone
  int64_t ended_by = 0;
};
const char* MeasureEndCode(MeasureEnd e);
MeasureEnd ParseMeasureEnd(std::string_view s);

// A task's id: the measure's id × 1000 + its day number × 2 + 1 for a test.
// Tasks are not rows: they follow from the measure and its type, so an
// extension or a reduction moves them with the end day, and only what was
// logged is stored.
int64_t TaskId(int64_t measure_id, int day_number, TaskKind kind);
struct TaskRef {
  int64_t measure_id = 0;
  int day_number = 0;
  TaskKind kind = TaskKind::kLog;
};
std::optional<TaskRef> ParseTaskId(int64_t id);

// The tasks of measure `m` of type `t` as it stands: a log each day from its
// start to its end (to the day before a stricter measure took over), a test
// on the type's test days, and on the last day when extensions or
// reductions changed the length (the final test moves with the end).
std::vector<MeasureTask> PlannedTasks(const MeasureType& t, const Measure& m);
// The planned tasks with what was logged (matched by day number and kind).
std::vector<MeasureTask> WithLogs(std::vector<MeasureTask> planned,
                                  const std::vector<MeasureTask>& logs);

// Whether `m` is in force on `day`.
bool InForce(const Measure& m, Date day);

// A new measure of `type` from `start`, given the person's measures of
// `current_types` (parallel to `current`). Refused (409
// under_stricter_measure) when one in force on `start` is as strict or
// stricter; otherwise the ids of the looser ones it supersedes.
Result<std::vector<int64_t>> CheckAssign(const MeasureType& type, Date start, Date today,
                                         const std::vector<Measure>& current,
                                         const std::vector<MeasureType>& current_types);

// Release on `on`: the measure must be in force, its last day reached, and
// its final test (the last test task) logged negative.
Status CheckRelease(const Measure& m, const std::vector<MeasureTask>& tasks, Date on);

// An extension (days > 0) or reduction (days < 0) with a reason: the measure
// must be in force, and a reduction cannot end it before `today`.
Status CheckChange(const Measure& m, int days, std::string_view reason, Date today);

struct TaskLog {
  std::optional<double> temperature;  // °C
  std::string symptoms;
  std::string result;  // tests: "negative" or "positive"
};
// A log of `task` on `today`: not a future day's, not twice; a temperature of
// 34-43 °C for a daily log; a result of negative or positive for a test.
Status CheckTaskLog(const MeasureTask& task, const TaskLog& log, Date today);

// A log that reports a fever (37.3 °C or more) or any symptom.
bool Symptomatic(const MeasureTask& t);

// A person's status under a measure, computed from it and its tasks.
enum class MeasureStatus {
  kPlanned,       // starts later
  kUnderMeasure,  // in force, nothing missed
  kOverdue,       // in force, a log or test of an earlier day not done
  kSymptomatic,   // in force, a log reported fever or symptoms
  kPositive,      // a test came back positive
  kReleased,
  kSuperseded,
  kEndedUnreleased,  // its last day passed without a release
};
const char* MeasureStatusCode(MeasureStatus s);
MeasureStatus StatusOf(const Measure& m, const std::vector<MeasureTask>& tasks, Date today);
// Tasks of days before `today` not done.
int OverdueTasks(const std::vector<MeasureTask>& tasks, Date today);

}  // namespace fangkong
