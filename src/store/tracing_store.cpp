// The contact tracing's storage, written once for both engines (store/db.h).
#include "store/storage.h"
#include "store/tracing_sql.h"
#include "tracing/repository.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

Case ReadCase(const Row& r) {  // FK_CASE_COLUMNS
  Case c;
  c.id = r.Int(0);
  c.person_id = r.Int(1);
  c.code = r.Text(2);
  c.kind = ParseCaseKind(r.Text(3)).value_or(CaseKind::kConfirmed);
  c.region_code = r.Text(4);
  c.reported_at = r.Int(5);
  c.recorded_by = r.Int(6);
  c.note = r.Text(7);
  return c;
}

ContactEdge ReadEdge(const Row& r) {  // FK_EDGE_COLUMNS
  ContactEdge e;
  e.id = r.Int(0);
  e.case_id = r.Int(1);
  e.source_person = r.Int(2);
  e.contact_person = r.Int(3);
  e.type = ParseContactType(r.Text(4)).value_or(ContactType::kGeneral);
  e.exposure_at = r.Int(5);
  e.place = r.Text(6);
  e.certainty = ParseCertainty(r.Text(7)).value_or(Certainty::kPossible);
  e.derived = r.Int(8) != 0;
  e.confirmed_by = r.Int(9);
  e.recorded_at = r.Int(10);
  e.recorded_by = r.Int(11);
  return e;
}

class TracingStore final : public TracingRepository {
 public:
  explicit TracingStore(db::Database& db) : db_(db) {}

  Result<int64_t> InsertCase(const Case& c) override {
    auto id = db::Insert(db_, sql::kInsertCase, c.person_id, c.code, CaseKindCode(c.kind),
                         c.region_code, c.reported_at, c.recorded_by, c.note);
    if (!id) {
      return Fail(db::UniqueAs(
          id.error(), Error::Conflict("duplicate_case_code", "code", c.code,
                                      "a case has this number already", "该病例编号已存在")));
    }
    return id;
  }

  Result<std::optional<Case>> FindCase(int64_t id) override {
    return db::One(db_, sql::kFindCase, ReadCase, id);
  }

  Result<std::vector<Case>> CasesIn(const std::string& region_prefix) override {
    return db::All(db_, sql::kCasesIn, ReadCase, region_prefix, region_prefix + ":");
  }

  Result<std::vector<Case>> CasesOfPeople(const std::vector<int64_t>& person_ids) override {
    if (person_ids.empty()) return std::vector<Case>{};
    return db::All(db_, sql::kCasesOfPeople, ReadCase, db::IntList(db_.dialect(), person_ids));
  }

  Result<int64_t> InsertEvent(const CaseEvent& e) override {
    return db::Insert(db_, sql::kInsertCaseEvent, e.case_id, e.from_at, e.until_at, e.place,
                      e.note);
  }

  Result<std::vector<CaseEvent>> EventsOf(int64_t case_id) override {
    return db::All(
        db_, sql::kEventsOfCase,
        [](const Row& r) {
          return CaseEvent{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Text(4), r.Text(5)};
        },
        case_id);
  }

  Status InsertContacts(std::vector<ContactEdge>& edges) override {
    return db::Write(db_, [&](Connection& c) -> Status {
      for (auto& e : edges) {
        auto id =
            db::Insert(c, sql::kInsertContact, e.case_id, e.source_person, e.contact_person,
                       ContactTypeCode(e.type), e.exposure_at, e.place, CertaintyCode(e.certainty),
                       e.derived ? 1 : 0, e.confirmed_by, e.recorded_at, e.recorded_by);
        if (!id) {
          return Fail(db::UniqueAs(
              id.error(),
              Error::Conflict("duplicate_contact", "person_id", std::to_string(e.contact_person),
                              "this contact is recorded in the tracing already",
                              "该接触关系已登记")));
        }
        e.id = *id;
      }
      return {};
    });
  }

  Result<std::vector<ContactEdge>> ContactsOfCase(int64_t case_id) override {
    return db::All(db_, sql::kContactsOfCase, ReadEdge, case_id);
  }

  Result<std::vector<ContactEdge>> EdgesTouching(const std::vector<int64_t>& people) override {
    if (people.empty()) return std::vector<ContactEdge>{};
    return db::All(db_, sql::kEdgesTouching, ReadEdge, db::IntList(db_.dialect(), people));
  }

  Result<std::optional<ContactEdge>> FindContact(int64_t id) override {
    return db::One(db_, sql::kFindContact, ReadEdge, id);
  }

  Status ConfirmContact(int64_t id, int64_t by) override {
    return db::ChangedSome(db::Exec(db_, sql::kConfirmContact, id, by),
                           Error::Conflict("not_derived", "contact_id", std::to_string(id),
                                           "the contact is confirmed already", "该接触关系已确认"));
  }

  Result<std::vector<TracedPerson>> People(const std::vector<int64_t>& ids) override {
    if (ids.empty()) return std::vector<TracedPerson>{};
    return db::All(
        db_, sql::kTracedPeople,
        [](const Row& r) {
          return TracedPerson{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), false};
        },
        db::IntList(db_.dialect(), ids));
  }

  Result<std::vector<DeadlineRule>> DeadlineRules() override {
    return db::All(db_, sql::kDeadlineRules, [](const Row& r) {
      return DeadlineRule{r.Text(0), r.Text(1), static_cast<int>(r.Int(2)),
                          static_cast<int>(r.Int(3))};
    });
  }

  Result<std::vector<Milestone>> MilestonesOf(int64_t case_id) override {
    return db::All(
        db_, sql::kMilestonesOf,
        [](const Row& r) {
          return Milestone{r.Text(0), r.Int(1), r.Int(2)};
        },
        case_id);
  }

  Status RecordMilestone(int64_t case_id, const Milestone& m) override {
    return db::Done(db::Exec(db_, sql::kRecordMilestone, case_id, m.code, m.done_at, m.done_by));
  }

  Result<std::map<int64_t, int64_t>> CentralQuarantineTimes(
      const std::vector<int64_t>& people) override {
    std::map<int64_t, int64_t> out;
    if (people.empty()) return out;
    auto rows = db::All(
        db_, sql::kCentralQuarantineTimes,
        [](const Row& r) { return std::pair<int64_t, int64_t>(r.Int(0), r.Int(1)); },
        db::IntList(db_.dialect(), people));
    if (!rows) return Fail(rows.error());
    for (const auto& [p, at] : *rows) out[p] = at;
    return out;
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<TracingRepository> NewTracingStore(db::Database& db) {
  return std::make_unique<TracingStore>(db);
}

}  // namespace fangkong
