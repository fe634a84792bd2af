// Organisations on either engine. An employer's industry and county place
// its resident employees' department figures and counts (progress/figures.h
// IndustryFigureKey), so storing or editing one moves those with it.
#include "progress/figures.h"
#include "registry/organisation.h"
#include "store/reference_cache.h"
#include "store/registry_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;

Organisation ReadOrganisation(const db::Row& r) {
  Organisation o{r.Int(0), r.Text(1), OrganisationKind::kEmployer, r.Text(3), r.Text(4), r.Text(5)};
  ParseOrganisationKind(r.Text(2), o.kind);
  return o;
}

// Whether an edit from `before` to `after` moves the employees' figures:
// they are kept per industry at the employer's county.
bool MovesEmployees(const Organisation& before, const Organisation& after) {
  return before.industry != after.industry ||
         CohortPlace(before.region_code) != CohortPlace(after.region_code);
}

class OrganisationStore final : public OrganisationRepository {
 public:
  explicit OrganisationStore(db::Database& db) : db_(db) {}

  // People may name an employer's number before it is stored: with an
  // industry, it takes in their count and figures as it is stored.
  Result<int64_t> InsertOrganisation(const Organisation& o) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      if (auto l = db::Exec(c, sql::kLockPersonWrite); !l) return Fail(l.error());
      auto id = db::Insert(c, sql::kInsertOrganisation, o.name, OrganisationKindCode(o.kind),
                           o.industry, o.region_code, o.credit_code);
      if (!id) return Fail(db::UniqueAs(id.error(), DuplicateCreditCode(o.credit_code)));
      if (o.industry.empty()) return id;
      if (auto s = CountEmployees(c, *id, +1); !s) return Fail(s.error());
      return id;
    });
  }

  // Takes the person writes' lock alone (as a batch does), so no employee
  // joins or leaves between the figures taken out and put back.
  Status UpdateOrganisation(const Organisation& o) override {
    return db::Done(db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      if (auto l = db::Exec(c, sql::kLockPersonBatch); !l) return Fail(l.error());
      auto before = db::One(c, sql::kFindOrganisation, ReadOrganisation, o.id);
      if (!before) return Fail(before.error());
      if (!*before) return Fail(Error::NotFound("organisation", std::to_string(o.id)));
      bool moves = MovesEmployees(**before, o);
      if (moves)
        if (auto s = CountEmployees(c, o.id, -1); !s) return Fail(s.error());
      auto updated =
          db::Exec(c, sql::kUpdateOrganisation, o.id, o.name, OrganisationKindCode(o.kind),
                   o.industry, o.region_code, o.credit_code);
      if (!updated) return Fail(db::UniqueAs(updated.error(), DuplicateCreditCode(o.credit_code)));
      if (moves)
        if (auto s = CountEmployees(c, o.id, +1); !s) return Fail(s.error());
      return *updated;
    }));
  }

  // A visit reads the employer of each employee it doses (their industry's
  // figures): kept within the single writer's units of work.
  Result<std::optional<Organisation>> FindOrganisation(int64_t id) override {
    return organisations_.Get(
        id, [&] { return db::One(db_, sql::kFindOrganisation, ReadOrganisation, id); });
  }

  Result<std::vector<Organisation>> OrganisationsUnder(const std::string& region,
                                                       const std::string& kind,
                                                       int64_t limit) override {
    return db::All(db_, sql::kOrganisationsUnder, ReadOrganisation, region, region + ":", kind,
                   limit);
  }

 private:
  // Counts the resident employees of `id` in (`sign` +1) or out (-1) of
  // its industry at its county, with their figures.
  static Status CountEmployees(Connection& c, int64_t id, int sign) {
    if (auto r = db::Exec(c, sql::kCountEmployeesOf, id, sign); !r) return Fail(r.error());
    return db::Done(db::Exec(c, sql::kIndustryFiguresOfEmployees, id, sign));
  }

  db::Database& db_;
  store::ReferenceCache<int64_t, std::optional<Organisation>> organisations_{db_};
};

}  // namespace

std::unique_ptr<OrganisationRepository> NewOrganisationStore(db::Database& db) {
  return std::make_unique<OrganisationStore>(db);
}

}  // namespace fangkong
