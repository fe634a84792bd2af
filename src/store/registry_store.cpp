// The registry's storage, on either engine: regions with their maintained
// population counts, people and import jobs (organisations:
// organisation_store.cpp).
#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <unordered_map>

#include "arrivals/pinyin.h"
#include "core/date.h"
#include "core/text.h"
#include "progress/figures.h"
#include "store/registry_sql.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

using store::ReadPerson;

// Count changes within a transaction: a person adds to or takes from the
// counts of their place and, a resident, from their birth-year cohort and
// their employer's industry.
struct PopulationDelta {
  std::map<std::string, PopulationCounts> places;
  std::map<std::pair<std::string, int>, int64_t> cohorts;  // (county, birth year)
  std::map<int64_t, int64_t> employers;                    // resident employees by employer
};
void AddDelta(PopulationDelta& d, const Person& p, int sign) {
  if (p.IsResident())
    d.cohorts[{std::string(CohortPlace(p.region_code)), p.birth_date.year()}] += sign;
  if (p.IsResident() && p.employer_id != 0) d.employers[p.employer_id] += sign;
  auto& c = d.places[p.region_code];
  c.registered += sign;
  c.usual += sign * (p.residency == ResidencyType::kUsual);
  c.floating += sign * (p.residency == ResidencyType::kFloating);
  c.away += sign * (p.residency == ResidencyType::kAway);
  c.male += sign * (p.sex == Sex::kMale);
  c.female += sign * (p.sex == Sex::kFemale);
}

// Ignored column names are stored tab-separated (a tab cannot be in a CSV header cell we kept).
std::string JoinColumnNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "\t") + n;
  return out;
}

ImportJob ReadImportJob(const Row& r) {
  ImportJob j;
  j.id = r.Int(0);
  j.user_id = r.Int(1);
  j.username = r.Text(2);
  j.region_code = r.Text(3);
  j.file_name = r.Text(4);
  j.state = r.Text(5);
  j.created_at = r.Int(6);
  j.finished_at = r.Int(7);
  j.progress->total = r.Int(8);
  j.report = ImportReport{
      r.Int(9), r.Int(10), r.Int(11), r.Int(12), r.Int(13), SplitNonEmpty(r.Text(14), '\t'), {}};
  if (auto code = r.Text(16); !code.empty()) {
    auto kind = static_cast<ErrorKind>(r.Int(15));
    j.error = Error{kind, code, r.Text(17), r.Text(18), r.Text(19), r.Text(20)};
  }
  // A stored job is not running: what it got through is what it reported.
  j.progress->processed = j.report.rows;
  return j;
}

Region ReadRegion(const Row& r) {
  return Region{r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3))};
}

// Appends a person's columns in the order of FK_PERSON_WRITE_COLUMNS. The
// texts made for them (birth date, tags) go to `texts`, whose elements the
// values view: a deque, so they stay where they are.
void AppendPerson(std::vector<db::Value>& values, std::deque<std::string>& texts, const Person& p,
                  uint64_t hash, int64_t now) {
  const std::string& birth = texts.emplace_back(p.birth_date.Iso());
  const std::string& tags = texts.emplace_back(store::JoinTags(p.tags));
  // The sound of the name, which record linkage of arrivals looks people up by.
  const std::string& key = texts.emplace_back(PinyinTable::Default().Key(p.name));
  values.insert(values.end(),
                {DocumentTypeCode(p.doc_type), p.doc_number, p.name, SexCode(p.sex), birth, p.phone,
                 p.region_code, ResidencyCode(p.residency), p.household, p.employer_id,
                 p.occupation, tags, static_cast<int64_t>(hash), now, key});
}

Error DuplicateDocument(const Person& p) {
  return Error::Conflict("duplicate_id_number", "id_number", p.doc_number,
                         "a person with this document number is already registered",
                         "该证件号码的人员已登记");
}

