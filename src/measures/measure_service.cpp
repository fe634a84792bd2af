#include "measures/measure_service.h"

#include <algorithm>
#include <map>

#include "core/id_number.h"

namespace fangkong {

namespace {

Status CheckMayManage(const User& u) {
  if (CanManageMeasures(u.role)) return {};
  return Fail(Error::Forbidden("your role may not assign or log health measures",
                               "您的角色不能落实或登记健康管理措施"));
}

Status CheckMayRead(const User& u) {
  if (CanReadMeasures(u.role)) return {};
  return Fail(
      Error::Forbidden("your role may not read health measures", "您的角色不能查看健康管理措施"));
}

}  // namespace

MeasureService::MeasureService(RegistryService& registry, MeasureRepository& repo, UnitOfWork& unit)
    : registry_(registry), repo_(repo), unit_(unit) {}

Result<std::vector<MeasureType>> MeasureService::Types() { return repo_.Types(); }

Result<MeasureType> MeasureService::AddType(const User& u, const MeasureType& t) {
  if (u.role != Role::kCountyAdmin) {
    return Fail(
        Error::Forbidden("only the county sets measure types", "只有县级管理员可以设置措施类型"));
  }
  if (t.code.empty() || t.name_zh.empty()) {
    return Fail(Error::Invalid("required", t.code.empty() ? "code" : "name_zh", "",
                               "a measure type needs a code and a Chinese name",
                               "措施类型须有代码和中文名称"));
  }
  if (auto s = CheckMeasureType(t); !s) return Fail(s.error());
  if (!t.next.empty())
    if (auto next = TypeOf(t.next); !next) return Fail(next.error());
  if (auto s = repo_.InsertType(t); !s) return Fail(s.error());
  return t;
}

Result<MeasureType> MeasureService::TypeOf(const std::string& code) {
  auto types = repo_.Types();
  if (!types) return Fail(types.error());
  for (auto& t : *types)
    if (t.code == code) return std::move(t);
  return Fail(Error::Invalid("unknown_measure_type", "type", code, "no measure type has this code",
                             "没有该措施类型"));
}

Result<MeasureView> MeasureService::Start(const Measure& m, const MeasureType& t) {
  auto id = repo_.InsertMeasure(m);
  if (!id) return Fail(id.error());
  MeasureView v{m, t, {}, MeasureStatus::kUnderMeasure, 0};
  v.measure.id = *id;
  v.tasks = PlannedTasks(t, v.measure, 1, t.days);
  if (auto s = repo_.InsertTasks(v.tasks); !s) return Fail(s.error());
  return v;
}

Result<MeasureView> MeasureService::Assign(const User& u, const AssignMeasureInput& in,
                                           int64_t now) {
  if (auto s = CheckMayManage(u); !s) return Fail(s.error());
  auto person = registry_.GetPerson(u, in.person_id);
  if (!person) return Fail(person.error());
  auto type = TypeOf(in.type);
  if (!type) return Fail(type.error());
  Date today = BeijingDay(now);
  auto start = in.start.empty() ? std::optional<Date>(today) : Date::Parse(in.start);
  if (!start) {
    return Fail(Error::Invalid("invalid_date", "start", in.start, "a date as YYYY-MM-DD",
                               "日期格式应为YYYY-MM-DD"));
  }
  return AtomicallyReturning<MeasureView>(unit_, [&]() -> Result<MeasureView> {
    auto current = repo_.MeasuresOf(person->id);
    if (!current) return Fail(current.error());
    std::vector<MeasureType> current_types;
    for (const auto& m : *current) {
      auto t = TypeOf(m.type);
      if (!t) return Fail(t.error());
      current_types.push_back(std::move(*t));
    }
    auto superseded = CheckAssign(*type, *start, today, *current, current_types);
    if (!superseded) return Fail(superseded.error());
    for (int64_t id : *superseded) {
      if (auto s = repo_.EndMeasure(id, MeasureEnd::kSuperseded, *start, u.id); !s)
        return Fail(s.error());
      if (auto s = repo_.DropOpenTasksFrom(id, *start); !s) return Fail(s.error());
    }
    Measure m;
    m.person_id = person->id;
    m.type = type->code;
    m.region_code = person->region_code;
    m.start = *start;
    m.end = start->AddDays(type->days - 1);
    m.source = in.source.empty() ? "manual" : in.source;
    m.reason = in.reason;
    m.assigned_by = u.id;
    m.assigned_at = now;
    auto v = Start(m, *type);
    if (!v) return Fail(v.error());
    v->status = StatusOf(v->measure, v->tasks, today);
    return v;
  });
}

Result<MeasureView> MeasureService::ViewOf(const Measure& m, Date today) {
  auto type = TypeOf(m.type);
  if (!type) return Fail(type.error());
  auto tasks = repo_.TasksOfMeasure(m.id);
  if (!tasks) return Fail(tasks.error());
  MeasureView v{m, std::move(*type), std::move(*tasks), MeasureStatus::kUnderMeasure, 0};
  v.status = StatusOf(m, v.tasks, today);
  v.overdue = m.ended == MeasureEnd::kNone ? OverdueTasks(v.tasks, today) : 0;
  return v;
}

Result<PersonMeasures> MeasureService::Of(const User& u, int64_t person_id, int64_t now) {
  if (auto s = CheckMayRead(u); !s) return Fail(s.error());
  auto person = registry_.GetPerson(u, person_id);
  if (!person) return Fail(person.error());
  auto measures = repo_.MeasuresOf(person_id);
  if (!measures) return Fail(measures.error());
  auto types = repo_.Types();
  if (!types) return Fail(types.error());
  auto tasks = repo_.TasksOfPerson(person_id);
  if (!tasks) return Fail(tasks.error());
  PersonMeasures out;
  Date today = BeijingDay(now);
  for (const auto& m : *measures) {
    MeasureView v{m, {}, {}, MeasureStatus::kUnderMeasure, 0};
    for (const auto& t : *types)
      if (t.code == m.type) v.type = t;
    for (const auto& t : *tasks)
      if (t.measure_id == m.id) v.tasks.push_back(t);
    v.status = StatusOf(m, v.tasks, today);
    v.overdue = m.ended == MeasureEnd::kNone ? OverdueTasks(v.tasks, today) : 0;
    out.measures.push_back(std::move(v));
  }
  std::reverse(out.measures.begin(), out.measures.end());
  auto changes = repo_.ChangesOfPerson(person_id);
  if (!changes) return Fail(changes.error());
  out.changes = std::move(*changes);
  return out;
}

Result<Measure> MeasureService::OwnMeasure(const User& u, int64_t measure_id) {
  auto m = repo_.FindMeasure(measure_id);
  if (!m) return Fail(m.error());
  if (!*m) return Fail(Error::NotFound("measure", std::to_string(measure_id)));
  if (auto s = CheckJurisdiction(u, (*m)->region_code); !s) return Fail(s.error());
  return std::move(**m);
}

Result<MeasureTask> MeasureService::Log(const User& u, int64_t task_id, const TaskLog& log,
                                        int64_t now) {
  if (auto s = CheckMayManage(u); !s) return Fail(s.error());
  return AtomicallyReturning<MeasureTask>(unit_, [&]() -> Result<MeasureTask> {
    auto task = repo_.FindTask(task_id);
    if (!task) return Fail(task.error());
    if (!*task) return Fail(Error::NotFound("measure task", std::to_string(task_id)));
    MeasureTask t = std::move(**task);
    if (auto s = CheckJurisdiction(u, t.region_code); !s) return Fail(s.error());
    if (auto s = CheckTaskLog(t, log, BeijingDay(now)); !s) return Fail(s.error());
    t.done_at = now;
    t.done_by = u.id;
    if (log.temperature) t.temperature_tenths = static_cast<int>(*log.temperature * 10 + 0.5);
    t.symptoms = log.symptoms;
    t.result = t.kind == TaskKind::kTest ? log.result : "";
    if (auto s = repo_.LogTask(t); !s) return Fail(s.error());
    return t;
  });
}

Result<MeasureView> MeasureService::Change(const User& u, int64_t measure_id, int days,
                                           const std::string& reason, int64_t now) {
  if (auto s = CheckMayManage(u); !s) return Fail(s.error());
  Date today = BeijingDay(now);
  return AtomicallyReturning<MeasureView>(unit_, [&]() -> Result<MeasureView> {
    auto m = OwnMeasure(u, measure_id);
    if (!m) return Fail(m.error());
    if (auto s = CheckChange(*m, days, reason, today); !s) return Fail(s.error());
    auto type = TypeOf(m->type);
    if (!type) return Fail(type.error());
    int old_last = m->end.days() - m->start.days() + 1;
    m->end = m->end.AddDays(days);
    int new_last = old_last + days;
    if (auto s = repo_.SetMeasureEnd(m->id, m->end); !s) return Fail(s.error());
    std::vector<MeasureTask> added;
    if (days > 0) {
      added = PlannedTasks(*type, *m, old_last + 1, new_last);
    } else {
      if (auto s = repo_.DropOpenTasksFrom(m->id, m->end.AddDays(1)); !s) return Fail(s.error());
      // The new last day gets the final test release waits for.
      auto left = repo_.TasksOfMeasure(m->id);
      if (!left) return Fail(left.error());
      bool test_on_last = std::any_of(left->begin(), left->end(), [&](const MeasureTask& t) {
        return t.kind == TaskKind::kTest && t.day == m->end;
      });
      if (!test_on_last) {
        for (auto t : PlannedTasks(*type, *m, new_last, new_last))
          if (t.kind == TaskKind::kLog) {
            t.kind = TaskKind::kTest;
            added.push_back(t);
          }
      }
    }
    if (auto s = repo_.InsertTasks(added); !s) return Fail(s.error());
    if (auto s = repo_.InsertChange(MeasureChange{0, m->id, m->person_id, days, reason, u.id, now});
        !s)
      return Fail(s.error());
    return ViewOf(*m, today);
  });
}

Result<std::vector<MeasureView>> MeasureService::Release(const User& u, int64_t measure_id,
                                                         int64_t now) {
  if (auto s = CheckMayManage(u); !s) return Fail(s.error());
  Date today = BeijingDay(now);
  using Views = std::vector<MeasureView>;
  return AtomicallyReturning<Views>(unit_, [&]() -> Result<Views> {
    auto m = OwnMeasure(u, measure_id);
    if (!m) return Fail(m.error());
    auto tasks = repo_.TasksOfMeasure(m->id);
    if (!tasks) return Fail(tasks.error());
    if (auto s = CheckRelease(*m, *tasks, today); !s) return Fail(s.error());
    if (auto s = repo_.EndMeasure(m->id, MeasureEnd::kReleased, today, u.id); !s)
      return Fail(s.error());
    m->ended = MeasureEnd::kReleased;
    m->ended_on = today;
    m->ended_by = u.id;
    auto released = ViewOf(*m, today);
    if (!released) return Fail(released.error());
    Views out{std::move(*released)};
    if (out.front().type.next.empty()) return out;
    auto next_type = TypeOf(out.front().type.next);
    if (!next_type) return Fail(next_type.error());
    Measure next;
    next.person_id = m->person_id;
    next.type = next_type->code;
    next.region_code = m->region_code;
    next.start = std::max(m->end, today).AddDays(1);
    next.end = next.start.AddDays(next_type->days - 1);
    next.source = "chained";
    next.reason = out.front().type.name_zh + "期满解除后转入";
    next.assigned_by = u.id;
    next.assigned_at = now;
    next.previous_id = m->id;
    auto started = Start(next, *next_type);
    if (!started) return Fail(started.error());
    started->status = StatusOf(started->measure, started->tasks, today);
    out.push_back(std::move(*started));
    return out;
  });
}

Result<Board> MeasureService::BoardOf(const User& u, const std::string& region, Date day) {
  if (auto s = CheckMayRead(u); !s) return Fail(s.error());
  if (auto s = CheckJurisdiction(u, region); !s) return Fail(s.error());
  auto rows = repo_.Board(region, day);
  if (!rows) return Fail(rows.error());
  auto types = repo_.Types();
  if (!types) return Fail(types.error());
  std::map<std::string, const MeasureType*> by_code;
  for (const auto& t : *types) by_code[t.code] = &t;
  Board b;
  b.region = region;
  b.day = day;
  std::map<int64_t, size_t> line_of;  // measure id -> line
  for (auto& r : *rows) {
    auto [at, added] = line_of.try_emplace(r.measure.id, b.lines.size());
    if (added) {
      BoardLine l;
      l.person_id = r.task.person_id;
      l.name = r.name;
      l.id_number = MaskIdentityNumber(r.id_number);  // the person page shows them in full
      l.phone = MaskPhone(r.phone);
      l.region_code = r.task.region_code;
      l.measure = r.measure;
      if (auto t = by_code.find(r.measure.type); t != by_code.end()) {
        l.type_name = t->second->name;
        l.type_name_zh = t->second->name_zh;
      }
      l.day_number = day.days() - r.measure.start.days() + 1;
      b.lines.push_back(std::move(l));
    }
    BoardLine& l = b.lines[at->second];
    if (r.task.day < day) {
      l.overdue.push_back(r.task);
      ++b.overdue;
    } else if (r.task.kind == TaskKind::kTest) {
      l.test_today = r.task;
      ++b.tests_due;
      b.tests_done += r.task.done();
    } else {
      l.log_today = r.task;
      l.symptomatic = Symptomatic(r.task);
      ++b.logs_due;
      b.logs_done += r.task.done();
    }
  }
  return b;
}

}  // namespace fangkong
