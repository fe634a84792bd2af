// The storage health measures need (store/measure_store.cpp implements it on
// both engines). Thread-safe; every method returns an Error of kind
// kInternal when the database fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "measures/measure.h"

namespace fangkong {

// An extension or reduction of a measure: who, when, why.
struct MeasureChange {
  int64_t id = 0;
  int64_t measure_id = 0;
  int64_t person_id = 0;
  int days = 0;  // + extended, - reduced
  std::string reason;
  int64_t user_id = 0;
  int64_t at = 0;
};

// A task on a board, with what the board shows of its person and measure.
struct BoardTask {
  MeasureTask task;
  Measure measure;
  std::string name;
  std::string id_number;
  std::string phone;
};

class MeasureRepository {
 public:
  virtual ~MeasureRepository() = default;
  virtual Result<std::vector<MeasureType>> Types() = 0;
  // 409 duplicate_measure_type when the code is taken.
  virtual Status InsertType(const MeasureType& t) = 0;

  virtual Result<int64_t> InsertMeasure(const Measure& m) = 0;
  virtual Result<std::optional<Measure>> FindMeasure(int64_t id) = 0;
  virtual Result<std::vector<Measure>> MeasuresOf(int64_t person_id) = 0;
  // Ends the measure (released or superseded) on `on`.
  virtual Status EndMeasure(int64_t id, MeasureEnd how, Date on, int64_t by) = 0;
  virtual Status SetMeasureEnd(int64_t id, Date end) = 0;

  virtual Status InsertTasks(const std::vector<MeasureTask>& tasks) = 0;
  virtual Result<std::optional<MeasureTask>> FindTask(int64_t id) = 0;
  virtual Result<std::vector<MeasureTask>> TasksOfMeasure(int64_t measure_id) = 0;
  virtual Result<std::vector<MeasureTask>> TasksOfPerson(int64_t person_id) = 0;
  // Records a task's log; 409 task_done when someone logged it first.
  virtual Status LogTask(const MeasureTask& t) = 0;
  // Drops the tasks not yet done of days from `from` on.
  virtual Status DropOpenTasksFrom(int64_t measure_id, Date from) = 0;

  virtual Status InsertChange(const MeasureChange& c) = 0;
  virtual Result<std::vector<MeasureChange>> ChangesOfPerson(int64_t person_id) = 0;

  // The tasks of `day` in the subtree of `region`, and those of earlier days
  // not done whose measure is in force, in place and person order.
  virtual Result<std::vector<BoardTask>> Board(const std::string& region, Date day) = 0;
};

}  // namespace fangkong
