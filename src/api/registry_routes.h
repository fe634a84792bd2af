// The registry's endpoints (registry_routes.cpp): regions and their counts,
// people, imports, exports and organisations.
#pragma once

#include "access/auth.h"
#include "api/route_support.h"
#include "registry/export_job.h"
#include "registry/import.h"
#include "registry/service.h"

namespace fangkong::api {

// The services the handlers call; each must outlive the router.
struct RegistryRouteContext {
  RegistryService& registry;
  ImportJobs& imports;
  ExportJobs& exports;
  RegionRepository& regions;         // a person's path up the tree
  ImportJobRepository& import_jobs;  // the import history
  Auditor& auditor;                  // full-value reads, exports, changes
  AuthedWrapper authed;
  DeniedAnswer denied;
};

void AddRegistryRoutes(Router& router, RegistryRouteContext ctx);

}  // namespace fangkong::api
