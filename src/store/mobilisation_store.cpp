// The mobilisation lists' storage, on either engine: the doses and
// screenings of a page of people in one statement each, and follow-ups.
#include "store/mobilisation_sql.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Row;

FollowUp ReadFollowUp(const Row& r) {  // FK_FOLLOW_UP_COLUMNS
  auto result = ParseFollowUpResult(r.Text(6)).value_or(FollowUpResult::kOther);
  auto next = Date::Parse(r.Text(8));
  return FollowUp{r.Int(0),  r.Int(1), r.Text(2), r.Int(3), r.Int(4),
                  r.Text(5), result,   r.Text(7), next};
}

class MobilisationStore final : public MobilisationRepository {
 public:
  explicit MobilisationStore(db::Database& db) : db_(db) {}

  Result<std::vector<DoseRecord>> DosesOfPersons(const std::vector<int64_t>& person_ids) override {
    return store::DosesOfPeople(db_, person_ids);
  }

  Result<int64_t> DoseCount() override {
    return db::Read(db_, [](db::Connection& c) { return db::Count(c, sql::kDoseCount); });
  }

  Result<std::vector<Visit>> ScreeningsOfPersons(const std::vector<int64_t>& person_ids) override {
    return db::All(db_, sql::kScreeningsOfPersons, store::ReadVisit,
                   db::IntList(db_.dialect(), person_ids));
  }

  Result<int64_t> InsertFollowUp(const FollowUp& f) override {
    return db::Write(db_, [&](db::Connection& c) -> Result<int64_t> {
      if (auto r = db::Exec(c, sql::kLockPersonForFollowUp, f.person_id); !r)
        return Fail(r.error());
      if (auto r = db::Exec(c, sql::kUnmarkLatestFollowUp, f.person_id, f.disease); !r)
        return Fail(r.error());
      return db::Insert(c, sql::kInsertFollowUp, f.person_id, f.disease, f.at, f.user_id, f.method,
                        FollowUpResultCode(f.result), f.note,
                        f.next_contact ? f.next_contact->Iso() : "");
    });
  }

  Result<std::vector<FollowUp>> FollowUpsOf(int64_t person_id) override {
    return db::All(db_, sql::kFollowUpsOf, ReadFollowUp, person_id);
  }

  Result<std::vector<FollowUp>> LatestFollowUps(const std::vector<int64_t>& person_ids,
                                                const std::string& disease) override {
    return db::All(db_, sql::kLatestFollowUps, ReadFollowUp, db::IntList(db_.dialect(), person_ids),
                   disease);
  }

  Result<std::vector<FollowUp>> LatestFollowUpsIn(const std::string& region,
                                                  const std::string& disease) override {
    return db::All(db_, sql::kLatestFollowUpsIn, ReadFollowUp, region, region + ":", disease);
  }

  Result<int64_t> CountOutsideFirstDoseAges(const StoredListQuery& q) override {
    return db::Read(db_, [&](db::Connection& c) {
      return db::Count(c, sql::kCountOutsideFirstDoseAges, q.region, q.region + ":",
                       q.of_age.born_after.Iso(), q.of_age.born_on_or_before.Iso(), q.disease);
    });
  }

  Result<int64_t> CountScreened(const StoredListQuery& q) override {
    return db::Read(db_, [&](db::Connection& c) -> Result<int64_t> {
      if (q.kind == MobilisationKind::kUnvaccinated) {
        return db::Count(c, sql::kCountScreenedUnvaccinated, q.region, q.region + ":",
                         q.of_age.born_after.Iso(), q.of_age.born_on_or_before.Iso(), q.disease,
                         q.today.Iso());
      }
      return db::Count(c, sql::kCountScreenedDueAndLate, q.region, q.region + ":", Booster(q),
                       q.disease, q.today.Iso());
    });
  }

  Result<int64_t> CountReasoned(const StoredListQuery& q,
                                const std::vector<std::string>& reasons) override {
    auto codes = db::TextList(db_.dialect(), reasons);
    return db::Read(db_, [&](db::Connection& c) -> Result<int64_t> {
      if (q.kind == MobilisationKind::kUnvaccinated) {
        return db::Count(c, sql::kCountReasonedUnvaccinated, q.region, q.region + ":",
                         q.of_age.born_after.Iso(), q.of_age.born_on_or_before.Iso(), q.disease,
                         q.today.Iso(), codes);
      }
      return db::Count(c, sql::kCountReasonedDueAndLate, q.region, q.region + ":", Booster(q),
                       q.disease, q.today.Iso(), codes);
    });
  }

  Result<std::vector<Person>> PageOfList(const StoredListQuery& q, int64_t offset, int64_t limit,
                                         const std::vector<std::string>& reasons) override {
    auto codes = db::TextList(db_.dialect(), reasons);
    if (q.kind == MobilisationKind::kUnvaccinated) {
      return db::All(db_, sql::kUnvaccinatedPage, store::ReadPerson, q.region, q.region + ":",
                     q.of_age.born_after.Iso(), q.of_age.born_on_or_before.Iso(), q.disease,
                     q.today.Iso(), limit, codes, offset);
    }
    return db::All(db_, sql::kDueAndLatePage, store::ReadPerson, q.region, q.region + ":",
                   Booster(q), q.disease, q.today.Iso(), limit, codes, offset);
  }

  Result<std::vector<Person>> PersonsByIds(const std::vector<int64_t>& ids) override {
    return db::All(db_, sql::kPersonsByIds, store::ReadPerson, db::IntList(db_.dialect(), ids));
  }

  Result<std::vector<Person>> EmployeesIn(const std::string& region, int64_t employer_id) override {
    return db::All(db_, sql::kEmployeesIn, store::ReadPerson, region, region + ":", employer_id);
  }

 private:
  static int64_t Booster(const StoredListQuery& q) {
    return q.kind == MobilisationKind::kBooster ? 1 : 0;
  }

  db::Database& db_;
};

}  // namespace

std::unique_ptr<MobilisationRepository> NewMobilisationStore(db::Database& db) {
  return std::make_unique<MobilisationStore>(db);
}

}  // namespace fangkong
