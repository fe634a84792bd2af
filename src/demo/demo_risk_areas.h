// The demo's list of risk areas, so the risk-area page shows at once areas
// still high, areas fallen to medium by the rules, areas with a new case,
// and (with the low ones shown) areas already lifted.
#pragma once

#include "access/user.h"
#include "registry/repository.h"
#include "risk_areas/risk_area_service.h"

namespace fangkong {

// Declares them as the county administrator `admin` would have over the
// last three weeks; townships of real districts, compounds made up. Returns
// the number of declarations; 0 when none of the districts is in the tree.
Result<int64_t> AddDemoRiskAreas(RiskAreaService& risk_areas, RegionRepository& regions,
                                 const User& admin, int64_t now);

}  // namespace fangkong
