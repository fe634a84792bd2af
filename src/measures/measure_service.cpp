#include "measures/measure_service.h"

#include <algorithm>
#include <map>

#include "core/day_field.h"
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

// A new measure of `type` from `start` for a person living at `region`.
Measure NewMeasure(int64_t person_id, const std::string& region, const MeasureType& type,
                   Date start, const std::string& source, const std::string& reason, int64_t by,
                   int64_t now) {
  Measure m;
  m.person_id = person_id;
  m.type = type.code;
  m.region_code = region;
  m.start = start;
  m.end = start.AddDays(type.days - 1);
  m.source = source.empty() ? "manual" : source;
  m.reason = reason;
  m.assigned_by = by;
  m.assigned_at = now;
  return m;
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

namespace {

Result<MeasureType> FindType(const std::vector<MeasureType>& types, const std::string& code) {
  for (const auto& t : types)
    if (t.code == code) return t;
  return Fail(Error::Invalid("unknown_measure_type", "type", code, "no measure type has this code",
                             "没有该措施类型"));
}

}  // namespace

Result<MeasureType> MeasureService::TypeOf(const std::string& code) {
  auto types = repo_.Types();
  if (!types) return Fail(types.error());
  return FindType(*types, code);
}

Result<MeasureView> MeasureService::Start(const Measure& m, const MeasureType& t) {
  auto id = repo_.InsertMeasure(m);
  if (!id) return Fail(id.error());
  MeasureView v{m, t, {}, MeasureStatus::kUnderMeasure, 0};
  v.measure.id = *id;
  v.tasks = PlannedTasks(t, v.measure);
  return v;
}

Result<MeasureView> MeasureService::Assign(const User& u, const AssignMeasureInput& in,
                                           int64_t now) {
  if (auto s = CheckMayManage(u); !s) return Fail(s.error());
  auto person = registry_.GetPerson(u, in.person_id);
  if (!person) return Fail(person.error());
  // The types are read once: a person's earlier measures name them too.
  auto types = repo_.Types();
  if (!types) return Fail(types.error());
  auto type = FindType(*types, in.type);
  if (!type) return Fail(type.error());
  Date today = BeijingDay(now);
  auto start = StartDay(in.start, today);
  if (!start) return Fail(start.error());
  return AtomicallyReturning<MeasureView>(unit_, [&]() -> Result<MeasureView> {
    auto current = repo_.MeasuresOf(person->id);
    if (!current) return Fail(current.error());
    std::vector<MeasureType> current_types;
    for (const auto& m : *current) {
      auto t = FindType(*types, m.type);
      if (!t) return Fail(t.error());
      current_types.push_back(std::move(*t));
    }
    auto superseded = CheckAssign(*type, *start, today, *current, current_types);
    if (!superseded) return Fail(superseded.error());
    for (int64_t id : *superseded) {
      if (auto s = repo_.EndMeasure(id, MeasureEnd::kSuperseded, *start, u.id); !s)
        return Fail(s.error());
    }
    auto v = Start(
        NewMeasure(person->id, person->region_code, *type, *start, in.source, in.reason, u.id, now),
        *type);
    if (!v) return Fail(v.error());
    v->status = StatusOf(v->measure, v->tasks, today);
    return v;
  });
}

Result<Date> MeasureService::StartDay(const std::string& start, Date today) {
  return DayFieldOr(start, "start", today);
}

Result<AssignManyResult> MeasureService::AssignMany(const User& u, const AssignManyInput& in,
                                                    int64_t now) {
  if (auto s = CheckMayManage(u); !s) return Fail(s.error());
  auto types = repo_.Types();
  if (!types) return Fail(types.error());
  auto type = TypeOf(in.type);
  if (!type) return Fail(type.error());
  Date today = BeijingDay(now);
  auto start = StartDay(in.start, today);
  if (!start) return Fail(start.error());
  if (auto s = CheckAssign(*type, *start, today, {}, {}); !s) return Fail(s.error());
  AssignManyResult out;
  constexpr size_t kChunk = 5000;
  for (size_t at = 0; at < in.person_ids.size(); at += kChunk) {
    std::vector<int64_t> ids(in.person_ids.begin() + static_cast<std::ptrdiff_t>(at),
                             in.person_ids.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                         at + kChunk, in.person_ids.size())));
    auto done =
        unit_.Atomically([&] { return AssignChunk(u, ids, *type, *start, in, now, *types, out); });
    if (!done) return Fail(done.error());
  }
  return out;
}

Status MeasureService::AssignChunk(const User& u, const std::vector<int64_t>& ids,
                                   const MeasureType& type, Date start, const AssignManyInput& in,
                                   int64_t now, const std::vector<MeasureType>& types,
                                   AssignManyResult& out) {
  auto places = repo_.PlacesOf(ids);
  if (!places) return Fail(places.error());
  auto open = repo_.OpenMeasuresOf(ids, start);
  if (!open) return Fail(open.error());
  std::map<int64_t, std::string> place(places->begin(), places->end());
  std::map<int64_t, std::vector<Measure>> current;
  for (auto& m : *open) current[m.person_id].push_back(std::move(m));
  std::map<std::string, const MeasureType*> by_code;
  for (const auto& t : types) by_code[t.code] = &t;
  Date today = BeijingDay(now);
  std::vector<Measure> fresh;
  for (int64_t id : ids) {
    auto where = place.find(id);
    if (where == place.end()) {
      out.refused.push_back({id, Error::NotFound("person", std::to_string(id))});
      continue;
    }
    if (auto s = CheckJurisdiction(u, where->second); !s) {
      out.refused.push_back({id, s.error()});
      continue;
    }
    const auto& held = current[id];
    std::vector<MeasureType> held_types;
    for (const auto& m : held)
      held_types.push_back(by_code.count(m.type) ? *by_code[m.type] : MeasureType{});
    auto superseded = CheckAssign(type, start, today, held, held_types);
    if (!superseded) {
      out.refused.push_back({id, superseded.error()});
      continue;
    }
    for (int64_t old : *superseded) {
      if (auto s = repo_.EndMeasure(old, MeasureEnd::kSuperseded, start, u.id); !s) return s;
      ++out.superseded;
    }
    fresh.push_back(NewMeasure(id, where->second, type, start, in.source, in.reason, u.id, now));
  }
  if (fresh.empty()) return {};
  // Every measure of the batch has the same type and days, so the same tasks.
  out.assigned += static_cast<int64_t>(fresh.size());
  out.tasks += static_cast<int64_t>(fresh.size() * PlannedTasks(type, fresh.front()).size());
  return repo_.InsertMeasures(fresh);
}

