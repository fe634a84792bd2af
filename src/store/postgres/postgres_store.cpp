// The production engine: PostgreSQL through libpqxx, with a pool of
// connections (a round trip costs ~75 µs, so connections are reused) and
// statements prepared once per connection.
#include <pqxx/pqxx>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <unordered_map>

#include "core/date.h"
#include "store/embedded.h"
#include "store/postgres/pg_handle.h"
#include "store/postgres/postgres_vaccination.h"
#include "store/postgres/postgres_sql.h"
#include "store/postgres/postgres_safety.h"
#include "store/postgres/postgres_mobilisation.h"
#include "store/rows.h"
#include "store/store.h"

namespace fangkong {

namespace {

namespace q = postgres_sql;

using PgConnection = pg::Connection;
using pg::Int;
using pg::Run;
using pg::Str;

Person ReadPerson(const pqxx::row& r) {
  return store::PersonFromColumns(Int(r[0]), Str(r[1]), Str(r[2]), Str(r[3]), Str(r[4]), Str(r[5]),
                                  Str(r[6]), Str(r[7]), Str(r[8]), Str(r[9]), Int(r[10]),
                                  Str(r[11]), Str(r[12]), Int(r[13]));
}

Region ReadRegion(const pqxx::row& r) {
  return Region{Str(r[0]), Str(r[1]), Str(r[2]), static_cast<int>(Int(r[3]))};
}

User ReadUser(const pqxx::row& r) {
  return User{Int(r[0]), Str(r[1]), Str(r[2]), ParseRole(Str(r[3])).value_or(Role::kLeader),
              Str(r[4]), Int(r[5]), Int(r[6]) != 0};
}

Organisation ReadOrganisation(const pqxx::row& r) {
  Organisation o{Int(r[0]), Str(r[1]), OrganisationKind::kEmployer, Str(r[3]), Str(r[4]), Str(r[5])};
  ParseOrganisationKind(Str(r[2]), o.kind);
  return o;
}

pqxx::result InsertPersonRow(PgConnection& c, pqxx::dbtransaction& tx, const Person& p, int64_t now) {
  return Run(c, tx, q::kInsertPerson, std::string(DocumentTypeCode(p.doc_type)), p.doc_number, p.name,
             std::string(SexCode(p.sex)), p.birth_date.Iso(), p.phone, p.region_code,
             std::string(ResidencyCode(p.residency)), p.household, p.employer_id, p.occupation,
             store::JoinTags(p.tags), static_cast<int64_t>(p.ContentHash()), now);
}

void UpdatePersonRow(PgConnection& c, pqxx::dbtransaction& tx, const Person& p, int64_t id, int64_t now) {
  Run(c, tx, q::kUpdatePerson, std::string(DocumentTypeCode(p.doc_type)), p.doc_number, p.name,
      std::string(SexCode(p.sex)), p.birth_date.Iso(), p.phone, p.region_code,
      std::string(ResidencyCode(p.residency)), p.household, p.employer_id, p.occupation,
      store::JoinTags(p.tags), static_cast<int64_t>(p.ContentHash()), now, id);
}

void ApplyDelta(PgConnection& c, pqxx::dbtransaction& tx, const store::PopulationDelta& delta) {
  for (const auto& [code, d] : delta) {
    Run(c, tx, q::kApplyPopulationDelta, code, d.registered, d.usual, d.floating, d.away, d.male, d.female);
  }
}

Error DuplicateDocument(const Person& p) {
  return Error::Conflict("duplicate_id_number", "id_number", p.doc_number,
                         "a person with this document number is already registered",
                         "该证件号码的人员已登记");
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::string url) : db_(std::move(url)), vaccination_(db_), safety_(db_), mobilisation_(db_) {}
  VaccinationRepository& vaccination() override { return vaccination_; }
  ColdChainRepository& cold_chain() override { return vaccination_; }
  AefiRepository& aefi() override { return safety_; }
  AlertRepository& alerts() override { return safety_; }
  MobilisationRepository& mobilisation() override { return mobilisation_; }

  std::string Engine() const override { return "postgresql"; }

  Result<int> Migrate() override {
    return db_.With([&](PgConnection& c) {
      int applied = 0;
      for (const auto& m : PostgresMigrations()) {
        pqxx::work tx(c.conn);
        tx.exec(q::kMigrationLock);
        tx.exec(q::kCreateMigrations);
        int current = tx.exec(q::kSchemaVersion)[0][0].as<int>();
        int v = 0;
        std::from_chars(m.name.data(), m.name.data() + m.name.size(), v);
        if (v <= current) continue;
        tx.exec(std::string(m.content));
        tx.exec_params(q::kRecordMigration, v, std::string(m.name), NowUnixSeconds());
        tx.commit();
        ++applied;
      }
      return applied;
    });
  }

