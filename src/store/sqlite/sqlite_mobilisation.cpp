#include "store/sqlite/sqlite_mobilisation.h"

#include "store/rows.h"
#include "store/sqlite/sqlite_mobilisation_sql.h"

namespace fangkong::sqlite {

namespace {

namespace q = sqlite_sql;

template <typename T, typename Read>
std::vector<T> ReadAll(Stmt& s, Read read) {
  std::vector<T> out;
  while (s.Step() == SQLITE_ROW)
    out.push_back(read([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); }));
  return out;
}

}  // namespace

Result<std::vector<DoseRecord>> Mobilisation::DosesOfPersons(
    const std::vector<int64_t>& person_ids) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kDosesOfPersons);
  s.Bind(1, store::JsonIdArray(person_ids));
  return ReadAll<DoseRecord>(s, [](auto i, auto t) { return store::DoseFromColumns(i, t); });
}

Result<std::vector<Visit>> Mobilisation::ScreeningsOfPersons(
    const std::vector<int64_t>& person_ids) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kScreeningsOfPersons);
  s.Bind(1, store::JsonIdArray(person_ids));
  return ReadAll<Visit>(s, [](auto i, auto t) { return store::VisitFromColumns(i, t); });
}

Result<int64_t> Mobilisation::InsertFollowUp(const FollowUp& f) {
  int64_t id = 0;
  auto done = db_.Grouped([&](Connection& w) -> Status {
    auto s = w.Prepare(q::kInsertFollowUp);
    s.Bind(1, f.person_id)
        .Bind(2, f.disease)
        .Bind(3, f.at)
        .Bind(4, f.user_id)
        .Bind(5, f.method)
        .Bind(6, FollowUpResultCode(f.result))
        .Bind(7, f.note)
        .Bind(8, f.next_contact ? f.next_contact->Iso() : "");
    if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "recording a follow-up"));
    id = w.LastInsertRowId();
    return {};
  });
  if (!done) return Fail(done.error());
  return id;
}

Result<std::vector<FollowUp>> Mobilisation::FollowUpsOf(int64_t person_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFollowUpsOf);
  s.Bind(1, person_id);
  return ReadAll<FollowUp>(s, [](auto i, auto t) { return store::FollowUpFromColumns(i, t); });
}

Result<std::vector<FollowUp>> Mobilisation::LatestFollowUps(const std::vector<int64_t>& person_ids,
                                                            const std::string& disease) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kLatestFollowUps);
  s.Bind(1, store::JsonIdArray(person_ids)).Bind(2, disease);
  return ReadAll<FollowUp>(s, [](auto i, auto t) { return store::FollowUpFromColumns(i, t); });
}

}  // namespace fangkong::sqlite
