// Imports and exports of people through the API, on both engines: rows
// validated and reported, jurisdiction held, re-imports that change only what
// they fill, reports that outlive the process, audited workbooks.
#include <map>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using testing::MakeId;

// An import job of town1 (user 2, 西津街道), stored straight in the store.
ImportJob Town1Job(const std::string& file_name, const char* state) {
  ImportJob job;
  job.state = state;
  job.file_name = file_name;
  job.user_id = 2;
  job.username = "town1";
  job.region_code = "341881001";
  return job;
}

std::string Csv(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

TEST_P(ApiTest, ImportStoresValidRowsReportsBadOnesAndIsIdempotent) {
  std::string a = NewId(27), b = NewId(29), c = NewId(31);
  std::string bad = NewId(33);
  bad.back() = bad.back() == '1' ? '2' : '1';
  std::string csv = "\xEF\xBB\xBF" + Csv({"证件号码,姓名,现住址区划代码,手机号码,备注",
                                           a + ",甲," + kVillage1 + ",13900001111,x",
                                           "",
                                           b + ",乙," + kVillage1 + ",,",
                                           bad + ",丙," + kVillage1 + ",,",
                                           c + ",丁," + kVillage1 + ",123,",
                                           NewId(35) + ",戊,341881001999,,"});
  auto job = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons?file_name=a.csv", csv, "text/csv"));
  EXPECT_EQ(job.at("state"), "done");
  auto counts = job.at("counts").as_object();
  EXPECT_EQ(counts.at("rows").as_int64(), 5);
  EXPECT_EQ(counts.at("inserted").as_int64(), 2);
  EXPECT_EQ(counts.at("failed").as_int64(), 3);
  auto errors = job.at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 5);
  EXPECT_EQ(errors[0].at("column"), "证件号码");
  EXPECT_EQ(errors[1].at("column"), "手机号码");
  EXPECT_EQ(errors[2].at("field"), "region_code");
  EXPECT_EQ(job.at("ignored_columns").as_array()[0], "备注");

  auto again = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons", csv, "text/csv"));
  EXPECT_EQ(again.at("counts").at("inserted").as_int64(), 0);
  EXPECT_EQ(again.at("counts").at("unchanged").as_int64(), 2);
}

// Found trying it (issue #13): town01 imported a row carrying the identity
// number of someone registered in 港口镇, and the import renamed them, moved
// them to 西津街道 and blanked their phone. Only a transfer moves a person.
TEST_P(ApiTest, AnImportRowNamingSomeoneRegisteredElsewhereChangesNothing) {
  std::string theirs = NewId(61), mine = NewId(63);
  ASSERT_EQ(CreatePerson("town2", theirs, "港口人", S().other_village).status, 201);
  auto before = S().store->persons->FindByDocument(theirs);
  ASSERT_TRUE(before && *before);
  int64_t refusals = AuditCount("person.import_refused");
  std::string csv = "\xEF\xBB\xBF" + Csv({"证件号码,姓名,现住址区划代码,手机号码",
                                           theirs + ",改了名," + kVillage1 + ",",
                                           mine + ",新来的," + kVillage1 + ",13900002222"});
  auto job = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons?file_name=x.csv",
                                         csv, "text/csv"));
  EXPECT_EQ(job.at("state"), "done");
  EXPECT_EQ(job.at("counts").at("inserted").as_int64(), 1);
  EXPECT_EQ(job.at("counts").at("failed").as_int64(), 1);
  auto errors = job.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 2);
  EXPECT_EQ(errors[0].at("code"), "registered_elsewhere");
  EXPECT_EQ(errors[0].at("field"), "id_number");
  EXPECT_NE(Txt(errors[0].at("message_zh")).find("港口镇"), std::string::npos) << errors[0];

  auto after = S().store->persons->FindByDocument(theirs);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->name, "港口人");
  EXPECT_EQ((*after)->region_code, S().other_village);
  EXPECT_EQ((*after)->phone, (*before)->phone);
  EXPECT_EQ((*after)->updated_at, (*before)->updated_at);
  auto registered = [&] {
    std::map<std::string, int64_t> m;
    auto rows = S().store->regions->LeafPopulation("341881");
    EXPECT_TRUE(rows);
    if (rows)
      for (const auto& [code, c] : *rows)
        if (c.registered) m[code] = c.registered;
    return m;
  };
  auto maintained = registered();
  ASSERT_TRUE(S().store->persons->RecountPopulation());
  EXPECT_EQ(maintained, registered()) << "the maintained counts are what a recount gives";
  // The refusal is audited (when the job's finish is recorded, just after it shows done).
  for (int i = 0; i < 40 && AuditCount("person.import_refused") == refusals; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(AuditCount("person.import_refused"), refusals + 1);
}

