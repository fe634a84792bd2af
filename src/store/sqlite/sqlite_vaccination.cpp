// The vaccination repository on SQLite. Bookings run on the single writer
// connection, so concurrent bookings of one slot take turns (in group
// commits); the place count is taken with a conditional UPDATE and a CHECK
// constraint backs it.
#include "store/sqlite/sqlite_vaccination.h"

#include "store/rows.h"
#include "store/sqlite/sqlite_vaccination_sql.h"

namespace fangkong::sqlite {

namespace {

namespace q = sqlite_sql;

VaccinationSite ReadSite(Stmt& s) {
  return store::SiteFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}

Slot ReadSlot(Stmt& s) {
  return store::SlotFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}

Appointment ReadAppointment(Stmt& s) {
  return store::AppointmentFromColumns([&](int i) { return s.Int(i); },
                                       [&](int i) { return s.Text(i); });
}

}  // namespace

Result<int64_t> Vaccination::InsertDose(const DoseRecord& d) {
  Result<int64_t> id = Fail(Error::Internal("recording a dose did not run"));
  auto s = db_.Grouped([&](Connection&) -> Status {
    id = InsertDoseLocked(d);
    if (!id) return Fail(id.error());
    return {};
  });
  if (!s) return Fail(s.error());
  return id;
}

Status Vaccination::InsertDoses(const std::vector<DoseRecord>& doses) {
  return db_.Grouped([&](Connection&) -> Status {
    for (const auto& d : doses) {
      if (auto id = InsertDoseLocked(d); !id) return Fail(id.error());
    }
    return {};
  });
}

Result<int64_t> Vaccination::InsertDoseLocked(const DoseRecord& d) {
  auto s = db_.writer.Prepare(q::kInsertDose);
  s.Bind(1, d.person_id).Bind(2, d.product).Bind(3, int64_t{d.dose_number})
      .Bind(4, int64_t{d.booster}).Bind(5, d.date.Iso()).Bind(6, d.administered_at)
      .Bind(7, d.site_id).Bind(8, d.vaccinator_id).Bind(9, d.lot).Bind(10, d.trace_code)
      .Bind(11, d.region_code);
  int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation()) {
    return Fail(store::DuplicateTraceCode(d.trace_code));
  }
  if (rc != SQLITE_DONE) return Fail(DbError(db_.writer, "recording a dose"));
  return db_.writer.LastInsertRowId();
}

Result<std::vector<DoseRecord>> Vaccination::DosesOf(int64_t person_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kDosesOfPerson);
  s.Bind(1, person_id);
  std::vector<DoseRecord> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back(store::DoseFromColumns([&](int i) { return s.Int(i); },
                                         [&](int i) { return s.Text(i); }));
  }
  return out;
}

Status Vaccination::UpsertSite(const VaccinationSite& v) {
  auto lock = db_.LockWriter();
  auto s = db_.writer.Prepare(q::kUpsertSite);
  s.Bind(1, v.org_id).Bind(2, SiteTypeCode(v.type)).Bind(3, int64_t{v.daily_capacity})
      .Bind(4, v.backup_hospital_id).Bind(5, v.address).Bind(6, int64_t{v.active});
  if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "saving a vaccination site"));
  return {};
}

Result<std::optional<VaccinationSite>> Vaccination::FindSite(int64_t org_id) {
  return sites_.Get(org_id, [&]() -> Result<std::optional<VaccinationSite>> {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kFindSite);
    s.Bind(1, org_id);
    if (s.Step() != SQLITE_ROW) return std::optional<VaccinationSite>();
    return std::optional<VaccinationSite>(ReadSite(s));
  });
}

Result<std::vector<VaccinationSite>> Vaccination::SitesUnder(const std::string& region) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kSitesUnder);
  s.Bind(1, region).Bind(2, region + ":");
  std::vector<VaccinationSite> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadSite(s));
  return out;
}

