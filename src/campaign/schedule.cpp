#include "campaign/schedule.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fangkong {

std::vector<int64_t> SplitProRata(int64_t total, const std::vector<int64_t>& weights) {
  std::vector<int64_t> out(weights.size(), 0);
  if (weights.empty()) return out;
  int64_t sum = std::accumulate(weights.begin(), weights.end(), int64_t{0});
  std::vector<int64_t> w = weights;
  if (sum <= 0) {
    std::fill(w.begin(), w.end(), 1);
    sum = static_cast<int64_t>(w.size());
  }
  // Remainders as numerators over `sum`, compared exactly (128-bit products).
  std::vector<int64_t> remainder(w.size());
  int64_t given = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    __int128 share = static_cast<__int128>(total) * w[i];
    out[i] = static_cast<int64_t>(share / sum);
    remainder[i] = static_cast<int64_t>(share % sum);
    given += out[i];
  }
  std::vector<size_t> order(w.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  for (int64_t left = total - given, k = 0; left > 0; --left, ++k)
    ++out[order[static_cast<size_t>(k) % order.size()]];
  return out;
}

int DaysLeft(Date day, Date end) { return std::max(0, end.days() - day.days()); }

int64_t RequiredDailyRate(int64_t remaining, int days_left) {
  if (remaining <= 0) return 0;
  if (days_left <= 0) return remaining;
  return (remaining + days_left - 1) / days_left;
}

std::optional<Date> ProjectedCompletion(int64_t remaining, double rate, Date day) {
  if (remaining <= 0) return day;
  if (rate <= 0) return std::nullopt;
  double days = std::ceil(static_cast<double>(remaining) / rate);
  if (days > 36500) return std::nullopt;  // not within a century: no date worth showing
  return day.AddDays(static_cast<int>(days));
}

}  // namespace fangkong
