// The registry's endpoints (registry_routes.cpp): regions and their counts,
// people, imports, exports and organisations; and transfers
// (transfer_routes.cpp).
#pragma once

#include "access/auth.h"
#include "api/route_support.h"
#include "registry/export_job.h"
#include "registry/import.h"
#include "registry/service.h"
#include "registry/transfer_service.h"

namespace fangkong::api {

// The services the handlers call; each must outlive the router.
struct RegistryRouteContext {
  RegistryService& registry;
  TransferService& transfers;        // moves between places (迁入/迁出)
  ImportJobs& imports;
  ExportJobs& exports;
  RegionRepository& regions;         // a person's path up the tree
  ImportJobRepository& import_jobs;  // the import history
  Auditor& auditor;                  // full-value reads, exports, changes
  AuthedWrapper authed;
  DeniedAnswer denied;
};

void AddRegistryRoutes(Router& router, RegistryRouteContext ctx);
// Transfers between places (transfer_routes.cpp).
void AddTransferRoutes(Router& router, RegistryRouteContext ctx);

}  // namespace fangkong::api
