// Coverage by age band (分年龄段接种率), independent of any campaign: the
// residents of a unit in each band on a day (age in completed years on that
// day), and those of them with a first dose, the full series and a booster
// by then.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

// The bands the county reports: 3-11, 12-17, 18-59, 60+ and, within it, 80+.
struct AgeBand {
  const char* label;
  int min_age, max_age;  // max_age 150: no upper bound
};
inline constexpr std::array<AgeBand, 5> kAgeBands = {
    {{"3-11", 3, 11}, {"12-17", 12, 17}, {"18-59", 18, 59}, {"60+", 60, 150}, {"80+", 80, 150}}};

// The birth dates of a band on `day` (someone turning 12 on the day is 12).
BirthRange BirthRangeOf(const AgeBand& band, Date day);

struct BandCoverage {
  std::string band;
  int64_t population = 0, first_dose = 0, full_series = 0, booster = 0;
};

// The residents of a birth-year cohort, or of part of one, and those of
// them with a first dose, the full series and a booster by a day.
struct CohortCounts {
  int64_t residents = 0, first_dose = 0, full_series = 0, booster = 0;

  CohortCounts& operator+=(const CohortCounts& o);
  CohortCounts& operator-=(const CohortCounts& o);
  bool operator==(const CohortCounts&) const = default;
};

// The days that split a birth year between bands, or between a band and
// no band, on `day`: every band's born_after and born_on_or_before.
std::vector<Date> BandEdges(Date day);

// Coverage per band (kAgeBands' order) from whole birth years (`years`, by
// year of birth) and, for each edge e of BandEdges(day), those born in e's
// year on or before e (`born_by_edge`).
std::vector<BandCoverage> CoverageFromCohorts(Date day, const std::map<int, CohortCounts>& years,
                                              const std::map<Date, CohortCounts>& born_by_edge);

// Counts per band, in kAgeBands' order. Errors of kind kInternal.
class CoverageRepository {
 public:
  virtual ~CoverageRepository() = default;
  // A unit of county level or above from its counties' birth-year cohorts
  // (CoverageFromCohorts), a smaller one from its people.
  virtual Result<std::vector<BandCoverage>> ByAgeBand(const std::string& region,
                                                      const std::string& disease, Date day) = 0;
  // The same counted from every person of the unit, whatever its size:
  // what ByAgeBand must equal (seconds for a province).
  virtual Result<std::vector<BandCoverage>> CountedByAgeBand(const std::string& region,
                                                             const std::string& disease,
                                                             Date day) = 0;
};

}  // namespace fangkong
