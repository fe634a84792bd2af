// The embedded engine: one SQLite file in WAL mode, one writer connection
// (SQLite allows one writer at a time anyway) and a pool of readers.
#include <algorithm>
#include <charconv>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "core/date.h"
#include "store/embedded.h"
#include "store/sqlite/sqlite_safety.h"
#include "store/sqlite/sqlite_mobilisation.h"
#include "store/rows.h"
#include "store/sqlite/sqlite_handle.h"
#include "store/sqlite/sqlite_vaccination.h"
#include "store/sqlite/sqlite_sql.h"
#include "store/store.h"

namespace fangkong {

namespace {

using sqlite::Connection;
using sqlite::Stmt;
using sqlite::DbError;
using sqlite::Transaction;
namespace q = sqlite_sql;

int VersionOf(std::string_view file_name) {
  int v = 0;
  std::from_chars(file_name.data(), file_name.data() + file_name.size(), v);
  return v;
}

Person ReadPerson(Stmt& s) {
  return store::PersonFromColumns(s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5),
                                  s.Text(6), s.Text(7), s.Text(8), s.Text(9), s.Int(10),
                                  s.Text(11), s.Text(12), s.Int(13));
}

void BindPerson(Stmt& s, const Person& p, int64_t now) {
  s.Bind(1, DocumentTypeCode(p.doc_type))
      .Bind(2, p.doc_number)
      .Bind(3, p.name)
      .Bind(4, SexCode(p.sex))
      .Bind(5, p.birth_date.Iso())
      .Bind(6, p.phone)
      .Bind(7, p.region_code)
      .Bind(8, ResidencyCode(p.residency))
      .Bind(9, p.household)
      .Bind(10, p.employer_id)
      .Bind(11, p.occupation)
      .Bind(12, store::JoinTags(p.tags))
      .Bind(13, static_cast<int64_t>(p.ContentHash()))
      .Bind(14, now);
}

Region ReadRegion(Stmt& s) {
  return Region{s.Text(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3))};
}

User ReadUser(Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.username = s.Text(1);
  u.display_name = s.Text(2);
  u.role = ParseRole(s.Text(3)).value_or(Role::kLeader);
  u.region_code = s.Text(4);
  u.org_id = s.Int(5);
  u.active = s.Int(6) != 0;
  return u;
}

