// The vaccination endpoints: the catalogue, a person's next dose, sites,
// slots and appointments.
#pragma once

#include <functional>

#include "access/user.h"
#include "api/http.h"
#include "api/route_support.h"
#include "registry/service.h"
#include "vaccination/appointments.h"
#include "vaccination/aefi_service.h"
#include "vaccination/certificate.h"
#include "vaccination/mobilisation_service.h"
#include "vaccination/cold_chain_service.h"
#include "vaccination/service.h"
#include "vaccination/stock_service.h"
#include "vaccination/visits.h"

namespace fangkong {
class CampaignService;
class DoseEntryService;
}  // namespace fangkong

namespace fangkong::api {

struct VaccinationRouteContext {
  RegistryService& registry;
  VaccinationService& vaccination;
  AppointmentService& appointments;
  StockService& stock;
  VisitService& visits;
  ColdChainService& cold_chain;
  AefiService& aefi;
  AlertRepository& alerts;
  MobilisationService& mobilisation;
  // The clock the visit steps use (unix seconds); tests advance it.
  std::function<int64_t()> now;
  AuthedWrapper authed;
  DeniedAnswer denied;
  // Records a read of personal data in the audit log.
  std::function<void(const User&, const std::string& action, const std::string& target, int64_t rows)> audit;
  // Signs printable records; null serves no certificates.
  const SigningKey* signing_key = nullptr;
  std::string issuer;  // the county code printed on records
};

void AddVaccinationRoutes(Router& router, VaccinationRouteContext ctx);
// Doses entered after the fact, corrected or voided (dose_entry_routes.cpp);
// a back-entry dated before a campaign began says so.
void AddDoseEntryRoutes(Router& router, VaccinationRouteContext ctx, DoseEntryService& entries,
                        CampaignService& campaigns);
// Lots, stock and the ledger (stock_routes.cpp).
void AddStockRoutes(Router& router, VaccinationRouteContext ctx);
// The visit at the site (visit_routes.cpp).
void AddVisitRoutes(Router& router, VaccinationRouteContext ctx);
// Fridges, temperature logs and holds (cold_chain_routes.cpp).
void AddColdChainRoutes(Router& router, VaccinationRouteContext ctx);
// Adverse events and alerts (safety_routes.cpp).
void AddSafetyRoutes(Router& router, VaccinationRouteContext ctx);
// Mobilisation lists and follow-ups (mobilisation_routes.cpp).
void AddMobilisationRoutes(Router& router, VaccinationRouteContext ctx);

}  // namespace fangkong::api
