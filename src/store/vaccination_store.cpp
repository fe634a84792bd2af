// The vaccination repository's storage, on either engine: doses, sites and
// staff, slots and bookings, lots and the stock ledger, visits. A booking
// takes its places with a conditional UPDATE of the slot row, so a slot
// never goes over capacity however many book at once (SQLite's single writer
// takes them in turn; PostgreSQL's row lock makes concurrent bookings wait
// and re-check); a CHECK constraint backs it. Small writes (doses, bookings)
// share commits on SQLite through the group commit (db.h).
#include "core/date.h"
#include "store/reference_cache.h"
#include "store/rows.h"
#include "store/storage.h"
#include "store/vaccination_sql.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

VaccinationSite ReadSite(const Row& r) {  // FK_SITE_SELECT
  return VaccinationSite{r.Int(0),
                         r.Text(1),
                         r.Text(2),
                         ParseSiteType(r.Text(3)).value_or(SiteType::kFixed),
                         static_cast<int>(r.Int(4)),
                         r.Int(5),
                         r.Text(6),
                         r.Int(7) != 0};
}

Slot ReadSlot(const Row& r) {  // FK_SLOT_COLUMNS
  return Slot{r.Int(0),
              r.Int(1),
              Date::Parse(r.Text(2)).value_or(Date()),
              r.Text(3),
              r.Text(4),
              static_cast<int>(r.Int(5)),
              static_cast<int>(r.Int(6)),
              r.Text(7)};
}

SiteStaff ReadStaff(const Row& r) {
  return SiteStaff{r.Int(0),
                   r.Int(1),
                   r.Text(2),
                   r.Text(3),
                   ParseStaffDuty(r.Text(4)).value_or(StaffDuty::kRegistrar),
                   r.Text(5),
                   Date::Parse(r.Text(6))};
}

Appointment ReadAppointment(const Row& r) {  // FK_APPOINTMENT_SELECT, in field order
  auto status = ParseAppointmentStatus(r.Text(5)).value_or(AppointmentStatus::kCancelled);
  auto day = Date::Parse(r.Text(10)).value_or(Date());
  return Appointment{r.Int(0), r.Int(1),  r.Int(2), r.Text(3), static_cast<int>(r.Int(4)),
                     status,   r.Int(6),  r.Int(7), r.Text(8), r.Int(9),
                     day,      r.Text(11)};
}

VaccineLot ReadLot(const Row& r) {  // FK_LOT_COLUMNS
  return VaccineLot{r.Int(0),
                    r.Text(1),
                    r.Text(2),
                    Date::Parse(r.Text(3)).value_or(Date()),
                    static_cast<int>(r.Int(4)),
                    r.Int(5) != 0,
                    r.Text(6)};
}

StockLine ReadStockLine(const Row& r) {
  return StockLine{r.Int(0),
                   r.Int(1),
                   r.Int(2),
                   ParseStockMove(r.Text(3)).value_or(StockMove::kAdjust),
                   static_cast<int>(r.Int(4)),
                   r.Int(5),
                   r.Int(6),
                   r.Text(7),
                   r.Text(8)};
}

LotTraceRow ReadLotTrace(const Row& r) {
  return LotTraceRow{r.Int(0),
                     r.Int(1),
                     r.Text(2),
                     r.Text(3),
                     r.Text(4),
                     r.Text(5),
                     r.Int(6),
                     Date::Parse(r.Text(7)).value_or(Date()),
                     static_cast<int>(r.Int(8)),
                     r.Text(9)};
}

Result<int64_t> InsertDoseIn(Connection& c, const DoseRecord& d) {
  auto id = db::Insert(c, sql::kInsertDose, d.person_id, d.product, d.dose_number, d.booster,
                       d.date.Iso(), d.administered_at, d.site_id, d.vaccinator_id, d.lot,
                       d.trace_code, d.region_code);
  if (!id) return Fail(db::UniqueAs(id.error(), DuplicateTraceCode(d.trace_code)));
  return id;
}

Result<int64_t> InsertUnlistedDoseIn(Connection& c, const DoseRecord& d) {
  auto id = InsertDoseIn(c, d);
  if (!id) return id;
  if (auto kept = db::Exec(c, sql::kKeepDoseUnlisted, *id, d.person_id); !kept)
    return Fail(kept.error());
  return id;
}

