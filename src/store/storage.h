// The program's storage: one database and each module's repository, built
// from it. The server's and the CLI's composition roots (and the tests) open
// one Storage and hand each service the repositories it needs. Each factory
// below lives in its module's one storage file (registry_store.cpp, ...),
// whose statements are named in the matching *_sql.h.
#pragma once

#include <memory>
#include <string>

#include "access/user.h"
#include "alerts/alert.h"
#include "arrivals/repository.h"
#include "campaign/repository.h"
#include "measures/repository.h"
#include "quarantine/repository.h"
#include "risk_areas/repository.h"
#include "progress/coverage.h"
#include "registry/import_job.h"
#include "registry/repository.h"
#include "registry/transfer.h"
#include "store/db.h"
#include "tracing/repository.h"
#include "vaccination/aefi.h"
#include "vaccination/dose_entry.h"
#include "vaccination/fridge.h"
#include "vaccination/mobilisation.h"
#include "vaccination/repository.h"
#include "vaccination/vaccination_state.h"
#include "zones/repository.h"

namespace fangkong {

std::unique_ptr<RegionRepository> NewRegionStore(db::Database& db);
std::unique_ptr<PersonRepository> NewPersonStore(db::Database& db);
std::unique_ptr<OrganisationRepository> NewOrganisationStore(db::Database& db);
std::unique_ptr<ImportJobRepository> NewImportJobStore(db::Database& db);
std::unique_ptr<UserRepository> NewUserStore(db::Database& db);
std::unique_ptr<AuditRepository> NewAuditStore(db::Database& db);
std::unique_ptr<VaccinationRepository> NewVaccinationStore(db::Database& db);
std::unique_ptr<ColdChainRepository> NewColdChainStore(db::Database& db);
std::unique_ptr<AefiRepository> NewAefiStore(db::Database& db);
std::unique_ptr<AlertRepository> NewAlertStore(db::Database& db);
std::unique_ptr<MobilisationRepository> NewMobilisationStore(db::Database& db);
std::unique_ptr<TransferRepository> NewTransferStore(db::Database& db);
std::unique_ptr<VaccinationStateRepository> NewVaccinationStateStore(db::Database& db);
std::unique_ptr<FigureRepository> NewFigureStore(db::Database& db);
std::unique_ptr<CampaignRepository> NewCampaignStore(db::Database& db);
std::unique_ptr<CoverageRepository> NewCoverageStore(db::Database& db);
std::unique_ptr<DoseEntryRepository> NewDoseEntryStore(db::Database& db);
std::unique_ptr<MeasureRepository> NewMeasureStore(db::Database& db);
std::unique_ptr<RiskAreaRepository> NewRiskAreaStore(db::Database& db);
std::unique_ptr<QuarantineRepository> NewQuarantineStore(db::Database& db);
std::unique_ptr<ArrivalRepository> NewArrivalStore(db::Database& db);
std::unique_ptr<TracingRepository> NewTracingStore(db::Database& db);
std::unique_ptr<ZoneRepository> NewZoneStore(db::Database& db);
std::unique_ptr<QuarantineStaffRepository> NewQuarantineStaffStore(db::Database& db);

struct Storage {
  // Takes the database and builds every repository on it.
  explicit Storage(std::unique_ptr<db::Database> database);
  std::unique_ptr<db::Database> db;  // also the UnitOfWork
  std::unique_ptr<RegionRepository> regions;
  std::unique_ptr<PersonRepository> persons;
  std::unique_ptr<OrganisationRepository> organisations;
  std::unique_ptr<ImportJobRepository> import_jobs;
  std::unique_ptr<UserRepository> users;
  std::unique_ptr<AuditRepository> audit;
  std::unique_ptr<VaccinationRepository> vaccination;
  std::unique_ptr<ColdChainRepository> cold_chain;
  std::unique_ptr<AefiRepository> aefi;
  std::unique_ptr<AlertRepository> alerts;
  std::unique_ptr<MobilisationRepository> mobilisation;
  std::unique_ptr<TransferRepository> transfers;
  std::unique_ptr<VaccinationStateRepository> vaccination_state;
  std::unique_ptr<FigureRepository> figures;
  std::unique_ptr<CampaignRepository> campaigns;
  std::unique_ptr<CoverageRepository> coverage;
  std::unique_ptr<DoseEntryRepository> dose_entries;
  std::unique_ptr<MeasureRepository> measures;
  std::unique_ptr<RiskAreaRepository> risk_areas;
  std::unique_ptr<QuarantineRepository> quarantine;
  std::unique_ptr<ArrivalRepository> arrivals;
  std::unique_ptr<TracingRepository> tracing;
  std::unique_ptr<ZoneRepository> zones;
  std::unique_ptr<QuarantineStaffRepository> quarantine_staff;

  // Applies the pending migrations; returns how many ran.
  Result<int> Migrate() { return db::Migrate(*db, db::Migrations(db->dialect())); }
};

// Opens db::Open(target) with every repository on it (throws as db::Open does).
std::unique_ptr<Storage> OpenStorage(const std::string& target,
                                     db::Durability durability = db::Durability::kPowerCut);

}  // namespace fangkong