Status ApplyDelta(Connection& c, const PopulationDelta& delta) {
  for (const auto& [code, d] : delta.places) {
    auto r = db::Exec(c, sql::kApplyPopulationDelta, code, d.registered, d.usual, d.floating,
                      d.away, d.male, d.female);
    if (!r) return Fail(r.error());
  }
  for (const auto& [cohort, n] : delta.cohorts) {
    if (n == 0) continue;
    auto r = db::Exec(c, sql::kApplyCohortDelta, cohort.first, cohort.second, n);
    if (!r) return Fail(r.error());
  }
  for (const auto& [employer, n] : delta.employers) {
    if (n == 0) continue;
    if (auto r = db::Exec(c, sql::kApplyIndustryDelta, employer, n); !r) return Fail(r.error());
  }
  return {};
}

// A resident's cohort figures follow them when their county, birth year or
// residency changes (progress/figures.h CohortFigureKey).
Status MoveCohortFigures(Connection& c, const Person& old, const Person& now) {
  auto cohort = [](const Person& p) {
    return std::tuple(CohortPlace(p.region_code), p.birth_date.year(), p.IsResident());
  };
  if (cohort(old) == cohort(now)) return {};
  for (const auto& [p, sign] : {std::pair(&old, -1), std::pair(&now, 1)}) {
    if (!p->IsResident()) continue;
    auto r = db::Exec(c, sql::kCohortFiguresOfPerson, std::string(CohortPlace(p->region_code)),
                      std::to_string(p->birth_date.year()), sign, p->id);
    if (!r) return Fail(r.error());
  }
  return {};
}

// A resident employee's industry figures follow them when their employer or
// residency changes (progress/figures.h IndustryFigureKey).
Status MoveIndustryFigures(Connection& c, const Person& old, const Person& now) {
  auto employment = [](const Person& p) { return p.IsResident() ? p.employer_id : 0; };
  if (employment(old) == employment(now)) return {};
  for (const auto& [p, sign] : {std::pair(&old, -1), std::pair(&now, 1)}) {
    if (employment(*p) == 0) continue;
    auto r = db::Exec(c, sql::kIndustryFiguresOfPerson, p->employer_id, p->id, sign);
    if (!r) return Fail(r.error());
  }
  return {};
}

class RegionStore final : public RegionRepository {
 public:
  explicit RegionStore(db::Database& db) : db_(db) {}

  Status UpsertRegions(const std::vector<Region>& regions) override {
    std::unordered_map<std::string, size_t> last;  // a code listed twice: the last row wins
    for (size_t i = 0; i < regions.size(); ++i) last[regions[i].code] = i;
    std::vector<db::Value> values;
    values.reserve(last.size() * 4);
    for (size_t i = 0; i < regions.size(); ++i) {
      if (last[regions[i].code] != i) continue;
      const Region& r = regions[i];
      values.insert(values.end(), {r.code, r.name, r.parent_code, r.level});
    }
    static constexpr std::string_view kColumns[] = {"code", "name", "parent_code", "level"};
    return db_.Write([&](Connection& c) -> Status {
      if (auto r = db::Exec(c, sql::kCreateRegionStage); !r) return Fail(r.error());
      if (auto r = db::Exec(c, sql::kClearRegionStage); !r) return Fail(r.error());
      if (auto s = c.Load("region_stage", kColumns, values); !s) return s;
      return db::Done(db::Exec(c, sql::kMergeRegionStage));
    });
  }

  Result<std::optional<Region>> FindRegion(const std::string& code) override {
    return db::One(db_, sql::kFindRegion, ReadRegion, code);
  }
  Result<std::vector<Region>> FindRegions(const std::vector<std::string>& codes) override {
    if (codes.empty()) return std::vector<Region>{};
    return db::All(db_, sql::kFindRegions, ReadRegion, db::TextList(db_.dialect(), codes));
  }
  Result<std::vector<Region>> Children(const std::string& code) override {
    return db::All(db_, sql::kRegionChildren, ReadRegion, code);
  }
  Result<std::vector<Region>> Subtree(const std::string& code) override {
    return db::All(db_, sql::kRegionSubtree, ReadRegion, code, code + ":");
  }

  Result<std::vector<std::pair<std::string, PopulationCounts>>> LeafPopulation(
      const std::string& code) override {
    return db::All(
        db_, sql::kLeafPopulation,
        [](const Row& r) {
          return std::pair(r.Text(0), PopulationCounts{r.Int(1), r.Int(2), r.Int(3), r.Int(4),
                                                       r.Int(5), r.Int(6)});
        },
        code, code + ":");
  }

