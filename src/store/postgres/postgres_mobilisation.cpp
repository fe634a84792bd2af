#include "store/postgres/postgres_mobilisation.h"

#include "store/postgres/postgres_mobilisation_sql.h"
#include "store/rows.h"

namespace fangkong::pg {

namespace {

namespace q = postgres_sql;

template <typename T, typename Read>
std::vector<T> ReadAll(const pqxx::result& rows, Read read) {
  std::vector<T> out;
  for (const auto& r : rows)
    out.push_back(read([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); }));
  return out;
}

}  // namespace

Result<std::vector<DoseRecord>> Mobilisation::DosesOfPersons(
    const std::vector<int64_t>& person_ids) {
  return db_.Read<std::vector<DoseRecord>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return ReadAll<DoseRecord>(Run(c, tx, q::kDosesOfPersons, IdArray(person_ids)),
                               [](auto i, auto t) { return store::DoseFromColumns(i, t); });
  });
}

Result<std::vector<Visit>> Mobilisation::ScreeningsOfPersons(
    const std::vector<int64_t>& person_ids) {
  return db_.Read<std::vector<Visit>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return ReadAll<Visit>(Run(c, tx, q::kScreeningsOfPersons, IdArray(person_ids)),
                          [](auto i, auto t) { return store::VisitFromColumns(i, t); });
  });
}

Result<int64_t> Mobilisation::InsertFollowUp(const FollowUp& f) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    return Int(Run(c, tx, q::kInsertFollowUp, f.person_id, f.disease, f.at, f.user_id, f.method,
                   std::string(FollowUpResultCode(f.result)), f.note,
                   f.next_contact ? f.next_contact->Iso() : std::string())[0][0]);
  });
}

Result<std::vector<FollowUp>> Mobilisation::FollowUpsOf(int64_t person_id) {
  return db_.Read<std::vector<FollowUp>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return ReadAll<FollowUp>(Run(c, tx, q::kFollowUpsOf, person_id),
                             [](auto i, auto t) { return store::FollowUpFromColumns(i, t); });
  });
}

Result<std::vector<FollowUp>> Mobilisation::LatestFollowUps(const std::vector<int64_t>& person_ids,
                                                            const std::string& disease) {
  return db_.Read<std::vector<FollowUp>>([&](Connection& c, pqxx::dbtransaction& tx) {
    return ReadAll<FollowUp>(Run(c, tx, q::kLatestFollowUps, IdArray(person_ids), disease),
                             [](auto i, auto t) { return store::FollowUpFromColumns(i, t); });
  });
}

}  // namespace fangkong::pg
