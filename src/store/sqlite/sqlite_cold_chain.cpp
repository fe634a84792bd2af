// The cold-chain half of the SQLite vaccination repository. Writes go through
// the group commit like every other small write; a file of readings is one
// savepoint, so a failure stores none of it.
#include "store/rows.h"
#include "store/sqlite/sqlite_cold_chain_sql.h"
#include "store/sqlite/sqlite_vaccination.h"

namespace fangkong::sqlite {

namespace {

namespace q = sqlite_sql;

Fridge ReadFridge(Stmt& s) {
  return store::FridgeFromColumns([&](int i) { return s.Int(i); },
                                  [&](int i) { return s.Text(i); });
}

ColdChainHold ReadHold(Stmt& s) {
  return store::HoldFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}

std::vector<ColdChainHold> ReadHolds(Stmt& s) {
  std::vector<ColdChainHold> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadHold(s));
  return out;
}

}  // namespace

Result<int64_t> Vaccination::InsertFridge(const Fridge& f) {
  Result<int64_t> id = Fail(Error::Internal("saving a fridge did not run"));
  auto done = db_.Grouped([&](Connection& w) -> Status {
    auto s = w.Prepare(q::kInsertFridge);
    s.Bind(1, f.site_id)
        .Bind(2, f.code)
        .Bind(3, f.name)
        .Bind(4, int64_t{f.limits.min_tenths})
        .Bind(5, int64_t{f.limits.max_tenths})
        .Bind(6, int64_t{f.limits.tolerance_minutes})
        .Bind(7, int64_t{f.limits.interval_minutes});
    int rc = s.Step();
    if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation())
      return Fail(store::DuplicateFridgeCode(f.code));
    if (rc != SQLITE_ROW) return Fail(DbError(w, "saving a fridge"));
    id = s.Int(0);
    return {};
  });
  if (!done) return Fail(done.error());
  return id;
}

Result<std::optional<Fridge>> Vaccination::FindFridge(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindFridge);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<Fridge>();
  return std::optional<Fridge>(ReadFridge(s));
}

Result<std::vector<Fridge>> Vaccination::FridgesOf(int64_t site_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFridgesOf);
  s.Bind(1, site_id);
  std::vector<Fridge> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadFridge(s));
  return out;
}

Status Vaccination::SetFridgeLots(int64_t fridge_id, const std::vector<int64_t>& lot_ids) {
  return db_.Grouped([&](Connection& w) -> Status {
    auto clear = w.Prepare(q::kClearFridgeLots);
    clear.Bind(1, fridge_id);
    if (clear.Step() != SQLITE_DONE) return Fail(DbError(w, "clearing a fridge's lots"));
    for (int64_t lot : lot_ids) {
      auto s = w.Prepare(q::kInsertFridgeLot);
      s.Bind(1, fridge_id).Bind(2, lot);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "assigning a lot to a fridge"));
    }
    return {};
  });
}

Result<std::vector<int64_t>> Vaccination::FridgeLots(int64_t fridge_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFridgeLots);
  s.Bind(1, fridge_id);
  std::vector<int64_t> out;
  while (s.Step() == SQLITE_ROW) out.push_back(s.Int(0));
  return out;
}

Result<int64_t> Vaccination::InsertReadings(int64_t fridge_id,
                                            const std::vector<TemperatureReading>& readings) {
  int64_t added = 0;
  auto done = db_.Grouped([&](Connection& w) -> Status {
    added = 0;
    auto s = w.Prepare(q::kInsertReading);
    for (const auto& r : readings) {
      s.Reset();
      s.Bind(1, fridge_id).Bind(2, r.at).Bind(3, int64_t{r.tenths});
      if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "storing temperature readings"));
      added += w.Changes();
    }
    return {};
  });
  if (!done) return Fail(done.error());
  return added;
}

Result<std::vector<TemperatureReading>> Vaccination::Readings(int64_t fridge_id, int64_t from,
                                                              int64_t to, bool with_previous) {
  auto c = db_.Reader();
  std::vector<TemperatureReading> out;
  if (with_previous) {
    auto s = c->Prepare(q::kReadingBefore);
    s.Bind(1, fridge_id).Bind(2, from);
    if (s.Step() == SQLITE_ROW) out.push_back({s.Int(0), static_cast<int>(s.Int(1)), 0});
  }
  auto s = c->Prepare(q::kReadings);
  s.Bind(1, fridge_id).Bind(2, from).Bind(3, to);
  while (s.Step() == SQLITE_ROW) out.push_back({s.Int(0), static_cast<int>(s.Int(1)), 0});
  return out;
}

