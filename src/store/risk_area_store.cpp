// The risk areas' storage, written once for both engines (store/db.h).
#include "risk_areas/repository.h"
#include "store/risk_area_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

RiskLevel LevelOf(const std::string& code) {
  return ParseRiskLevel(code).value_or(RiskLevel::kLow);
}

RiskDeclaration ReadDeclaration(const Row& r) {  // FK_DECLARATION_COLUMNS
  RiskDeclaration d;
  d.id = r.Int(0);
  d.area_id = r.Int(1);
  d.level = LevelOf(r.Text(2));
  d.from = Date::Parse(r.Text(3)).value_or(Date());
  if (auto last = Date::Parse(r.Text(4))) d.last_case = *last;
  d.source = r.Text(5);
  d.note = r.Text(6);
  d.user_id = r.Int(7);
  d.at = r.Int(8);
  return d;
}

RiskArea ReadArea(const Row& r) { return RiskArea{r.Int(0), r.Text(1), r.Text(2)}; }

class RiskAreaStore final : public RiskAreaRepository {
 public:
  explicit RiskAreaStore(db::Database& db) : db_(db) {}

  Result<std::vector<DowngradeRule>> Rules() override {
    return db::All(db_, sql::kRiskRules, [](const Row& r) {
      return DowngradeRule{r.Text(0), Date::Parse(r.Text(1)).value_or(Date()), LevelOf(r.Text(2)),
                           LevelOf(r.Text(3)), static_cast<int>(r.Int(4))};
    });
  }

  // Two clerks declaring one new area at once get one row between them.
  Result<int64_t> AreaId(const RiskArea& a) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto id = db::Insert(c, sql::kInsertRiskArea, a.region_code, a.name);
      if (!id) return Fail(id.error());
      if (*id) return *id;
      return db::Count(c, sql::kFindRiskAreaByPlace, a.region_code, a.name);
    });
  }

  Result<std::optional<RiskArea>> FindArea(int64_t id) override {
    return db::One(db_, sql::kFindRiskArea, ReadArea, id);
  }

  Result<std::vector<RiskArea>> Areas() override { return db::All(db_, sql::kRiskAreas, ReadArea); }

  Result<int64_t> InsertDeclaration(const RiskDeclaration& d) override {
    return db::Insert(db_, sql::kInsertRiskDeclaration, d.area_id, RiskLevelCode(d.level),
                      d.from.Iso(), d.last_case ? d.last_case->Iso() : std::string(), d.source,
                      d.note, d.user_id, d.at);
  }

  Result<std::vector<RiskDeclaration>> Declarations() override {
    return db::All(db_, sql::kRiskDeclarations, ReadDeclaration);
  }

  Result<std::vector<RiskDeclaration>> DeclarationsOf(int64_t area_id) override {
    return db::All(db_, sql::kRiskDeclarationsOf, ReadDeclaration, area_id);
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<RiskAreaRepository> NewRiskAreaStore(db::Database& db) {
  return std::make_unique<RiskAreaStore>(db);
}

}  // namespace fangkong
