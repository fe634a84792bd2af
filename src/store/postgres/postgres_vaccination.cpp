// The vaccination repository on PostgreSQL. A booking takes its places with
// a conditional UPDATE of the slot row: concurrent bookings of one slot wait
// on that row's lock and re-check the condition, so the slot never goes over
// capacity; a CHECK constraint backs it. A unique violation leaves the
// transaction aborted, which is what a failed write should do anyway, so no
// savepoints are spent on the expected conflicts.
#include "store/postgres/postgres_vaccination.h"

#include "store/postgres/postgres_vaccination_sql.h"
#include "store/rows.h"

namespace fangkong::pg {

namespace {

namespace q = postgres_sql;

VaccinationSite ReadSite(const pqxx::row& r) {
  return store::SiteFromColumns([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); });
}

Slot ReadSlot(const pqxx::row& r) {
  return store::SlotFromColumns([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); });
}

Appointment ReadAppointment(const pqxx::row& r) {
  return store::AppointmentFromColumns([&](int i) { return Int(r[i]); },
                                       [&](int i) { return Str(r[i]); });
}

}  // namespace

Result<int64_t> Vaccination::InsertDoseIn(Connection& c, pqxx::dbtransaction& tx, const DoseRecord& d) {
  try {
    return Int(Run(c, tx, q::kInsertDose, d.person_id, d.product, d.dose_number,
                   static_cast<int>(d.booster), d.date.Iso(), d.administered_at, d.site_id,
                   d.vaccinator_id, d.lot, d.trace_code, d.region_code)[0][0]);
  } catch (const pqxx::unique_violation&) {
    return Fail(store::DuplicateTraceCode(d.trace_code));
  }
}

Result<int64_t> Vaccination::InsertDose(const DoseRecord& d) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) { return InsertDoseIn(c, tx, d); });
}

Status Vaccination::InsertDoses(const std::vector<DoseRecord>& doses) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    for (const auto& d : doses) {
      if (auto id = InsertDoseIn(c, tx, d); !id) return Fail(id.error());
    }
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<DoseRecord>> Vaccination::DosesOf(int64_t person_id) {
  return db_.Read<std::vector<DoseRecord>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<DoseRecord> out;
    for (const auto& r : Run(c, tx, q::kDosesOfPerson, person_id)) {
      out.push_back(store::DoseFromColumns([&](int i) { return Int(r[i]); },
                                           [&](int i) { return Str(r[i]); }));
    }
    return out;
  });
}

Status Vaccination::UpsertSite(const VaccinationSite& v) {
  return db_.WriteStatus([&](Connection& c, pqxx::dbtransaction& tx) {
    Run(c, tx, q::kUpsertSite, v.org_id, std::string(SiteTypeCode(v.type)), v.daily_capacity,
        v.backup_hospital_id, v.address, static_cast<int>(v.active));
  });
}

Result<std::optional<VaccinationSite>> Vaccination::FindSite(int64_t org_id) {
  return db_.Read<std::optional<VaccinationSite>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindSite, org_id);
    return r.empty() ? std::optional<VaccinationSite>() : std::optional(ReadSite(r[0]));
  });
}

Result<std::vector<VaccinationSite>> Vaccination::SitesUnder(const std::string& region) {
  return db_.Read<std::vector<VaccinationSite>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<VaccinationSite> out;
    for (const auto& r : Run(c, tx, q::kSitesUnder, region, region + ":")) out.push_back(ReadSite(r));
    return out;
  });
}

Status Vaccination::UpsertStaff(const SiteStaff& v) {
  return db_.WriteStatus([&](Connection& c, pqxx::dbtransaction& tx) {
    Run(c, tx, q::kUpsertStaff, v.site_id, v.user_id, std::string(StaffDutyCode(v.duty)),
        v.certificate_no, v.certified_until ? v.certified_until->Iso() : std::string());
  });
}

Result<std::vector<SiteStaff>> Vaccination::StaffOf(int64_t site_id) {
  return db_.Read<std::vector<SiteStaff>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<SiteStaff> out;
    for (const auto& r : Run(c, tx, q::kStaffOf, site_id)) {
      out.push_back(store::StaffFromColumns([&](int i) { return Int(r[i]); },
                                            [&](int i) { return Str(r[i]); }));
    }
    return out;
  });
}

