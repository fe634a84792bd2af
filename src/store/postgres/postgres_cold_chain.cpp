// The cold-chain half of the PostgreSQL vaccination repository. A file of
// readings goes in one statement (two arrays unnested), not one round trip
// per reading.
#include "store/postgres/postgres_cold_chain_sql.h"
#include "store/postgres/postgres_vaccination.h"
#include "store/rows.h"

namespace fangkong::pg {

namespace {

namespace q = postgres_sql;

Fridge ReadFridge(const pqxx::row& r) {
  return store::FridgeFromColumns([&](int i) { return Int(r[i]); },
                                  [&](int i) { return Str(r[i]); });
}

std::vector<ColdChainHold> ReadHolds(const pqxx::result& rows) {
  std::vector<ColdChainHold> out;
  for (const auto& r : rows) {
    out.push_back(
        store::HoldFromColumns([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); }));
  }
  return out;
}

std::optional<ColdChainHold> FirstHold(const pqxx::result& rows) {
  auto all = ReadHolds(rows);
  if (all.empty()) return std::nullopt;
  return all.front();
}

}  // namespace

Result<int64_t> Vaccination::InsertFridge(const Fridge& f) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    try {
      return Int(Run(c, tx, q::kInsertFridge, f.site_id, f.code, f.name, f.limits.min_tenths,
                     f.limits.max_tenths, f.limits.tolerance_minutes,
                     f.limits.interval_minutes)[0][0]);
    } catch (const pqxx::unique_violation&) {
      return Fail(store::DuplicateFridgeCode(f.code));
    }
  });
}

Result<std::optional<Fridge>> Vaccination::FindFridge(int64_t id) {
  return db_.Read<std::optional<Fridge>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindFridge, id);
    return r.empty() ? std::optional<Fridge>() : std::optional(ReadFridge(r[0]));
  });
}

Result<std::vector<Fridge>> Vaccination::FridgesOf(int64_t site_id) {
  return db_.Read<std::vector<Fridge>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<Fridge> out;
    for (const auto& r : Run(c, tx, q::kFridgesOf, site_id)) out.push_back(ReadFridge(r));
    return out;
  });
}

Status Vaccination::SetFridgeLots(int64_t fridge_id, const std::vector<int64_t>& lot_ids) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    Run(c, tx, q::kClearFridgeLots, fridge_id);
    for (int64_t lot : lot_ids) Run(c, tx, q::kInsertFridgeLot, fridge_id, lot);
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<int64_t>> Vaccination::FridgeLots(int64_t fridge_id) {
  return db_.Read<std::vector<int64_t>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<int64_t> out;
    for (const auto& r : Run(c, tx, q::kFridgeLots, fridge_id)) out.push_back(Int(r[0]));
    return out;
  });
}

Result<int64_t> Vaccination::InsertReadings(int64_t fridge_id,
                                            const std::vector<TemperatureReading>& readings) {
  std::string at = ArrayLiteral(readings, [](const TemperatureReading& r) { return r.at; });
  std::string tenths = ArrayLiteral(readings, [](const TemperatureReading& r) { return r.tenths; });
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    return static_cast<int64_t>(
        Run(c, tx, q::kInsertReadings, fridge_id, at, tenths).affected_rows());
  });
}

Result<std::vector<TemperatureReading>> Vaccination::Readings(int64_t fridge_id, int64_t from,
                                                              int64_t to, bool with_previous) {
  return db_.Read<std::vector<TemperatureReading>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<TemperatureReading> out;
    if (with_previous) {
      for (const auto& r : Run(c, tx, q::kReadingBefore, fridge_id, from)) {
        out.push_back({Int(r[0]), static_cast<int>(Int(r[1])), 0});
      }
    }
    for (const auto& r : Run(c, tx, q::kReadings, fridge_id, from, to)) {
      out.push_back({Int(r[0]), static_cast<int>(Int(r[1])), 0});
    }
    return out;
  });
}

Result<std::vector<ColdChainHold>> Vaccination::RecordExcursion(const ExcursionRecord& e,
                                                                const std::string& reason,
                                                                int64_t now) {
  using Holds = std::vector<ColdChainHold>;
  return db_.Write<Holds>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<Holds> {
    std::string kind = ExcursionKindCode(e.kind);
    auto found = Run(c, tx, q::kFindExcursion, e.fridge_id, kind, e.from);
    int64_t id = 0;
    bool held_before = false;
    if (found.empty()) {
      id = Int(Run(c, tx, q::kInsertExcursion, e.fridge_id, kind, e.from, e.to, e.extreme_tenths,
                   static_cast<int>(e.holds))[0][0]);
    } else {
      id = Int(found[0][0]);
      held_before = Int(found[0][6]) != 0;
      Run(c, tx, q::kUpdateExcursion, id, e.to, e.extreme_tenths,
          static_cast<int>(e.holds || held_before));
    }
    if (!e.holds || held_before) return Holds{};
    Run(c, tx, q::kHoldFridgeLots, e.fridge_id, id, reason, now);
    return ReadHolds(Run(c, tx, q::kHoldsOfExcursion, id));
  });
}

Result<std::vector<ExcursionRecord>> Vaccination::Excursions(int64_t fridge_id, int64_t limit) {
  return db_.Read<std::vector<ExcursionRecord>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<ExcursionRecord> out;
    for (const auto& r : Run(c, tx, q::kExcursions, fridge_id, limit)) {
      out.push_back(store::ExcursionFromColumns([&](int i) { return Int(r[i]); },
                                                [&](int i) { return Str(r[i]); }));
    }
    return out;
  });
}

Result<std::optional<ColdChainHold>> Vaccination::ActiveHold(int64_t site_id, int64_t lot_id) {
  return db_.Read<std::optional<ColdChainHold>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return FirstHold(Run(c, tx, q::kActiveHold, site_id, lot_id));
  });
}

Result<std::optional<ColdChainHold>> Vaccination::FindHold(int64_t id) {
  return db_.Read<std::optional<ColdChainHold>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return FirstHold(Run(c, tx, q::kFindHold, id));
  });
}

Result<std::vector<ColdChainHold>> Vaccination::HoldsUnder(const std::string& region_prefix,
                                                           bool active_only) {
  return db_.Read<std::vector<ColdChainHold>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return ReadHolds(Run(c, tx, q::kHoldsUnder, region_prefix, region_prefix + ":",
                         static_cast<int>(active_only)));
  });
}

Status Vaccination::ReleaseHold(const ColdChainHold& h, const std::optional<StockLine>& write_off) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    auto res = Run(c, tx, q::kReleaseHold, h.id, h.released_at, h.released_by, h.outcome,
                   h.release_reason);
    if (res.affected_rows() != 1) return Fail(HoldReleasedError(h.id));
    if (write_off) {
      if (auto s = MoveIn(c, tx, {*write_off}); !s) return Fail(s.error());
    }
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

}  // namespace fangkong::pg