Result<std::vector<int64_t>> BookIn(Connection& c, int64_t slot_id,
                                    const std::vector<Appointment>& bookings) {
  auto taken = db::Exec(c, sql::kTakePlaces, slot_id, bookings.size());
  if (!taken) return Fail(taken.error());
  if (*taken == 0) {
    auto slot = db::One(c, sql::kFindSlot, ReadSlot, slot_id);
    if (!slot) return Fail(slot.error());
    if (!*slot) return Fail(Error::NotFound("slot", std::to_string(slot_id)));
    return Fail(SlotFullError(slot_id));
  }
  std::vector<int64_t> ids;
  ids.reserve(bookings.size());
  for (const auto& b : bookings) {
    auto id = db::Insert(c, sql::kInsertAppointment, slot_id, b.person_id, b.disease, b.dose_number,
                         b.booked_by, b.booked_at, b.block);
    if (!id) {
      return Fail(db::UniqueAs(id.error(), DuplicateBookingError(b.person_id, b.dose_number)));
    }
    ids.push_back(*id);
  }
  return ids;
}

// Closes an open booking inside a write; returns it as it was.
Result<Appointment> CloseIn(Connection& c, int64_t id, AppointmentStatus to) {
  auto found = db::One(c, sql::kFindAppointment, ReadAppointment, id);
  if (!found) return Fail(found.error());
  if (!*found) return Fail(Error::NotFound("appointment", std::to_string(id)));
  auto closed = db::One(
      c, sql::kCloseAppointment, [](const Row& r) { return r.Int(0); }, id,
      AppointmentStatusCode(to));
  if (!closed) return Fail(closed.error());
  if (!*closed) return Fail(AppointmentNotOpenError(id, AppointmentStatusCode((*found)->status)));
  if (to == AppointmentStatus::kCancelled) {
    if (auto r = db::Exec(c, sql::kGivePlaceBack, (*found)->slot_id); !r) return Fail(r.error());
  }
  return **found;
}

Status SaveVisitIn(Connection& c, const Visit& v, VisitState from) {
  return db::ChangedSome(
      db::Exec(c, sql::kSaveVisit, v.id, VisitStateCode(v.state), v.temperature_tenths,
               v.screening_outcome, v.deferred_until ? v.deferred_until->Iso() : "",
               v.screening_reason, v.certificate_no, v.screened_by, v.consent_at, v.consent_by,
               v.dose_id, v.administered_at, v.observation_until, v.released_at, v.released_by,
               VisitStateCode(from), v.product),
      VisitChangedError(from));
}

class VaccinationStore final : public VaccinationRepository {
 public:
  explicit VaccinationStore(db::Database& db) : db_(db) {
    db_.WatchReferenceTables({"vaccination_sites", "organisations", "site_staff", "users",
                              "vaccine_lots", "cold_chain_holds"});
  }

  Result<int64_t> InsertDose(const DoseRecord& d) override {
    return db::Write(db_, [&](Connection& c) { return InsertUnlistedDoseIn(c, d); });
  }

  Result<int64_t> InsertListedDose(const DoseRecord& d) override {
    return db::Write(db_, [&](Connection& c) { return InsertDoseIn(c, d); });
  }

  Status InsertDoses(const std::vector<DoseRecord>& doses) override {
    return db_.Write([&](Connection& c) -> Status {
      for (const auto& d : doses)
        if (auto id = InsertUnlistedDoseIn(c, d); !id) return Fail(id.error());
      return {};
    });
  }

  Result<std::vector<DoseRecord>> DosesOf(int64_t person_id) override {
    return store::DosesOfPeople(db_, {person_id});
  }

  Result<std::vector<LotTraceRow>> DosesOfLot(const std::string& lot_number,
                                              const std::string& region) override {
    return db::All(db_, sql::kDosesOfLot, ReadLotTrace, lot_number, region, region + ":");
  }

  Status UpsertSite(const VaccinationSite& v) override {
    return db::Done(db::Exec(db_, sql::kUpsertSite, v.org_id, SiteTypeCode(v.type),
                             v.daily_capacity, v.backup_hospital_id, v.address, v.active));
  }

