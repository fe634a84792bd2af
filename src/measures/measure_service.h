// Assigning, logging, changing and releasing health measures, each one unit
// of work, within the user's jurisdiction. The rules are measure.h's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "measures/measure.h"
#include "measures/repository.h"
#include "registry/service.h"

namespace fangkong {

struct AssignMeasureInput {
  int64_t person_id = 0;
  std::string type;
  std::string start;  // YYYY-MM-DD; empty: today
  std::string source = "manual";
  std::string reason;
};

// One measure for many people: a contact list, a zone's residents, a
// pushed list of arrivals.
struct AssignManyInput {
  std::vector<int64_t> person_ids;
  std::string type;
  std::string start;  // YYYY-MM-DD; empty: today
  std::string source = "manual";
  std::string reason;
};
struct AssignManyResult {
  int64_t assigned = 0, superseded = 0, tasks = 0;
  std::vector<std::pair<int64_t, Error>> refused;  // the person, and why
};

// A measure with its tasks and its computed status.
struct MeasureView {
  Measure measure;
  MeasureType type;
  std::vector<MeasureTask> tasks;
  MeasureStatus status = MeasureStatus::kUnderMeasure;
  int overdue = 0;
};

struct PersonMeasures {
  std::vector<MeasureView> measures;  // newest first
  std::vector<MeasureChange> changes;
};

// One person's line on a village's board for a day.
struct BoardLine {
  int64_t person_id = 0;
  std::string name, id_number, phone;  // masked unless the user may see them
  std::string region_code;
  Measure measure;
  std::string type_name_zh, type_name;
  int day_number = 0;  // of the measure, on the board's day
  std::optional<MeasureTask> log_today, test_today;
  std::vector<MeasureTask> overdue;
  bool symptomatic = false;  // today's log
};

struct Board {
  std::string region;
  Date day;
  std::vector<BoardLine> lines;
  int logs_due = 0, logs_done = 0, tests_due = 0, tests_done = 0, overdue = 0;
};

class MeasureService {
 public:
  MeasureService(RegistryService& registry, MeasureRepository& repo, UnitOfWork& unit);

  Result<std::vector<MeasureType>> Types();
  Result<MeasureType> AddType(const User& u, const MeasureType& t);
  // The new measure (superseding looser ones) and its tasks laid out.
  Result<MeasureView> Assign(const User& u, const AssignMeasureInput& in, int64_t now);
  // Each person as Assign would, in units of a few thousand people (a
  // unit holds SQLite's single writer while it runs); a person refused
  // (outside the user's jurisdiction, unknown, under a stricter measure) is
  // listed with the reason and the others go ahead.
  Result<AssignManyResult> AssignMany(const User& u, const AssignManyInput& in, int64_t now);
  Result<PersonMeasures> Of(const User& u, int64_t person_id, int64_t now);
  Result<MeasureTask> Log(const User& u, int64_t task_id, const TaskLog& log, int64_t now);
  Result<MeasureView> Change(const User& u, int64_t measure_id, int days, const std::string& reason,
                             int64_t now);
  // Releases the measure; its type's next measure starts the day after.
  // Returns the released measure and, when chained, the next.
  Result<std::vector<MeasureView>> Release(const User& u, int64_t measure_id, int64_t now);
  Result<Board> BoardOf(const User& u, const std::string& region, Date day);

 private:
  Result<MeasureType> TypeOf(const std::string& code);
  Result<Measure> OwnMeasure(const User& u, int64_t measure_id);
  Result<MeasureView> Start(const Measure& m, const MeasureType& t);
  Result<Date> StartDay(const std::string& start, Date today);
  Status AssignChunk(const User& u, const std::vector<int64_t>& ids, const MeasureType& type,
                     Date start, const AssignManyInput& in, int64_t now,
                     const std::vector<MeasureType>& types, AssignManyResult& out);
  Result<MeasureView> ViewOf(const Measure& m, Date today);

  RegistryService& registry_;
  MeasureRepository& repo_;
  UnitOfWork& unit_;
};

}  // namespace fangkong
