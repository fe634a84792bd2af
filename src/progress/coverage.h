// Coverage by age band (分年龄段接种率), independent of any campaign: the
// residents of a unit in each band on a day (age in completed years on that
// day), and those of them with a first dose, the full series and a booster
// by then.
#pragma once

#include <array>
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

// Counts per band, in kAgeBands' order. Errors of kind kInternal.
class CoverageRepository {
 public:
  virtual ~CoverageRepository() = default;
  virtual Result<std::vector<BandCoverage>> ByAgeBand(const std::string& region,
                                                      const std::string& disease, Date day) = 0;
};

}  // namespace fangkong