  Result<std::optional<VaccinationSite>> FindSite(int64_t org_id) override {
    return sites_.Get(org_id, [&] { return db::One(db_, sql::kFindSite, ReadSite, org_id); });
  }

  Result<std::vector<VaccinationSite>> SitesUnder(const std::string& region) override {
    return db::All(db_, sql::kSitesUnder, ReadSite, region, region + ":");
  }

  Status UpsertStaff(const SiteStaff& v) override {
    return db::Done(db::Exec(db_, sql::kUpsertStaff, v.site_id, v.user_id, StaffDutyCode(v.duty),
                             v.certificate_no, v.certified_until ? v.certified_until->Iso() : ""));
  }

  Result<std::vector<SiteStaff>> StaffOf(int64_t site_id) override {
    return staff_.Get(site_id, [&] { return db::All(db_, sql::kStaffOf, ReadStaff, site_id); });
  }

  Result<int64_t> CreateSlot(const Slot& v) override {
    auto id = db::Insert(db_, sql::kInsertSlot, v.site_id, v.day.Iso(), v.start_time, v.end_time,
                         v.capacity, v.disease);
    if (!id) return Fail(db::UniqueAs(id.error(), DuplicateSlotError(v.start_time)));
    return id;
  }

  Result<std::optional<Slot>> FindSlot(int64_t id) override {
    return db::One(db_, sql::kFindSlot, ReadSlot, id);
  }

  Result<std::vector<Slot>> SlotsOf(int64_t site_id, Date day) override {
    return db::All(db_, sql::kSlotsOf, ReadSlot, site_id, day.Iso());
  }

  Result<std::vector<int64_t>> Book(int64_t slot_id,
                                    const std::vector<Appointment>& bookings) override {
    return db::Write(db_, [&](Connection& c) { return BookIn(c, slot_id, bookings); });
  }

  Result<std::optional<Appointment>> FindAppointment(int64_t id) override {
    return db::One(db_, sql::kFindAppointment, ReadAppointment, id);
  }

  Result<std::vector<Appointment>> AppointmentsOf(int64_t person_id) override {
    return db::All(db_, sql::kAppointmentsOf, ReadAppointment, person_id);
  }

  Status CloseAppointment(int64_t id, AppointmentStatus to) override {
    return db::Done(db::Write(db_, [&](Connection& c) { return CloseIn(c, id, to); }));
  }