  Result<int64_t> CountRegions() override {
    return db::Read(db_, [&](Connection& c) { return db::Count(c, sql::kCountRegions); });
  }

 private:
  db::Database& db_;
};

class PersonStore final : public PersonRepository {
 public:
  explicit PersonStore(db::Database& db) : db_(db) {}

  Result<std::optional<Person>> FindById(int64_t id) override {
    return db::One(db_, sql::kPersonById, ReadPerson, id);
  }

  Result<std::optional<Person>> FindByDocument(const std::string& doc) override {
    return db::Read(db_, [&](Connection& c) -> Result<std::optional<Person>> {
      auto found = db::One(c, sql::kPersonByDocument, ReadPerson, doc);
      if (!found || *found) return found;
      return db::One(c, sql::kPersonByOtherDocument, ReadPerson, doc);
    });
  }

  Result<std::vector<Person>> FindByDocuments(const std::vector<std::string>& docs) override {
    if (docs.empty()) return std::vector<Person>{};
    return db::Read(db_, [&](Connection& c) {
      return db::All(c, sql::kPersonsByDocuments, ReadPerson, db::TextList(db_.dialect(), docs));
    });
  }

  Result<PersonPage> Search(const PersonFilter& f) override {
    return db::Read(db_, [&](Connection& c) -> Result<PersonPage> {
      const std::string end = f.region + ":";
      const std::string name = f.name_prefix.empty() ? "" : store::PrefixPattern(f.name_prefix);
      const std::string tags = f.tags.empty() ? "" : store::TagsPattern(f.tags);
      const std::string after = f.born_after ? f.born_after->Iso() : "";
      const std::string before = f.born_on_or_before ? f.born_on_or_before->Iso() : "9999-12-31";
      bool keyset = !f.after_region.empty();
      // Only a name or tag filter must read each row; an age filter reads the
      // birth dates in the place index (0018): 60+ in the county 161 -> 17 ms.
      bool filtered = !f.name_prefix.empty() || !f.tags.empty();
      auto whole = !keyset && filtered ? store::HoldsMostPeople(c, f.region) : Result<bool>(false);
      if (!whole) return Fail(whole.error());
      auto rows =
          keyset ? db::All(c, sql::kScanPersons, ReadPerson, f.region, end, name, tags, after,
                           before, f.after_region, f.after_id, f.limit)
                 : db::All(c, *whole ? sql::kSearchPersonsWholeTable : sql::kSearchPersons,
                           ReadPerson, f.region, end, name, tags, after, before, f.limit, f.offset);
      if (!rows) return Fail(rows.error());
      PersonPage page{std::move(*rows), -1};
      if (!f.with_total) return page;
      auto total = db::Count(c, *whole ? sql::kCountPersonsWholeTable : sql::kCountPersons,
                             f.region, end, name, tags, after, before);
      if (!total) return Fail(total.error());
      page.total = *total;
      return page;
    });
  }

