// The outbreak-control endpoints: health measures (measure_routes.cpp:
// types, a person's measures, the village's board of daily tasks), risk
// areas (risk_area_routes.cpp), quarantine sites (quarantine_routes.cpp),
// arrivals (arrival_routes.cpp), tracing (tracing_routes.cpp) and zones
// (zone_routes.cpp).
#pragma once

#include <functional>
#include <string>

#include "api/http.h"
#include "api/route_support.h"
#include "arrivals/arrival_imports.h"
#include "core/rate_limit.h"
#include "measures/measure_service.h"
#include "quarantine/quarantine_service.h"
#include "quarantine/quarantine_staff_service.h"
#include "risk_areas/risk_area_service.h"
#include "tracing/tracing_service.h"
#include "zones/zone_service.h"

namespace fangkong::api {

// What every group of outbreak routes gets from the application.
struct OutbreakBasics {
  std::function<int64_t()> now;  // unix seconds; tests advance it
  AuthedWrapper authed;
  DeniedAnswer denied;
  // Records a read of personal data in the audit log.
  std::function<void(const User&, const std::string& action, const std::string& target,
                     int64_t rows)>
      audit;
};

struct MeasureRouteContext : OutbreakBasics {
  MeasureService& measures;
};
void AddMeasureRoutes(Router& router, MeasureRouteContext ctx);

struct RiskAreaRouteContext : OutbreakBasics {
  RiskAreaService& risk_areas;
};
void AddRiskAreaRoutes(Router& router, RiskAreaRouteContext ctx);

struct QuarantineRouteContext : OutbreakBasics {
  QuarantineService& quarantine;
};
void AddQuarantineRoutes(Router& router, QuarantineRouteContext ctx);

struct QuarantineStaffRouteContext : OutbreakBasics {
  QuarantineStaffService& staff;
};
void AddQuarantineStaffRoutes(Router& router, QuarantineStaffRouteContext ctx);

struct ArrivalRouteContext : OutbreakBasics {
  ArrivalService& arrivals;
  ArrivalImports& imports;
  // The county's townships and villages, code and name, for the public form.
  std::function<Result<std::vector<std::pair<std::string, std::string>>>()> places;
  RateLimitPolicy self_report_limit;
};
void AddArrivalRoutes(Router& router, ArrivalRouteContext ctx);

struct TracingRouteContext : OutbreakBasics {
  TracingService& tracing;
};
void AddTracingRoutes(Router& router, TracingRouteContext ctx);

struct ZoneRouteContext : OutbreakBasics {
  ZoneService& zones;
};
void AddZoneRoutes(Router& router, ZoneRouteContext ctx);

}  // namespace fangkong::api