Status Vaccination::UpsertStaff(const SiteStaff& v) {
  auto lock = db_.LockWriter();
  auto s = db_.writer.Prepare(q::kUpsertStaff);
  s.Bind(1, v.site_id).Bind(2, v.user_id).Bind(3, StaffDutyCode(v.duty)).Bind(4, v.certificate_no)
      .Bind(5, v.certified_until ? v.certified_until->Iso() : "");
  if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "saving site staff"));
  return {};
}

Result<std::vector<SiteStaff>> Vaccination::StaffOf(int64_t site_id) {
  return staff_.Get(site_id, [&]() -> Result<std::vector<SiteStaff>> {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kStaffOf);
    s.Bind(1, site_id);
    std::vector<SiteStaff> out;
    while (s.Step() == SQLITE_ROW) {
      out.push_back(store::StaffFromColumns([&](int i) { return s.Int(i); },
                                            [&](int i) { return s.Text(i); }));
    }
    return out;
  });
}

Result<int64_t> Vaccination::CreateSlot(const Slot& v) {
  auto lock = db_.LockWriter();
  auto s = db_.writer.Prepare(q::kInsertSlot);
  s.Bind(1, v.site_id).Bind(2, v.day.Iso()).Bind(3, v.start_time).Bind(4, v.end_time)
      .Bind(5, int64_t{v.capacity}).Bind(6, v.disease);
  int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation()) return Fail(DuplicateSlotError(v.start_time));
  if (rc != SQLITE_DONE) return Fail(DbError(db_.writer, "opening a slot"));
  return db_.writer.LastInsertRowId();
}

Result<std::optional<Slot>> Vaccination::FindSlot(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindSlot);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<Slot>();
  return std::optional<Slot>(ReadSlot(s));
}

Result<std::vector<Slot>> Vaccination::SlotsOf(int64_t site_id, Date day) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kSlotsOf);
  s.Bind(1, site_id).Bind(2, day.Iso());
  std::vector<Slot> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadSlot(s));
  return out;
}

// On the writer, inside a transaction.
Result<std::vector<int64_t>> Vaccination::BookLocked(int64_t slot_id,
                                                     const std::vector<Appointment>& bookings) {
  auto& w = db_.writer;
  {
    auto take = w.Prepare(q::kTakePlaces);
    take.Bind(1, slot_id).Bind(2, static_cast<int64_t>(bookings.size()));
    if (take.Step() != SQLITE_DONE) return Fail(DbError(w, "taking places"));
  }
  if (w.Changes() == 0) {
    auto find = w.Prepare(q::kFindSlot);
    find.Bind(1, slot_id);
    if (find.Step() != SQLITE_ROW) return Fail(Error::NotFound("slot", std::to_string(slot_id)));
    return Fail(SlotFullError(slot_id));
  }
  std::vector<int64_t> ids;
  ids.reserve(bookings.size());
  for (const auto& b : bookings) {
    auto s = w.Prepare(q::kInsertAppointment);
    s.Bind(1, slot_id).Bind(2, b.person_id).Bind(3, b.disease).Bind(4, int64_t{b.dose_number})
        .Bind(5, b.booked_by).Bind(6, b.booked_at).Bind(7, b.block);
    int rc = s.Step();
    if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation()) {
      return Fail(DuplicateBookingError(b.person_id, b.dose_number));
    }
    if (rc != SQLITE_DONE) return Fail(DbError(w, "booking"));
    ids.push_back(w.LastInsertRowId());
  }
  return ids;
}

// Bookings are many small writes arriving together: they share commits.
Result<std::vector<int64_t>> Vaccination::Book(int64_t slot_id,
                                               const std::vector<Appointment>& bookings) {
  Result<std::vector<int64_t>> ids = Fail(Error::Internal("booking did not run"));
  auto s = db_.Grouped([&](Connection&) -> Status {
    ids = BookLocked(slot_id, bookings);
    if (!ids) return Fail(ids.error());
    return {};
  });
  if (!s) return Fail(s.error());
  return ids;
}

