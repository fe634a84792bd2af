// The dose record's corrections, written once for both engines (store/db.h).
#include "store/dose_entry_sql.h"
#include "store/rows.h"
#include "store/storage.h"
#include "vaccination/dose_entry.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

// The part of a dose an entry keeps: none when the product column is empty.
std::optional<DoseRecord> ReadSide(const Row& r, int from, int64_t dose_id, int64_t person_id) {
  if (r.Text(from).empty()) return std::nullopt;
  DoseRecord d;
  d.id = dose_id;
  d.person_id = person_id;
  d.product = r.Text(from);
  d.date = Date::Parse(r.Text(from + 1)).value_or(Date());
  d.lot = r.Text(from + 2);
  d.dose_number = static_cast<int>(r.Int(from + 3));
  return d;
}

DoseEntry ReadEntry(const Row& r) {  // FK_DOSE_ENTRY_COLUMNS
  DoseEntry e;
  e.id = r.Int(0);
  e.dose_id = r.Int(1);
  e.person_id = r.Int(2);
  std::string kind = r.Text(3);
  e.kind = kind == "void"         ? DoseEntryKind::kVoid
           : kind == "correction" ? DoseEntryKind::kCorrection
                                  : DoseEntryKind::kBackEntry;
  e.before = ReadSide(r, 4, e.dose_id, e.person_id);
  e.after = ReadSide(r, 8, e.dose_id, e.person_id);
  e.reason = r.Text(12);
  e.user_id = r.Int(13);
  e.at = r.Int(14);
  return e;
}

class DoseEntryStore final : public DoseEntryRepository {
 public:
  explicit DoseEntryStore(db::Database& db) : db_(db) {}

  Result<std::optional<DoseRecord>> FindDose(int64_t id) override {
    return db::One(db_, sql::kFindDose, store::ReadDose, id);
  }

  Status UpdateDoses(const std::vector<DoseRecord>& doses) override {
    if (doses.empty()) return {};
    return db_.Write([&](Connection& c) -> Status {
      for (const auto& d : doses) {
        auto r = db::Exec(c, sql::kUpdateDose, d.id, d.product, d.date.Iso(), d.lot, d.dose_number,
                          d.booster);
        if (!r) return Fail(r.error());
      }
      return {};
    });
  }

  Status DeleteDose(int64_t id) override {
    return db_.Write([&](Connection& c) -> Status {
      auto aefi = db::One(
          c, sql::kAefiOfDose, [](const Row& r) { return r.Int(0); }, id);
      if (!aefi) return Fail(aefi.error());
      if (*aefi) {
        std::string report = std::to_string(**aefi);
        return Fail(Error::Conflict(
            "dose_has_aefi", "dose_id", std::to_string(id),
            "adverse event report " + report + " is filed against this dose: correct it instead",
            "该剂次已有疑似预防接种异常反应报告（" + report + "），不能作废，请改用更正"));
      }
      if (auto r = db::Exec(c, sql::kDeleteUnlistedDose, id); !r) return Fail(r.error());
      if (auto r = db::Exec(c, sql::kDeleteDose, id); !r) return Fail(r.error());
      return {};
    });
  }

  Result<int64_t> InsertEntry(const DoseEntry& e) override {
    auto side = [](const std::optional<DoseRecord>& d) {
      return d ? std::tuple(d->product, d->date.Iso(), d->lot, d->dose_number)
               : std::tuple(std::string(), std::string(), std::string(), 0);
    };
    auto [bp, bd, bl, bn] = side(e.before);
    auto [ap, ad, al, an] = side(e.after);
    return db::Insert(db_, sql::kInsertDoseEntry, e.dose_id, e.person_id, DoseEntryKindCode(e.kind),
                      bp, bd, bl, bn, ap, ad, al, an, e.reason, e.user_id, e.at);
  }

  Result<std::vector<DoseEntry>> EntriesOf(int64_t person_id) override {
    return db::All(db_, sql::kDoseEntriesOf, ReadEntry, person_id);
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<DoseEntryRepository> NewDoseEntryStore(db::Database& db) {
  return std::make_unique<DoseEntryStore>(db);
}

}  // namespace fangkong
