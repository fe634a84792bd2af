// The importer against an in-memory repository: the template row writer and
// the importer agree, batches keep file order for repeated documents, and a
// failed batch write stops the import with the store's error.
#include <gtest/gtest.h>

#include "registry/import.h"

namespace fk = fangkong;

namespace {

class AllPlaces : public fk::RegionDirectory {
 public:
  bool IsResidentialPlace(std::string_view code) const override { return code.size() >= 12; }
};

// Keeps upserted people by document; counts batches.
class MemoryPersons : public fk::PersonRepository {
 public:
  fk::Result<std::optional<fk::Person>> FindById(int64_t) override { return std::nullopt; }
  fk::Result<std::optional<fk::Person>> FindByDocument(const std::string& d) override {
    auto it = by_doc.find(d);
    if (it == by_doc.end()) return std::optional<fk::Person>();
    return std::optional<fk::Person>(it->second);
  }
  fk::Result<std::vector<fk::Person>> FindByDocuments(const std::vector<std::string>& docs) override {
    ++lookups;
    std::vector<fk::Person> out;
    for (const auto& d : docs)
      if (auto it = by_doc.find(d); it != by_doc.end()) out.push_back(it->second);
    return out;
  }
  fk::Result<fk::PersonPage> Search(const fk::PersonFilter&) override { return fk::PersonPage{}; }
  fk::Result<int64_t> Insert(const fk::Person&) override { return 0; }
  fk::Status Update(const fk::Person&) override { return {}; }
  fk::Status RecountPopulation() override { return {}; }
  fk::Result<std::vector<fk::UpsertOutcome>> UpsertBatch(const std::vector<fk::Person>& people,
                                                         const std::string& /*scope*/) override {
    ++batches;
    if (fail) return fk::Fail(fk::Error::Internal("disk full"));
    std::vector<fk::UpsertOutcome> out;
    for (const auto& p : people) {
      auto [it, inserted] = by_doc.try_emplace(p.doc_number, p);
      if (inserted) out.push_back(fk::UpsertOutcome::kInserted);
      else if (it->second.ContentHash() == p.ContentHash()) out.push_back(fk::UpsertOutcome::kUnchanged);
      else {
        it->second = p;
        out.push_back(fk::UpsertOutcome::kUpdated);
      }
    }
    return out;
  }
  std::map<std::string, fk::Person> by_doc;
  int batches = 0, lookups = 0;
  bool fail = false;
};

fk::User Admin() { return fk::User{1, "admin", "", fk::Role::kCountyAdmin, "341881", 0, true}; }

fk::Result<fk::ImportReport> Import(const std::string& csv, MemoryPersons& repo, size_t batch = 100) {
  auto text = std::make_shared<const std::string>(csv);
  auto rows = fk::CsvRowSource(text);
  int64_t line = 0;
  std::vector<std::string> header;
  rows(line, header);
  AllPlaces places;
  return fk::ImportPersons(header, rows, Admin(), repo, places, nullptr, batch);
}

fk::Person Sample() {
  fk::Person p;
  p.doc_number = "34188119800101001X";
  p.doc_number.back() = fk::IdentityCheckCharacter(p.doc_number.substr(0, 17));
  p.name = "张, \"三\"";  // a comma and quotes must survive the CSV round trip
  p.sex = fk::Sex::kMale;
  p.birth_date = fk::Date::FromYmd(1980, 1, 1).value();
  p.phone = "13800001111";
  p.region_code = "341881001001001";
  p.residency = fk::ResidencyType::kFloating;
  p.household = "H1";
  p.employer_id = 7;
  p.occupation = "cold_chain";
  p.tags = {"chronic", "diabetes"};
  return p;
}

}  // namespace

TEST(PersonCsv, TemplateRowImportsBackToTheSamePerson) {
  fk::Person p = Sample();
  std::string csv = fk::PersonTemplateHeaderCsv();
  fk::AppendPersonCsvRow(p, csv);
  MemoryPersons repo;
  auto report = Import(csv, repo);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->inserted, 1);
  EXPECT_EQ(report->failed, 0) << (report->errors.empty() ? "" : report->errors[0].message);
  ASSERT_EQ(repo.by_doc.count(p.doc_number), 1u);
  EXPECT_EQ(repo.by_doc[p.doc_number].ContentHash(), p.ContentHash());
  EXPECT_EQ(repo.by_doc[p.doc_number].name, p.name);
}