Result<int64_t> Vaccination::CreateSlot(const Slot& v) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    try {
      auto r = Run(c, tx, q::kInsertSlot, v.site_id, v.day.Iso(), v.start_time, v.end_time,
                   v.capacity, v.disease);
      return Int(r[0][0]);
    } catch (const pqxx::unique_violation&) {
      return Fail(DuplicateSlotError(v.start_time));
    }
  });
}

Result<std::optional<Slot>> Vaccination::FindSlot(int64_t id) {
  return db_.Read<std::optional<Slot>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindSlot, id);
    return r.empty() ? std::optional<Slot>() : std::optional(ReadSlot(r[0]));
  });
}

Result<std::vector<Slot>> Vaccination::SlotsOf(int64_t site_id, Date day) {
  return db_.Read<std::vector<Slot>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<Slot> out;
    for (const auto& r : Run(c, tx, q::kSlotsOf, site_id, day.Iso())) out.push_back(ReadSlot(r));
    return out;
  });
}

Result<std::vector<int64_t>> Vaccination::BookIn(Connection& c, pqxx::dbtransaction& tx, int64_t slot_id,
                                                 const std::vector<Appointment>& bookings) {
  auto taken = Run(c, tx, q::kTakePlaces, slot_id, static_cast<int>(bookings.size()));
  if (taken.affected_rows() == 0) {
    if (Run(c, tx, q::kFindSlot, slot_id).empty()) {
      return Fail(Error::NotFound("slot", std::to_string(slot_id)));
    }
    return Fail(SlotFullError(slot_id));
  }
  std::vector<int64_t> ids;
  ids.reserve(bookings.size());
  for (const auto& b : bookings) {
    try {
      auto r = Run(c, tx, q::kInsertAppointment, slot_id, b.person_id, b.disease, b.dose_number,
                   b.booked_by, b.booked_at, b.block);
      ids.push_back(Int(r[0][0]));
    } catch (const pqxx::unique_violation&) {
      return Fail(DuplicateBookingError(b.person_id, b.dose_number));
    }
  }
  return ids;
}

Result<std::vector<int64_t>> Vaccination::Book(int64_t slot_id,
                                               const std::vector<Appointment>& bookings) {
  return db_.Write<std::vector<int64_t>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return BookIn(c, tx, slot_id, bookings);
  });
}

Result<std::optional<Appointment>> Vaccination::FindAppointment(int64_t id) {
  return db_.Read<std::optional<Appointment>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindAppointment, id);
    return r.empty() ? std::optional<Appointment>() : std::optional(ReadAppointment(r[0]));
  });
}

Result<std::vector<Appointment>> Vaccination::AppointmentsOf(int64_t person_id) {
  return db_.Read<std::vector<Appointment>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<Appointment> out;
    for (const auto& r : Run(c, tx, q::kAppointmentsOf, person_id)) out.push_back(ReadAppointment(r));
    return out;
  });
}

Result<Appointment> Vaccination::CloseIn(Connection& c, pqxx::dbtransaction& tx, int64_t id,
                                         AppointmentStatus to) {
  auto found = Run(c, tx, q::kFindAppointment, id);
  if (found.empty()) return Fail(Error::NotFound("appointment", std::to_string(id)));
  Appointment a = ReadAppointment(found[0]);
  auto closed = Run(c, tx, q::kCloseAppointment, id, std::string(AppointmentStatusCode(to)));
  if (closed.empty()) return Fail(AppointmentNotOpenError(id, AppointmentStatusCode(a.status)));
  if (to == AppointmentStatus::kCancelled) Run(c, tx, q::kGivePlaceBack, a.slot_id);
  return a;
}

Status Vaccination::CloseAppointment(int64_t id, AppointmentStatus to) {
  auto r = db_.Write<Appointment>([&](Connection& c, pqxx::dbtransaction& tx) { return CloseIn(c, tx, id, to); });
  if (!r) return Fail(r.error());
  return {};
}