TEST_P(ApiTest, ImportReportsOutliveTheProcessAndStayWithTheirOwner) {
  std::string bad = NewId(41);
  bad.back() = bad.back() == '1' ? '2' : '1';
  std::string csv = Csv({"证件号码,姓名,现住址区划代码", NewId(43) + ",甲," + kVillage1,
                         bad + ",乙," + kVillage1});
  auto job = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons?file_name=k.csv", csv, "text/csv"));
  int64_t id = job.at("id").as_int64();
  std::string path = "/api/v1/imports/" + std::to_string(id);
  EXPECT_EQ(Call("town2", "GET", path).status, 404);  // another township's import
  EXPECT_EQ(Call("admin", "GET", path).status, 200);
  auto listed = Obj(Call("town1", "GET", "/api/v1/imports")).at("items").as_array();
  ASSERT_FALSE(listed.empty());
  EXPECT_EQ(listed[0].at("id").as_int64(), id);
  EXPECT_TRUE(Obj(Call("town2", "GET", "/api/v1/imports")).at("items").as_array().empty());

  // A job a stopped process left running is marked interrupted by the next one.
  auto stale_id = S().store->import_jobs->CreateImportJob(Town1Job("stale.csv", kImportRunning));
  ASSERT_TRUE(stale_id);
  api::App restarted(*S().store, api::AppOptions{});
  auto kept = restarted.imports().Find(id, 100);
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->state, "done");
  EXPECT_EQ((*kept)->report.inserted, 1);
  ASSERT_EQ((*kept)->report.errors.size(), 1u);
  EXPECT_EQ((*kept)->report.errors[0].row, 3);
  EXPECT_EQ((*kept)->report.errors[0].column, "证件号码");
  EXPECT_EQ((*kept)->report.errors[0].value, bad);
  auto interrupted = Obj(Call("town1", "GET", "/api/v1/imports/" + std::to_string(*stale_id)));
  EXPECT_EQ(interrupted.at("state"), "interrupted");
}

// A process that dies in the middle of an import: the next one shows the job
// interrupted, counting exactly the rows of the batches that committed.
TEST_P(ApiTest, AnInterruptedImportCountsItsCommittedRows) {
  auto id = S().store->import_jobs->CreateImportJob(Town1Job("dies.csv", kImportQueued));
  ASSERT_TRUE(id);
  ASSERT_TRUE(S().store->import_jobs->SetImportJobState(*id, kImportRunning));
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) ids.push_back(NewId(150 + i));
  // The 26th row never comes: the process is gone (here: the row source throws).
  int64_t next = 0;
  RowSource rows = [&](int64_t& row, std::vector<std::string>& fields) {
    if (next == 25) throw std::runtime_error("killed");
    row = next + 2;
    fields = {ids[next], "中断" + std::to_string(next), kVillage1};
    ++next;
    return true;
  };
  ImportCheckpoint checkpoint{*S().store->db, [&](const ImportReport& r) {
                                return S().store->import_jobs->RecordImportCounts(*id, r);
                              }};
  User town1{2, "town1", "", Role::kTownshipOfficer, "341881001", 0, true};
  RegistryService registry(*S().store->regions, *S().store->persons, *S().store->organisations);
  ASSERT_TRUE(registry.ReloadRegions());
  EXPECT_THROW((void)ImportPersons({"证件号码", "姓名", "现住址区划代码"}, rows, town1, *S().store->persons,
                                   registry.directory(), nullptr, 10, &checkpoint),
               std::runtime_error);

  api::App restarted(*S().store, api::AppOptions{});
  auto shown = restarted.imports().Find(*id, 10);
  ASSERT_TRUE(shown && *shown);
  EXPECT_EQ((*shown)->state, kImportInterrupted);
  EXPECT_EQ((*shown)->report.inserted, 20) << "two batches of ten committed";
  EXPECT_EQ((*shown)->report.rows, 20);
  EXPECT_TRUE(S().store->persons->FindByDocument(ids[19]).value_or(std::nullopt));
  EXPECT_FALSE(S().store->persons->FindByDocument(ids[20]).value_or(std::nullopt));
}

