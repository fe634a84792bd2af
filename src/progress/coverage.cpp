#include "progress/coverage.h"

#include <algorithm>

namespace fangkong {

BirthRange BirthRangeOf(const AgeBand& band, Date day) {
  // Aged at least n on `day` <=> born on or before `day` n years back.
  return {day.AddYears(-(band.max_age + 1)), day.AddYears(-band.min_age)};
}

CohortCounts& CohortCounts::operator+=(const CohortCounts& o) {
  residents += o.residents;
  first_dose += o.first_dose;
  full_series += o.full_series;
  booster += o.booster;
  return *this;
}

CohortCounts& CohortCounts::operator-=(const CohortCounts& o) {
  residents -= o.residents;
  first_dose -= o.first_dose;
  full_series -= o.full_series;
  booster -= o.booster;
  return *this;
}

std::vector<Date> BandEdges(Date day) {
  std::vector<Date> out;
  for (const auto& band : kAgeBands) {
    BirthRange r = BirthRangeOf(band, day);
    out.push_back(r.born_after);
    out.push_back(r.born_on_or_before);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<BandCoverage> CoverageFromCohorts(Date day, const std::map<int, CohortCounts>& years,
                                              const std::map<Date, CohortCounts>& born_by_edge) {
  std::vector<BandCoverage> out;
  for (const auto& band : kAgeBands) {
    BirthRange r = BirthRangeOf(band, day);
    int first = r.born_after.year(), last = r.born_on_or_before.year();
    // Born on or before the upper edge, less born on or before the lower:
    // the years before the upper edge's and its part, less the years
    // before the lower edge's and its part.
    CohortCounts n = born_by_edge.at(r.born_on_or_before);
    for (auto it = years.lower_bound(first); it != years.end() && it->first < last; ++it)
      n += it->second;
    n -= born_by_edge.at(r.born_after);
    out.push_back({band.label, n.residents, n.first_dose, n.full_series, n.booster});
  }
  return out;
}

}  // namespace fangkong