Result<std::optional<Appointment>> Vaccination::FindAppointment(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindAppointment);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<Appointment>();
  return std::optional<Appointment>(ReadAppointment(s));
}

Result<std::vector<Appointment>> Vaccination::AppointmentsOf(int64_t person_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kAppointmentsOf);
  s.Bind(1, person_id);
  std::vector<Appointment> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadAppointment(s));
  return out;
}

// On the writer, inside a transaction; returns the closed booking.
Result<Appointment> Vaccination::CloseLocked(int64_t id, AppointmentStatus to) {
  auto& w = db_.writer;
  Appointment a;
  {
    auto find = w.Prepare(q::kFindAppointment);
    find.Bind(1, id);
    if (find.Step() != SQLITE_ROW) return Fail(Error::NotFound("appointment", std::to_string(id)));
    a = ReadAppointment(find);
  }
  {
    auto close = w.Prepare(q::kCloseAppointment);
    close.Bind(1, id).Bind(2, AppointmentStatusCode(to));
    int rc = close.Step();
    if (rc == SQLITE_DONE) return Fail(AppointmentNotOpenError(id, AppointmentStatusCode(a.status)));
    if (rc != SQLITE_ROW) return Fail(DbError(w, "closing an appointment"));
  }
  if (to == AppointmentStatus::kCancelled) {
    auto give = w.Prepare(q::kGivePlaceBack);
    give.Bind(1, a.slot_id);
    if (give.Step() != SQLITE_DONE) return Fail(DbError(w, "releasing a place"));
  }
  return a;
}

Status Vaccination::CloseAppointment(int64_t id, AppointmentStatus to) {
  auto lock = db_.LockWriter();
  Transaction tx(db_.writer);
  auto a = CloseLocked(id, to);
  if (!a) return Fail(a.error());
  if (!tx.Commit()) return Fail(DbError(db_.writer, "closing an appointment"));
  return {};
}

Result<int64_t> Vaccination::Reschedule(int64_t id, int64_t new_slot) {
  auto lock = db_.LockWriter();
  Transaction tx(db_.writer);
  auto old = CloseLocked(id, AppointmentStatus::kCancelled);
  if (!old) return Fail(old.error());
  Appointment moved = *old;
  moved.booked_at = NowUnixSeconds();
  auto ids = BookLocked(new_slot, {moved});
  if (!ids) return Fail(ids.error());
  if (!tx.Commit()) return Fail(DbError(db_.writer, "rescheduling"));
  return ids->front();
}

}  // namespace fangkong::sqlite

namespace fangkong::sqlite {

namespace {
VaccineLot ReadLot(Stmt& s) {
  return store::LotFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}
}  // namespace

Result<int64_t> Vaccination::InsertLot(const VaccineLot& l) {
  auto lock = db_.LockWriter();
  auto s = db_.writer.Prepare(sqlite_sql::kInsertLot);
  s.Bind(1, l.product).Bind(2, l.lot_number).Bind(3, l.expiry.Iso()).Bind(4, int64_t{l.doses_per_vial});
  int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation()) {
    return Fail(store::DuplicateLotError(l.product, l.lot_number));
  }
  if (rc != SQLITE_ROW) return Fail(DbError(db_.writer, "registering a lot"));
  return s.Int(0);
}

Result<std::optional<VaccineLot>> Vaccination::FindLot(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kFindLot);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<VaccineLot>();
  return std::optional<VaccineLot>(ReadLot(s));
}

Result<std::vector<VaccineLot>> Vaccination::LotsByNumber(const std::string& lot_number) {
  return lots_.Get(lot_number, [&]() -> Result<std::vector<VaccineLot>> {
    auto c = db_.Reader();
    auto s = c->Prepare(sqlite_sql::kLotsByNumber);
    s.Bind(1, lot_number);
    std::vector<VaccineLot> out;
    while (s.Step() == SQLITE_ROW) out.push_back(ReadLot(s));
    return out;
  });
}

