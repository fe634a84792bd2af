// The staff of the county's quarantine sites and their daily tests: who is
// on duty, who was tested today, who was missed, who is positive, and each
// site's compliance over the last days. The county and townships record;
// leaders read (quarantine_service.h).
#pragma once

#include <string>
#include <vector>

#include "quarantine/quarantine_service.h"
#include "quarantine/repository.h"

namespace fangkong {

struct QuarantineStaffInput {
  std::string name, phone, duty, from, until;
  int test_every_days = 1;
};

struct QuarantineStaffCompliance {
  QuarantineSite site;
  StaffCompliance compliance;
};

class QuarantineStaffService {
 public:
  QuarantineStaffService(QuarantineService& sites, QuarantineStaffRepository& repo);

  Result<QuarantineStaff> Add(const User& u, int64_t site_id, const QuarantineStaffInput& in,
                              int64_t now);
  // A site's staff on `day`, with the 7 days up to it.
  Result<QuarantineStaffCompliance> Of(const User& u, int64_t site_id, Date day);
  // Every site of the user's county on `day` (the lines left out).
  Result<std::vector<QuarantineStaffCompliance>> Summary(const User& u, Date day);
  Result<StaffTest> RecordTest(const User& u, int64_t staff_id, const std::string& day,
                               const std::string& result, int64_t now);

 private:
  Result<StaffCompliance> ComplianceOf(int64_t site_id, Date day);

  QuarantineService& sites_;
  QuarantineStaffRepository& repo_;
};

}  // namespace fangkong
