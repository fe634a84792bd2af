// The campaign endpoints (campaign_routes.cpp).
#pragma once

#include <functional>

#include "api/http.h"
#include "api/route_support.h"
#include "api/json.h"
#include "campaign/campaign_service.h"
#include "campaign/daily_report.h"
#include "progress/coverage.h"

namespace fangkong::api {

struct CampaignRouteContext {
  CampaignService& campaigns;
  DailyReports& reports;
  CoverageRepository& coverage;
  std::function<int64_t()> now;  // unix seconds; tests advance it
  AuthedWrapper authed;
  DeniedAnswer denied;
};

void AddCampaignRoutes(Router& router, CampaignRouteContext ctx);
// Supply plans and feasibility (feasibility_routes.cpp).
void AddFeasibilityRoutes(Router& router, CampaignRouteContext ctx);
// Coverage by age band (coverage_routes.cpp).
void AddCoverageRoutes(Router& router, CampaignRouteContext ctx);
// The daily reports (daily_report_routes.cpp).
void AddDailyReportRoutes(Router& router, CampaignRouteContext ctx);

// Shared by both: a unit's figures and a phase as the API shows them.
json::object UnitToJson(const UnitProgress& u);
json::object PhaseToJson(const Phase& p);

}  // namespace fangkong::api