  Status Atomically(const std::function<Status()>& work) override { return db_.Atomically(work); }

  Result<int> SchemaVersion() override {
    return db_.With([&](PgConnection& c) {
      pqxx::work tx(c.conn);
      tx.exec(q::kCreateMigrations);
      int v = tx.exec(q::kSchemaVersion)[0][0].as<int>();
      tx.commit();
      return v;
    });
  }

  Status UpsertRegions(const std::vector<Region>& regions) override {
    return db_.WriteStatus([&](PgConnection&, pqxx::dbtransaction& tx) {
      // COPY into a staging table, then one merge: tens of thousands of rows in one round trip.
      tx.exec("CREATE TEMP TABLE regions_in (code TEXT, name TEXT, parent_code TEXT, level BIGINT) ON COMMIT DROP");
      {
        pqxx::stream_to stream(tx, "regions_in", std::vector<std::string>{"code", "name", "parent_code", "level"});
        for (const auto& r : regions) stream << std::make_tuple(r.code, r.name, r.parent_code, static_cast<int64_t>(r.level));
        stream.complete();
      }
      tx.exec("INSERT INTO regions(code, name, parent_code, level) SELECT DISTINCT ON (code) code, name, parent_code, level "
              "FROM regions_in ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE regions.name <> excluded.name");
    });
  }