Status Vaccination::SetLotHold(int64_t lot_id, bool held, const std::string& reason) {
  auto lock = db_.LockWriter();
  auto s = db_.writer.Prepare(sqlite_sql::kSetLotHold);
  s.Bind(1, lot_id).Bind(2, int64_t{held}).Bind(3, reason);
  if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "holding a lot"));
  if (db_.writer.Changes() == 0) return Fail(Error::NotFound("lot", std::to_string(lot_id)));
  return {};
}

// On the writer inside a transaction.
Status Vaccination::MoveLocked(const std::vector<StockLine>& lines) {
  auto& w = db_.writer;
  for (const auto& l : lines) {
    {
      auto s = w.Prepare(sqlite_sql::kInsertStockLine);
      s.Bind(1, l.site_id).Bind(2, l.lot_id).Bind(3, StockMoveCode(l.move)).Bind(4, int64_t{l.doses})
          .Bind(5, l.at).Bind(6, l.user_id).Bind(7, l.reference).Bind(8, l.reason);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "writing the stock ledger"));
    }
    {
      auto add = w.Prepare(sqlite_sql::kAddToBalance);
      add.Bind(1, l.site_id).Bind(2, l.lot_id).Bind(3, int64_t{l.doses});
      if (add.Step() != SQLITE_DONE) return Fail(DbError(w, "updating the stock balance"));
    }
    if (w.Changes() == 1) continue;
    std::optional<int> have;
    {
      auto b = w.Prepare(sqlite_sql::kBalance);
      b.Bind(1, l.site_id).Bind(2, l.lot_id);
      if (b.Step() == SQLITE_ROW) have = static_cast<int>(b.Int(0));
    }
    if (!have && l.doses >= 0) {
      auto ins = w.Prepare(sqlite_sql::kInsertBalance);
      ins.Bind(1, l.site_id).Bind(2, l.lot_id).Bind(3, int64_t{l.doses});
      if (ins.Step() != SQLITE_DONE) return Fail(DbError(w, "opening a stock balance"));
      continue;
    }
    auto lot = w.Prepare(sqlite_sql::kFindLot);
    lot.Bind(1, l.lot_id);
    std::string number = lot.Step() == SQLITE_ROW ? lot.Text(2) : std::to_string(l.lot_id);
    return Fail(InsufficientStockError(l.site_id, number, have.value_or(0), -l.doses));
  }
  return {};
}

Status Vaccination::MoveStock(const std::vector<StockLine>& lines) {
  return db_.Grouped([&](Connection&) { return MoveLocked(lines); });
}

Result<int> Vaccination::Balance(int64_t site_id, int64_t lot_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kBalance);
  s.Bind(1, site_id).Bind(2, lot_id);
  return s.Step() == SQLITE_ROW ? static_cast<int>(s.Int(0)) : 0;
}

Result<std::vector<std::pair<VaccineLot, int>>> Vaccination::StockAt(int64_t site_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kStockAt);
  s.Bind(1, site_id);
  std::vector<std::pair<VaccineLot, int>> out;
  while (s.Step() == SQLITE_ROW) out.emplace_back(ReadLot(s), static_cast<int>(s.Int(7)));
  return out;
}

Result<std::vector<StockLine>> Vaccination::Ledger(int64_t site_id, int64_t lot_id, int64_t limit) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kLedger);
  s.Bind(1, site_id).Bind(2, lot_id).Bind(3, limit);
  std::vector<StockLine> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back(store::StockLineFromColumns([&](int i) { return s.Int(i); },
                                              [&](int i) { return s.Text(i); }));
  }
  return out;
}

}  // namespace fangkong::sqlite

