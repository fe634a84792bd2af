// The health measures' storage, written once for both engines (store/db.h).
#include "measures/repository.h"
#include "store/measure_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

Date DayOf(const Row& r, int col) { return Date::Parse(r.Text(col)).value_or(Date()); }

MeasureType ReadType(const Row& r) {
  MeasureType t;
  t.code = r.Text(0);
  t.edition = r.Text(1);
  t.name = r.Text(2);
  t.name_zh = r.Text(3);
  t.kind = ParseMeasureKind(r.Text(4)).value_or(MeasureKind::kHealthMonitoring);
  t.days = static_cast<int>(r.Int(5));
  t.test_days = ParseTestDays(r.Text(6)).value_or(std::vector<int>{});
  t.next = r.Text(7);
  return t;
}

Measure ReadMeasure(const Row& r, int at) {  // FK_MEASURE_COLUMNS from column `at`
  Measure m;
  m.id = r.Int(at);
  m.person_id = r.Int(at + 1);
  m.type = r.Text(at + 2);
  m.region_code = r.Text(at + 3);
  m.start = DayOf(r, at + 4);
  m.end = DayOf(r, at + 5);
  m.source = r.Text(at + 6);
  m.reason = r.Text(at + 7);
  m.assigned_by = r.Int(at + 8);
  m.assigned_at = r.Int(at + 9);
  m.previous_id = r.Int(at + 10);
  m.ended = ParseMeasureEnd(r.Text(at + 11));
  m.ended_on = DayOf(r, at + 12);
  m.ended_by = r.Int(at + 13);
  return m;
}

MeasureTask ReadLog(const Row& r) {  // FK_LOG_COLUMNS; the id is the task's
  MeasureTask t;
  t.measure_id = r.Int(1);
  t.person_id = r.Int(2);
  t.day = DayOf(r, 3);
  t.day_number = static_cast<int>(r.Int(4));
  t.kind = r.Text(5) == "test" ? TaskKind::kTest : TaskKind::kLog;
  t.id = TaskId(t.measure_id, t.day_number, t.kind);
  t.done_at = r.Int(6);
  t.done_by = r.Int(7);
  t.temperature_tenths = static_cast<int>(r.Int(8));
  t.symptoms = r.Text(9);
  t.result = r.Text(10);
  return t;
}

class MeasureStore final : public MeasureRepository {
 public:
  explicit MeasureStore(db::Database& db) : db_(db) {}

  Result<std::vector<MeasureType>> Types() override {
    return db::All(db_, sql::kMeasureTypes, ReadType);
  }

  Status InsertType(const MeasureType& t) override {
    auto r = db::Exec(db_, sql::kInsertMeasureType, t.code, t.edition, t.name, t.name_zh,
                      MeasureKindCode(t.kind), t.days, TestDaysText(t.test_days), t.next);
    if (!r) {
      return Fail(db::UniqueAs(
          r.error(), Error::Conflict("duplicate_measure_type", "code", t.code,
                                     "a measure type has this code", "该措施类型代码已存在")));
    }
    return {};
  }

  Result<int64_t> InsertMeasure(const Measure& m) override {
    return db::Insert(db_, sql::kInsertMeasure, m.person_id, m.type, m.region_code, m.start.Iso(),
                      m.end.Iso(), m.source, m.reason, m.assigned_by, m.assigned_at, m.previous_id);
  }

  Status InsertMeasures(const std::vector<Measure>& measures) override {
    if (measures.empty()) return {};
    return db_.Write([&](Connection& c) -> Status {
      for (const auto& m : measures) {
        auto r =
            db::Exec(c, sql::kInsertMeasureRow, m.person_id, m.type, m.region_code, m.start.Iso(),
                     m.end.Iso(), m.source, m.reason, m.assigned_by, m.assigned_at, m.previous_id);
        if (!r) return Fail(r.error());
      }
      return {};
    });
  }

