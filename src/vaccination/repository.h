// The storage the vaccination module needs, stated as one interface; src/store
// implements it for SQLite and PostgreSQL. Implementations are thread-safe;
// every method returns an Error of kind kInternal when the database fails.
#pragma once

#include <optional>
#include <vector>

#include "access/user.h"
#include "vaccination/dose.h"
#include "vaccination/site.h"
#include "vaccination/stock.h"
#include "vaccination/visit.h"

namespace fangkong {

class VaccinationRepository : public DoseRepository {
 public:
  // ---- sites and staff
  // Inserts or replaces the details of organisation `s.org_id`.
  virtual Status UpsertSite(const VaccinationSite& s) = 0;
  virtual Result<std::optional<VaccinationSite>> FindSite(int64_t org_id) = 0;
  // Sites whose organisation lies in the subtree, by place.
  virtual Result<std::vector<VaccinationSite>> SitesUnder(const std::string& region) = 0;
  virtual Status UpsertStaff(const SiteStaff& s) = 0;
  virtual Result<std::vector<SiteStaff>> StaffOf(int64_t site_id) = 0;

  // ---- slots
  // Returns the id; a Conflict on field start_time if the site already has a
  // slot that day at that time.
  virtual Result<int64_t> CreateSlot(const Slot& s) = 0;
  virtual Result<std::optional<Slot>> FindSlot(int64_t id) = 0;
  virtual Result<std::vector<Slot>> SlotsOf(int64_t site_id, Date day) = 0;

  // ---- appointments
  // Books a place in `slot_id` for every appointment, all or none, in one
  // transaction: a Conflict "slot_full" when the slot lacks the places (it
  // never goes over capacity, however many book at once), a Conflict
  // "duplicate_booking" naming the person when one already holds an open
  // booking for that dose. Returns the ids in input order.
  virtual Result<std::vector<int64_t>> Book(int64_t slot_id,
                                            const std::vector<Appointment>& bookings) = 0;
  virtual Result<std::optional<Appointment>> FindAppointment(int64_t id) = 0;
  virtual Result<std::vector<Appointment>> AppointmentsOf(int64_t person_id) = 0;
  // Closes an open booking (cancelled, no_show or attended); a cancellation
  // gives its place back. A Conflict "not_open" if it is no longer booked.
  virtual Status CloseAppointment(int64_t id, AppointmentStatus to) = 0;
  // Cancels an open booking and books the same person and dose into
  // `new_slot` atomically; returns the new appointment's id.
  virtual Result<int64_t> Reschedule(int64_t id, int64_t new_slot) = 0;

  // ---- lots and stock
  // Returns the id; a Conflict "duplicate_lot" if the product already has this lot number.
  virtual Result<int64_t> InsertLot(const VaccineLot& lot) = 0;
  virtual Result<std::optional<VaccineLot>> FindLot(int64_t id) = 0;
  // Lots with this number, of any product (a scanned code names the lot, not the product).
  virtual Result<std::vector<VaccineLot>> LotsByNumber(const std::string& lot_number) = 0;
  virtual Status SetLotHold(int64_t lot_id, bool held, const std::string& reason) = 0;
  // Appends ledger lines in one transaction, keeping each site's balance per
  // lot; a Conflict "insufficient_stock" naming the lot if any balance would
  // go below zero (then nothing is written).
  virtual Status MoveStock(const std::vector<StockLine>& lines) = 0;
  virtual Result<int> Balance(int64_t site_id, int64_t lot_id) = 0;
  // Lots with a non-zero balance at the site, by product and expiry.
  virtual Result<std::vector<std::pair<VaccineLot, int>>> StockAt(int64_t site_id) = 0;
  // Newest first; lot_id 0 for every lot.
  virtual Result<std::vector<StockLine>> Ledger(int64_t site_id, int64_t lot_id, int64_t limit) = 0;

  // ---- visits
  // Returns the id; a Conflict "visit_open" if the person already has an open visit.
  virtual Result<int64_t> InsertVisit(const Visit& v) = 0;
  virtual Result<std::optional<Visit>> FindVisit(int64_t id) = 0;
  // Stores a step, only if the stored visit is still in state `from`
  // (otherwise a Conflict "visit_state": someone else moved it on).
  virtual Status SaveVisit(const Visit& v, VisitState from) = 0;
  // The rest of an administration after its dose (InsertListedDose, whose
  // id `v` holds), in one transaction: one dose out of the site's stock
  // (insufficient_stock), the visit (from consented), and its appointment
  // marked attended.
  virtual Status RecordAdministration(const Visit& v, const StockLine& line) = 0;
  virtual Result<std::vector<Visit>> VisitsOf(int64_t person_id) = 0;
  virtual Result<std::vector<Visit>> VisitsAt(int64_t site_id, Date day) = 0;
};

// The site, or NotFound naming it.
Result<VaccinationSite> FindExistingSite(VaccinationRepository& repo, int64_t site_id);
// The site, if it lies in the user's jurisdiction (Forbidden otherwise).
Result<VaccinationSite> FindSiteInJurisdiction(VaccinationRepository& repo, const User& u, int64_t site_id);

}  // namespace fangkong