// The batched upsert behind imports, straight on the store: outcomes per row
// in input order and maintained counts that agree with a recount.
TEST_P(ApiTest, BatchUpsertOutcomesAndCountsAgreeWithARecount) {
  auto person = [&](const std::string& id, const std::string& name, const std::string& place) {
    Person p;
    p.doc_number = id;
    p.name = name;
    p.sex = (id[16] - '0') % 2 ? Sex::kMale : Sex::kFemale;
    p.birth_date = ParseIdentityNumber(id, Date::TodayBeijing()).value().birth_date;
    p.region_code = place;
    return p;
  };
  std::string a = NewId(51), b = NewId(53);
  auto first = S().store->persons->UpsertBatch({person(a, "甲", kVillage1), person(a, "甲二", kVillage1),
                                       person(b, "乙", kVillage1)});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, (std::vector<UpsertOutcome>{UpsertOutcome::kInserted, UpsertOutcome::kUpdated,
                                                 UpsertOutcome::kInserted}));
  auto second = S().store->persons->UpsertBatch({person(a, "甲二", kVillage1), person(b, "乙", S().other_village)});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, (std::vector<UpsertOutcome>{UpsertOutcome::kUnchanged, UpsertOutcome::kUpdated}));
  auto stored = S().store->persons->FindByDocument(a);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->name, "甲二");

  auto maintained = S().store->regions->LeafPopulation("341881");
  ASSERT_TRUE(S().store->persons->RecountPopulation());
  auto recounted = S().store->regions->LeafPopulation("341881");
  ASSERT_TRUE(maintained && recounted);
  auto by_place = [](const auto& rows) {
    std::map<std::string, int64_t> m;
    for (const auto& [code, c] : rows) if (c.registered) m[code] = c.registered;
    return m;
  };
  EXPECT_EQ(by_place(*maintained), by_place(*recounted));
}

TEST_P(ApiTest, AReimportWithFewerColumnsKeepsTheRest) {
  std::string id = NewId(61);
  ASSERT_EQ(CreatePerson("town1", id, "钱七", kVillage1).status, 201);
  auto full = Csv({"证件号码,姓名,现住址区划代码,户号,健康标签", id + ",钱七," + kVillage1 + ",H61,高血压"});
  EXPECT_EQ(WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons", full, "text/csv"))
                .at("counts").at("updated").as_int64(), 1);
  auto fewer = Csv({"证件号码,姓名,现住址区划代码,户号", id + ",钱七七,,"});
  auto job = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons", fewer, "text/csv"));
  EXPECT_EQ(job.at("counts").at("updated").as_int64(), 1) << json::serialize(job);
  auto p = S().store->persons->FindByDocument(id);
  ASSERT_TRUE(p && *p);
  EXPECT_EQ((*p)->name, "钱七七");
  EXPECT_EQ((*p)->phone, "13812345678") << "the file had no phone column";
  EXPECT_EQ((*p)->household, "H61") << "an empty cell";
  EXPECT_EQ((*p)->tags, std::vector<std::string>{"hypertension"});
  EXPECT_EQ((*p)->region_code, kVillage1);

  // Odd texts travel safely in the list of documents looked up.
  auto odd = S().store->persons->FindByDocuments({"a\"b\\c", "x'y", id});
  ASSERT_TRUE(odd) << odd.error().message;
  ASSERT_EQ(odd->size(), 1u);
  EXPECT_EQ((*odd)[0].doc_number, id);
}

