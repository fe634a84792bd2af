// Coverage by age band, written once for both engines (store/db.h).
#include "progress/coverage.h"
#include "store/coverage_sql.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

class CoverageStore final : public CoverageRepository {
 public:
  explicit CoverageStore(db::Database& db) : db_(db) {}

  Result<std::vector<BandCoverage>> ByAgeBand(const std::string& region, const std::string& disease,
                                              Date day) override {
    std::vector<std::string> bounds;
    for (const auto& band : kAgeBands) {
      BirthRange r = BirthRangeOf(band, day);
      bounds.push_back(r.born_after.Iso());
      bounds.push_back(r.born_on_or_before.Iso());
    }
    std::vector<BandCoverage> out;
    for (const auto& band : kAgeBands) out.push_back(BandCoverage{band.label, 0, 0, 0, 0});
    auto done = db::Read(db_, [&](Connection& c) -> Result<int> {
      auto people = db::One(
          c, sql::kResidentsByAgeBand,
          [&](const Row& r) {
            for (size_t i = 0; i < out.size(); ++i) out[i].population = r.Int(static_cast<int>(i));
            return 0;
          },
          region, region + ":", bounds[0], bounds[1], bounds[2], bounds[3], bounds[4], bounds[5],
          bounds[6], bounds[7], bounds[8], bounds[9]);
      if (!people) return Fail(people.error());
      auto most = store::HoldsMostPeople(c, region);
      if (!most) return Fail(most.error());
      auto dosed = db::One(
          c, *most ? sql::kVaccinatedByAgeBand : sql::kVaccinatedOfPeopleByAgeBand,
          [&](const Row& r) {
            for (size_t i = 0; i < out.size(); ++i) {
              int k = static_cast<int>(3 * i);
              out[i].first_dose = r.Int(k);
              out[i].full_series = r.Int(k + 1);
              out[i].booster = r.Int(k + 2);
            }
            return 0;
          },
          region, region + ":", bounds[0], bounds[1], bounds[2], bounds[3], bounds[4], bounds[5],
          bounds[6], bounds[7], bounds[8], bounds[9], day.Iso(), disease);
      if (!dosed) return Fail(dosed.error());
      return 0;
    });
    if (!done) return Fail(done.error());
    return out;
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<CoverageRepository> NewCoverageStore(db::Database& db) {
  return std::make_unique<CoverageStore>(db);
}

}  // namespace fangkong