  Result<int64_t> Insert(const Person& p) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      if (auto l = db::Exec(c, sql::kLockPersonWrite); !l) return Fail(l.error());
      std::vector<db::Value> values;
      std::deque<std::string> texts;
      AppendPerson(values, texts, p, p.ContentHash(), NowUnixSeconds());
      auto id = c.Insert(sql::kInsertPerson, values);
      if (!id) return Fail(id.error());
      if (*id == 0) return Fail(DuplicateDocument(p));
      PopulationDelta delta;
      AddDelta(delta, p, +1);
      if (auto s = ApplyDelta(c, delta); !s) return Fail(s.error());
      return *id;
    });
  }

  Status Update(const Person& p) override {
    return db_.Write([&](Connection& c) -> Status {
      if (auto l = db::Exec(c, sql::kLockPersonWrite); !l) return Fail(l.error());
      auto old = db::One(c, sql::kPersonByIdForUpdate, ReadPerson, p.id);
      if (!old) return Fail(old.error());
      if (!*old) return Fail(Error::NotFound("person", std::to_string(p.id)));
      std::vector<db::Value> values;
      std::deque<std::string> texts;
      AppendPerson(values, texts, p, p.ContentHash(), NowUnixSeconds());
      values.push_back(p.id);
      auto updated = c.Run(sql::kUpdatePerson, values, db::kIgnoreRows);
      if (!updated) return Fail(db::UniqueAs(updated.error(), DuplicateDocument(p)));
      if ((*old)->region_code != p.region_code || (*old)->IsResident() != p.IsResident()) {
        auto away = [](const Person& x) { return std::string(x.IsResident() ? "" : kAwaySuffix); };
        auto moved = db::Exec(c, sql::kMoveFiguresOfPerson, (*old)->region_code, p.region_code,
                              p.id, away(**old), away(p));
        if (!moved) return Fail(moved.error());
      }
      if (auto m = MoveCohortFigures(c, **old, p); !m) return Fail(m.error());
      if (auto m = MoveIndustryFigures(c, **old, p); !m) return Fail(m.error());
      auto copied = db::Exec(c, sql::kCopyPlaceToState, p.region_code, p.birth_date.Iso(), p.id);
      if (!copied) return Fail(copied.error());
      auto followed = db::Exec(c, sql::kCopyPlaceToFollowUps, p.region_code, p.id);
      if (!followed) return Fail(followed.error());
      auto member = db::Exec(c, sql::kCopyPlaceToPhaseMembers, p.region_code, p.id);
      if (!member) return Fail(member.error());
      PopulationDelta delta;
      AddDelta(delta, **old, -1);
      AddDelta(delta, p, +1);
      return ApplyDelta(c, delta);
    });
  }

  // Loads the batch into a staging table (the last row of a document only,
  // in identity-number order), reads the stored versions of its documents in
  // one query, works out each row's outcome in input order (a document seen
  // twice: the last row wins), then applies inserts and updates as two set
  // statements.
  Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<Person>& people,
                                                 const std::string& scope) override {
    Batch b(people);
    return db::Write(db_, [&](Connection& c) -> Result<std::vector<UpsertOutcome>> {
      if (auto l = db::Exec(c, sql::kLockPersonBatch); !l) return Fail(l.error());
      if (auto s = Stage(c, b); !s) return Fail(s.error());
      std::vector<std::optional<std::pair<Person, uint64_t>>> stored(people.size());
      auto read = c.Run(sql::kStagedExisting, {}, [&](const Row& r) {
        Person old = ReadPerson(r);
        if (auto i = b.Find(old))
          stored[*i] = std::pair(std::move(old), static_cast<uint64_t>(r.Int(14)));
      });
      if (!read) return Fail(read.error());
      std::vector<bool> outside(people.size());
      PopulationDelta delta;
      size_t inserts = 0, updates = 0;
      for (size_t i : b.final_rows) {
        if (stored[i] &&
            stored[i]->first.region_code.rfind(scope, 0) != 0) {  // a subtree is a code prefix
          outside[i] = true;
          auto unstage = db::Exec(c, sql::kUnstagePerson, people[i].doc_number,
                                  DocumentTypeCode(people[i].doc_type));
          if (!unstage) return Fail(unstage.error());
          continue;
        }
        if (stored[i] && stored[i]->second == b.hashes[i]) continue;
        if (stored[i]) AddDelta(delta, stored[i]->first, -1);
        ++(stored[i] ? updates : inserts);
        AddDelta(delta, people[i], +1);
      }
      if (inserts)
        if (auto r = db::Exec(c, sql::kInsertStaged); !r) return Fail(r.error());
      if (updates) {
        if (auto r = db::Exec(c, sql::kMoveFiguresOfStaged); !r) return Fail(r.error());
        if (auto r = db::Exec(c, sql::kMoveCohortFiguresOfStaged); !r) return Fail(r.error());
        if (auto r = db::Exec(c, sql::kMoveIndustryFiguresOfStaged); !r) return Fail(r.error());
        if (auto r = db::Exec(c, sql::kUpdateStaged); !r) return Fail(r.error());
        if (auto r = db::Exec(c, sql::kCopyStagedPlaceToState); !r) return Fail(r.error());
        if (auto r = db::Exec(c, sql::kCopyStagedPlaceToFollowUps); !r) return Fail(r.error());
        if (auto r = db::Exec(c, sql::kCopyStagedPlaceToPhaseMembers); !r) return Fail(r.error());
      }
      if (auto s = ApplyDelta(c, delta); !s) return Fail(s.error());
      return Outcomes(b, stored, outside);
    });
  }

  Status RecountPopulation() override {
    return db_.Write([&](Connection& c) -> Status {
      if (auto r = db::Exec(c, sql::kDeletePopulation); !r) return Fail(r.error());
      if (auto r = db::Exec(c, sql::kRecountPopulation); !r) return Fail(r.error());
      if (auto r = db::Exec(c, sql::kDeleteCohorts); !r) return Fail(r.error());
      if (auto r = db::Exec(c, sql::kRecountCohorts); !r) return Fail(r.error());
      if (auto r = db::Exec(c, sql::kDeleteIndustryEmployees); !r) return Fail(r.error());
      return db::Done(db::Exec(c, sql::kRecountIndustryEmployees));
    });
  }

 private:
  // A batch's rows: the content hash of each, and for each document the row
  // that wins (its last) in identity-number order, so inserts walk the
  // unique index from left to right. Sorting finds both without hashing keys.
  struct Batch {
    explicit Batch(const std::vector<Person>& people) : people(people), winner(people.size()) {
      std::vector<size_t> order(people.size());
      std::iota(order.begin(), order.end(), size_t{0});
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return Less(a, b); });
      for (size_t at = 0, end = 0; at < order.size(); at = end) {
        while (++end < order.size() && !Less(order[at], order[end])) {
        }
        for (size_t k = at; k < end; ++k) winner[order[k]] = order[end - 1];
        final_rows.push_back(order[end - 1]);
      }
      hashes.reserve(people.size());
      for (const auto& p : people) hashes.push_back(p.ContentHash());
    }
    bool Less(size_t a, size_t b) const {
      const Person &x = people[a], &y = people[b];
      int c = x.doc_number.compare(y.doc_number);
      return c < 0 || (c == 0 && x.doc_type < y.doc_type);
    }
    // The winning row of a stored person's document.
    std::optional<size_t> Find(const Person& stored) const {
      auto it = std::lower_bound(final_rows.begin(), final_rows.end(), stored,
                                 [&](size_t i, const Person& p) {
                                   int c = people[i].doc_number.compare(p.doc_number);
                                   return c < 0 || (c == 0 && people[i].doc_type < p.doc_type);
                                 });
      if (it == final_rows.end() || people[*it].doc_number != stored.doc_number ||
          people[*it].doc_type != stored.doc_type)
        return std::nullopt;
      return *it;
    }
    const std::vector<Person>& people;
    std::vector<uint64_t> hashes;
    std::vector<size_t> winner;      // per row: the last row of its document
    std::vector<size_t> final_rows;  // the winners, in identity-number order
  };

  static Status Stage(Connection& c, const Batch& b) {
    static constexpr std::string_view kColumns[] = {
        "doc_type",   "doc_number",  "name",         "sex",        "birth_date",
        "phone",      "region_code", "residency",    "household",  "employer_id",
        "occupation", "tags",        "content_hash", "updated_at", "name_key"};
    if (auto r = db::Exec(c, sql::kCreatePersonStage); !r) return Fail(r.error());
    if (auto r = db::Exec(c, sql::kClearPersonStage); !r) return Fail(r.error());
    int64_t now = NowUnixSeconds();
    std::deque<std::string> texts;
    std::vector<db::Value> values;
    values.reserve(b.final_rows.size() * std::size(kColumns));
    for (size_t i : b.final_rows) AppendPerson(values, texts, b.people[i], b.hashes[i], now);
    return c.Load("person_stage", kColumns, values);
  }

  // Each row's outcome in input order: a document's first row is compared
  // with the stored version, a later row with the row before it.
  static std::vector<UpsertOutcome> Outcomes(
      const Batch& b, const std::vector<std::optional<std::pair<Person, uint64_t>>>& stored,
      const std::vector<bool>& outside) {
    std::vector<UpsertOutcome> out;
    out.reserve(b.people.size());
    std::vector<std::optional<uint64_t>> reached(b.people.size());  // by each document's winner
    for (size_t i = 0; i < b.people.size(); ++i) {
      auto& before = reached[b.winner[i]];
      const auto& old = stored[b.winner[i]];
      if (outside[b.winner[i]]) {
        out.push_back(UpsertOutcome::kOutsideScope);
      } else if (!before && !old) {
        out.push_back(UpsertOutcome::kInserted);
      } else {
        uint64_t hash = before ? *before : old->second;
        out.push_back(hash == b.hashes[i] ? UpsertOutcome::kUnchanged : UpsertOutcome::kUpdated);
      }
      before = b.hashes[i];
    }
    return out;
  }

  db::Database& db_;
};