namespace fangkong::sqlite {

namespace {
Visit ReadVisit(Stmt& s) {
  return store::VisitFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}
}  // namespace

Result<int64_t> Vaccination::InsertVisit(const Visit& v) {
  auto lock = db_.LockWriter();
  auto s = db_.writer.Prepare(sqlite_sql::kInsertVisit);
  s.Bind(1, v.person_id).Bind(2, v.site_id).Bind(3, v.appointment_id).Bind(4, v.disease)
      .Bind(5, VisitStateCode(v.state)).Bind(6, v.day.Iso()).Bind(7, v.checked_in_at).Bind(8, v.checked_in_by);
  int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation()) return Fail(store::VisitOpenError(v.person_id));
  if (rc != SQLITE_DONE) return Fail(DbError(db_.writer, "checking in"));
  return db_.writer.LastInsertRowId();
}

Result<std::optional<Visit>> Vaccination::FindVisit(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kFindVisit);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<Visit>();
  return std::optional<Visit>(ReadVisit(s));
}

Status Vaccination::SaveVisitLocked(const Visit& v, VisitState from) {
  auto s = db_.writer.Prepare(sqlite_sql::kSaveVisit);
  s.Bind(1, v.id).Bind(2, VisitStateCode(v.state)).Bind(3, int64_t{v.temperature_tenths})
      .Bind(4, v.screening_outcome).Bind(5, v.deferred_until ? v.deferred_until->Iso() : "")
      .Bind(6, v.screening_reason).Bind(7, v.certificate_no).Bind(8, v.screened_by)
      .Bind(9, v.consent_at).Bind(10, v.consent_by).Bind(11, v.dose_id).Bind(12, v.administered_at)
      .Bind(13, v.observation_until).Bind(14, v.released_at).Bind(15, v.released_by)
      .Bind(16, VisitStateCode(from)).Bind(17, v.product);
  if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "saving a visit"));
  if (db_.writer.Changes() == 0) {
    return Fail(store::VisitChangedError(from));
  }
  return {};
}

Status Vaccination::SaveVisit(const Visit& v, VisitState from) {
  auto lock = db_.LockWriter();
  return SaveVisitLocked(v, from);
}

Result<int64_t> Vaccination::RecordAdministration(const Visit& v, const DoseRecord& dose,
                                                  const StockLine& line) {
  Result<int64_t> dose_id = Fail(Error::Internal("administration did not run"));
  auto s = db_.Grouped([&](Connection& w) -> Status {
    dose_id = InsertDoseLocked(dose);
    if (!dose_id) return Fail(dose_id.error());
    StockLine out = line;
    out.reference = "dose " + std::to_string(*dose_id);
    if (auto m = MoveLocked({out}); !m) return m;
    Visit done = v;
    done.dose_id = *dose_id;
    if (auto sv = SaveVisitLocked(done, VisitState::kConsented); !sv) return sv;
    if (v.appointment_id) {
      auto a = w.Prepare(sqlite_sql::kAttendAppointment);
      a.Bind(1, v.appointment_id);
      if (a.Step() != SQLITE_DONE) return Fail(DbError(w, "closing the appointment"));
    }
    return {};
  });
  if (!s) return Fail(s.error());
  return dose_id;
}

Result<std::vector<Visit>> Vaccination::VisitsOf(int64_t person_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kVisitsOf);
  s.Bind(1, person_id);
  std::vector<Visit> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadVisit(s));
  return out;
}

Result<std::vector<Visit>> Vaccination::VisitsAt(int64_t site_id, Date day) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kVisitsAt);
  s.Bind(1, site_id).Bind(2, day.Iso());
  std::vector<Visit> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadVisit(s));
  return out;
}

}  // namespace fangkong::sqlite

namespace fangkong::sqlite {

Result<std::vector<LotTraceRow>> Vaccination::DosesOfLot(const std::string& lot_number,
                                                         const std::string& region_prefix) {
  auto c = db_.Reader();
  auto s = c->Prepare(sqlite_sql::kDosesOfLot);
  s.Bind(1, lot_number).Bind(2, region_prefix).Bind(3, region_prefix + ":");
  std::vector<LotTraceRow> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back(store::LotTraceFromColumns([&](int i) { return s.Int(i); },
                                             [&](int i) { return s.Text(i); }));
  }
  return out;
}

}  // namespace fangkong::sqlite