Organisation ReadOrganisation(Stmt& s) {
  Organisation o;
  o.id = s.Int(0);
  o.name = s.Text(1);
  ParseOrganisationKind(s.Text(2), o.kind);
  o.industry = s.Text(3);
  o.region_code = s.Text(4);
  o.credit_code = s.Text(5);
  return o;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path) : db_(std::move(path)), vaccination_(db_), safety_(db_), mobilisation_(db_) {}
  VaccinationRepository& vaccination() override { return vaccination_; }
  ColdChainRepository& cold_chain() override { return vaccination_; }
  AefiRepository& aefi() override { return safety_; }
  AlertRepository& alerts() override { return safety_; }
  MobilisationRepository& mobilisation() override { return mobilisation_; }

  std::string Engine() const override { return "sqlite"; }

  Result<int> Migrate() override {
    auto lock = db_.LockWriter();
    if (auto e = db_.writer.Exec(q::kCreateMigrations); !e.empty()) return Fail(Error::Internal(e));
    int current = CurrentVersion(db_.writer);
    int applied = 0;
    for (const auto& m : SqliteMigrations()) {
      int v = VersionOf(m.name);
      if (v <= current) continue;
      Transaction tx(db_.writer);
      if (auto e = db_.writer.Exec(m.content); !e.empty()) {
        return Fail(Error::Internal("migration " + std::string(m.name) + " failed: " + e));
      }
      auto rec = db_.writer.Prepare(q::kRecordMigration);
      rec.Bind(1, v).Bind(2, m.name).Bind(3, NowUnixSeconds());
      if (rec.Step() != SQLITE_DONE || !tx.Commit()) return Fail(DbError(db_.writer, "migrating"));
      ++applied;
    }
    return applied;
  }

  Status Atomically(const std::function<Status()>& work) override {
    return db_.Grouped([&](Connection&) { return work(); });
  }

  Result<int> SchemaVersion() override {
    auto lease = db_.Reader();
    return CurrentVersion(*lease);
  }

  // ---- regions
  Status UpsertRegions(const std::vector<Region>& regions) override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    for (const auto& r : regions) {
      auto s = db_.writer.Prepare(q::kUpsertRegion);
      s.Bind(1, r.code).Bind(2, r.name).Bind(3, r.parent_code).Bind(4, r.level);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "storing regions"));
    }
    if (!tx.Commit()) return Fail(DbError(db_.writer, "storing regions"));
    return {};
  }

  Result<std::optional<Region>> FindRegion(const std::string& code) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kFindRegion);
    s.Bind(1, code);
    if (s.Step() == SQLITE_ROW) return std::optional<Region>(ReadRegion(s));
    return std::optional<Region>();
  }

  Result<std::vector<Region>> Children(const std::string& code) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kRegionChildren);
    s.Bind(1, code);
    return CollectRegions(s);
  }

  Result<std::vector<Region>> Subtree(const std::string& code) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kRegionSubtree);
    s.Bind(1, code).Bind(2, code + ":");
    return CollectRegions(s);
  }

  Result<std::vector<std::pair<std::string, PopulationCounts>>> LeafPopulation(
      const std::string& code) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kLeafPopulation);
    s.Bind(1, code).Bind(2, code + ":");
    std::vector<std::pair<std::string, PopulationCounts>> out;
    while (s.Step() == SQLITE_ROW) {
      out.emplace_back(s.Text(0), PopulationCounts{s.Int(1), s.Int(2), s.Int(3), s.Int(4),
                                                   s.Int(5), s.Int(6)});
    }
    return out;
  }

  Result<int64_t> CountRegions() override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kCountRegions);
    s.Step();
    return s.Int(0);
  }

  // ---- persons
  Result<std::optional<Person>> FindById(int64_t id) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kPersonById);
    s.Bind(1, id);
    if (s.Step() == SQLITE_ROW) return std::optional<Person>(ReadPerson(s));
    return std::optional<Person>();
  }

  Result<std::optional<Person>> FindByDocument(const std::string& doc) override {
    auto c = db_.Reader();
    // Nearly every lookup is a resident identity number: an exact index probe.
    {
      auto s = c->Prepare(q::kPersonByDocument);
      s.Bind(1, doc);
      if (s.Step() == SQLITE_ROW) return std::optional<Person>(ReadPerson(s));
    }
    auto s = c->Prepare(q::kPersonByOtherDocument);
    s.Bind(1, doc);
    if (s.Step() == SQLITE_ROW) return std::optional<Person>(ReadPerson(s));
    return std::optional<Person>();
  }

  // Whether the subtree holds more than a third of everyone: then a filter
  // that must look at every row of it reads the table in its own order
  // (sqlite_sql.h). On a million people, visiting a subtree's rows in region
  // order cost the server about 0.55 us a row, reading the whole table
  // 0.2 us a row of the table (bench/RESULTS.md).
  static bool IsMostOfTheTable(Connection& c, const std::string& region) {
    auto s = c.Prepare(q::kSubtreeAndAllPeople);
    s.Bind(1, region).Bind(2, region + ":");
    if (s.Step() != SQLITE_ROW) return false;
    return s.Int(0) * 3 > s.Int(1);
  }

  Result<PersonPage> Search(const PersonFilter& f) override {
    auto c = db_.Reader();
    auto bind = [&](Stmt& s) {
      s.Bind(1, f.region).Bind(2, f.region + ":");
      s.Bind(3, f.name_prefix.empty() ? "" : store::PrefixPattern(f.name_prefix));
      s.Bind(4, f.tags.empty() ? "" : store::TagsPattern(f.tags));
      s.Bind(5, f.born_after ? f.born_after->Iso() : "");
      s.Bind(6, f.born_on_or_before ? f.born_on_or_before->Iso() : "9999-12-31");
    };
    PersonPage page;
    bool keyset = !f.after_region.empty();
    bool filtered = !f.name_prefix.empty() || !f.tags.empty() || f.born_after || f.born_on_or_before;
    bool whole_table = !keyset && filtered && IsMostOfTheTable(*c, f.region);
    {
      auto s = c->Prepare(keyset ? q::kScanPersons : whole_table ? q::kSearchPersonsWholeTable : q::kSearchPersons);
      bind(s);
      if (keyset)
        s.Bind(7, f.after_region).Bind(8, f.after_id).Bind(9, f.limit);
      else
        s.Bind(7, f.limit).Bind(8, f.offset);
      while (s.Step() == SQLITE_ROW) page.items.push_back(ReadPerson(s));
    }
    page.total = -1;
    if (!f.with_total) return page;
    auto s = c->Prepare(whole_table ? q::kCountPersonsWholeTable : q::kCountPersons);
    bind(s);
    if (s.Step() != SQLITE_ROW) return Fail(DbError(*c, "counting persons"));
    page.total = s.Int(0);
    return page;
  }

  Result<int64_t> Insert(const Person& p) override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    auto s = db_.writer.Prepare(q::kInsertPerson);
    BindPerson(s, p, NowUnixSeconds());
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "inserting a person"));
    if (db_.writer.Changes() == 0) return Fail(DuplicateDocument(p));
    int64_t id = db_.writer.LastInsertRowId();
    store::PopulationDelta delta;
    store::AddDelta(delta, p, +1);
    if (auto st = ApplyDelta(delta); !st) return Fail(st.error());
    if (!tx.Commit()) return Fail(DbError(db_.writer, "inserting a person"));
    return id;
  }

  Status Update(const Person& p) override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    std::optional<Person> old;
    {
      auto s = db_.writer.Prepare(q::kPersonById);
      s.Bind(1, p.id);
      if (s.Step() == SQLITE_ROW) old = ReadPerson(s);
    }
    if (!old) return Fail(Error::NotFound("person", std::to_string(p.id)));
    auto s = db_.writer.Prepare(q::kUpdatePerson);
    BindPerson(s, p, NowUnixSeconds());
    s.Bind(15, p.id);
    int rc = s.Step();
    if (rc == SQLITE_CONSTRAINT) return Fail(DuplicateDocument(p));
    if (rc != SQLITE_DONE) return Fail(DbError(db_.writer, "updating a person"));
    store::PopulationDelta delta;
    store::AddDelta(delta, *old, -1);
    store::AddDelta(delta, p, +1);
    if (auto st = ApplyDelta(delta); !st) return Fail(st.error());
    if (!tx.Commit()) return Fail(DbError(db_.writer, "updating a person"));
    return {};
  }

  Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<Person>& people) override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    std::vector<UpsertOutcome> outcomes(people.size());
    store::PopulationDelta delta;
    int64_t now = NowUnixSeconds();
    // Visiting rows in identity-number order walks the unique index once from
    // left to right instead of jumping around it (about 20% faster on 100k rows).
    // A plain INSERT checks the unique index once; an upsert clause checks it
    // first and then inserts (two descents). So guess from the previous row:
    // after a new person try inserting, after a known one look it up first.
    bool expect_new = true;
    for (size_t i : store::DocumentOrder(people)) {
      const Person& p = people[i];
      std::optional<Person> old;
      uint64_t old_hash = 0;
      auto lookup = [&]() -> Status {
        auto found = db_.writer.Prepare(q::kPersonByExactDocument);
        found.Bind(1, p.doc_number).Bind(2, DocumentTypeCode(p.doc_type));
        int rc = found.Step();
        if (rc == SQLITE_ROW) {
          old = ReadPerson(found);
          old_hash = static_cast<uint64_t>(found.Int(14));
        } else if (rc != SQLITE_DONE) {
          return Fail(DbError(db_.writer, "importing persons"));
        }
        return {};
      };
      if (!expect_new) {
        if (auto st = lookup(); !st) return Fail(st.error());
      }
      if (!old) {
        auto ins = db_.writer.Prepare(q::kInsertNewPerson);
        BindPerson(ins, p, now);
        int rc = ins.Step();
        if (rc == SQLITE_DONE) {
          outcomes[i] = UpsertOutcome::kInserted;
          store::AddDelta(delta, p, +1);
          expect_new = true;
          continue;
        }
        if (!db_.UniqueViolation()) {
          return Fail(DbError(db_.writer, "importing persons"));
        }
        if (auto st = lookup(); !st) return Fail(st.error());
        if (!old) return Fail(DbError(db_.writer, "importing persons"));
      }
      expect_new = false;
      if (old_hash == p.ContentHash()) {
        outcomes[i] = UpsertOutcome::kUnchanged;
        continue;
      }
      auto upd = db_.writer.Prepare(q::kUpdatePerson);
      BindPerson(upd, p, now);
      upd.Bind(15, old->id);
      if (upd.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "importing persons"));
      store::AddDelta(delta, *old, -1);
      store::AddDelta(delta, p, +1);
      outcomes[i] = UpsertOutcome::kUpdated;
    }
    if (auto st = ApplyDelta(delta); !st) return Fail(st.error());
    if (!tx.Commit()) return Fail(DbError(db_.writer, "importing persons"));
    return outcomes;
  }

  Status RecountPopulation() override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    if (auto e = db_.writer.Exec(q::kRecountPopulation); !e.empty()) return Fail(Error::Internal(e));
    if (!tx.Commit()) return Fail(DbError(db_.writer, "recounting"));
    return {};
  }

  // ---- organisations
  Result<int64_t> InsertOrganisation(const Organisation& o) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kInsertOrganisation);
    s.Bind(1, o.name).Bind(2, OrganisationKindCode(o.kind)).Bind(3, o.industry)
        .Bind(4, o.region_code).Bind(5, o.credit_code);
    int rc = s.Step();
    if (rc == SQLITE_CONSTRAINT && db_.UniqueViolation()) return Fail(store::DuplicateCreditCode(o.credit_code));
    if (rc != SQLITE_DONE) return Fail(DbError(db_.writer, "inserting an organisation"));
    return db_.writer.LastInsertRowId();
  }

  Result<std::optional<Organisation>> FindOrganisation(int64_t id) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kFindOrganisation);
    s.Bind(1, id);
    if (s.Step() == SQLITE_ROW) return std::optional<Organisation>(ReadOrganisation(s));
    return std::optional<Organisation>();
  }

  Result<std::vector<Organisation>> OrganisationsUnder(const std::string& region,
                                                       const std::string& kind,
                                                       int64_t limit) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kOrganisationsUnder);
    s.Bind(1, region).Bind(2, region + ":").Bind(3, kind).Bind(4, limit);
    std::vector<Organisation> out;
    while (s.Step() == SQLITE_ROW) out.push_back(ReadOrganisation(s));
    return out;
  }

  // ---- users and sessions
  Result<int64_t> InsertUser(const User& u, const std::string& hash) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kInsertUser);
    s.Bind(1, u.username).Bind(2, u.display_name).Bind(3, RoleCode(u.role)).Bind(4, u.region_code)
        .Bind(5, u.org_id).Bind(6, u.active ? 1 : 0).Bind(7, hash);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "inserting a user"));
    if (db_.writer.Changes() == 0) return Fail(DuplicateUsername(u.username));
    return db_.writer.LastInsertRowId();
  }

  Status UpdateUser(const User& u) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kUpdateUser);
    s.Bind(1, u.id).Bind(2, u.display_name).Bind(3, RoleCode(u.role)).Bind(4, u.region_code)
        .Bind(5, u.org_id).Bind(6, u.active ? 1 : 0);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "updating a user"));
    if (db_.writer.Changes() == 0) return Fail(Error::NotFound("user", std::to_string(u.id)));
    return {};
  }

  Status SetPassword(int64_t id, const std::string& hash) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kSetPassword);
    s.Bind(1, id).Bind(2, hash);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "setting a password"));
    return {};
  }

  Result<std::optional<std::pair<User, std::string>>> FindUserByName(
      const std::string& name) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kUserByName);
    s.Bind(1, name);
    if (s.Step() != SQLITE_ROW) return std::optional<std::pair<User, std::string>>();
    return std::optional<std::pair<User, std::string>>(std::pair(ReadUser(s), s.Text(7)));
  }

  Result<std::optional<User>> FindUser(int64_t id) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kUserById);
    s.Bind(1, id);
    if (s.Step() != SQLITE_ROW) return std::optional<User>();
    return std::optional<User>(ReadUser(s));
  }

  Result<std::vector<User>> ListUsers(const std::string& prefix) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kUsersUnder);
    s.Bind(1, prefix).Bind(2, prefix + ":");
    std::vector<User> out;
    while (s.Step() == SQLITE_ROW) out.push_back(ReadUser(s));
    return out;
  }

  Status InsertSession(const Session& sess) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kInsertSession);
    s.Bind(1, sess.token_digest).Bind(2, sess.user_id).Bind(3, sess.expires_at);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "storing a session"));
    return {};
  }

  Result<std::optional<Session>> FindSession(const std::string& digest) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kFindSession);
    s.Bind(1, digest);
    if (s.Step() != SQLITE_ROW) return std::optional<Session>();
    return std::optional<Session>(Session{s.Text(0), s.Int(1), s.Int(2)});
  }

  Status DeleteSession(const std::string& digest) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kDeleteSession);
    s.Bind(1, digest);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "ending a session"));
    return {};
  }

  // ---- audit
  Status AppendAudit(const std::vector<AuditEntry>& entries) override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    for (const auto& e : entries) {
      auto s = db_.writer.Prepare(q::kInsertAudit);
      s.Bind(1, e.at).Bind(2, e.user_id).Bind(3, e.username).Bind(4, e.action).Bind(5, e.target)
          .Bind(6, e.detail).Bind(7, e.rows);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "writing the audit log"));
    }
    if (!tx.Commit()) return Fail(DbError(db_.writer, "writing the audit log"));
    return {};
  }

  Result<std::pair<std::vector<AuditEntry>, int64_t>> QueryAudit(const AuditFilter& f) override {
    auto c = db_.Reader();
    std::vector<AuditEntry> items;
    {
      auto s = c->Prepare(q::kQueryAudit);
      s.Bind(1, f.username).Bind(2, f.action).Bind(3, f.since).Bind(4, f.limit).Bind(5, f.offset);
      while (s.Step() == SQLITE_ROW) {
        items.push_back(AuditEntry{s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4), s.Text(5),
                                   s.Text(6), s.Int(7)});
      }
    }
    auto s = c->Prepare(q::kCountAudit);
    s.Bind(1, f.username).Bind(2, f.action).Bind(3, f.since);
    s.Step();
    return std::pair(std::move(items), s.Int(0));
  }

  // ---- import jobs
  Result<int64_t> CreateImportJob(const ImportJob& j) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kInsertImportJob);
    s.Bind(1, j.user_id).Bind(2, j.username).Bind(3, j.region_code).Bind(4, j.file_name)
        .Bind(5, j.state).Bind(6, j.created_at).Bind(7, j.progress->total.load());
    if (s.Step() != SQLITE_ROW) return Fail(DbError(db_.writer, "storing an import job"));
    return s.Int(0);
  }

  Status SetImportJobState(int64_t id, const std::string& state) override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kSetImportJobState);
    s.Bind(1, id).Bind(2, state);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "updating an import job"));
    return {};
  }

  Status FinishImportJob(const ImportJob& j) override {
    auto lock = db_.LockWriter();
    Transaction tx(db_.writer);
    const auto& r = j.report;
    Error none;
    const Error& e = j.error ? *j.error : none;
    {
      auto s = db_.writer.Prepare(q::kFinishImportJob);
      s.Bind(1, j.id).Bind(2, j.state).Bind(3, j.finished_at).Bind(4, r.rows).Bind(5, r.inserted)
          .Bind(6, r.updated).Bind(7, r.unchanged).Bind(8, r.failed)
          .Bind(9, store::JoinColumnNames(r.ignored_columns))
          .Bind(10, static_cast<int64_t>(e.kind)).Bind(11, j.error ? e.code : "")
          .Bind(12, e.field).Bind(13, e.value).Bind(14, e.message).Bind(15, e.message_zh);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "finishing an import job"));
    }
    for (size_t i = 0; i < r.errors.size(); ++i) {
      const auto& re = r.errors[i];
      auto s = db_.writer.Prepare(q::kInsertImportError);
      s.Bind(1, j.id).Bind(2, static_cast<int64_t>(i)).Bind(3, re.row).Bind(4, re.column)
          .Bind(5, re.field).Bind(6, re.value).Bind(7, re.code).Bind(8, re.message)
          .Bind(9, re.message_zh);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "storing import errors"));
    }
    if (!tx.Commit()) return Fail(DbError(db_.writer, "finishing an import job"));
    return {};
  }

  Result<std::optional<ImportJob>> FindImportJob(int64_t id, int64_t max_errors) override {
    auto c = db_.Reader();
    std::optional<ImportJob> job;
    {
      auto s = c->Prepare(q::kFindImportJob);
      s.Bind(1, id);
      if (s.Step() != SQLITE_ROW) return job;
      job = ReadImportJob(s);
    }
    auto s = c->Prepare(q::kImportErrors);
    s.Bind(1, id).Bind(2, max_errors);
    while (s.Step() == SQLITE_ROW) {
      job->report.errors.push_back(ImportRowError{s.Int(0), s.Text(1), s.Text(2), s.Text(3),
                                                  s.Text(4), s.Text(5), s.Text(6)});
    }
    return job;
  }

  Result<std::vector<ImportJob>> ListImportJobs(const ImportJobFilter& f) override {
    auto c = db_.Reader();
    auto s = c->Prepare(q::kListImportJobs);
    s.Bind(1, f.user_id).Bind(2, f.region_prefix).Bind(3, f.region_prefix + ":").Bind(4, f.limit);
    std::vector<ImportJob> out;
    while (s.Step() == SQLITE_ROW) out.push_back(ReadImportJob(s));
    return out;
  }

  Result<int64_t> InterruptUnfinishedImports() override {
    auto lock = db_.LockWriter();
    auto s = db_.writer.Prepare(q::kInterruptImports);
    s.Bind(1, NowUnixSeconds());
    if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "marking interrupted imports"));
    return static_cast<int64_t>(db_.writer.Changes());
  }

 private:
  static ImportJob ReadImportJob(Stmt& s) {
    return store::ImportJobFromColumns([&](int c) { return s.Int(c); },
                                       [&](int c) { return s.Text(c); });
  }

  static int CurrentVersion(Connection& c) {
    if (!c.Exec(q::kCreateMigrations).empty()) return 0;
    auto s = c.Prepare(q::kSchemaVersion);
    return s.Step() == SQLITE_ROW ? static_cast<int>(s.Int(0)) : 0;
  }

  static Result<std::vector<Region>> CollectRegions(Stmt& s) {
    std::vector<Region> out;
    while (s.Step() == SQLITE_ROW) out.push_back(ReadRegion(s));
    return out;
  }

  static Error DuplicateDocument(const Person& p) {
    return Error::Conflict("duplicate_id_number", "id_number", p.doc_number,
                           "a person with this document number is already registered",
                           "该证件号码的人员已登记");
  }
  static Error DuplicateUsername(const std::string& name) {
    return Error::Conflict("duplicate_username", "username", name, "this username is taken",
                           "该用户名已被使用");
  }

  Status ApplyDelta(const store::PopulationDelta& delta) {
    for (const auto& [code, c] : delta) {
      auto s = db_.writer.Prepare(q::kApplyPopulationDelta);
      s.Bind(1, code).Bind(2, c.registered).Bind(3, c.usual).Bind(4, c.floating).Bind(5, c.away)
          .Bind(6, c.male).Bind(7, c.female);
      if (s.Step() != SQLITE_DONE) return Fail(DbError(db_.writer, "updating population counts"));
    }
    return {};
  }

  sqlite::Handle db_;
  sqlite::Vaccination vaccination_;
  sqlite::Safety safety_;
  sqlite::Mobilisation mobilisation_;
};

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& db_path) {
  return std::make_unique<SqliteStore>(db_path);
}

}  // namespace fangkong