Result<int64_t> Vaccination::Reschedule(int64_t id, int64_t new_slot) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    auto old = CloseIn(c, tx, id, AppointmentStatus::kCancelled);
    if (!old) return Fail(old.error());
    Appointment moved = *old;
    moved.booked_at = NowUnixSeconds();
    auto ids = BookIn(c, tx, new_slot, {moved});
    if (!ids) return Fail(ids.error());
    return ids->front();
  });
}

}  // namespace fangkong::pg

namespace fangkong::pg {

namespace {
VaccineLot ReadLot(const pqxx::row& r) {
  return store::LotFromColumns([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); });
}
}  // namespace

Result<int64_t> Vaccination::InsertLot(const VaccineLot& l) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    try {
      return Int(Run(c, tx, postgres_sql::kInsertLot, l.product, l.lot_number, l.expiry.Iso(),
                     l.doses_per_vial)[0][0]);
    } catch (const pqxx::unique_violation&) {
      return Fail(store::DuplicateLotError(l.product, l.lot_number));
    }
  });
}

Result<std::optional<VaccineLot>> Vaccination::FindLot(int64_t id) {
  return db_.Read<std::optional<VaccineLot>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, postgres_sql::kFindLot, id);
    return r.empty() ? std::optional<VaccineLot>() : std::optional(ReadLot(r[0]));
  });
}

Result<std::vector<VaccineLot>> Vaccination::LotsByNumber(const std::string& lot_number) {
  return db_.Read<std::vector<VaccineLot>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<VaccineLot> out;
    for (const auto& r : Run(c, tx, postgres_sql::kLotsByNumber, lot_number)) out.push_back(ReadLot(r));
    return out;
  });
}

Status Vaccination::SetLotHold(int64_t lot_id, bool held, const std::string& reason) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    auto res = Run(c, tx, postgres_sql::kSetLotHold, lot_id, static_cast<int>(held), reason);
    if (res.affected_rows() == 0) return Fail(Error::NotFound("lot", std::to_string(lot_id)));
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

Status Vaccination::MoveIn(Connection& c, pqxx::dbtransaction& tx, const std::vector<StockLine>& lines) {
  for (const auto& l : lines) {
    Run(c, tx, postgres_sql::kInsertStockLine, l.site_id, l.lot_id,
        std::string(StockMoveCode(l.move)), l.doses, l.at, l.user_id, l.reference, l.reason);
    if (Run(c, tx, postgres_sql::kAddToBalance, l.site_id, l.lot_id, l.doses).affected_rows() == 1) continue;
    auto have = Run(c, tx, postgres_sql::kBalance, l.site_id, l.lot_id);
    if (have.empty() && l.doses >= 0) {
      Run(c, tx, postgres_sql::kInsertBalance, l.site_id, l.lot_id, l.doses);
      continue;
    }
    auto lot = Run(c, tx, postgres_sql::kFindLot, l.lot_id);
    return Fail(InsufficientStockError(l.site_id, lot.empty() ? std::to_string(l.lot_id) : Str(lot[0][2]),
                                       have.empty() ? 0 : static_cast<int>(Int(have[0][0])), -l.doses));
  }
  return {};
}

Status Vaccination::MoveStock(const std::vector<StockLine>& lines) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    if (auto s = MoveIn(c, tx, lines); !s) return Fail(s.error());
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

Result<int> Vaccination::Balance(int64_t site_id, int64_t lot_id) {
  return db_.Read<int>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, postgres_sql::kBalance, site_id, lot_id);
    return r.empty() ? 0 : static_cast<int>(Int(r[0][0]));
  });
}

Result<std::vector<std::pair<VaccineLot, int>>> Vaccination::StockAt(int64_t site_id) {
  return db_.Read<std::vector<std::pair<VaccineLot, int>>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<std::pair<VaccineLot, int>> out;
    for (const auto& r : Run(c, tx, postgres_sql::kStockAt, site_id)) {
      out.emplace_back(ReadLot(r), static_cast<int>(Int(r[7])));
    }
    return out;
  });
}

Result<std::vector<StockLine>> Vaccination::Ledger(int64_t site_id, int64_t lot_id, int64_t limit) {
  return db_.Read<std::vector<StockLine>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<StockLine> out;
    for (const auto& r : Run(c, tx, postgres_sql::kLedger, site_id, lot_id, limit)) {
      out.push_back(store::StockLineFromColumns([&](int i) { return Int(r[i]); },
                                                [&](int i) { return Str(r[i]); }));
    }
    return out;
  });
}

}  // namespace fangkong::pg

