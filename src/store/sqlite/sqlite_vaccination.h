// The vaccination repository on SQLite, sharing the store's connections.
#pragma once

#include "store/sqlite/reference_cache.h"
#include "store/sqlite/sqlite_handle.h"
#include "vaccination/fridge.h"
#include "vaccination/repository.h"

namespace fangkong::sqlite {

// Also the cold-chain repository: a discarded hold writes the stock ledger.
class Vaccination final : public VaccinationRepository, public ColdChainRepository {
 public:
  explicit Vaccination(Handle& db) : db_(db) {
    db_.WatchReferenceTables({"vaccination_sites", "organisations", "site_staff", "users",
                              "vaccine_lots", "cold_chain_holds"});
  }

  Result<int64_t> InsertDose(const DoseRecord& d) override;
  Status InsertDoses(const std::vector<DoseRecord>& doses) override;
  Result<std::vector<DoseRecord>> DosesOf(int64_t person_id) override;
  Result<std::vector<LotTraceRow>> DosesOfLot(const std::string& lot_number,
                                              const std::string& region_prefix) override;
  Status UpsertSite(const VaccinationSite& s) override;
  Result<std::optional<VaccinationSite>> FindSite(int64_t org_id) override;
  Result<std::vector<VaccinationSite>> SitesUnder(const std::string& region) override;
  Status UpsertStaff(const SiteStaff& s) override;
  Result<std::vector<SiteStaff>> StaffOf(int64_t site_id) override;
  Result<int64_t> CreateSlot(const Slot& s) override;
  Result<std::optional<Slot>> FindSlot(int64_t id) override;
  Result<std::vector<Slot>> SlotsOf(int64_t site_id, Date day) override;
  Result<std::vector<int64_t>> Book(int64_t slot_id,
                                    const std::vector<Appointment>& bookings) override;
  Result<std::optional<Appointment>> FindAppointment(int64_t id) override;
  Result<std::vector<Appointment>> AppointmentsOf(int64_t person_id) override;
  Status CloseAppointment(int64_t id, AppointmentStatus to) override;
  Result<int64_t> Reschedule(int64_t id, int64_t new_slot) override;
  Result<int64_t> InsertLot(const VaccineLot& lot) override;
  Result<std::optional<VaccineLot>> FindLot(int64_t id) override;
  Result<std::vector<VaccineLot>> LotsByNumber(const std::string& lot_number) override;
  Status SetLotHold(int64_t lot_id, bool held, const std::string& reason) override;
  Status MoveStock(const std::vector<StockLine>& lines) override;
  Result<int> Balance(int64_t site_id, int64_t lot_id) override;
  Result<std::vector<std::pair<VaccineLot, int>>> StockAt(int64_t site_id) override;
  Result<std::vector<StockLine>> Ledger(int64_t site_id, int64_t lot_id, int64_t limit) override;
  Result<int64_t> InsertVisit(const Visit& v) override;
  Result<std::optional<Visit>> FindVisit(int64_t id) override;
  Status SaveVisit(const Visit& v, VisitState from) override;
  Result<int64_t> RecordAdministration(const Visit& v, const DoseRecord& dose,
                                       const StockLine& line) override;
  Result<std::vector<Visit>> VisitsOf(int64_t person_id) override;
  Result<std::vector<Visit>> VisitsAt(int64_t site_id, Date day) override;

  // ---- cold chain (sqlite_cold_chain.cpp / postgres_cold_chain.cpp)
  Result<int64_t> InsertFridge(const Fridge& f) override;
  Result<std::optional<Fridge>> FindFridge(int64_t id) override;
  Result<std::vector<Fridge>> FridgesOf(int64_t site_id) override;
  Status SetFridgeLots(int64_t fridge_id, const std::vector<int64_t>& lot_ids) override;
  Result<std::vector<int64_t>> FridgeLots(int64_t fridge_id) override;
  Result<int64_t> InsertReadings(int64_t fridge_id,
                                 const std::vector<TemperatureReading>& r) override;
  Result<std::vector<TemperatureReading>> Readings(int64_t fridge_id, int64_t from, int64_t to,
                                                   bool with_previous) override;
  Result<std::vector<ColdChainHold>> RecordExcursion(const ExcursionRecord& e,
                                                     const std::string& reason,
                                                     int64_t now) override;
  Result<std::vector<ExcursionRecord>> Excursions(int64_t fridge_id, int64_t limit) override;
  Result<std::optional<ColdChainHold>> ActiveHold(int64_t site_id, int64_t lot_id) override;
  Result<std::optional<ColdChainHold>> FindHold(int64_t id) override;
  Result<std::vector<ColdChainHold>> HoldsUnder(const std::string& region_prefix,
                                                bool active_only) override;
  Status ReleaseHold(const ColdChainHold& released,
                     const std::optional<StockLine>& write_off) override;

 private:
  Result<std::vector<int64_t>> BookLocked(int64_t slot_id,
                                          const std::vector<Appointment>& bookings);
  Result<Appointment> CloseLocked(int64_t id, AppointmentStatus to);
  Status MoveLocked(const std::vector<StockLine>& lines);
  Result<int64_t> InsertDoseLocked(const DoseRecord& d);
  Status SaveVisitLocked(const Visit& v, VisitState from);
  Handle& db_;
  // What every administration reads (reference_cache.h).
  ReferenceCache<int64_t, std::optional<VaccinationSite>> sites_{db_};
  ReferenceCache<int64_t, std::vector<SiteStaff>> staff_{db_};
  ReferenceCache<std::string, std::vector<VaccineLot>> lots_{db_};
  ReferenceCache<std::pair<int64_t, int64_t>, std::optional<ColdChainHold>> holds_{db_};
};

}  // namespace fangkong::sqlite