TEST(PersonCsv, ReimportIsANoOpAndTheLastRowForADocumentWins) {
  fk::Person p = Sample();
  std::string csv = fk::PersonTemplateHeaderCsv();
  fk::AppendPersonCsvRow(p, csv);
  MemoryPersons repo;
  ASSERT_TRUE(Import(csv, repo));
  auto again = Import(csv, repo);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(again->inserted, 0);

  fk::Person moved = p;
  moved.household = "H2";
  std::string twice = fk::PersonTemplateHeaderCsv();
  fk::AppendPersonCsvRow(p, twice);
  fk::AppendPersonCsvRow(moved, twice);
  auto r = Import(twice, repo);
  ASSERT_TRUE(r);
  EXPECT_EQ(repo.by_doc[p.doc_number].household, "H2");
}

TEST(PersonCsv, BatchesAreWrittenAtTheBatchSize) {
  std::string csv = fk::PersonTemplateHeaderCsv();
  for (int i = 0; i < 25; ++i) {
    fk::Person p = Sample();
    char id[18];
    std::snprintf(id, sizeof id, "34188119800101%03d", i);
    p.doc_number = std::string(id) + fk::IdentityCheckCharacter(id);
    p.sex = (i % 2) ? fk::Sex::kMale : fk::Sex::kFemale;
    fk::AppendPersonCsvRow(p, csv);
  }
  MemoryPersons repo;
  auto r = Import(csv, repo, 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->inserted, 25);
  EXPECT_EQ(repo.batches, 3);
}

// The report: a re-import with fewer columns blanked the columns it lacked.
TEST(PersonCsv, AReimportChangesOnlyTheCellsItFills) {
  fk::Person p = Sample();
  std::string full = fk::PersonTemplateHeaderCsv();
  fk::AppendPersonCsvRow(p, full);
  MemoryPersons repo;
  ASSERT_TRUE(Import(full, repo));
  auto stored = [&] { return repo.by_doc[p.doc_number]; };

  auto fewer = Import("证件号码,姓名,现住址区划代码\n" + p.doc_number + ",李四,341881001001001\n", repo);
  ASSERT_TRUE(fewer);
  EXPECT_EQ(fewer->updated, 1);
  EXPECT_EQ(stored().name, "李四");
  EXPECT_EQ(stored().phone, "13800001111") << "a column the file lacks keeps its value";
  EXPECT_EQ(stored().household, "H1");
  EXPECT_EQ(stored().employer_id, 7);
  EXPECT_EQ(stored().occupation, "cold_chain");
  EXPECT_EQ(stored().tags, (std::vector<std::string>{"chronic", "diabetes"}));
  EXPECT_EQ(stored().residency, fk::ResidencyType::kFloating);

  // An empty name or place is no error for a stored person: it keeps them.
  auto empty = Import("证件号码,姓名,手机号码,户号,现住址区划代码\n" + p.doc_number + ",,13900002222, ,\n", repo);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->failed, 0) << (empty->errors.empty() ? "" : empty->errors[0].message);
  EXPECT_EQ(stored().phone, "13900002222");
  EXPECT_EQ(stored().household, "H1") << "an empty cell keeps its value";
  EXPECT_EQ(stored().name, "李四");
  EXPECT_EQ(stored().region_code, "341881001001001");

  auto cleared = Import("证件号码,姓名,手机号码,健康标签,现住址区划代码\n" + p.doc_number + ",李四,-, - ,341881001001001\n", repo);
  ASSERT_TRUE(cleared);
  EXPECT_EQ(stored().phone, "") << "a cell of just - clears the value";
  EXPECT_TRUE(stored().tags.empty());
  EXPECT_EQ(stored().household, "H1");

  auto no_name = Import("证件号码,姓名,现住址区划代码\n" + p.doc_number + ",-,341881001001001\n", repo);
  ASSERT_TRUE(no_name);
  EXPECT_EQ(no_name->failed, 1) << "a required value cannot be cleared";
  EXPECT_EQ(stored().name, "李四");
}

TEST(PersonCsv, ANewPersonStillNeedsTheRequiredCells) {
  MemoryPersons repo;
  fk::Person p = Sample();
  auto r = Import("证件号码,姓名,现住址区划代码\n" + p.doc_number + ",,341881001001001\n", repo);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->failed, 1);
  EXPECT_EQ(r->errors[0].field, "name");
  EXPECT_EQ(repo.lookups, 1) << "the stored people of a batch are read in one query";
}

TEST(PersonCsv, AFailedWriteFailsTheImportWithTheStoreError) {
  std::string csv = fk::PersonTemplateHeaderCsv();
  fk::AppendPersonCsvRow(Sample(), csv);
  MemoryPersons repo;
  repo.fail = true;
  auto r = Import(csv, repo);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "disk full");
}
