// The vaccination state's storage, written once for both engines (store/db.h).
#include "store/rows.h"
#include "store/storage.h"
#include "store/vaccination_state_sql.h"
#include "vaccination/vaccination_state.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

std::string Day(const std::optional<Date>& d) { return d ? d->Iso() : ""; }

VaccinationState ReadState(const Row& r) {  // FK_STATE_COLUMNS
  VaccinationState s;
  s.person_id = r.Int(0);
  s.disease = r.Text(1);
  s.doses = static_cast<int>(r.Int(2));
  s.first_dose = Date::Parse(r.Text(3));
  s.last_dose = Date::Parse(r.Text(4));
  s.series_complete = Date::Parse(r.Text(5));
  s.boosters = static_cast<int>(r.Int(6));
  s.last_booster = Date::Parse(r.Text(7));
  s.next_dose_number = static_cast<int>(r.Int(8));
  s.next_is_booster = r.Int(9) != 0;
  s.next_earliest = Date::Parse(r.Text(10));
  s.next_recommended = Date::Parse(r.Text(11));
  s.next_latest = Date::Parse(r.Text(12));
  s.next_open_from = Date::Parse(r.Text(13));
  s.next_open_until = Date::Parse(r.Text(14));
  s.first_booster = Date::Parse(r.Text(15));
  s.listed_from = Date::Parse(r.Text(16));
  s.listed_until = Date::Parse(r.Text(17));
  s.dose_ids = store::SplitIds(r.Text(18));
  return s;
}

class VaccinationStateStore final : public VaccinationStateRepository {
 public:
  explicit VaccinationStateStore(db::Database& db) : db_(db) {}

  Status SaveStates(const std::vector<VaccinationState>& states) override {
    return Save(states, false);
  }

  Status UpdateStates(const std::vector<VaccinationState>& states) override {
    return Save(states, true);
  }

  Result<std::optional<VaccinationState>> StateOf(int64_t person_id,
                                                  const std::string& disease) override {
    return db::One(db_, sql::kStateOf, ReadState, person_id, disease);
  }

  Result<std::vector<VaccinationState>> StatesOf(const std::vector<int64_t>& person_ids,
                                                 const std::string& disease) override {
    return db::All(db_, sql::kStatesOf, ReadState, db::IntList(db_.dialect(), person_ids), disease);
  }

  Status ForgetUnlisted(const std::vector<int64_t>& dose_ids) override {
    if (dose_ids.empty()) return {};
    auto r = db::Write(db_, [&](Connection& c) {
      return db::Exec(c, sql::kForgetUnlisted, db::IntList(db_.dialect(), dose_ids));
    });
    if (!r) return Fail(r.error());
    return {};
  }

  Result<bool> Missing() override {
    auto n = db::Read(db_, [](Connection& c) { return db::Count(c, sql::kStatesMissing); });
    if (!n) return Fail(n.error());
    return *n != 0;
  }

  Result<int64_t> EnterDueListings(Date through, int64_t batch) override {
    int64_t entered = 0;
    for (;;) {
      auto n = db::Write(db_, [&](Connection& c) {
        return db::Exec(c, sql::kEnterDueListings, through.Iso(), batch);
      });
      if (!n) return Fail(n.error());
      entered += *n;
      if (*n < batch) return entered;
    }
  }

 private:
  // Upserts each state; with `rows_exist`, an update first, which for a
  // person with a row is all the write (kUpdateState says why).
  Status Save(const std::vector<VaccinationState>& states, bool rows_exist) {
    if (states.empty()) return {};
    const std::string tomorrow = Date::TodayBeijing().AddDays(1).Iso();
    auto done = db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      for (const auto& s : states) {
        if (s.doses == 0) {
          if (auto r = db::Exec(c, sql::kRemoveState, s.person_id, s.disease); !r)
            return Fail(r.error());
          continue;
        }
        auto save = [&](const db::Sql& sql) {
          return db::Exec(c, sql, s.person_id, s.disease, s.doses, Day(s.first_dose),
                          Day(s.last_dose), Day(s.series_complete), s.boosters, Day(s.last_booster),
                          s.next_dose_number, s.next_is_booster, Day(s.next_earliest),
                          Day(s.next_recommended), Day(s.next_latest), Day(s.next_open_from),
                          Day(s.next_open_until), Day(s.first_booster), Day(s.listed_from),
                          Day(s.listed_until), tomorrow, store::JoinIds(s.dose_ids));
        };
        int64_t updated = 0;
        if (rows_exist) {
          auto r = save(sql::kUpdateState);
          if (!r) return Fail(r.error());
          updated = *r;
        }
        if (updated == 0)
          if (auto saved = save(sql::kSaveState); !saved) return Fail(saved.error());
      }
      return static_cast<int64_t>(states.size());
    });
    if (!done) return Fail(done.error());
    return {};
  }

  db::Database& db_;
};

}  // namespace

std::unique_ptr<VaccinationStateRepository> NewVaccinationStateStore(db::Database& db) {
  return std::make_unique<VaccinationStateStore>(db);
}

}  // namespace fangkong