Result<std::vector<ColdChainHold>> Vaccination::RecordExcursion(const ExcursionRecord& e,
                                                                const std::string& reason,
                                                                int64_t now) {
  std::vector<ColdChainHold> holds;
  auto done = db_.Grouped([&](Connection& w) -> Status {
    holds.clear();
    int64_t id = 0;
    bool held_before = false;
    {
      auto find = w.Prepare(q::kFindExcursion);
      find.Bind(1, e.fridge_id).Bind(2, ExcursionKindCode(e.kind)).Bind(3, e.from);
      if (find.Step() == SQLITE_ROW) {
        id = find.Int(0);
        held_before = find.Int(6) != 0;
      }
    }
    if (id == 0) {
      auto ins = w.Prepare(q::kInsertExcursion);
      ins.Bind(1, e.fridge_id)
          .Bind(2, ExcursionKindCode(e.kind))
          .Bind(3, e.from)
          .Bind(4, e.to)
          .Bind(5, int64_t{e.extreme_tenths})
          .Bind(6, int64_t{e.holds});
      if (ins.Step() != SQLITE_ROW) return Fail(DbError(w, "recording an excursion"));
      id = ins.Int(0);
    } else {
      auto upd = w.Prepare(q::kUpdateExcursion);
      upd.Bind(1, id)
          .Bind(2, e.to)
          .Bind(3, int64_t{e.extreme_tenths})
          .Bind(4, int64_t{e.holds || held_before});
      if (upd.Step() != SQLITE_DONE) return Fail(DbError(w, "updating an excursion"));
    }
    if (!e.holds || held_before) return {};
    {
      auto hold = w.Prepare(q::kHoldFridgeLots);
      hold.Bind(1, e.fridge_id).Bind(2, id).Bind(3, reason).Bind(4, now);
      if (hold.Step() != SQLITE_DONE) return Fail(DbError(w, "holding the lots of a fridge"));
    }
    auto read = w.Prepare(q::kHoldsOfExcursion);
    read.Bind(1, id);
    holds = ReadHolds(read);
    return {};
  });
  if (!done) return Fail(done.error());
  return holds;
}

Result<std::vector<ExcursionRecord>> Vaccination::Excursions(int64_t fridge_id, int64_t limit) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kExcursions);
  s.Bind(1, fridge_id).Bind(2, limit);
  std::vector<ExcursionRecord> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back(store::ExcursionFromColumns([&](int i) { return s.Int(i); },
                                              [&](int i) { return s.Text(i); }));
  }
  return out;
}

Result<std::optional<ColdChainHold>> Vaccination::ActiveHold(int64_t site_id, int64_t lot_id) {
  return holds_.Get({site_id, lot_id}, [&]() -> Result<std::optional<ColdChainHold>> {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kActiveHold);
    s.Bind(1, site_id).Bind(2, lot_id);
    if (s.Step() != SQLITE_ROW) return std::optional<ColdChainHold>();
    return std::optional<ColdChainHold>(ReadHold(s));
  });
}

Result<std::optional<ColdChainHold>> Vaccination::FindHold(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindHold);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<ColdChainHold>();
  return std::optional<ColdChainHold>(ReadHold(s));
}

Result<std::vector<ColdChainHold>> Vaccination::HoldsUnder(const std::string& region_prefix,
                                                           bool active_only) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kHoldsUnder);
  s.Bind(1, region_prefix).Bind(2, region_prefix + ":").Bind(3, int64_t{active_only});
  return ReadHolds(s);
}

Status Vaccination::ReleaseHold(const ColdChainHold& h, const std::optional<StockLine>& write_off) {
  return db_.Grouped([&](Connection& w) -> Status {
    auto s = w.Prepare(q::kReleaseHold);
    s.Bind(1, h.id)
        .Bind(2, h.released_at)
        .Bind(3, h.released_by)
        .Bind(4, h.outcome)
        .Bind(5, h.release_reason);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "releasing a hold"));
    if (w.Changes() != 1) return Fail(HoldReleasedError(h.id));
    if (write_off) return MoveLocked({*write_off});
    return {};
  });
}

}  // namespace fangkong::sqlite
