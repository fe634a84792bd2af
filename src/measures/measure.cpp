#include "measures/measure.h"

#include <algorithm>
#include <charconv>

namespace fangkong {

namespace {

struct KindName {
  MeasureKind kind;
  const char* code;
  const char* zh;
  int strictness;
};
constexpr KindName kKinds[] = {
    {MeasureKind::kCentralQuarantine, "central_quarantine", "集中隔离医学观察", 4},
    {MeasureKind::kHomeQuarantine, "home_quarantine", "居家隔离医学观察", 3},
    {MeasureKind::kHomeMonitoring, "home_monitoring", "居家健康监测", 2},
    {MeasureKind::kHealthMonitoring, "health_monitoring", "健康监测", 1},
};

const KindName& Named(MeasureKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n;
  return kKinds[3];
}

}  // namespace

const char* MeasureKindCode(MeasureKind k) { return Named(k).code; }
const char* MeasureKindZh(MeasureKind k) { return Named(k).zh; }
int Strictness(MeasureKind k) { return Named(k).strictness; }

std::optional<MeasureKind> ParseMeasureKind(std::string_view s) {
  for (const auto& n : kKinds)
    if (s == n.code) return n.kind;
  return std::nullopt;
}

std::optional<std::vector<int>> ParseTestDays(std::string_view text) {
  std::vector<int> out;
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  if (trim(text).empty()) return out;
  while (true) {
    size_t comma = text.find(',');
    std::string_view part = trim(text.substr(0, comma));
    int day = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), day);
    if (part.empty() || ec != std::errc() || p != part.data() + part.size()) return std::nullopt;
    out.push_back(day);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string TestDaysText(const std::vector<int>& days) {
  std::string out;
  for (int d : days) out += (out.empty() ? "" : ",") + std::to_string(d);
  return out;
}

Status CheckMeasureType(const MeasureType& t) {
  if (t.days < 1 || t.days > 60) {
    return Fail(Error::Invalid("invalid_measure_days", "days", std::to_string(t.days),
                               "a measure lasts 1 to 60 days", "措施天数应为1至60天"));
  }
  for (int d : t.test_days)
    if (d < 1 || d > t.days) {
      return Fail(Error::Invalid("invalid_test_day", "test_days", std::to_string(d),
                                 "test days fall within the measure's days",
                                 "核酸检测日应在措施期限之内"));
    }
  return {};
}

const char* TaskKindCode(TaskKind k) { return k == TaskKind::kTest ? "test" : "log"; }

const char* MeasureEndCode(MeasureEnd e) {
  switch (e) {
    case MeasureEnd::kReleased:
      return "released";
    case MeasureEnd::kSuperseded:
      return "superseded";
    case MeasureEnd::kNone:
      break;
  }
  return "";
}

MeasureEnd ParseMeasureEnd(std::string_view s) {
  if (s == "released") return MeasureEnd::kReleased;
  if (s == "superseded") return MeasureEnd::kSuperseded;
  return MeasureEnd::kNone;
}

int64_t TaskId(int64_t measure_id, int day_number, TaskKind kind) {
  return measure_id * 1000 + day_number * 2 + (kind == TaskKind::kTest ? 1 : 0);
}

std::optional<TaskRef> ParseTaskId(int64_t id) {
  if (id < 1000) return std::nullopt;
  int rest = static_cast<int>(id % 1000);
  if (rest < 2) return std::nullopt;
  return TaskRef{id / 1000, rest / 2, rest % 2 ? TaskKind::kTest : TaskKind::kLog};
}

std::vector<MeasureTask> PlannedTasks(const MeasureType& t, const Measure& m) {
  std::vector<MeasureTask> out;
  int last_day = m.end.days() - m.start.days() + 1;
  Date stop = m.end;  // the last day with tasks
  if (m.ended == MeasureEnd::kSuperseded) stop = std::min(stop, m.ended_on.AddDays(-1));
  for (int day = 1; m.start.AddDays(day - 1) <= stop; ++day) {
    MeasureTask log;
    log.id = TaskId(m.id, day, TaskKind::kLog);
    log.measure_id = m.id;
    log.person_id = m.person_id;
    log.region_code = m.region_code;
    log.day = m.start.AddDays(day - 1);
    log.day_number = day;
    out.push_back(log);
    bool test_day = std::binary_search(t.test_days.begin(), t.test_days.end(), day) ||
                    (day == last_day && last_day != t.days);  // the moved final test
    if (test_day) {
      MeasureTask test = log;
      test.id = TaskId(m.id, day, TaskKind::kTest);
      test.kind = TaskKind::kTest;
      out.push_back(test);
    }
  }
  return out;
}

std::vector<MeasureTask> WithLogs(std::vector<MeasureTask> planned,
                                  const std::vector<MeasureTask>& logs) {
  for (const auto& l : logs) {
    auto it = std::find_if(planned.begin(), planned.end(), [&](const MeasureTask& p) {
      return p.day_number == l.day_number && p.kind == l.kind;
    });
    if (it == planned.end()) continue;  // a day cut off by a stricter measure
    MeasureTask done = l;
    done.id = it->id;
    done.region_code = it->region_code;
    *it = std::move(done);
  }
  return planned;
}

bool InForce(const Measure& m, Date day) {
  if (day < m.start || day > m.end) return false;
  return m.ended == MeasureEnd::kNone || day < m.ended_on;
}

Result<std::vector<int64_t>> CheckAssign(const MeasureType& type, Date start, Date today,
                                         const std::vector<Measure>& current,
                                         const std::vector<MeasureType>& current_types) {
  if (start < today.AddDays(-30) || start > today.AddDays(7)) {
    return Fail(Error::Invalid("invalid_start", "start", start.Iso(),
                               "a measure starts within the last 30 days or the next 7",
                               "措施开始日期应在近30天至未来7天之内"));
  }
  std::vector<int64_t> superseded;
  for (size_t i = 0; i < current.size() && i < current_types.size(); ++i) {
    const Measure& m = current[i];
    bool overlaps = m.ended == MeasureEnd::kNone && m.end >= start;
    if (!overlaps) continue;
    if (Strictness(current_types[i].kind) >= Strictness(type.kind)) {
      const MeasureType& held = current_types[i];
      return Fail(Error::Conflict(
          "under_stricter_measure", "type", type.code,
          "the person is already under " + held.name + " until " + m.end.Iso() +
              ", which is as strict or stricter",
          "该人员已在" + held.name_zh + "（至" + m.end.Iso() + "），措施不低于本次，无需重复管控"));
    }
    superseded.push_back(m.id);
  }
  return superseded;
}

Status CheckRelease(const Measure& m, const std::vector<MeasureTask>& tasks, Date on) {
  if (m.ended != MeasureEnd::kNone) {
    return Fail(Error::Conflict("measure_ended", "measure_id", std::to_string(m.id),
                                "the measure has already ended", "该措施已结束"));
  }
  if (on < m.end) {
    return Fail(Error::Conflict(
        "measure_not_over", "end", m.end.Iso(),
        "the measure runs until " + m.end.Iso() + ": to release earlier, shorten it with a reason",
        "措施期限至" + m.end.Iso() + "，如需提前解除请先填写原因缩短期限"));
  }
  const MeasureTask* final_test = nullptr;
  for (const auto& t : tasks)
    if (t.kind == TaskKind::kTest && (!final_test || t.day >= final_test->day)) final_test = &t;
  if (final_test && final_test->done() && final_test->result == "negative") return {};
  std::string day = final_test ? final_test->day.Iso() : m.end.Iso();
  if (final_test && final_test->done()) {
    return Fail(Error::Conflict("final_test_not_negative", "result", final_test->result,
                                "the final test, of " + day + ", is not negative",
                                "末次核酸检测（" + day + "）结果不是阴性，不能解除"));
  }
  return Fail(Error::Conflict("final_test_missing", "day", day,
                              "release needs the final test, due " + day + ", logged negative",
                              "解除须有末次核酸检测（" + day + "）阴性结果"));
}

Status CheckChange(const Measure& m, int days, std::string_view reason, Date today) {
  if (reason.empty()) {
    return Fail(Error::Invalid("reason_required", "reason", "",
                               "an extension or reduction needs a reason",
                               "延长或缩短措施须填写原因"));
  }
  if (days == 0 || days < -60 || days > 60) {
    return Fail(Error::Invalid("invalid_days", "days", std::to_string(days),
                               "change a measure by 1 to 60 days, up or down",
                               "调整天数应为-60至60之间且不为0"));
  }
  if (m.ended != MeasureEnd::kNone) {
    return Fail(Error::Conflict("measure_ended", "measure_id", std::to_string(m.id),
                                "the measure has already ended", "该措施已结束"));
  }
  Date end = m.end.AddDays(days);
  if (days < 0 && (end < today || end < m.start)) {
    return Fail(
        Error::Invalid("reduced_into_past", "days", std::to_string(days),
                       "a reduction cannot end the measure before today (" + today.Iso() + ")",
                       "缩短后的结束日期不能早于今天（" + today.Iso() + "）"));
  }
  return {};
}

Status CheckTaskLog(const MeasureTask& task, const TaskLog& log, Date today) {
  if (task.day > today) {
    return Fail(Error::Invalid("task_in_future", "day", task.day.Iso(),
                               "this task is due on " + task.day.Iso() + ", not yet",
                               "该任务应于" + task.day.Iso() + "完成，尚未到期"));
  }
  if (task.done()) {
    return Fail(Error::Conflict("task_done", "task_id", std::to_string(task.id),
                                "this task has already been logged", "该任务已登记"));
  }
  if (task.kind == TaskKind::kTest) {
    if (log.result != "negative" && log.result != "positive") {
      return Fail(Error::Invalid("invalid_result", "result", log.result,
                                 "a test result is negative or positive",
                                 "核酸结果应为阴性或阳性"));
    }
    return {};
  }
  if (!log.temperature || *log.temperature < 34.0 || *log.temperature > 43.0) {
    std::string value = log.temperature ? std::to_string(*log.temperature) : "";
    return Fail(Error::Invalid("invalid_temperature", "temperature", value,
                               "a body temperature of 34.0 to 43.0 °C", "体温应在34.0至43.0℃之间"));
  }
  return {};
}

bool Symptomatic(const MeasureTask& t) {
  return t.kind == TaskKind::kLog && t.done() &&
         (t.temperature_tenths >= 373 || !t.symptoms.empty());
}

const char* MeasureStatusCode(MeasureStatus s) {
  switch (s) {
    case MeasureStatus::kPlanned:
      return "planned";
    case MeasureStatus::kUnderMeasure:
      return "under_measure";
    case MeasureStatus::kOverdue:
      return "overdue";
    case MeasureStatus::kSymptomatic:
      return "symptomatic";
    case MeasureStatus::kPositive:
      return "positive";
    case MeasureStatus::kReleased:
      return "released";
    case MeasureStatus::kSuperseded:
      return "superseded";
    case MeasureStatus::kEndedUnreleased:
      return "ended_unreleased";
  }
  return "";
}

int OverdueTasks(const std::vector<MeasureTask>& tasks, Date today) {
  return static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [&](const MeasureTask& t) {
    return !t.done() && t.day < today;
  }));
}

MeasureStatus StatusOf(const Measure& m, const std::vector<MeasureTask>& tasks, Date today) {
  bool positive = std::any_of(tasks.begin(), tasks.end(),
                              [](const MeasureTask& t) { return t.result == "positive"; });
  if (positive) return MeasureStatus::kPositive;
  if (m.ended == MeasureEnd::kReleased) return MeasureStatus::kReleased;
  if (m.ended == MeasureEnd::kSuperseded) return MeasureStatus::kSuperseded;
  if (today < m.start) return MeasureStatus::kPlanned;
  if (today > m.end) return MeasureStatus::kEndedUnreleased;
  if (std::any_of(tasks.begin(), tasks.end(), Symptomatic)) return MeasureStatus::kSymptomatic;
  if (OverdueTasks(tasks, today) > 0) return MeasureStatus::kOverdue;
  return MeasureStatus::kUnderMeasure;
}

}  // namespace fangkong
