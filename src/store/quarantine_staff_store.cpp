// The quarantine sites' staff storage, written once for both engines
// (store/db.h).
#include "quarantine/repository.h"
#include "store/quarantine_staff_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Row;

QuarantineStaff ReadStaff(const Row& r) {  // FK_STAFF_COLUMNS
  QuarantineStaff s;
  s.id = r.Int(0);
  s.site_id = r.Int(1);
  s.name = r.Text(2);
  s.phone = r.Text(3);
  s.duty = ParseQuarantineDuty(r.Text(4)).value_or(QuarantineDuty::kMedical);
  s.from = Date::Parse(r.Text(5)).value_or(Date());
  if (auto until = Date::Parse(r.Text(6))) s.until = *until;
  s.test_every_days = static_cast<int>(r.Int(7));
  return s;
}

StaffTest ReadTest(const Row& r) {
  StaffTest t;
  t.id = r.Int(0);
  t.staff_id = r.Int(1);
  t.site_id = r.Int(2);
  t.day = Date::Parse(r.Text(3)).value_or(Date());
  t.result = ParseStaffTestResult(r.Text(4)).value_or(StaffTestResult::kPending);
  t.recorded_at = r.Int(5);
  t.recorded_by = r.Int(6);
  return t;
}

class QuarantineStaffStore final : public QuarantineStaffRepository {
 public:
  explicit QuarantineStaffStore(db::Database& db) : db_(db) {}

  Result<int64_t> InsertStaff(const QuarantineStaff& s) override {
    return db::Insert(db_, sql::kInsertQuarantineStaff, s.site_id, s.name, s.phone, QuarantineDutyCode(s.duty),
                      s.from.Iso(), s.until ? s.until->Iso() : std::string(), s.test_every_days);
  }

  Result<std::optional<QuarantineStaff>> FindStaff(int64_t id) override {
    return db::One(db_, sql::kFindQuarantineStaff, ReadStaff, id);
  }

  Result<std::vector<QuarantineStaff>> StaffOf(int64_t site_id) override {
    return db::All(db_, sql::kQuarantineStaffOf, ReadStaff, site_id);
  }

  Result<int64_t> InsertStaffTest(const StaffTest& t) override {
    auto id = db::Insert(db_, sql::kInsertStaffTest, t.staff_id, t.site_id, t.day.Iso(),
                         StaffTestResultCode(t.result), t.recorded_at, t.recorded_by);
    if (!id) {
      return Fail(db::UniqueAs(id.error(), Error::Conflict("staff_tested", "day", t.day.Iso(),
                                                           "a test of this day is recorded already",
                                                           "该工作人员当天的检测已登记")));
    }
    return id;
  }

  Result<int64_t> SetStaffTestResult(const StaffTest& t) override {
    return db::Write(db_, [&](db::Connection& c) -> Result<int64_t> {
      auto id = db::One(
          c, sql::kSetStaffTestResult, [](const Row& r) { return r.Int(0); }, t.staff_id,
          t.day.Iso(), StaffTestResultCode(t.result), t.recorded_at, t.recorded_by);
      if (!id) return Fail(id.error());
      return id->value_or(0);
    });
  }

  Result<std::vector<StaffTest>> StaffTestsOf(int64_t site_id, Date from, Date until) override {
    return db::All(db_, sql::kStaffTestsOf, ReadTest, site_id, from.Iso(), until.Iso());
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<QuarantineStaffRepository> NewQuarantineStaffStore(db::Database& db) {
  return std::make_unique<QuarantineStaffStore>(db);
}

}  // namespace fangkong
