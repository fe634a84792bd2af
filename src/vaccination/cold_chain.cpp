#include "vaccination/cold_chain.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>

#include "core/csv.h"
#include "core/date.h"
#include "core/text.h"

namespace fangkong {

namespace {

Error RowError(int64_t row, const char* field, std::string_view value, std::string en, std::string zh) {
  return Error::Invalid("invalid_reading", field, std::to_string(row) + ": " + std::string(value),
                        "row " + std::to_string(row) + ": " + en, "第" + std::to_string(row) + "行：" + zh);
}

std::optional<int> ParseTenths(std::string_view s) {
  std::string t = Trim(std::string(s));
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return static_cast<int>(std::lround(v * 10));
}

}  // namespace

bool ColdChainReport::HoldsLots() const {
  for (const auto& e : excursions)
    if (e.holds) return true;
  return !gaps.empty();
}

Result<std::vector<TemperatureReading>> ParseLoggerCsv(const std::string& text, std::vector<Error>& rejected) {
  CsvReader csv(text);
  std::vector<std::string> header, fields;
  if (!csv.Next(header)) {
    return Fail(Error::Invalid("empty_file", "file", "", "the logger file is empty", "温度记录文件为空"));
  }
  int time_col = -1, temp_col = -1;
  // Loggers name their columns in many ways ("温度(℃)", "温度（°C）",
  // "Temperature(C)", "记录时间", "Date Time"): match on the words.
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = Trim(header[i]);
    for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (temp_col < 0 && (h.rfind("温度", 0) == 0 || h.rfind("temp", 0) == 0)) {
      temp_col = static_cast<int>(i);
    } else if (time_col < 0 && (h.find("时间") != std::string::npos || h.rfind("time", 0) == 0 ||
                                h.rfind("date", 0) == 0)) {
      time_col = static_cast<int>(i);
    }
  }
  if (time_col < 0 || temp_col < 0) {
    return Fail(Error::Invalid("missing_column", time_col < 0 ? "时间" : "温度", "",
                               "the logger file needs a time column and a temperature column",
                               "温度记录文件须包含“时间”和“温度”两列"));
  }
  std::vector<TemperatureReading> out;
  while (csv.Next(fields)) {
    auto line = static_cast<int64_t>(csv.line());
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;
    auto cell = [&](int c) { return static_cast<size_t>(c) < fields.size() ? fields[static_cast<size_t>(c)] : ""; };
    auto at = ParseBeijingDateTime(Trim(cell(time_col)));
    if (!at) {
      rejected.push_back(RowError(line, "时间", cell(time_col), "the time is not YYYY-MM-DD HH:MM[:SS]",
                                  "时间格式应为YYYY-MM-DD HH:MM[:SS]"));
      continue;
    }
    auto tenths = ParseTenths(cell(temp_col));
    if (!tenths) {
      rejected.push_back(RowError(line, "温度", cell(temp_col), "the temperature is not a number", "温度不是数字"));
      continue;
    }
    if (*tenths < -400 || *tenths > 600) {
      rejected.push_back(RowError(line, "温度", cell(temp_col),
                                  "impossible for a vaccine fridge (-40 to 60 °C); check the logger",
                                  "温度超出可能范围（-40至60℃），请检查记录仪"));
      continue;
    }
    out.push_back({*at, *tenths, line});
  }
  return out;
}

ColdChainReport AnalyseReadings(std::vector<TemperatureReading> readings, const FridgeLimits& limits) {
  ColdChainReport r;
  r.was_unsorted = !std::is_sorted(readings.begin(), readings.end(),
                                   [](const auto& a, const auto& b) { return a.at < b.at; });
  std::stable_sort(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  for (const auto& x : readings) {
    if (!r.readings.empty() && r.readings.back().at == x.at) {
      ++r.duplicates;
      continue;
    }
    r.readings.push_back(x);
  }
  const int64_t tolerance = int64_t{limits.tolerance_minutes} * 60;
  std::optional<Excursion> open;
  auto close = [&] {
    if (!open) return;
    open->holds = open->to - open->from >= tolerance;
    r.excursions.push_back(*open);
    open.reset();
  };
  for (size_t i = 0; i < r.readings.size(); ++i) {
    const auto& x = r.readings[i];
    if (i > 0 && x.at - r.readings[i - 1].at > tolerance) {
      r.gaps.emplace_back(r.readings[i - 1].at, x.at);
      close();
    }
    bool outside = x.tenths < limits.min_tenths || x.tenths > limits.max_tenths;
    if (!outside) {
      close();
      continue;
    }
    int distance = x.tenths < limits.min_tenths ? limits.min_tenths - x.tenths : x.tenths - limits.max_tenths;
    if (!open) open = Excursion{x.at, x.at, x.tenths, false};
    open->to = x.at;
    int worst = open->extreme_tenths < limits.min_tenths ? limits.min_tenths - open->extreme_tenths
                                                         : open->extreme_tenths - limits.max_tenths;
    if (distance > worst) open->extreme_tenths = x.tenths;
  }
  close();
  return r;
}

}  // namespace fangkong
