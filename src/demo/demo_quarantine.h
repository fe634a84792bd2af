// The demo's quarantine hotel of 200 rooms, with the close contacts of the
// demo's measures in their rooms (brought by closed-loop transfer), and a
// reserve site kept ready.
#pragma once

#include <vector>

#include "measures/measure.h"
#include "quarantine/repository.h"

namespace fangkong {

// Returns the number of people given a room.
Result<int64_t> AddDemoQuarantine(QuarantineRepository& repo, const std::string& county,
                                  const std::vector<Measure>& central, int64_t by);

// The hotel's staff (medical, security, cleaning, logistics, management) on
// duty for the last ten days or so, with their daily tests of the week:
// a few missed, today's round half done. Returns the number of staff.
Result<int64_t> AddDemoQuarantineStaff(QuarantineRepository& sites,
                                       QuarantineStaffRepository& staff, int64_t by, int64_t now);

}  // namespace fangkong