TEST_P(ApiTest, ImportAcceptsABrowserFormUpload) {
  std::string id = NewId(39);
  std::string csv = Csv({"证件号码,姓名,现住址区划代码", id + ",司马光," + kVillage1});
  auto part = [](const std::string& disposition, const std::string& type, const std::string& body) {
    return "--FkBoundary7\r\nContent-Disposition: form-data; " + disposition + "\r\n" +
           (type.empty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + body + "\r\n";
  };
  std::string form = part("name=\"note\"", "", "x") +
                     part("name=\"file\"; filename=\"villagers.csv\"", "text/csv", csv) +
                     "--FkBoundary7--\r\n";
  const std::string type = "multipart/form-data; boundary=FkBoundary7";
  auto job = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons", form, type));
  EXPECT_EQ(job.at("file_name"), "villagers.csv");
  EXPECT_EQ(job.at("counts").at("inserted").as_int64(), 1);

  std::string no_file = part("name=\"note\"", "", "x") + "--FkBoundary7--\r\n";
  auto refused = Call("town1", "POST", "/api/v1/imports/persons", no_file, type);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(ErrCode(refused), "missing_file");
  EXPECT_EQ(ErrField(refused), "file");
}

TEST_P(ApiTest, ImportHandlesEncodingsAndBadFiles) {
  std::string id = NewId(37);
  std::string utf8 = Csv({"证件号码,姓名,现住址区划代码", id + ",欧阳明," + kVillage1});
  std::string gbk = *Utf8ToGb18030(utf8);
  auto job = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons", gbk, "text/csv"));
  EXPECT_EQ(job.at("counts").at("inserted").as_int64(), 1);
  auto search = Call("town1", "GET", "/api/v1/persons?id_number=" + id);
  EXPECT_EQ(Obj(search).at("items").as_array()[0].at("name"), "欧阳明");

  auto declared = Call("town1", "POST", "/api/v1/imports/persons?encoding=utf-8", gbk, "text/csv");
  EXPECT_EQ(declared.status, 422);
  EXPECT_EQ(ErrCode(declared), "invalid_encoding");

  auto missing = Call("town1", "POST", "/api/v1/imports/persons", Csv({"姓名,手机号码", "甲,13900001111"}), "text/csv");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(ErrCode(missing), "missing_columns");

  std::string huge(10 * 1024 * 1024, 'A');
  auto big = WaitForImport("town1", Call("town1", "POST", "/api/v1/imports/persons",
                                         Csv({"证件号码,姓名,现住址区划代码", NewId(39) + "," + huge + "," + kVillage1}),
                                         "text/csv"));
  EXPECT_EQ(big.at("counts").at("failed").as_int64(), 1);
  EXPECT_EQ(big.at("errors").as_array()[0].at("code"), "value_too_long");
  EXPECT_LT(big.at("errors").as_array()[0].at("value").as_string().size(), 300u);
}

TEST_P(ApiTest, ImportFromBrowserRowsAndConcurrentOverlaps) {
  std::vector<std::string> ids;
  for (int i = 0; i < 60; ++i) ids.push_back(NewId(41 + i));
  auto rows_json = [&](size_t from, size_t to) {
    json::array rows;
    for (size_t i = from; i < to; ++i) rows.push_back(json::array{ids[i], "并发" + std::to_string(i), kVillage1});
    return json::serialize(json::object{{"file_name", "x.xlsx"},
                                        {"header", json::array{"证件号码", "姓名", "现住址区划代码"}},
                                        {"rows", rows}});
  };
  auto first = Call("town1", "POST", "/api/v1/imports/persons", rows_json(0, 40));
  auto second = Call("town1", "POST", "/api/v1/imports/persons", rows_json(20, 60));
  auto j1 = WaitForImport("town1", first);
  auto j2 = WaitForImport("town1", second);
  EXPECT_EQ(j1.at("counts").at("inserted").as_int64() + j2.at("counts").at("inserted").as_int64(), 60);
  for (const auto& id : {ids[0], ids[25], ids[59]}) {
    auto r = Call("town1", "GET", "/api/v1/persons?id_number=" + id);
    EXPECT_EQ(Obj(r).at("total").as_int64(), 1);
  }
}

TEST_P(ApiTest, ExportIsAnAuditedWorkbook) {
  int64_t before = AuditCount("person.export");
  auto r = Call("town1", "GET", "/api/v1/exports/persons?region=" + kVillage1);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_EQ(AuditCount("person.export"), before + 1);
}

// The UI's export: a job whose progress reaches the expected count, then a
// workbook only its owner can fetch; audited once written.
TEST_P(ApiTest, ExportJobShowsProgressAndKeepsTheFileForItsOwner) {
  ASSERT_EQ(CreatePerson("town1", NewId(29), "导出甲", kVillage1).status, 201);
  int64_t before = AuditCount("person.export");
  auto started = Call("town1", "POST", "/api/v1/exports/persons?region=" + kVillage1);
  ASSERT_EQ(started.status, 202) << started.body;
  auto job = Obj(started);
  std::string url = "/api/v1/exports/" + std::to_string(job.at("id").as_int64());
  int64_t expected = job.at("progress").at("total").as_int64();
  EXPECT_GE(expected, 1);
  for (int i = 0; i < 200 && (job.at("state") == "running" || job.at("state") == "queued"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    job = Obj(Call("town1", "GET", url));
  }
  ASSERT_EQ(Txt(job.at("state")), "done") << json::serialize(job);
  EXPECT_EQ(job.at("progress").at("processed").as_int64(), expected);
  EXPECT_EQ(Txt(job.at("file")), url + "/file");
  auto file = Call("town1", "GET", url + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body.substr(0, 2), "PK");
  EXPECT_EQ(AuditCount("person.export"), before + 1);
  EXPECT_EQ(Call("town2", "GET", url).status, 404) << "another user's job";
  EXPECT_EQ(Call("town2", "GET", url + "/file").status, 404);
  EXPECT_EQ(Call("town1", "POST", "/api/v1/exports/persons?region=341881100").status, 403);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/exports/999999").status, 404);
}

// An export walks the store in pages of 5,000; every person of the subtree
// is written once (the audit entry carries the row count).
TEST_P(ApiTest, ExportOfManyPeopleVisitsEachOnce) {
  std::vector<Person> people;
  for (int i = 0; i < 12001; ++i) {
    Person p;
    char date[16];
    // 10,080 distinct birth dates, then a second sequence number: every number differs.
    std::snprintf(date, sizeof date, "19%02d%02d%02d", 60 + i % 30, 1 + (i / 30) % 12, 1 + (i / 360) % 28);
    p.doc_number = MakeId("341881", date, 900 + i / 10080);
    p.name = "批量" + std::to_string(i);
    p.birth_date = ParseIdentityNumber(p.doc_number, Date::TodayBeijing()).value().birth_date;
    p.sex = (p.doc_number[16] - '0') % 2 ? Sex::kMale : Sex::kFemale;
    p.region_code = S().other_village;
    people.push_back(std::move(p));
  }
  auto upserted = S().store->persons->UpsertBatch(people);
  ASSERT_TRUE(upserted) << upserted.error().message;
  PersonFilter everyone;
  everyone.region = S().other_village;
  auto stored = S().store->persons->Search(everyone);
  ASSERT_TRUE(stored);
  ASSERT_GT(stored->total, 10000);
  auto r = Call("town2", "GET", "/api/v1/exports/persons?region=" + S().other_village);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  auto log = Obj(Call("admin", "GET", "/api/v1/audit?action=person.export&username=town2"));
  ASSERT_FALSE(log.at("items").as_array().empty());
  EXPECT_EQ(log.at("items").as_array()[0].at("rows").as_int64(), stored->total);
}

}  // namespace
}  // namespace fangkong