Result<MeasureView> MeasureService::ViewOf(const Measure& m, Date today) {
  auto type = TypeOf(m.type);
  if (!type) return Fail(type.error());
  auto logs = repo_.LogsOfMeasure(m.id);
  if (!logs) return Fail(logs.error());
  MeasureView v{m, std::move(*type), {}, MeasureStatus::kUnderMeasure, 0};
  v.tasks = WithLogs(PlannedTasks(v.type, m), *logs);
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
  auto logs = repo_.LogsOfPerson(person_id);
  if (!logs) return Fail(logs.error());
  PersonMeasures out;
  Date today = BeijingDay(now);
  for (const auto& m : *measures) {
    MeasureView v{m, {}, {}, MeasureStatus::kUnderMeasure, 0};
    for (const auto& t : *types)
      if (t.code == m.type) v.type = t;
    std::vector<MeasureTask> mine;
    for (const auto& t : *logs)
      if (t.measure_id == m.id) mine.push_back(t);
    v.tasks = WithLogs(PlannedTasks(v.type, m), mine);
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
    auto ref = ParseTaskId(task_id);
    auto missing = Error::NotFound("measure task", std::to_string(task_id));
    if (!ref) return Fail(missing);
    auto m = repo_.FindMeasure(ref->measure_id);
    if (!m) return Fail(m.error());
    if (!*m) return Fail(missing);
    if (auto s = CheckJurisdiction(u, (**m).region_code); !s) return Fail(s.error());
    auto view = ViewOf(**m, BeijingDay(now));
    if (!view) return Fail(view.error());
    auto it = std::find_if(view->tasks.begin(), view->tasks.end(),
                           [&](const MeasureTask& x) { return x.id == task_id; });
    if (it == view->tasks.end()) return Fail(missing);
    MeasureTask t = *it;
    if (auto s = CheckTaskLog(t, log, BeijingDay(now)); !s) return Fail(s.error());
    t.done_at = now;
    t.done_by = u.id;
    if (log.temperature) t.temperature_tenths = static_cast<int>(*log.temperature * 10 + 0.5);
    t.symptoms = log.symptoms;
    t.result = t.kind == TaskKind::kTest ? log.result : "";
    if (auto s = repo_.InsertLog(t); !s) return Fail(s.error());
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
    // The tasks follow the new end day, the final test with it.
    m->end = m->end.AddDays(days);
    if (auto s = repo_.SetMeasureEnd(m->id, m->end); !s) return Fail(s.error());
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
    auto view = ViewOf(*m, today);
    if (!view) return Fail(view.error());
    if (auto s = CheckRelease(*m, view->tasks, today); !s) return Fail(s.error());
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
    Measure next =
        NewMeasure(m->person_id, m->region_code, *next_type, std::max(m->end, today).AddDays(1),
                   "chained", out.front().type.name_zh + "期满解除后转入", u.id, now);
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
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.measure.id);
  auto logs = repo_.LogsOfMeasures(ids);
  if (!logs) return Fail(logs.error());
  std::map<int64_t, std::vector<MeasureTask>> logs_of;
  for (auto& l : *logs) logs_of[l.measure_id].push_back(std::move(l));
  std::map<std::string, const MeasureType*> by_code;
  for (const auto& t : *types) by_code[t.code] = &t;
  Board b;
  b.region = region;
  b.day = day;
  for (const auto& r : *rows) {
    auto type = by_code.find(r.measure.type);
    if (type == by_code.end()) continue;
    BoardLine l;
    for (const auto& t : WithLogs(PlannedTasks(*type->second, r.measure), logs_of[r.measure.id])) {
      if (t.day < day) {
        if (!t.done() && r.measure.ended == MeasureEnd::kNone) l.overdue.push_back(t);
      } else if (t.day == day) {
        (t.kind == TaskKind::kTest ? l.test_today : l.log_today) = t;
      }
    }
    if (!l.log_today && !l.test_today && l.overdue.empty()) continue;
    l.person_id = r.measure.person_id;
    l.name = r.name;
    l.id_number = MaskIdentityNumber(r.id_number);  // the person page shows them in full
    l.phone = MaskPhone(r.phone);
    l.region_code = r.measure.region_code;
    l.measure = r.measure;
    l.type_name = type->second->name;
    l.type_name_zh = type->second->name_zh;
    l.day_number = day.days() - r.measure.start.days() + 1;
    l.symptomatic = l.log_today && Symptomatic(*l.log_today);
    b.overdue += static_cast<int>(l.overdue.size());
    if (l.log_today) {
      ++b.logs_due;
      b.logs_done += l.log_today->done();
    }
    if (l.test_today) {
      ++b.tests_due;
      b.tests_done += l.test_today->done();
    }
    b.lines.push_back(std::move(l));
  }
  return b;
}

}  // namespace fangkong
