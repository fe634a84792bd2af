// The campaign endpoints (campaign_routes.cpp).
#pragma once

#include <functional>

#include "api/http.h"
#include "api/route_support.h"
#include "campaign/campaign_service.h"

namespace fangkong::api {

struct CampaignRouteContext {
  CampaignService& campaigns;
  std::function<int64_t()> now;  // unix seconds; tests advance it
  AuthedWrapper authed;
  DeniedAnswer denied;
};

void AddCampaignRoutes(Router& router, CampaignRouteContext ctx);

}  // namespace fangkong::api
