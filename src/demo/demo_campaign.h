// The demo county's campaign, as the seed county ran it (三步走): 40% of
// the residents with a first dose from April to June 2021, then the 60+
// and the chronically ill (about 63,800 in a county of 366,000) from July
// to December, then 77.6% of the residents with the full series in 2022.
// Targets scale with the demo's residents; the figures come from the
// demo's dose history.
#pragma once

#include "access/user.h"
#include "campaign/campaign_service.h"

namespace fangkong {

// Sets the campaign up through the service, as the county administrator
// `admin` would.
Result<Campaign> AddDemoCampaign(CampaignService& campaigns, const User& admin, int64_t residents,
                                 int64_t now);

}  // namespace fangkong
