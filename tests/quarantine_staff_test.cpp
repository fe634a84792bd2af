// The quarantine staff's own tests (quarantine/quarantine_staff.h), by
// table: who is due on which day, which tests are taken, and a day's
// compliance with those missed first.
#include "quarantine/quarantine_staff.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

QuarantineStaff Staff(int64_t id, const char* from, std::optional<const char*> until, int every) {
  QuarantineStaff s;
  s.id = id;
  s.site_id = 1;
  s.name = "工作人员" + std::to_string(id);
  s.phone = "13912345678";
  s.from = D(from);
  if (until) s.until = D(*until);
  s.test_every_days = every;
  return s;
}

TEST(QuarantineStaffRules, ATestIsDueOnEachTestDayOnDuty) {
  struct Row {
    QuarantineStaff s;
    const char* day;
    bool due;
  } rows[] = {
      {Staff(1, "2022-07-01", std::nullopt, 1), "2022-07-01", true},
      {Staff(1, "2022-07-01", std::nullopt, 1), "2022-06-30", false},  // not yet on duty
      {Staff(1, "2022-07-01", "2022-07-05", 1), "2022-07-05", true},
      {Staff(1, "2022-07-01", "2022-07-05", 1), "2022-07-06", false},  // off duty
      {Staff(1, "2022-07-01", std::nullopt, 2), "2022-07-03", true},
      {Staff(1, "2022-07-01", std::nullopt, 2), "2022-07-04", false},  // every other day
  };
  for (const auto& r : rows) EXPECT_EQ(TestDue(r.s, D(r.day)), r.due) << r.day;
}

TEST(QuarantineStaffRules, BadStaffAndTestsNameTheField) {
  Date today = D("2022-07-10");
  struct Row {
    const char* what;
    QuarantineStaff s;
    std::string field;
  } rows[] = {
      {"a one-character name",
       [] {
         auto s = Staff(1, "2022-07-01", std::nullopt, 1);
         s.name = "甲";
         return s;
       }(),
       "name"},
      {"a landline",
       [] {
         auto s = Staff(1, "2022-07-01", std::nullopt, 1);
         s.phone = "05635551234";
         return s;
       }(),
       "phone"},
      {"off before on", Staff(1, "2022-07-05", "2022-07-01", 1), "until"},
      {"a test every 10 days", Staff(1, "2022-07-01", std::nullopt, 10), "test_every_days"},
      {"on duty next month", Staff(1, "2022-08-20", std::nullopt, 1), "from"},
  };
  for (const auto& r : rows) {
    auto c = CheckQuarantineStaff(r.s, today);
    ASSERT_FALSE(c) << r.what;
    EXPECT_EQ(c.error().field, r.field) << r.what;
  }
  EXPECT_TRUE(CheckQuarantineStaff(Staff(1, "2022-07-01", std::nullopt, 1), today));

  auto s = Staff(1, "2022-07-05", std::nullopt, 1);
  StaffTest t{0, 1, 1, D("2022-07-04"), StaffTestResult::kNegative, 0, 0};
  EXPECT_EQ(CheckStaffTest(s, t, today).error().code, "not_on_duty");
  t.day = D("2022-07-11");
  EXPECT_EQ(CheckStaffTest(s, t, today).error().field, "day");  // tomorrow
  t.day = D("2022-07-10");
  EXPECT_TRUE(CheckStaffTest(s, t, today));
}

TEST(QuarantineStaffRules, ADaysComplianceListsTheMissedFirst) {
  std::vector<QuarantineStaff> staff{
      Staff(1, "2022-07-01", std::nullopt, 1), Staff(2, "2022-07-01", std::nullopt, 1),
      Staff(3, "2022-07-01", std::nullopt, 2), Staff(4, "2022-07-01", "2022-07-08", 1)};
  auto test = [](int64_t staff, const char* day, StaffTestResult r = StaffTestResult::kNegative) {
    return StaffTest{0, staff, 1, D(day), r, 0, 0};
  };
  std::vector<StaffTest> tests{test(1, "2022-07-09"), test(1, "2022-07-10"),
                               test(2, "2022-07-09", StaffTestResult::kPositive),
                               test(3, "2022-07-09"), test(4, "2022-07-08")};
  auto c = ComplianceOn(staff, tests, D("2022-07-10"), 2);
  EXPECT_EQ(c.on_duty, 3);  // 4 went off duty on the 8th
  EXPECT_EQ(c.due, 2);      // 3 tests every other day: not today
  EXPECT_EQ(c.tested, 1);
  EXPECT_EQ(c.positive, 0);  // today's tests only
  ASSERT_EQ(c.lines.size(), 3u);
  EXPECT_EQ(c.lines[0].staff.id, 2);  // due, untested
  EXPECT_EQ(c.lines[0].missed, 1);
  ASSERT_EQ(c.trend.size(), 2u);
  EXPECT_EQ(c.trend[0].due, 3);  // the 9th: 1, 2 and 3 (4 was off)
  EXPECT_EQ(c.trend[0].tested, 3);
  EXPECT_EQ(c.trend[1].due, 2);
  EXPECT_EQ(c.trend[1].tested, 1);
}

}  // namespace
}  // namespace fangkong