  Result<int64_t> Reschedule(int64_t id, int64_t new_slot) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto old = CloseIn(c, id, AppointmentStatus::kCancelled);
      if (!old) return Fail(old.error());
      Appointment moved = *old;
      moved.booked_at = NowUnixSeconds();
      auto ids = BookIn(c, new_slot, {moved});
      if (!ids) return Fail(ids.error());
      return ids->front();
    });
  }

  Result<int64_t> InsertLot(const VaccineLot& l) override {
    auto id =
        db::Insert(db_, sql::kInsertLot, l.product, l.lot_number, l.expiry.Iso(), l.doses_per_vial);
    if (!id) {
      return Fail(db::UniqueAs(id.error(), DuplicateLotError(l.product, l.lot_number)));
    }
    return id;
  }

  Result<std::optional<VaccineLot>> FindLot(int64_t id) override {
    return db::One(db_, sql::kFindLot, ReadLot, id);
  }

  Result<std::vector<VaccineLot>> LotsByNumber(const std::string& number) override {
    return lots_.Get(number, [&] { return db::All(db_, sql::kLotsByNumber, ReadLot, number); });
  }

  Status SetLotHold(int64_t lot_id, bool held, const std::string& reason) override {
    return db::ChangedSome(db::Exec(db_, sql::kSetLotHold, lot_id, held, reason),
                           Error::NotFound("lot", std::to_string(lot_id)));
  }

  Status MoveStock(const std::vector<StockLine>& lines) override {
    return db_.Write([&](Connection& c) { return store::WriteStockLines(c, lines); });
  }

  Result<int> Balance(int64_t site_id, int64_t lot_id) override {
    auto doses = db::One(
        db_, sql::kBalance, [](const Row& r) { return static_cast<int>(r.Int(0)); }, site_id,
        lot_id);
    if (!doses) return Fail(doses.error());
    return doses->value_or(0);
  }

  Result<std::vector<std::pair<VaccineLot, int>>> StockAt(int64_t site_id) override {
    return db::All(
        db_, sql::kStockAt,
        [](const Row& r) { return std::pair(ReadLot(r), static_cast<int>(r.Int(7))); }, site_id);
  }

  Result<std::vector<StockLine>> Ledger(int64_t site_id, int64_t lot_id, int64_t limit) override {
    return db::All(db_, sql::kLedger, ReadStockLine, site_id, lot_id, limit);
  }

  Result<int64_t> InsertVisit(const Visit& v) override {
    auto id =
        db::Insert(db_, sql::kInsertVisit, v.person_id, v.site_id, v.appointment_id, v.disease,
                   VisitStateCode(v.state), v.day.Iso(), v.checked_in_at, v.checked_in_by);
    if (!id) return Fail(db::UniqueAs(id.error(), VisitOpenError(v.person_id)));
    return id;
  }

  Result<std::optional<Visit>> FindVisit(int64_t id) override {
    return db::One(db_, sql::kFindVisit, store::ReadVisit, id);
  }

  Status SaveVisit(const Visit& v, VisitState from) override {
    return db_.Write([&](Connection& c) { return SaveVisitIn(c, v, from); });
  }

  Status RecordAdministration(const Visit& v, const StockLine& line) override {
    return db_.Write([&](Connection& c) -> Status {
      StockLine out = line;
      out.reference = "dose " + std::to_string(v.dose_id);
      if (auto m = store::WriteStockLines(c, {out}); !m) return Fail(m.error());
      if (auto sv = SaveVisitIn(c, v, VisitState::kConsented); !sv) return Fail(sv.error());
      if (v.appointment_id) {
        if (auto a = db::Exec(c, sql::kAttendAppointment, v.appointment_id); !a)
          return Fail(a.error());
      }
      return {};
    });
  }

  Result<std::vector<Visit>> VisitsOf(int64_t person_id) override {
    return db::All(db_, sql::kVisitsOf, store::ReadVisit, person_id);
  }

  Result<std::vector<Visit>> VisitsAt(int64_t site_id, Date day) override {
    return db::All(db_, sql::kVisitsAt, store::ReadVisit, site_id, day.Iso());
  }

 private:
  db::Database& db_;
  // What every administration reads (reference_cache.h).
  store::ReferenceCache<int64_t, std::optional<VaccinationSite>> sites_{db_};
  store::ReferenceCache<int64_t, std::vector<SiteStaff>> staff_{db_};
  store::ReferenceCache<std::string, std::vector<VaccineLot>> lots_{db_};
};

}  // namespace

namespace store {

// A line's balance change is a conditional UPDATE that keeps it at or above
// zero; when no row changed, either the balance is missing (opened here for
// a receipt) or the stock is short.
Status WriteStockLines(Connection& c, const std::vector<StockLine>& lines) {
  for (const auto& l : lines) {
    auto line = db::Exec(c, sql::kInsertStockLine, l.site_id, l.lot_id, StockMoveCode(l.move),
                         l.doses, l.at, l.user_id, l.reference, l.reason);
    if (!line) return Fail(line.error());
    auto added = db::Exec(c, sql::kAddToBalance, l.site_id, l.lot_id, l.doses);
    if (!added) return Fail(added.error());
    if (*added == 1) continue;
    auto have = db::One(
        c, sql::kBalance, [](const Row& r) { return static_cast<int>(r.Int(0)); }, l.site_id,
        l.lot_id);
    if (!have) return Fail(have.error());
    if (!*have && l.doses >= 0) {
      if (auto r = db::Exec(c, sql::kInsertBalance, l.site_id, l.lot_id, l.doses); !r)
        return Fail(r.error());
      continue;
    }
    auto lot = db::One(c, sql::kFindLot, ReadLot, l.lot_id);
    std::string number = lot && *lot ? (*lot)->lot_number : std::to_string(l.lot_id);
    return Fail(InsufficientStockError(l.site_id, number, have->value_or(0), -l.doses));
  }
  return {};
}

}  // namespace store

std::unique_ptr<VaccinationRepository> NewVaccinationStore(db::Database& db) {
  return std::make_unique<VaccinationStore>(db);
}

}  // namespace fangkong