  Result<std::optional<Region>> FindRegion(const std::string& code) override {
    return db_.Read<std::optional<Region>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kFindRegion, code);
      return r.empty() ? std::optional<Region>() : std::optional<Region>(ReadRegion(r[0]));
    });
  }

  Result<std::vector<Region>> Children(const std::string& code) override {
    return db_.Read<std::vector<Region>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      return Regions(Run(c, tx, q::kRegionChildren, code));
    });
  }

  Result<std::vector<Region>> Subtree(const std::string& code) override {
    return db_.Read<std::vector<Region>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      return Regions(Run(c, tx, q::kRegionSubtree, code, code + ":"));
    });
  }

  Result<std::vector<std::pair<std::string, PopulationCounts>>> LeafPopulation(const std::string& code) override {
    using Out = std::vector<std::pair<std::string, PopulationCounts>>;
    return db_.Read<Out>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Out out;
      for (const auto& r : Run(c, tx, q::kLeafPopulation, code, code + ":")) {
        out.emplace_back(Str(r[0]), PopulationCounts{Int(r[1]), Int(r[2]), Int(r[3]), Int(r[4]), Int(r[5]), Int(r[6])});
      }
      return out;
    });
  }

  Result<int64_t> CountRegions() override {
    return db_.Read<int64_t>([&](PgConnection& c, pqxx::dbtransaction& tx) { return Int(Run(c, tx, q::kCountRegions)[0][0]); });
  }

  Result<std::optional<Person>> FindById(int64_t id) override {
    return db_.Read<std::optional<Person>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kPersonById, id);
      return r.empty() ? std::optional<Person>() : std::optional<Person>(ReadPerson(r[0]));
    });
  }

  Result<std::optional<Person>> FindByDocument(const std::string& doc) override {
    return db_.Read<std::optional<Person>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kPersonByDocument, doc);
      return r.empty() ? std::optional<Person>() : std::optional<Person>(ReadPerson(r[0]));
    });
  }

  Result<PersonPage> Search(const PersonFilter& f) override {
    return db_.Read<PersonPage>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      std::string name = f.name_prefix.empty() ? "" : store::PrefixPattern(f.name_prefix);
      std::string tags = f.tags.empty() ? "" : store::TagsPattern(f.tags);
      std::string after = f.born_after ? f.born_after->Iso() : "";
      std::string before = f.born_on_or_before ? f.born_on_or_before->Iso() : "9999-12-31";
      PersonPage page;
      auto rows = f.after_region.empty()
                      ? Run(c, tx, q::kSearchPersons, f.region, f.region + ":", name, tags, after,
                            before, f.limit, f.offset)
                      : Run(c, tx, q::kScanPersons, f.region, f.region + ":", name, tags, after,
                            before, f.after_region, f.after_id, f.limit);
      for (const auto& r : rows) page.items.push_back(ReadPerson(r));
      page.total = -1;
      if (!f.with_total) return page;
      page.total = Int(Run(c, tx, q::kCountPersons, f.region, f.region + ":", name, tags, after, before)[0][0]);
      return page;
    });
  }

  Result<int64_t> Insert(const Person& p) override {
    return db_.Write<int64_t>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
      Run(c, tx, q::kLockPersonWrite);
      auto r = InsertPersonRow(c, tx, p, NowUnixSeconds());
      if (r.empty()) return Fail(DuplicateDocument(p));
      store::PopulationDelta delta;
      store::AddDelta(delta, p, +1);
      ApplyDelta(c, tx, delta);
      return Int(r[0][0]);
    });
  }

  Status Update(const Person& p) override {
    auto r = db_.Write<bool>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<bool> {
      Run(c, tx, q::kLockPersonWrite);
      auto old = Run(c, tx, q::kPersonByIdForUpdate, p.id);
      if (old.empty()) return Fail(Error::NotFound("person", std::to_string(p.id)));
      Person before = ReadPerson(old[0]);
      try {
        pqxx::subtransaction sub(tx);
        UpdatePersonRow(c, sub, p, p.id, NowUnixSeconds());
        sub.commit();
      } catch (const pqxx::unique_violation&) {
        return Fail(DuplicateDocument(p));
      }
      store::PopulationDelta delta;
      store::AddDelta(delta, before, -1);
      store::AddDelta(delta, p, +1);
      ApplyDelta(c, tx, delta);
      return true;
    });
    if (!r) return Fail(r.error());
    return {};
  }

  // Stages the batch with COPY, reads the stored versions of its documents in
  // one query, works out each row's outcome in input order (a document seen
  // twice: the last row wins), then applies inserts and updates as two set
  // statements.
  Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<Person>& people) override {
    return db_.Write<std::vector<UpsertOutcome>>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<std::vector<UpsertOutcome>> {
      tx.exec(q::kLockPersonUpserts);
      tx.exec(q::kCreatePersonStage);
      auto final_rows = LastRowPerDocument(people);
      StageRows(tx, people, final_rows);
      std::unordered_map<std::string, std::pair<Person, uint64_t>> stored;
      for (const auto& r : tx.exec(q::kStagedExisting)) {
        Person old = ReadPerson(r);
        std::string key = DocumentKey(old);
        stored.emplace(std::move(key), std::pair(std::move(old), static_cast<uint64_t>(Int(r[14]))));
      }
      std::vector<UpsertOutcome> out;
      out.reserve(people.size());
      std::unordered_map<std::string, uint64_t> seen;  // hash each document has reached in this batch
      store::PopulationDelta delta;
      for (const auto& p : people) {
        std::string key = DocumentKey(p);
        uint64_t hash = p.ContentHash();
        auto was = seen.find(key);
        auto old = stored.find(key);
        if (was == seen.end() && old == stored.end()) {
          out.push_back(UpsertOutcome::kInserted);
        } else {
          uint64_t before = was != seen.end() ? was->second : old->second.second;
          out.push_back(before == hash ? UpsertOutcome::kUnchanged : UpsertOutcome::kUpdated);
        }
        seen[key] = hash;
      }
      for (size_t i : final_rows) {
        const Person& p = people[i];
        auto old = stored.find(DocumentKey(p));
        if (old != stored.end()) {
          if (old->second.second == p.ContentHash()) continue;
          store::AddDelta(delta, old->second.first, -1);
        }
        store::AddDelta(delta, p, +1);
      }
      tx.exec(q::kInsertStaged);
      tx.exec(q::kUpdateStaged);
      ApplyDelta(c, tx, delta);
      return out;
    });
  }

  Status RecountPopulation() override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Run(c, tx, q::kDeletePopulation);
      Run(c, tx, q::kRecountPopulation);
    });
  }

  Result<int64_t> InsertOrganisation(const Organisation& o) override {
    return db_.Write<int64_t>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
      try {
        return Int(Run(c, tx, q::kInsertOrganisation, o.name, std::string(OrganisationKindCode(o.kind)),
                       o.industry, o.region_code, o.credit_code)[0][0]);
      } catch (const pqxx::unique_violation&) {
        return Fail(store::DuplicateCreditCode(o.credit_code));
      }
    });
  }

  Result<std::optional<Organisation>> FindOrganisation(int64_t id) override {
    return db_.Read<std::optional<Organisation>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kFindOrganisation, id);
      return r.empty() ? std::optional<Organisation>() : std::optional<Organisation>(ReadOrganisation(r[0]));
    });
  }

  Result<std::vector<Organisation>> OrganisationsUnder(const std::string& region, const std::string& kind,
                                                       int64_t limit) override {
    return db_.Read<std::vector<Organisation>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      std::vector<Organisation> out;
      for (const auto& r : Run(c, tx, q::kOrganisationsUnder, region, region + ":", kind, limit)) out.push_back(ReadOrganisation(r));
      return out;
    });
  }

  Result<int64_t> InsertUser(const User& u, const std::string& hash) override {
    return db_.Write<int64_t>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
      auto r = Run(c, tx, q::kInsertUser, u.username, u.display_name, std::string(RoleCode(u.role)), u.region_code,
                   u.org_id, int64_t{u.active ? 1 : 0}, hash);
      if (r.empty()) {
        return Fail(Error::Conflict("duplicate_username", "username", u.username, "this username is taken", "该用户名已被使用"));
      }
      return Int(r[0][0]);
    });
  }

  Status UpdateUser(const User& u) override {
    auto r = db_.Write<bool>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<bool> {
      auto res = Run(c, tx, q::kUpdateUser, u.id, u.display_name, std::string(RoleCode(u.role)), u.region_code, u.org_id,
                     int64_t{u.active ? 1 : 0});
      if (res.affected_rows() == 0) return Fail(Error::NotFound("user", std::to_string(u.id)));
      return true;
    });
    if (!r) return Fail(r.error());
    return {};
  }

  Status SetPassword(int64_t id, const std::string& hash) override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Run(c, tx, q::kSetPassword, id, hash);
    });
  }

  Result<std::optional<std::pair<User, std::string>>> FindUserByName(const std::string& name) override {
    using Out = std::optional<std::pair<User, std::string>>;
    return db_.Read<Out>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kUserByName, name);
      return r.empty() ? Out() : Out(std::pair(ReadUser(r[0]), Str(r[0][7])));
    });
  }

  Result<std::optional<User>> FindUser(int64_t id) override {
    return db_.Read<std::optional<User>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kUserById, id);
      return r.empty() ? std::optional<User>() : std::optional<User>(ReadUser(r[0]));
    });
  }

  Result<std::vector<User>> ListUsers(const std::string& prefix) override {
    return db_.Read<std::vector<User>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      std::vector<User> out;
      for (const auto& r : Run(c, tx, q::kUsersUnder, prefix, prefix + ":")) out.push_back(ReadUser(r));
      return out;
    });
  }

  Status InsertSession(const Session& s) override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Run(c, tx, q::kInsertSession, s.token_digest, s.user_id, s.expires_at);
    });
  }

  Result<std::optional<Session>> FindSession(const std::string& digest) override {
    return db_.Read<std::optional<Session>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      auto r = Run(c, tx, q::kFindSession, digest);
      return r.empty() ? std::optional<Session>() : std::optional<Session>(Session{Str(r[0][0]), Int(r[0][1]), Int(r[0][2])});
    });
  }

  Status DeleteSession(const std::string& digest) override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Run(c, tx, q::kDeleteSession, digest);
    });
  }

  Status AppendAudit(const std::vector<AuditEntry>& entries) override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      for (const auto& e : entries) {
        Run(c, tx, q::kInsertAudit, e.at, e.user_id, e.username, e.action, e.target, e.detail, e.rows);
      }
    });
  }

  Result<std::pair<std::vector<AuditEntry>, int64_t>> QueryAudit(const AuditFilter& f) override {
    using Out = std::pair<std::vector<AuditEntry>, int64_t>;
    return db_.Read<Out>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Out out;
      for (const auto& r : Run(c, tx, q::kQueryAudit, f.username, f.action, f.since, f.limit, f.offset)) {
        out.first.push_back(AuditEntry{Int(r[0]), Int(r[1]), Int(r[2]), Str(r[3]), Str(r[4]), Str(r[5]), Str(r[6]), Int(r[7])});
      }
      out.second = Int(Run(c, tx, q::kCountAudit, f.username, f.action, f.since)[0][0]);
      return out;
    });
  }

  Result<int64_t> CreateImportJob(const ImportJob& j) override {
    return db_.Write<int64_t>([&](PgConnection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
      return Int(Run(c, tx, q::kInsertImportJob, j.user_id, j.username, j.region_code, j.file_name,
                     j.state, j.created_at, j.progress->total.load())[0][0]);
    });
  }

  Status SetImportJobState(int64_t id, const std::string& state) override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      Run(c, tx, q::kSetImportJobState, id, state);
    });
  }

  Status FinishImportJob(const ImportJob& j) override {
    return db_.WriteStatus([&](PgConnection& c, pqxx::dbtransaction& tx) {
      const auto& r = j.report;
      Error none;
      const Error& e = j.error ? *j.error : none;
      Run(c, tx, q::kFinishImportJob, j.id, j.state, j.finished_at, r.rows, r.inserted, r.updated,
          r.unchanged, r.failed, store::JoinColumnNames(r.ignored_columns),
          static_cast<int>(e.kind), j.error ? e.code : std::string(), e.field, e.value, e.message,
          e.message_zh);
      for (size_t i = 0; i < r.errors.size(); ++i) {
        const auto& re = r.errors[i];
        Run(c, tx, q::kInsertImportError, j.id, static_cast<int>(i), re.row, re.column, re.field,
            re.value, re.code, re.message, re.message_zh);
      }
    });
  }

  Result<std::optional<ImportJob>> FindImportJob(int64_t id, int64_t max_errors) override {
    return db_.Read<std::optional<ImportJob>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      std::optional<ImportJob> job;
      auto r = Run(c, tx, q::kFindImportJob, id);
      if (r.empty()) return job;
      job = ReadImportJob(r[0]);
      for (const auto& e : Run(c, tx, q::kImportErrors, id, max_errors)) {
        job->report.errors.push_back(ImportRowError{Int(e[0]), Str(e[1]), Str(e[2]), Str(e[3]),
                                                    Str(e[4]), Str(e[5]), Str(e[6])});
      }
      return job;
    });
  }

  Result<std::vector<ImportJob>> ListImportJobs(const ImportJobFilter& f) override {
    return db_.Read<std::vector<ImportJob>>([&](PgConnection& c, pqxx::dbtransaction& tx) {
      std::vector<ImportJob> out;
      for (const auto& r : Run(c, tx, q::kListImportJobs, f.user_id, f.region_prefix,
                               f.region_prefix + ":", f.limit))
        out.push_back(ReadImportJob(r));
      return out;
    });
  }

  Result<int64_t> InterruptUnfinishedImports() override {
    return db_.With([&](PgConnection& c) {
      pqxx::work tx(c.conn);
      auto r = Run(c, tx, q::kInterruptImports, NowUnixSeconds());
      tx.commit();
      return static_cast<int64_t>(r.affected_rows());
    });
  }

 private:
  static std::string DocumentKey(const Person& p) {
    return std::string(DocumentTypeCode(p.doc_type)) + '\x1f' + p.doc_number;
  }

  // Indexes of the last row for each document, in input order.
  static std::vector<size_t> LastRowPerDocument(const std::vector<Person>& people) {
    std::unordered_map<std::string, size_t> last;
    for (size_t i = 0; i < people.size(); ++i) last[DocumentKey(people[i])] = i;
    std::vector<size_t> out;
    out.reserve(last.size());
    for (const auto& [key, i] : last) out.push_back(i);
    std::sort(out.begin(), out.end());
    return out;
  }

  static void StageRows(pqxx::dbtransaction& tx, const std::vector<Person>& people,
                        const std::vector<size_t>& rows) {
    static const std::vector<std::string> kColumns = {
        "doc_type", "doc_number", "name", "sex", "birth_date", "phone", "region_code", "residency",
        "household", "employer_id", "occupation", "tags", "content_hash", "updated_at"};
    pqxx::stream_to stream(tx, q::kPersonStageTable, kColumns);
    int64_t now = NowUnixSeconds();
    for (size_t i : rows) {
      const Person& p = people[i];
      stream << std::make_tuple(std::string(DocumentTypeCode(p.doc_type)), p.doc_number, p.name,
                                std::string(SexCode(p.sex)), p.birth_date.Iso(), p.phone,
                                p.region_code, std::string(ResidencyCode(p.residency)),
                                p.household, p.employer_id, p.occupation, store::JoinTags(p.tags),
                                static_cast<int64_t>(p.ContentHash()), now);
    }
    stream.complete();
  }

  static ImportJob ReadImportJob(const pqxx::row& r) {
    return store::ImportJobFromColumns([&](int c) { return Int(r[c]); },
                                       [&](int c) { return Str(r[c]); });
  }

  static std::vector<Region> Regions(const pqxx::result& r) {
    std::vector<Region> out;
    out.reserve(r.size());
    for (const auto& row : r) out.push_back(ReadRegion(row));
    return out;
  }

  pg::Handle db_;
  pg::Vaccination vaccination_;
  pg::Safety safety_;
  pg::Mobilisation mobilisation_;
};

}  // namespace

std::unique_ptr<Store> OpenPostgresStore(const std::string& url) {
  try {
    return std::make_unique<PostgresStore>(url);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

}  // namespace fangkong
