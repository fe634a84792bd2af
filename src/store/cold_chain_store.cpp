// The cold chain's storage, on either engine: fridges and their lots,
// logger readings (a file in one statement, so a failure stores none of it),
// excursions and the holds they put on lots, and their release.
#include "store/cold_chain_sql.h"
#include "store/reference_cache.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

Fridge ReadFridge(const Row& r) {  // FK_FRIDGE_COLUMNS
  return Fridge{r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                FridgeLimits{static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5)),
                             static_cast<int>(r.Int(6)), static_cast<int>(r.Int(7))}};
}

ColdChainHold ReadHold(const Row& r) {  // FK_HOLD_SELECT
  return ColdChainHold{r.Int(0),   r.Int(1),   r.Int(2),   r.Int(3),  r.Int(4),
                       r.Text(5),  r.Int(6),   r.Int(7),   r.Int(8),  r.Text(9),
                       r.Text(10), r.Text(11), r.Text(12), r.Text(13)};
}

ExcursionRecord ReadExcursion(const Row& r) {  // FK_EXCURSION_COLUMNS
  auto kind = r.Text(2) == "gap" ? ExcursionKind::kGap : ExcursionKind::kTemperature;
  int extreme = static_cast<int>(r.Int(5));
  return ExcursionRecord{r.Int(0), r.Int(1), kind, r.Int(3), r.Int(4), extreme, r.Int(6) != 0};
}

TemperatureReading ReadReading(const Row& r) { return {r.Int(0), static_cast<int>(r.Int(1)), 0}; }

class ColdChainStore final : public ColdChainRepository {
 public:
  explicit ColdChainStore(db::Database& db) : db_(db) {}

  Result<int64_t> InsertFridge(const Fridge& f) override {
    auto id =
        db::Insert(db_, sql::kInsertFridge, f.site_id, f.code, f.name, f.limits.min_tenths,
                   f.limits.max_tenths, f.limits.tolerance_minutes, f.limits.interval_minutes);
    if (!id) return Fail(db::UniqueAs(id.error(), DuplicateFridgeCode(f.code)));
    return id;
  }

  Result<std::optional<Fridge>> FindFridge(int64_t id) override {
    return db::One(db_, sql::kFindFridge, ReadFridge, id);
  }

  Result<std::vector<Fridge>> FridgesOf(int64_t site_id) override {
    return db::All(db_, sql::kFridgesOf, ReadFridge, site_id);
  }

  Status SetFridgeLots(int64_t fridge_id, const std::vector<int64_t>& lot_ids) override {
    return db_.Write([&](Connection& c) -> Status {
      if (auto r = db::Exec(c, sql::kClearFridgeLots, fridge_id); !r) return Fail(r.error());
      for (int64_t lot : lot_ids)
        if (auto r = db::Exec(c, sql::kInsertFridgeLot, fridge_id, lot); !r) return Fail(r.error());
      return {};
    });
  }

  Result<std::vector<int64_t>> FridgeLots(int64_t fridge_id) override {
    return db::All(
        db_, sql::kFridgeLots, [](const Row& r) { return r.Int(0); }, fridge_id);
  }

  Result<int64_t> InsertReadings(int64_t fridge_id,
                                 const std::vector<TemperatureReading>& readings) override {
    std::vector<int64_t> at, tenths;
    for (const auto& r : readings) {
      at.push_back(r.at);
      tenths.push_back(r.tenths);
    }
    return db::Exec(db_, sql::kInsertReadings, fridge_id, db::IntList(db_.dialect(), at),
                    db::IntList(db_.dialect(), tenths));
  }

  Result<std::vector<TemperatureReading>> Readings(int64_t fridge_id, int64_t from, int64_t to,
                                                   bool with_previous) override {
    return db::Read(db_, [&](Connection& c) -> Result<std::vector<TemperatureReading>> {
      std::vector<TemperatureReading> out;
      if (with_previous) {
        auto before = db::One(c, sql::kReadingBefore, ReadReading, fridge_id, from);
        if (!before) return Fail(before.error());
        if (*before) out.push_back(**before);
      }
      auto rows = db::All(c, sql::kReadings, ReadReading, fridge_id, from, to);
      if (!rows) return Fail(rows.error());
      out.insert(out.end(), rows->begin(), rows->end());
      return out;
    });
  }

  // An excursion seen again (a later upload covering it) is updated, and
  // holds its fridge's lots only the first time it holds.
  Result<std::vector<ColdChainHold>> RecordExcursion(const ExcursionRecord& e,
                                                     const std::string& reason,
                                                     int64_t now) override {
    return db::Write(db_, [&](Connection& c) -> Result<std::vector<ColdChainHold>> {
      auto found = db::One(c, sql::kFindExcursion, ReadExcursion, e.fridge_id,
                           ExcursionKindCode(e.kind), e.from);
      if (!found) return Fail(found.error());
      bool held_before = *found && (*found)->holds;
      int64_t id = *found ? (*found)->id : 0;
      if (id == 0) {
        auto ins = db::Insert(c, sql::kInsertExcursion, e.fridge_id, ExcursionKindCode(e.kind),
                              e.from, e.to, e.extreme_tenths, e.holds);
        if (!ins) return Fail(ins.error());
        id = *ins;
      } else {
        auto upd =
            db::Exec(c, sql::kUpdateExcursion, id, e.to, e.extreme_tenths, e.holds || held_before);
        if (!upd) return Fail(upd.error());
      }
      if (!e.holds || held_before) return std::vector<ColdChainHold>();
      if (auto h = db::Exec(c, sql::kHoldFridgeLots, e.fridge_id, id, reason, now); !h)
        return Fail(h.error());
      return db::All(c, sql::kHoldsOfExcursion, ReadHold, id);
    });
  }

  Result<std::vector<ExcursionRecord>> Excursions(int64_t fridge_id, int64_t limit) override {
    return db::All(db_, sql::kExcursions, ReadExcursion, fridge_id, limit);
  }

  Result<std::optional<ColdChainHold>> ActiveHold(int64_t site_id, int64_t lot_id) override {
    return holds_.Get({site_id, lot_id},
                      [&] { return db::One(db_, sql::kActiveHold, ReadHold, site_id, lot_id); });
  }

  Result<std::optional<ColdChainHold>> FindHold(int64_t id) override {
    return db::One(db_, sql::kFindHold, ReadHold, id);
  }

  Result<std::vector<ColdChainHold>> HoldsUnder(const std::string& region,
                                                bool active_only) override {
    return db::All(db_, sql::kHoldsUnder, ReadHold, region, region + ":", active_only);
  }

  Status ReleaseHold(const ColdChainHold& h, const std::optional<StockLine>& write_off) override {
    return db_.Write([&](Connection& c) -> Status {
      auto released = db::Exec(c, sql::kReleaseHold, h.id, h.released_at, h.released_by, h.outcome,
                               h.release_reason);
      if (auto s = db::ChangedSome(released, HoldReleasedError(h.id)); !s) return s;
      if (write_off) return store::WriteStockLines(c, {*write_off});
      return {};
    });
  }

 private:
  db::Database& db_;
  store::ReferenceCache<std::pair<int64_t, int64_t>, std::optional<ColdChainHold>> holds_{db_};
};

}  // namespace

std::unique_ptr<ColdChainRepository> NewColdChainStore(db::Database& db) {
  return std::make_unique<ColdChainStore>(db);
}

}  // namespace fangkong
