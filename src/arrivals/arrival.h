// Arrivals (排查): people who came from a risk area, whoever found them. A
// pushed "big data" list, a grid worker's visit, a resident's own report and
// a traffic checkpoint are each an ArrivalReport; the reports of one person's
// one journey are one Arrival, which is sent to the township of residence (or
// of the stated destination) to verify by a deadline. An arrival is kept
// apart from contacts: it is a journey, not an exposure to a case. Its status
// is computed from its record, never set by hand. Everything here is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class ArrivalSource { kPush, kGrid, kSelfReport, kCheckpoint };
const char* ArrivalSourceCode(ArrivalSource s);  // push, grid, self_report, checkpoint
std::optional<ArrivalSource> ParseArrivalSource(std::string_view code);

// How the arrival found its person in the registry.
enum class MatchKind {
  kIdNumber,   // by a valid identity number
  kLinked,     // by name and phone, certain (arrivals/matching.h)
  kChosen,     // a worker chose among the candidates, or named the person
  kUncertain,  // candidates wait for a worker to choose
  kUnmatched,  // no candidate: waits for manual matching
};
const char* MatchKindCode(MatchKind m);
std::optional<MatchKind> ParseMatchKind(std::string_view code);

// What the township found (核查结果).
enum class ArrivalOutcome { kNone, kFound, kNotFound, kLeftCounty, kWrongData };
const char* ArrivalOutcomeCode(ArrivalOutcome o);  // "", found, not_found, left_county, wrong_data
std::optional<ArrivalOutcome> ParseArrivalOutcome(std::string_view code);

struct ArrivalReport {
  int64_t id = 0, arrival_id = 0;
  ArrivalSource source = ArrivalSource::kPush;
  std::string source_name;  // the list, the checkpoint, the worker
  std::string id_number, name, phone;
  std::string origin;            // the risk area, as written
  std::string destination_code;  // a place in the county, when stated
  std::optional<Date> arrival_date;
  int64_t reported_at = 0;
  int64_t user_id = 0;  // 0 for a resident's own report
  int64_t import_id = 0;
  int64_t line = 0;  // the row of the file
};

struct Arrival {
  int64_t id = 0;
  int64_t person_id = 0;  // 0 until matched
  std::string id_number, name, phone, origin;
  Date arrival_date;
  // Where it is verified: the person's place, or the destination; the
  // importing county's own code while nobody is matched.
  std::string region_code;
  bool out_of_county = false;  // the person lives elsewhere: for 协查
  MatchKind match = MatchKind::kUnmatched;
  double match_score = 0;
  int64_t first_reported_at = 0;
  int64_t pushed_at = 0;      // 0: never on a pushed list
  int64_t grid_found_at = 0;  // the first report of a grid, resident or checkpoint
  int64_t deadline_at = 0;    // verify by; 0: no deadline (not pushed)
  ArrivalOutcome outcome = ArrivalOutcome::kNone;
  int64_t outcome_at = 0, outcome_by = 0;
  std::string outcome_note;
  int64_t measure_id = 0;  // the measure applied, when one was
};

enum class ArrivalStatus {
  kAwaitingMatch,  // 待人工匹配
  kToChoose,       // 待确认候选
  kToVerify,       // 待核查
  kOverdue,        // 超时未核查
  kOutOfCounty,    // 外地协查
  kVerified,       // 已核查 (found)
  kNotFound,
  kLeftCounty,
  kWrongData,
};
const char* ArrivalStatusCode(ArrivalStatus s);
std::optional<ArrivalStatus> ParseArrivalStatus(std::string_view code);
ArrivalStatus StatusOf(const Arrival& a, int64_t now);

// Reports of one journey: the same person, arrival dates this close.
inline constexpr int kSameJourneyDays = 3;
// Whether `report` (matched to `person_id`, 0 if nobody) belongs to `a`: the
// same person, or, while neither is matched, the same valid identity number;
// and arrival dates at most kSameJourneyDays apart.
bool SameJourney(const Arrival& a, int64_t person_id, const ArrivalReport& report,
                 bool id_number_valid);

// Folds a further report into its arrival: the first push starts the deadline
// (`deadline_hours` after it); a grid, resident or checkpoint report before
// any push counts as found by the grid; blanks are filled from the report.
void AddReport(Arrival& a, const ArrivalReport& r, int deadline_hours);
// A new arrival from its first report.
Arrival NewArrival(const ArrivalReport& r, int deadline_hours);

// Hours to verify a pushed arrival, as the HQ sets them (1 to 72).
inline constexpr int kDefaultDeadlineHours = 24;
Status CheckDeadlineHours(int64_t hours);

// An outcome may be recorded once, on a matched arrival (found needs the
// person), unless it is the county correcting it.
Status CheckOutcome(const Arrival& a, ArrivalOutcome outcome, const std::string& note);

// A resident's own report (no login): every field checked, since nobody
// reviews it before it is dispatched.
Status CheckSelfReport(const ArrivalReport& r, Date today);

// The figures of a township (or any unit) over its arrivals.
struct ArrivalFigures {
  std::string region_code;
  int64_t arrivals = 0;
  int64_t pushed = 0;
  int64_t verified_on_time = 0;
  int64_t verified_late = 0;
  int64_t overdue = 0;                    // open past the deadline
  int64_t open = 0;                       // within the deadline
  int64_t found_before_push = 0;          // pushed, but a grid report came first
  double found_before_push_share = 0;     // of pushed
  int64_t median_minutes_to_verify = -1;  // of pushed and verified; -1: none yet
  int64_t awaiting_match = 0;
};
// Groups arrivals by the first `code_length` characters of their place
// (9: townships) and sums each group, in code order.
std::vector<ArrivalFigures> FiguresBy(const std::vector<Arrival>& arrivals, size_t code_length,
                                      int64_t now);

}  // namespace fangkong
