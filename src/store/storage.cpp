#include "store/storage.h"

namespace fangkong {

Storage::Storage(std::unique_ptr<db::Database> database)
    : db(std::move(database)),
      regions(NewRegionStore(*db)),
      persons(NewPersonStore(*db)),
      organisations(NewOrganisationStore(*db)),
      import_jobs(NewImportJobStore(*db)),
      users(NewUserStore(*db)),
      audit(NewAuditStore(*db)),
      vaccination(NewVaccinationStore(*db)),
      cold_chain(NewColdChainStore(*db)),
      aefi(NewAefiStore(*db)),
      alerts(NewAlertStore(*db)),
      mobilisation(NewMobilisationStore(*db)),
      transfers(NewTransferStore(*db)),
      vaccination_state(NewVaccinationStateStore(*db)),
      figures(NewFigureStore(*db)),
      campaigns(NewCampaignStore(*db)),
      coverage(NewCoverageStore(*db)),
      dose_entries(NewDoseEntryStore(*db)),
      measures(NewMeasureStore(*db)),
      risk_areas(NewRiskAreaStore(*db)),
      quarantine(NewQuarantineStore(*db)),
      arrivals(NewArrivalStore(*db)),
      tracing(NewTracingStore(*db)),
      zones(NewZoneStore(*db)),
      quarantine_staff(NewQuarantineStaffStore(*db)) {}

std::unique_ptr<Storage> OpenStorage(const std::string& target, db::Durability durability) {
  return std::make_unique<Storage>(db::Open(target, durability));
}

}  // namespace fangkong