class ImportJobStore final : public ImportJobRepository {
 public:
  explicit ImportJobStore(db::Database& db) : db_(db) {}

  Result<int64_t> CreateImportJob(const ImportJob& j) override {
    return db::Insert(db_, sql::kInsertImportJob, j.user_id, j.username, j.region_code, j.file_name,
                      j.state, j.created_at, j.progress->total.load());
  }

  Status SetImportJobState(int64_t id, const std::string& state) override {
    return db::Done(db::Exec(db_, sql::kSetImportJobState, id, state));
  }

  Status RecordImportCounts(int64_t id, const ImportReport& r) override {
    return db::Done(db::Exec(db_, sql::kRecordImportCounts, id, r.rows, r.inserted, r.updated,
                             r.unchanged, r.failed));
  }

  Status FinishImportJob(const ImportJob& j) override {
    return db_.Write([&](Connection& c) -> Status {
      const auto& r = j.report;
      Error none;
      const Error& e = j.error ? *j.error : none;
      auto done = db::Exec(c, sql::kFinishImportJob, j.id, j.state, j.finished_at, r.rows,
                           r.inserted, r.updated, r.unchanged, r.failed,
                           JoinColumnNames(r.ignored_columns), static_cast<int64_t>(e.kind),
                           j.error ? e.code : "", e.field, e.value, e.message, e.message_zh);
      if (!done) return Fail(done.error());
      for (size_t i = 0; i < r.errors.size(); ++i) {
        const auto& re = r.errors[i];
        auto row = db::Exec(c, sql::kInsertImportError, j.id, i, re.row, re.column, re.field,
                            re.value, re.code, re.message, re.message_zh);
        if (!row) return Fail(row.error());
      }
      return {};
    });
  }

