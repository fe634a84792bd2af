// The arrivals' storage, written once for both engines (store/db.h).
#include <boost/json.hpp>
#include <cmath>

#include "arrivals/repository.h"
#include "store/arrival_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

RegisteredPerson ReadRegistered(const Row& r) {  // FK_REGISTERED_COLUMNS
  RegisteredPerson p;
  p.person.person_id = r.Int(0);
  p.person.name = r.Text(1);
  p.person.phone = r.Text(2);
  std::string birth = r.Text(3);  // YYYY-MM-DD
  for (char c : birth)
    if (c != '-') p.person.birth_date += c;
  p.id_number = r.Text(4);
  p.region_code = r.Text(5);
  p.name_key = r.Text(6);
  return p;
}

// A job's error rows, kept as one JSON text: they are only ever read whole.
std::string ErrorsToJson(const std::vector<ImportRowError>& errors) {
  boost::json::array out;
  for (const auto& e : errors)
    out.push_back(boost::json::object{{"row", e.row},
                                      {"column", e.column},
                                      {"field", e.field},
                                      {"value", e.value},
                                      {"code", e.code},
                                      {"message", e.message},
                                      {"message_zh", e.message_zh}});
  return boost::json::serialize(out);
}

std::vector<ImportRowError> ErrorsFromJson(const std::string& text) {
  std::vector<ImportRowError> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  auto str = [](const boost::json::object& o, const char* k) {
    auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  for (const auto& x : v.as_array()) {
    if (!x.is_object()) continue;
    const auto& o = x.as_object();
    ImportRowError e;
    if (auto* row = o.if_contains("row"); row && row->is_int64()) e.row = row->as_int64();
    e.column = str(o, "column");
    e.field = str(o, "field");
    e.value = str(o, "value");
    e.code = str(o, "code");
    e.message = str(o, "message");
    e.message_zh = str(o, "message_zh");
    out.push_back(std::move(e));
  }
  return out;
}

int64_t Thousandths(double score) { return std::lround(score * 1000); }

Arrival ReadArrival(const Row& r) {  // FK_ARRIVAL_COLUMNS
  Arrival a;
  a.id = r.Int(0);
  a.person_id = r.Int(1);
  a.id_number = r.Text(2);
  a.name = r.Text(3);
  a.phone = r.Text(4);
  a.origin = r.Text(5);
  a.arrival_date = Date::Parse(r.Text(6)).value_or(Date());
  a.region_code = r.Text(7);
  a.out_of_county = r.Int(8) != 0;
  a.match = ParseMatchKind(r.Text(9)).value_or(MatchKind::kUnmatched);
  a.match_score = static_cast<double>(r.Int(10)) / 1000;
  a.first_reported_at = r.Int(11);
  a.pushed_at = r.Int(12);
  a.grid_found_at = r.Int(13);
  a.deadline_at = r.Int(14);
  a.outcome = ParseArrivalOutcome(r.Text(15)).value_or(ArrivalOutcome::kNone);
  a.outcome_at = r.Int(16);
  a.outcome_by = r.Int(17);
  a.outcome_note = r.Text(18);
  a.measure_id = r.Int(19);
  return a;
}

ArrivalReport ReadReport(const Row& r) {  // FK_REPORT_COLUMNS
  ArrivalReport x;
  x.id = r.Int(0);
  x.arrival_id = r.Int(1);
  x.source = ParseArrivalSource(r.Text(2)).value_or(ArrivalSource::kPush);
  x.source_name = r.Text(3);
  x.id_number = r.Text(4);
  x.name = r.Text(5);
  x.phone = r.Text(6);
  x.origin = r.Text(7);
  x.destination_code = r.Text(8);
  x.arrival_date = Date::Parse(r.Text(9));
  x.reported_at = r.Int(10);
  x.user_id = r.Int(11);
  x.import_id = r.Int(12);
  x.line = r.Int(13);
  return x;
}

ArrivalImport ReadImport(const Row& r) {  // FK_IMPORT_COLUMNS
  ArrivalImport i;
  i.id = r.Int(0);
  i.file_name = r.Text(1);
  i.source_name = r.Text(2);
  i.state = r.Text(3);
  i.user_id = r.Int(4);
  i.region_code = r.Text(5);
  i.created_at = r.Int(6);
  i.finished_at = r.Int(7);
  i.rows = r.Int(8);
  i.processed = r.Int(9);
  i.by_id_number = r.Int(10);
  i.linked = r.Int(11);
  i.uncertain = r.Int(12);
  i.unmatched = r.Int(13);
  i.merged = r.Int(14);
  i.out_of_county = r.Int(15);
  i.failed = r.Int(16);
  i.errors = ErrorsFromJson(r.Text(17));
  return i;
}

class ArrivalStore final : public ArrivalRepository {
 public:
  explicit ArrivalStore(db::Database& db) : db_(db) {}

  Result<int64_t> FillNameKeys(const std::function<std::string(const std::string&)>& key) override {
    int64_t filled = 0;
    while (true) {
      auto batch = db::All(db_, sql::kPeopleWithoutNameKey, [](const Row& r) {
        return std::pair<int64_t, std::string>(r.Int(0), r.Text(1));
      });
      if (!batch) return Fail(batch.error());
      if (batch->empty()) return filled;
      auto done = db::Write(db_, [&](Connection& c) -> Status {
        for (const auto& [id, name] : *batch) {
          std::string k = key(name);
          // A name without a key of its own (no letters at all) gets one
          // that no search asks for, so it is not read again.
          if (auto r = db::Exec(c, sql::kSetNameKey, id, k.empty() ? std::string("-") : k); !r)
            return Fail(r.error());
        }
        return {};
      });
      if (!done) return Fail(done.error());
      filled += static_cast<int64_t>(batch->size());
    }
  }

  Result<std::vector<RegisteredPerson>> PeopleByIdNumbers(
      const std::vector<std::string>& numbers) override {
    return ByList(sql::kPeopleByIdNumbers, numbers);
  }
  Result<std::vector<RegisteredPerson>> PeopleByPhones(
      const std::vector<std::string>& phones) override {
    return ByList(sql::kPeopleByPhones, phones);
  }
  Result<std::vector<NameKeyEntry>> NameKeyEntries(const std::vector<std::string>& keys) override {
    if (keys.empty()) return std::vector<NameKeyEntry>{};
    return db::All(
        db_, sql::kNameKeyEntries,
        [](const Row& r) {
          NameKeyEntry e{r.Int(0), r.Text(1), r.Text(2), {}};
          for (char c : r.Text(3))
            if (c != '-') e.birth_date += c;
          return e;
        },
        db::TextList(db_.dialect(), keys));
  }

  Result<std::vector<RegisteredPerson>> PeopleByIds(const std::vector<int64_t>& ids) override {
    if (ids.empty()) return std::vector<RegisteredPerson>{};
    return db::All(db_, sql::kPeopleByIds, ReadRegistered, db::IntList(db_.dialect(), ids));
  }

  Result<std::vector<Arrival>> ArrivalsToJoin(const std::vector<int64_t>& person_ids,
                                              const std::vector<std::string>& id_numbers,
                                              Date since) override {
    std::vector<Arrival> out;
    if (!person_ids.empty()) {
      auto a = db::All(db_, sql::kArrivalsOfPeople, ReadArrival,
                       db::IntList(db_.dialect(), person_ids), since.Iso());
      if (!a) return Fail(a.error());
      out = std::move(*a);
    }
    if (!id_numbers.empty()) {
      auto b = db::All(db_, sql::kArrivalsOfIdNumbers, ReadArrival,
                       db::TextList(db_.dialect(), id_numbers), since.Iso());
      if (!b) return Fail(b.error());
      out.insert(out.end(), b->begin(), b->end());
    }
    return out;
  }

  Status SaveArrivals(std::vector<Arrival>& arrivals, std::vector<ArrivalReport>& reports,
                      const std::vector<ArrivalCandidate>& candidates) override {
    return db::Write(db_, [&](Connection& c) -> Status {
      for (auto& a : arrivals) {
        if (a.id == 0) {
          auto id =
              db::Insert(c, sql::kInsertArrival, a.person_id, a.id_number, a.name, a.phone,
                         a.origin, a.arrival_date.Iso(), a.region_code, a.out_of_county ? 1 : 0,
                         MatchKindCode(a.match), Thousandths(a.match_score), a.first_reported_at,
                         a.pushed_at, a.grid_found_at, a.deadline_at);
          if (!id) return Fail(id.error());
          a.id = *id;
        } else if (auto r = db::Exec(c, sql::kUpdateArrivalReports, a.id, a.id_number, a.name,
                                     a.phone, a.origin, a.first_reported_at, a.pushed_at,
                                     a.grid_found_at, a.deadline_at);
                   !r) {
          return Fail(r.error());
        }
      }
      for (auto& x : reports) {
        x.arrival_id = arrivals[static_cast<size_t>(x.arrival_id)].id;
        auto r = db::Exec(c, sql::kInsertArrivalReport, x.arrival_id, ArrivalSourceCode(x.source),
                          x.source_name, x.id_number, x.name, x.phone, x.origin, x.destination_code,
                          x.arrival_date ? x.arrival_date->Iso() : "", x.reported_at, x.user_id,
                          x.import_id, x.line);
        if (!r) return Fail(r.error());
      }
      for (const auto& k : candidates) {
        auto r = db::Exec(c, sql::kInsertArrivalCandidate,
                          arrivals[static_cast<size_t>(k.arrival_id)].id, k.person_id,
                          Thousandths(k.score));
        if (!r) return Fail(r.error());
      }
      return {};
    });
  }

  Result<std::optional<Arrival>> FindArrival(int64_t id) override {
    return db::One(db_, sql::kFindArrival, ReadArrival, id);
  }

  Result<std::vector<Arrival>> Arrivals(const ArrivalFilter& f) override {
    return db::All(db_, sql::kArrivalsIn, ReadArrival, f.region_prefix, f.region_prefix + ":",
                   f.from ? f.from->Iso() : std::string("0000-00-00"),
                   f.to ? f.to->Iso() : std::string("9999-99-99"));
  }

  Result<std::vector<ArrivalReport>> ReportsOf(int64_t arrival_id) override {
    return db::All(db_, sql::kReportsOfArrival, ReadReport, arrival_id);
  }

  Result<std::vector<ArrivalCandidate>> CandidatesOf(int64_t arrival_id) override {
    return db::All(
        db_, sql::kCandidatesOfArrival,
        [](const Row& r) {
          return ArrivalCandidate{r.Int(0), r.Int(1), static_cast<double>(r.Int(2)) / 1000};
        },
        arrival_id);
  }

  Status SetPerson(const Arrival& a) override {
    return db::Done(db::Exec(db_, sql::kSetArrivalPerson, a.id, a.person_id, a.region_code,
                             a.out_of_county ? 1 : 0, MatchKindCode(a.match),
                             Thousandths(a.match_score)));
  }

  Status SetOutcome(const Arrival& a) override {
    return db::ChangedSome(
        db::Exec(db_, sql::kSetArrivalOutcome, a.id, ArrivalOutcomeCode(a.outcome), a.outcome_at,
                 a.outcome_by, a.outcome_note, a.measure_id),
        Error::Conflict("outcome_recorded", "outcome", ArrivalOutcomeCode(a.outcome),
                        "the outcome of this arrival is recorded already",
                        "该人员的核查结果已登记"));
  }

  Result<int64_t> InsertImport(const ArrivalImport& i) override {
    return db::Insert(db_, sql::kInsertArrivalImport, i.file_name, i.source_name, i.state,
                      i.user_id, i.region_code, i.created_at, i.rows);
  }

  Status SaveImport(const ArrivalImport& i) override {
    return db::Done(db::Exec(db_, sql::kSaveArrivalImport, i.id, i.state, i.finished_at,
                             i.processed, i.by_id_number, i.linked, i.uncertain, i.unmatched,
                             i.merged, i.out_of_county, i.failed, ErrorsToJson(i.errors)));
  }

  Result<std::optional<ArrivalImport>> FindImport(int64_t id) override {
    return db::One(db_, sql::kFindArrivalImport, ReadImport, id);
  }

  Result<std::vector<ArrivalImport>> Imports(const std::string& region_prefix) override {
    return db::All(db_, sql::kArrivalImportsIn, ReadImport, region_prefix, region_prefix + ":");
  }

  Result<int64_t> InterruptRunningImports() override {
    return db::Exec(db_, sql::kInterruptArrivalImports);
  }

 private:
  Result<std::vector<RegisteredPerson>> ByList(const db::Sql& sql,
                                               const std::vector<std::string>& values) {
    if (values.empty()) return std::vector<RegisteredPerson>{};
    return db::All(db_, sql, ReadRegistered, db::TextList(db_.dialect(), values));
  }

  db::Database& db_;
};

}  // namespace

std::unique_ptr<ArrivalRepository> NewArrivalStore(db::Database& db) {
  return std::make_unique<ArrivalStore>(db);
}

}  // namespace fangkong
