// The staff of a quarantine site (隔离点工作人员) and their own tests: each
// on duty is tested every day (每日一检), or every n days as their row says,
// and the site sees each day who was due, who was tested, who was missed and
// who came back positive. Compliance is computed from the tests recorded,
// never stored. Everything here is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class QuarantineDuty { kMedical, kSecurity, kCleaning, kLogistics, kManagement };
const char* QuarantineDutyCode(QuarantineDuty d);
const char* QuarantineDutyZh(QuarantineDuty d);
// A code or the Chinese label (医护, 安保, 保洁, 后勤, 管理).
std::optional<QuarantineDuty> ParseQuarantineDuty(std::string_view s);

struct QuarantineStaff {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string name;
  std::string phone;
  QuarantineDuty duty = QuarantineDuty::kMedical;
  Date from;                  // the first day on duty
  std::optional<Date> until;  // the last day on duty; empty: still on duty
  int test_every_days = 1;    // 1: every day (每日一检)
};
// A name of 2-20 characters, an 11-digit mobile phone, a first day within
// a week from today, a last day not before it, a test every 1-7 days.
Status CheckQuarantineStaff(const QuarantineStaff& s, Date today);
bool OnDuty(const QuarantineStaff& s, Date day);
// On duty that day, and a test day counted from the first day on duty.
bool TestDue(const QuarantineStaff& s, Date day);

enum class StaffTestResult { kPending, kNegative, kPositive };
const char* StaffTestResultCode(StaffTestResult r);
std::optional<StaffTestResult> ParseStaffTestResult(std::string_view s);

struct StaffTest {
  int64_t id = 0;
  int64_t staff_id = 0;
  int64_t site_id = 0;
  Date day;  // the day sampled
  StaffTestResult result = StaffTestResult::kPending;
  int64_t recorded_at = 0;
  int64_t recorded_by = 0;
};
// A test of a day on duty, not in the future nor more than 7 days back.
Status CheckStaffTest(const QuarantineStaff& s, const StaffTest& t, Date today);

// One person's line for a day.
struct StaffLine {
  QuarantineStaff staff;
  bool due = false;
  std::optional<StaffTest> test;  // of that day
  int missed = 0;                 // due days of the window without a test
};

struct StaffComplianceDay {
  Date day;
  int due = 0, tested = 0;
};

struct StaffCompliance {
  Date day;
  int on_duty = 0, due = 0, tested = 0, positive = 0;
  std::vector<StaffLine> lines;           // those on duty, missed first
  std::vector<StaffComplianceDay> trend;  // the window's days, oldest first
};
// The site's staff on `day` and the `window` days up to it (tests of any
// day of the window, any order).
StaffCompliance ComplianceOn(const std::vector<QuarantineStaff>& staff,
                             const std::vector<StaffTest>& tests, Date day, int window);

}  // namespace fangkong
