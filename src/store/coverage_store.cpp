// Coverage by age band, written once for both engines (store/db.h).
#include "progress/coverage.h"
#include "progress/figures.h"
#include "store/coverage_sql.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

// The residents of [region, region:) born from `from` to `to`, both
// included, and those of them dosed by `day`.
Result<CohortCounts> ResidentsBornBetween(Connection& c, const std::string& region,
                                          const std::string& disease, Date day, Date from,
                                          Date to) {
  return db::One(
             c, sql::kResidentsBornBetween,
             [](const Row& r) {
               return CohortCounts{r.Int(0), r.Int(1), r.Int(2), r.Int(3)};
             },
             region, region + ":", from.Iso(), to.Iso(), day.Iso(), disease)
      .transform([](auto&& row) { return row.value_or(CohortCounts{}); });
}

// Each birth year's residents of a county or more (cohort_residents) and
// those dosed by `day` (the cohort figures), then the parts of the edge
// years from the people born in them: of the two parts an edge cuts its
// year into, the shorter is read, and the other is the year less it.
Result<std::vector<BandCoverage>> FromCohorts(Connection& c, const std::string& region,
                                              const std::string& disease, Date day) {
  auto residents = db::All(
      c, sql::kCohortResidents,
      [](const Row& r) { return std::pair(static_cast<int>(r.Int(0)), r.Int(1)); }, region,
      region + ":");
  if (!residents) return Fail(residents.error());
  std::map<int, CohortCounts> years;
  for (const auto& [year, n] : *residents) years[year].residents = n;
  std::vector<FigureAsOf> asked;
  for (const auto& [year, counts] : years)
    for (Figure f : {Figure::kFirstDose, Figure::kFullSeries, Figure::kBooster})
      asked.push_back({CohortFigureKey(disease, f, year), region, day});
  auto dosed = store::FiguresAsOf(c, asked);
  if (!dosed) return Fail(dosed.error());
  size_t at = 0;
  for (auto& [year, counts] : years) {
    counts.first_dose = (*dosed)[at++];
    counts.full_series = (*dosed)[at++];
    counts.booster = (*dosed)[at++];
  }
  std::map<Date, CohortCounts> born_by_edge;
  for (Date edge : BandEdges(day)) {
    const int y = edge.year();
    const Date first = *Date::FromYmd(y, 1, 1), last = *Date::FromYmd(y, 12, 31);
    const bool early = edge.days() - first.days() < last.days() - edge.days();
    auto part = early ? ResidentsBornBetween(c, region, disease, day, first, edge)
                      : ResidentsBornBetween(c, region, disease, day, edge.AddDays(1), last);
    if (!part) return Fail(part.error());
    if (early) {
      born_by_edge[edge] = *part;
    } else {
      auto whole = years.find(y);
      CohortCounts n = whole == years.end() ? CohortCounts{} : whole->second;
      n -= *part;
      born_by_edge[edge] = n;
    }
  }
  return CoverageFromCohorts(day, years, born_by_edge);
}

class CoverageStore final : public CoverageRepository {
 public:
  explicit CoverageStore(db::Database& db) : db_(db) {}

  Result<std::vector<BandCoverage>> ByAgeBand(const std::string& region, const std::string& disease,
                                              Date day) override {
    if (region.size() > kCohortPlaceLength) return CountedByAgeBand(region, disease, day);
    return db::Read(db_, [&](Connection& c) { return FromCohorts(c, region, disease, day); });
  }

  Result<std::vector<BandCoverage>> CountedByAgeBand(const std::string& region,
                                                     const std::string& disease,
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
      // PostgreSQL reads a subtree's states from their index by place
      // (migration 0051); SQLite has none, and reads each state of a small
      // subtree's people by its key.
      auto most = c.dialect() == db::Dialect::kPostgres ? Result<bool>(true)
                                                        : store::HoldsMostPeople(c, region);
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
