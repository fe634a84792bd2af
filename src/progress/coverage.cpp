#include "progress/coverage.h"

namespace fangkong {

BirthRange BirthRangeOf(const AgeBand& band, Date day) {
  // Aged at least n on `day` <=> born on or before `day` n years back.
  return {day.AddYears(-(band.max_age + 1)), day.AddYears(-band.min_age)};
}

}  // namespace fangkong
