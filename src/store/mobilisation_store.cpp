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
    return db::All(db_, sql::kDosesOfPersons, store::ReadDose,
                   db::IntList(db_.dialect(), person_ids));
  }

  Result<std::vector<Visit>> ScreeningsOfPersons(const std::vector<int64_t>& person_ids) override {
    return db::All(db_, sql::kScreeningsOfPersons, store::ReadVisit,
                   db::IntList(db_.dialect(), person_ids));
  }

  Result<int64_t> InsertFollowUp(const FollowUp& f) override {
    return db::Insert(db_, sql::kInsertFollowUp, f.person_id, f.disease, f.at, f.user_id, f.method,
                      FollowUpResultCode(f.result), f.note,
                      f.next_contact ? f.next_contact->Iso() : "");
  }

  Result<std::vector<FollowUp>> FollowUpsOf(int64_t person_id) override {
    return db::All(db_, sql::kFollowUpsOf, ReadFollowUp, person_id);
  }

  Result<std::vector<FollowUp>> LatestFollowUps(const std::vector<int64_t>& person_ids,
                                                const std::string& disease) override {
    return db::All(db_, sql::kLatestFollowUps, ReadFollowUp, db::IntList(db_.dialect(), person_ids),
                   disease);
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<MobilisationRepository> NewMobilisationStore(db::Database& db) {
  return std::make_unique<MobilisationStore>(db);
}

}  // namespace fangkong