namespace fangkong::pg {

namespace {
Visit ReadVisit(const pqxx::row& r) {
  return store::VisitFromColumns([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); });
}

Status SaveVisitIn(Connection& c, pqxx::dbtransaction& tx, const Visit& v, VisitState from) {
  auto r = Run(c, tx, postgres_sql::kSaveVisit, v.id, std::string(VisitStateCode(v.state)),
               v.temperature_tenths, v.screening_outcome,
               v.deferred_until ? v.deferred_until->Iso() : std::string(), v.screening_reason,
               v.certificate_no, v.screened_by, v.consent_at, v.consent_by, v.dose_id,
               v.administered_at, v.observation_until, v.released_at, v.released_by,
               std::string(VisitStateCode(from)), v.product);
  if (r.affected_rows() == 0) {
    return Fail(store::VisitChangedError(from));
  }
  return {};
}
}  // namespace

Result<int64_t> Vaccination::InsertVisit(const Visit& v) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    try {
      return Int(Run(c, tx, postgres_sql::kInsertVisit, v.person_id, v.site_id, v.appointment_id,
                     v.disease, std::string(VisitStateCode(v.state)), v.day.Iso(), v.checked_in_at,
                     v.checked_in_by)[0][0]);
    } catch (const pqxx::unique_violation&) {
      return Fail(store::VisitOpenError(v.person_id));
    }
  });
}

Result<std::optional<Visit>> Vaccination::FindVisit(int64_t id) {
  return db_.Read<std::optional<Visit>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, postgres_sql::kFindVisit, id);
    return r.empty() ? std::optional<Visit>() : std::optional(ReadVisit(r[0]));
  });
}

Status Vaccination::SaveVisit(const Visit& v, VisitState from) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    if (auto s = SaveVisitIn(c, tx, v, from); !s) return Fail(s.error());
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

Result<int64_t> Vaccination::RecordAdministration(const Visit& v, const DoseRecord& d,
                                                  const StockLine& line) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    auto inserted = InsertDoseIn(c, tx, d);
    if (!inserted) return Fail(inserted.error());
    int64_t dose_id = *inserted;
    StockLine out = line;
    out.reference = "dose " + std::to_string(dose_id);
    if (auto m = MoveIn(c, tx, {out}); !m) return Fail(m.error());
    Visit done = v;
    done.dose_id = dose_id;
    if (auto s = SaveVisitIn(c, tx, done, VisitState::kConsented); !s) return Fail(s.error());
    if (v.appointment_id) Run(c, tx, postgres_sql::kAttendAppointment, v.appointment_id);
    return dose_id;
  });
}

Result<std::vector<Visit>> Vaccination::VisitsOf(int64_t person_id) {
  return db_.Read<std::vector<Visit>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<Visit> out;
    for (const auto& r : Run(c, tx, postgres_sql::kVisitsOf, person_id)) out.push_back(ReadVisit(r));
    return out;
  });
}

Result<std::vector<Visit>> Vaccination::VisitsAt(int64_t site_id, Date day) {
  return db_.Read<std::vector<Visit>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<Visit> out;
    for (const auto& r : Run(c, tx, postgres_sql::kVisitsAt, site_id, day.Iso())) out.push_back(ReadVisit(r));
    return out;
  });
}

}  // namespace fangkong::pg

namespace fangkong::pg {

Result<std::vector<LotTraceRow>> Vaccination::DosesOfLot(const std::string& lot_number,
                                                         const std::string& region_prefix) {
  return db_.Read<std::vector<LotTraceRow>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<LotTraceRow> out;
    auto rows = Run(c, tx, postgres_sql::kDosesOfLot, lot_number, region_prefix, region_prefix + ":");
    out.reserve(rows.size());
    for (const auto& r : rows) {
      out.push_back(store::LotTraceFromColumns([&](int i) { return Int(r[i]); },
                                               [&](int i) { return Str(r[i]); }));
    }
    return out;
  });
}

}  // namespace fangkong::pg
