// Cold-chain temperature logs: readings exported by fridge data loggers
// (CSV), checked and turned into excursions outside the allowed range. An
// excursion longer than the fridge's tolerance holds the lots in that fridge
// until someone releases them. Pure: the caller stores readings and holds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace fangkong {

struct TemperatureReading {
  int64_t at = 0;          // unix seconds (the logger's local time read as Beijing time)
  int tenths = 0;          // 46 = 4.6 °C
  int64_t row = 0;         // line in the file
};

struct FridgeLimits {
  int min_tenths = 20;          // 2.0 °C
  int max_tenths = 80;          // 8.0 °C
  int tolerance_minutes = 30;   // an excursion longer than this holds the lots
  int interval_minutes = 5;     // the logger's period; silence longer than
                                // tolerance_minutes is a gap
};

struct Excursion {
  int64_t from = 0, to = 0;  // first and last reading outside the range
  int extreme_tenths = 0;    // the reading furthest outside
  bool holds = false;        // longer than the tolerance
};

struct ColdChainReport {
  std::vector<TemperatureReading> readings;  // valid, sorted, without duplicates
  std::vector<Excursion> excursions;
  std::vector<std::pair<int64_t, int64_t>> gaps;  // silences longer than the tolerance
  std::vector<Error> rejected;  // rows that could not be read (row number in the value)
  int64_t duplicates = 0;       // repeated timestamps dropped (the first reading kept)
  bool was_unsorted = false;
  bool HoldsLots() const;       // an excursion or a gap longer than the tolerance
};

// Reads a logger CSV: a header, then rows of time and temperature (columns
// named 时间/time and 温度/temperature, in any order; times as
// "YYYY-MM-DD HH:MM[:SS]" or ISO with T). Impossible temperatures (below
// -40 °C or above 60 °C) and unreadable rows are rejected with their row.
// A file without those columns is an error.
Result<std::vector<TemperatureReading>> ParseLoggerCsv(const std::string& utf8_text,
                                                       std::vector<Error>& rejected);

// Sorts, drops duplicate timestamps, and finds excursions and gaps. A gap in
// the log longer than the tolerance holds the lots too: nobody knows what the
// temperature was.
ColdChainReport AnalyseReadings(std::vector<TemperatureReading> readings, const FridgeLimits& limits);

}  // namespace fangkong