  Result<std::optional<ImportJob>> FindImportJob(int64_t id, int64_t max_errors) override {
    return db::Read(db_, [&](Connection& c) -> Result<std::optional<ImportJob>> {
      auto job = db::One(c, sql::kFindImportJob, ReadImportJob, id);
      if (!job || !*job) return job;
      auto errors = db::All(
          c, sql::kImportErrors,
          [](const Row& e) {
            return ImportRowError{e.Int(0),  e.Text(1), e.Text(2), e.Text(3),
                                  e.Text(4), e.Text(5), e.Text(6)};
          },
          id, max_errors);
      if (!errors) return Fail(errors.error());
      (*job)->report.errors = std::move(*errors);
      return job;
    });
  }

  Result<std::vector<ImportJob>> ListImportJobs(const ImportJobFilter& f) override {
    return db::All(db_, sql::kListImportJobs, ReadImportJob, f.user_id, f.region_prefix,
                   f.region_prefix + ":", f.limit);
  }

  Result<int64_t> InterruptUnfinishedImports() override {
    return db::Exec(db_, sql::kInterruptImports, NowUnixSeconds());
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<RegionRepository> NewRegionStore(db::Database& db) {
  return std::make_unique<RegionStore>(db);
}
std::unique_ptr<PersonRepository> NewPersonStore(db::Database& db) {
  return std::make_unique<PersonStore>(db);
}
std::unique_ptr<ImportJobRepository> NewImportJobStore(db::Database& db) {
  return std::make_unique<ImportJobStore>(db);
}

}  // namespace fangkong
