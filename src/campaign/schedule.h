// The arithmetic of backward scheduling (倒排工期): splitting a target
// pro rata, the daily rate still needed, and when the current pace ends.
// Pure functions, tested with tables (schedule_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/date.h"

namespace fangkong {

// `total` split in proportion to `weights`, in whole people, summing to
// `total` exactly: each share rounded down, then the people left go one by
// one to the largest remainders (ties to the earlier unit). All zero
// weights split evenly.
std::vector<int64_t> SplitProRata(int64_t total, const std::vector<int64_t>& weights);

// Days left after `day` up to and including `end` (0 on the last day or after).
int DaysLeft(Date day, Date end);

// People a day still needed to reach the target by the end: what is left
// over the days left, rounded up; all of it when no day is left; 0 when
// the target is reached.
int64_t RequiredDailyRate(int64_t remaining, int days_left);

// The day the target is reached at `rate` people a day from `day` on:
// `day` itself when nothing remains, nothing when the rate is 0.
std::optional<Date> ProjectedCompletion(int64_t remaining, double rate, Date day);

}  // namespace fangkong
