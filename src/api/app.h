// The API application: wires the storage's repositories, the module services and the audit
// trail to routes under /api/v1, and serves the built web UI.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <memory>
#include <string>

#include "access/auth.h"
#include "api/http.h"
#include "arrivals/arrival_imports.h"
#include "core/rate_limit.h"
#include "registry/export_job.h"
#include "registry/import.h"
#include "registry/service.h"
#include "campaign/campaign_service.h"
#include "campaign/daily_report.h"
#include "registry/transfer_service.h"
#include "store/storage.h"
#include "vaccination/appointments.h"
#include "vaccination/certificate.h"
#include "vaccination/service.h"
#include "vaccination/aefi_service.h"
#include "vaccination/cold_chain_service.h"
#include "vaccination/dose_entry_service.h"
#include "measures/measure_service.h"
#include "quarantine/quarantine_service.h"
#include "risk_areas/risk_area_service.h"
#include "tracing/tracing_service.h"
#include "quarantine/quarantine_staff_service.h"
#include "zones/zone_service.h"
#include "vaccination/mobilisation_service.h"
#include "vaccination/stock_service.h"
#include "vaccination/visits.h"

namespace fangkong::api {

struct Routes;

struct AppOptions {
  std::string web_dir;  // built UI (web/dist); empty serves no UI
  // Unix seconds for the visit steps (the observation countdown); tests set a
  // clock they can advance. Empty: the system clock.
  std::function<int64_t()> clock;
  // For browser tests only: serves POST /api/v1/test/clock (county admins),
  // which moves the system clock the visit steps read forward, so a test can
  // pass the 30-minute observation without waiting for it.
  bool test_clock = false;
  // Ed25519 key file for signed vaccination records (created if missing);
  // empty serves no certificates.
  std::string signing_key_path;
  std::string issuer = "341881";
  // Told about every alert (a serious adverse event, ...) after it is
  // stored; empty: alerts are written to the server log.
  std::vector<std::shared_ptr<AlertNotifier>> notifiers;
  // Session lifetime and idle timeout (access/auth.h).
  SessionPolicy sessions;
  // Lockouts after failed logins (access/login_throttle.h).
  LoginThrottlePolicy login_throttle;
  // Residents' own reports of arrival, per address and in all (core/rate_limit.h).
  RateLimitPolicy self_report_limit;
};

class App {
 public:
  // `storage` must outlive the App. Throws on start-up failure (regions unreadable).
  App(Storage& storage, AppOptions options);
  ~App();
  const Router& router() const { return router_; }
  DailyReports& daily_reports() { return *daily_reports_; }
  Auditor& auditor() { return *auditor_; }
  ImportJobs& imports() { return *imports_; }
  ArrivalImports& arrival_imports() { return *arrival_imports_; }

 private:
  friend struct Routes;
  Storage& store_;
  AppOptions options_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<Auditor> auditor_;
  std::unique_ptr<RegistryService> registry_;
  std::unique_ptr<TransferService> transfers_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<DailyReports> daily_reports_;
  std::unique_ptr<ImportJobs> imports_;
  std::unique_ptr<ExportJobs> exports_;  // after registry_ and auditor_: goes first
  std::unique_ptr<VaccinationService> vaccination_;
  std::unique_ptr<AppointmentService> appointments_;
  std::unique_ptr<StockService> stock_;
  std::unique_ptr<VisitService> visits_;
  std::unique_ptr<ColdChainService> cold_chain_;
  std::unique_ptr<AlertNotifier> notifier_;
  std::unique_ptr<AefiService> aefi_;
  std::unique_ptr<MobilisationService> mobilisation_;
  std::unique_ptr<DoseEntryService> dose_entries_;
  std::unique_ptr<MeasureService> measures_;
  std::unique_ptr<RiskAreaService> risk_areas_;
  std::unique_ptr<QuarantineService> quarantine_;
  std::unique_ptr<ArrivalService> arrivals_;
  std::unique_ptr<ArrivalImports> arrival_imports_;
  std::unique_ptr<TracingService> tracing_;
  std::unique_ptr<ZoneService> zones_;
  std::unique_ptr<QuarantineStaffService> quarantine_staff_;
  std::atomic<int64_t> clock_offset_{0};
  std::optional<SigningKey> signing_key_;
  std::unique_ptr<Routes> routes_;
  Router router_;
};

// The OpenAPI 3 document served at /api/v1/openapi.json.
const std::string& OpenApiDocument();

}  // namespace fangkong::api
