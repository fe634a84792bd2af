// The figures of a unit on a day (统计数字): people with a first dose, with
// the full series, with a booster; doses given; people on the late-dose and
// booster lists. Each is kept as changes (+1 or -1 at a leaf place on a day)
// written in the unit of work that causes them, and summed per node of the
// tree and per year, month and day by a fold, so a figure of any unit as of
// any day reads a few hundred rows whatever the size of the unit.
//
// People are counted where they live now (a move, or a change of residency,
// takes their figures along); doses where the person lived when given,
// whatever their residency. What a person's state
// adds is vaccination_state.h's ChangesOfState.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class Figure { kFirstDose, kFullSeries, kBooster, kDoses, kSeriesLate, kBoosterDue };
const char* FigureCode(
    Figure f);  // first_dose, full_series, booster, doses, series_late, booster_due
// The stored name of a figure of a disease: "covid19/first_dose". The
// people figures count residents (usual and floating); the people whose
// place is theirs by registration only (away, 人户分离) are counted apart
// under the same name with kAwaySuffix ("covid19/first_dose/away"), so the
// lists, which hold everyone registered at a place, add both.
std::string FigureKey(std::string_view disease, Figure f);
inline constexpr std::string_view kAwaySuffix = "/away";

// Coverage by age band (coverage.h) reads the people figures of residents
// per birth year, kept at the county that holds their place: a unit of
// county level or above sums its counties' cohorts instead of reading each
// of its people. "covid19/first_dose/born1961" at "341881".
std::string CohortFigureKey(std::string_view disease, Figure f, int birth_year);
inline constexpr size_t kCohortPlaceLength = 6;
inline std::string_view CohortPlace(std::string_view region) {
  return region.substr(0, kCohortPlaceLength);
}

// The department card (行业主管部门) of a county or more reads the people
// figures of the residents employed by an organisation with an industry,
// kept at that employer's county (CohortPlace of its place): the
// employees are counted where they work, as the card asks.
// "covid19/first_dose/industry/education" at "341881".
std::string IndustryFigureKey(std::string_view disease, Figure f, std::string_view industry);

// The doses of a product given to the people of a county (where they lived
// when given, as the dose record says), kept at the county as the cohorts
// are: the adverse-event rates of a county or more (aefi.h) divide by
// these instead of counting the doses. "doses/CoronaVac" at "341881".
std::string ProductDosesKey(std::string_view product);

struct FigureChange {
  std::string figure;       // FigureKey
  std::string region_code;  // the leaf place
  Date day;
  int delta = 0;

  bool operator==(const FigureChange&) const = default;
};

// A figure of the unit `region` (a node of any level) as of `day`.
struct FigureAsOf {
  std::string figure;  // FigureKey
  std::string region;
  Date day;
};

// Stored figures. Append joins the caller's unit of work; every method
// returns an Error of kind kInternal when the database fails.
class FigureRepository {
 public:
  virtual ~FigureRepository() = default;
  virtual Status Append(const std::vector<FigureChange>& changes) = 0;
  // Moves the appended changes into the sums; the id of the last one moved
  // (0 when there was none). Readers
  // see the figures before or after, never between.
  virtual Result<int64_t> Fold() = 0;
  // Each figure asked, in its order, read as one state of the store and in
  // one statement: a progress page asks some fifty, and read one by one
  // their locks and round trips cost more than the sums (bench/RESULTS.md).
  virtual Result<std::vector<int64_t>> AsOfEach(const std::vector<FigureAsOf>& asked) = 0;
  // The figure of the unit `region` (a node of any level) as of `day`.
  Result<int64_t> AsOf(const std::string& figure, const std::string& region, Date day);
  // Every change and sum removed, before a rebuild.
  virtual Status Clear() = 0;
  // The changes not yet folded removed, the sums kept: a rebuild resumed
  // after its last fold drops what it appended past it.
  virtual Status DiscardWaiting() = 0;
};

}  // namespace fangkong
