// The cold-chain log rules, with the bad logger files the field produces:
// gaps, duplicates, impossible temperatures, unsorted times.
#include <gtest/gtest.h>

#include "vaccination/cold_chain.h"

namespace fangkong {
namespace {

std::vector<TemperatureReading> Parse(const std::string& csv, std::vector<Error>& rejected) {
  auto r = ParseLoggerCsv(csv, rejected);
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return r ? *r : std::vector<TemperatureReading>{};
}

TEST(ColdChain, A40MinuteWarmSpellHoldsAndA20MinuteOneDoesNot) {
  std::string csv = "时间,温度\n";
  // 08:00-08:55 every 5 minutes; 08:10-08:25 at 9 °C (20 min), 09:00-09:40 at 10.5 °C (40 min).
  for (int m = 0; m <= 120; m += 5) {
    double t = (m >= 10 && m <= 25) ? 9.0 : (m >= 60 && m <= 100) ? 10.5 : 4.5;
    char line[64];
    std::snprintf(line, sizeof line, "2026-11-23 %02d:%02d,%.1f\n", 8 + m / 60, m % 60, t);
    csv += line;
  }
  std::vector<Error> rejected;
  auto report = AnalyseReadings(Parse(csv, rejected), FridgeLimits{});
  EXPECT_TRUE(rejected.empty());
  ASSERT_EQ(report.excursions.size(), 2u);
  EXPECT_FALSE(report.excursions[0].holds);  // 15 minutes between first and last warm reading
  EXPECT_TRUE(report.excursions[1].holds);   // 40 minutes
  EXPECT_EQ(report.excursions[1].extreme_tenths, 105);
  EXPECT_TRUE(report.HoldsLots());
}

TEST(ColdChain, ImpossibleTemperaturesAndBadRowsAreRejectedWithTheirRow) {
  std::vector<Error> rejected;
  auto readings = Parse("time,temperature\n2026-11-23 08:00,4.0\n2026-11-23 08:05,99.0\n"
                        "2026-11-23 08:10,abc\n2026-13-23 08:15,4.0\n2026-11-23 08:20,-50\n",
                        rejected);
  EXPECT_EQ(readings.size(), 1u);
  ASSERT_EQ(rejected.size(), 4u);
  EXPECT_EQ(rejected[0].field, "温度");
  EXPECT_NE(rejected[0].message.find("row 3"), std::string::npos);
  EXPECT_EQ(rejected[2].field, "时间");
}

TEST(ColdChain, DuplicatesAndUnsortedTimesAreFixedAndReported) {
  std::vector<Error> rejected;
  auto readings = Parse("温度,时间\n4.1,2026-11-23 08:10\n4.0,2026-11-23 08:00\n4.2,2026-11-23 08:05\n"
                        "4.2,2026-11-23 08:05\n",
                        rejected);
  auto report = AnalyseReadings(readings, FridgeLimits{});
  EXPECT_TRUE(report.was_unsorted);
  EXPECT_EQ(report.duplicates, 1);
  ASSERT_EQ(report.readings.size(), 3u);
  EXPECT_LT(report.readings[0].at, report.readings[1].at);
  EXPECT_FALSE(report.HoldsLots());
}

TEST(ColdChain, ASilenceLongerThanTheToleranceIsAGapThatHolds) {
  std::vector<Error> rejected;
  auto report = AnalyseReadings(
      Parse("时间,温度\n2026-11-23 08:00,4.0\n2026-11-23 08:05,4.0\n2026-11-23 09:30,4.1\n", rejected),
      FridgeLimits{});
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].second - report.gaps[0].first, 85 * 60);
  EXPECT_TRUE(report.HoldsLots());
}

TEST(ColdChain, AFileWithoutTheColumnsIsRefused) {
  std::vector<Error> rejected;
  auto r = ParseLoggerCsv("date,value\n2026-11-23,4\n", rejected);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "missing_column");
}

TEST(ColdChain, LoggerColumnNamesAreRecognisedInTheirCommonSpellings) {
  for (std::string header : {"序号,记录时间,温度(℃)", "No,Date Time,Temperature(°C)", "序号,时间,温度（°C）"}) {
    std::vector<Error> rejected;
    auto r = ParseLoggerCsv(header + "\n1,2026-11-23 08:00,4.5\n", rejected);
    ASSERT_TRUE(r) << header << ": " << r.error().message;
    ASSERT_EQ(r->size(), 1u) << header;
    EXPECT_EQ((*r)[0].tenths, 45);
  }
}

}  // namespace
}  // namespace fangkong
