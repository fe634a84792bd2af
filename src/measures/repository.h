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

// A measure on a board, with what the board shows of its person.
struct BoardMeasure {
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
  // Many at once, in one write (their ids are not needed).
  virtual Status InsertMeasures(const std::vector<Measure>& measures) = 0;
  virtual Result<std::optional<Measure>> FindMeasure(int64_t id) = 0;
  virtual Result<std::vector<Measure>> MeasuresOf(int64_t person_id) = 0;
  // For many people at once: where each lives (unknown ids are left out),
  // and their measures not ended whose last day is on or after `from`.
  virtual Result<std::vector<std::pair<int64_t, std::string>>> PlacesOf(
      const std::vector<int64_t>& person_ids) = 0;
  virtual Result<std::vector<Measure>> OpenMeasuresOf(const std::vector<int64_t>& person_ids,
                                                      Date from) = 0;
  // Ends the measure (released or superseded) on `on`.
  virtual Status EndMeasure(int64_t id, MeasureEnd how, Date on, int64_t by) = 0;
  virtual Status SetMeasureEnd(int64_t id, Date end) = 0;

  // Records a task's log; 409 task_done when it was logged already (by
  // someone else a moment before, say).
  virtual Status InsertLog(const MeasureTask& t) = 0;
  virtual Result<std::vector<MeasureTask>> LogsOfMeasure(int64_t measure_id) = 0;
  virtual Result<std::vector<MeasureTask>> LogsOfPerson(int64_t person_id) = 0;
  virtual Result<std::vector<MeasureTask>> LogsOfMeasures(const std::vector<int64_t>& ids) = 0;

  virtual Status InsertChange(const MeasureChange& c) = 0;
  virtual Result<std::vector<MeasureChange>> ChangesOfPerson(int64_t person_id) = 0;

  // The measures of the subtree of `region` that can have a task on `day`
  // or one left undone before it: started by then, and not over before it
  // or not released (up to 60 days back), in place and person order.
  virtual Result<std::vector<BoardMeasure>> Board(const std::string& region, Date day) = 0;
};

}  // namespace fangkong