  Result<std::optional<Measure>> FindMeasure(int64_t id) override {
    return db::One(
        db_, sql::kFindMeasure, [](const Row& r) { return ReadMeasure(r, 0); }, id);
  }

  Result<std::vector<Measure>> MeasuresOf(int64_t person_id) override {
    return db::All(
        db_, sql::kMeasuresOf, [](const Row& r) { return ReadMeasure(r, 0); }, person_id);
  }

  Result<std::vector<std::pair<int64_t, std::string>>> PlacesOf(
      const std::vector<int64_t>& person_ids) override {
    return db::All(
        db_, sql::kPlacesOfPeople,
        [](const Row& r) {
          return std::pair<int64_t, std::string>{r.Int(0), r.Text(1)};
        },
        db::IntList(db_.dialect(), person_ids));
  }

  Result<std::vector<Measure>> OpenMeasuresOf(const std::vector<int64_t>& person_ids,
                                              Date from) override {
    return db::All(
        db_, sql::kOpenMeasuresOf, [](const Row& r) { return ReadMeasure(r, 0); },
        db::IntList(db_.dialect(), person_ids), from.Iso());
  }

  Status EndMeasure(int64_t id, MeasureEnd how, Date on, int64_t by) override {
    return db::ChangedSome(db::Exec(db_, sql::kEndMeasure, id, MeasureEndCode(how), on.Iso(), by),
                           Error::Conflict("measure_ended", "measure_id", std::to_string(id),
                                           "the measure has already ended", "该措施已结束"));
  }

  Status SetMeasureEnd(int64_t id, Date end) override {
    return db::Done(db::Exec(db_, sql::kSetMeasureEnd, id, end.Iso()));
  }

  Status InsertLog(const MeasureTask& t) override {
    auto r = db::Exec(db_, sql::kInsertMeasureLog, t.measure_id, t.person_id, t.day.Iso(),
                      t.day_number, TaskKindCode(t.kind), t.done_at, t.done_by,
                      t.temperature_tenths, t.symptoms, t.result);
    if (!r) {
      return Fail(db::UniqueAs(
          r.error(), Error::Conflict("task_done", "task_id", std::to_string(t.id),
                                     "this task has already been logged", "该任务已登记")));
    }
    return {};
  }

  Result<std::vector<MeasureTask>> LogsOfMeasure(int64_t measure_id) override {
    return db::All(db_, sql::kLogsOfMeasure, ReadLog, measure_id);
  }

  Result<std::vector<MeasureTask>> LogsOfPerson(int64_t person_id) override {
    return db::All(db_, sql::kLogsOfPerson, ReadLog, person_id);
  }

  Result<std::vector<MeasureTask>> LogsOfMeasures(const std::vector<int64_t>& ids) override {
    return db::All(db_, sql::kLogsOfMeasures, ReadLog, db::IntList(db_.dialect(), ids));
  }

  Status InsertChange(const MeasureChange& c) override {
    return db::Done(db::Exec(db_, sql::kInsertMeasureChange, c.measure_id, c.person_id, c.days,
                             c.reason, c.user_id, c.at));
  }

  Result<std::vector<MeasureChange>> ChangesOfPerson(int64_t person_id) override {
    return db::All(
        db_, sql::kMeasureChangesOf,
        [](const Row& r) {
          return MeasureChange{r.Int(0),  r.Int(1), r.Int(2), static_cast<int>(r.Int(3)),
                               r.Text(4), r.Int(5), r.Int(6)};
        },
        person_id);
  }

  Result<std::vector<BoardMeasure>> Board(const std::string& region, Date day) override {
    return db::All(
        db_, sql::kBoard,
        [](const Row& r) {
          return BoardMeasure{ReadMeasure(r, 0), r.Text(14), r.Text(15), r.Text(16)};
        },
        region, region + ":", day.Iso(), day.AddDays(-60).Iso());
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<MeasureRepository> NewMeasureStore(db::Database& db) {
  return std::make_unique<MeasureStore>(db);
}

}  // namespace fangkong
