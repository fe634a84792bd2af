// API tests of arrivals on both engines: a pushed list with the usual errors
// matched by identity number and by name and phone, nothing dropped, the
// same journey from two sources one arrival, a person chosen for a row
// nobody matched, the outcome with its measure, the figures per township,
// the out-of-county file, and a resident's own report with its checks and
// its rate limit.
#include <thread>

#include "api_fixture.h"
#include "arrivals/arrival_imports.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;

class ArrivalApiTest : public ApiTest {
 protected:
  // A person of `region` with their own phone; returns the id.
  int64_t Registered(const std::string& id_number, const std::string& name,
                     const std::string& phone, const std::string& region = kVillage1) {
    auto r = Call(
        "admin", "POST", "/api/v1/persons",
        json::serialize(json::object{
            {"id_number", id_number}, {"name", name}, {"region_code", region}, {"phone", phone}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Obj(r).at("id").as_int64() : 0;
  }

  // A phone no other test uses: 139 and 8 digits from `seq` and the engine.
  std::string Phone(int seq) {
    char digits[9];
    std::snprintf(digits, sizeof digits, "%08d", seq * 7919 + (GetParam() == "sqlite" ? 1 : 2));
    return std::string("139") + digits;
  }

  json::object WaitForList(const HttpResult& started) {
    EXPECT_EQ(started.status, 202) << started.body;
    std::string id = std::to_string(Obj(started).at("id").as_int64());
    for (int i = 0; i < 600; ++i) {
      auto o = Obj(Call("admin", "GET", "/api/v1/arrivals/imports/" + id));
      if (o.at("state") != "running") return o;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the list was not taken in";
    return {};
  }

  json::object Find(const std::string& user, int64_t id) {
    auto r = Call(user, "GET", "/api/v1/arrivals/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Obj(r) : json::object{};
  }

  // The arrival of `person` in `user`'s queue.
  json::object OfPerson(const std::string& user, int64_t person) {
    auto list = Obj(Call(user, "GET", "/api/v1/arrivals?limit=5000"));
    for (const auto& a : list.at("items").as_array())
      if (a.at("person_id") == person) return a.as_object();
    ADD_FAILURE() << "no arrival of person " << person;
    return {};
  }
};

TEST_P(ArrivalApiTest, APushedListWithTheUsualErrorsLosesNobody) {
  std::string a_id = NewId(601), b_id = NewId(602), c_id = NewId(603);
  int64_t a = Registered(a_id, "欧阳锦程", Phone(1));
  int64_t b = Registered(b_id, "司马振东", Phone(2));
  int64_t c = Registered(c_id, "慕容雪晴", Phone(3));
  // Somebody of another county: their arrival goes to their own jurisdiction.
  ASSERT_TRUE(S().store->regions->UpsertRegions({{"341802", "宣州区", "341800", 3},
                                                 {"341802001", "澄江街道", "341802", 4},
                                                 {"341802001001", "澄江社区", "341802001", 5}}));
  Person away;
  away.doc_number = MakeId("341802", "19800101", 604 + (GetParam() == "sqlite" ? 0 : 500));
  away.name = "外县来人";
  away.sex = Sex::kMale;
  away.birth_date = Date::FromYmd(1980, 1, 1).value();
  away.region_code = "341802001001";
  ASSERT_TRUE(S().store->persons->Insert(away));

  Date today = BeijingDay(g_clock.load());
  std::string day = today.AddDays(-1).Iso();
  std::string c_bad = c_id.substr(0, 17) + (c_id[17] == '1' ? "2" : "1");  // a wrong check digit
  std::string c_phone = Phone(3);
  std::swap(c_phone[5], c_phone[6]);  // two digits swapped
  std::string csv = "姓名,身份证号,手机号,抵达日期,来源地区\n";
  csv += "欧阳锦程," + a_id + ",," + day + ",上海市浦东新区\n";      // line 2: by identity number
  csv += "司马振冬,," + Phone(2) + "," + day + ",上海市浦东新区\n";  // 3: homophone, same phone
  csv +=
      "慕容雪晴," + c_bad + "," + c_phone + "," + day + ",上海市\n";  // 4: bad id, swapped digits
  csv += "查无此人,,13000000000," + day + ",上海市\n";                // 5: nobody: waits
  csv += ",,,," + day + "\n";                                         // 6: names nobody: fails
  csv += "欧阳锦程," + a_id + ",," + today.Iso() + ",上海市\n";       // 7: the same journey again
  csv += "外县来人," + away.doc_number + ",,昨天,上海市\n";           // 8: out of county, bad date

  EXPECT_EQ(Call("town1", "POST", "/api/v1/arrivals/imports", csv, "text/csv").status, 403);
  auto missing =
      Call("admin", "POST", "/api/v1/arrivals/imports", "姓名,手机号\n张三,1\n", "text/csv");
  EXPECT_EQ(ErrCode(missing), "missing_columns");
  EXPECT_EQ(ErrCode(Call("admin", "POST", "/api/v1/arrivals/imports?deadline_hours=100", csv,
                         "text/csv")),
            "invalid_deadline_hours");

  auto job = WaitForList(Call(
      "admin", "POST",
      "/api/v1/arrivals/imports?source_name=%E7%9C%81%E5%A4%A7%E6%95%B0%E6%8D%AE&deadline_hours=12",
      csv, "text/csv"));
  EXPECT_EQ(job.at("state"), "done");
  EXPECT_EQ(job.at("processed"), 7);
  EXPECT_EQ(job.at("by_id_number"), 2);
  EXPECT_EQ(job.at("linked"), 2);
  EXPECT_EQ(job.at("unmatched"), 1);
  EXPECT_EQ(job.at("merged"), 1);
  EXPECT_EQ(job.at("out_of_county"), 1);
  EXPECT_EQ(job.at("failed"), 1);
  std::map<int64_t, std::string> faults;
  for (const auto& e : job.at("errors").as_array())
    faults[e.at("row").as_int64()] = Txt(e.at("code"));
  EXPECT_EQ(faults[6], "nobody_named");
  EXPECT_EQ(faults[8], "invalid_arrival_date");

  // Each registered person is in their township's queue, masked, due in 12 hours.
  auto arrival_a = OfPerson("town1", a);
  EXPECT_EQ(arrival_a.at("status"), "to_verify");
  EXPECT_EQ(arrival_a.at("match"), "id_number");
  EXPECT_NE(Txt(arrival_a.at("id_number")), a_id);
  EXPECT_EQ(arrival_a.at("deadline_at").as_int64() - arrival_a.at("pushed_at").as_int64(),
            12 * 3600);
  EXPECT_EQ(OfPerson("town1", b).at("match"), "linked");
  EXPECT_EQ(OfPerson("town1", c).at("match"), "linked");
  int64_t a_arrival = arrival_a.at("id").as_int64();
  EXPECT_EQ(Find("town1", a_arrival).at("reports").as_array().size(), 2u);  // lines 2 and 7
  EXPECT_EQ(Call("town2", "GET", "/api/v1/arrivals/" + std::to_string(a_arrival)).status, 404);

  // The row nobody matched waits at the county; a person is chosen for it.
  auto waiting = Obj(Call("admin", "GET", "/api/v1/arrivals?status=awaiting_match&limit=5000"));
  int64_t nobody = 0;
  for (const auto& x : waiting.at("items").as_array())
    if (x.at("name") == "查无此人") nobody = x.at("id").as_int64();
  ASSERT_NE(nobody, 0);
  int64_t d = Registered(NewId(605), "查无此人", Phone(5));
  EXPECT_EQ(Call("town1", "GET", "/api/v1/arrivals/" + std::to_string(nobody)).status, 404);
  auto chosen = Call("admin", "POST", "/api/v1/arrivals/" + std::to_string(nobody) + "/person",
                     json::serialize(json::object{{"person_id", d}}));
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(Txt(Obj(chosen).at("region_code")), kVillage1);
  EXPECT_EQ(Obj(chosen).at("match"), "chosen");
  EXPECT_EQ(Find("town1", nobody).at("status"), "to_verify");

  // The out-of-county file names the other county's person in full.
  auto file = Call("admin", "GET", "/api/v1/arrivals/out-of-county");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.body.find(away.doc_number), std::string::npos);
  EXPECT_EQ(file.body.find(a_id), std::string::npos);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/arrivals/out-of-county").body.find(away.doc_number),
            std::string::npos);
}

// A list of several batches is matched ahead while earlier batches are
// written (ArrivalImports::Run): every batch is folded, and a journey pushed
// in the first batch and again in the last is one arrival.
TEST_P(ArrivalApiTest, AListOfManyBatchesFoldsEveryBatchInOrder) {
  std::string p_id = NewId(631);
  int64_t p = Registered(p_id, "上官远航", Phone(31));
  std::string day = BeijingDay(g_clock.load()).Iso();
  const int fillers = 3 * static_cast<int>(ArrivalImports::kBatchRows);
  std::string csv = "姓名,身份证号,手机号,抵达日期\n上官远航," + p_id + ",," + day + "\n";
  for (int i = 0; i < fillers; ++i) {
    char phone[16];
    std::snprintf(phone, sizeof phone, "1770%07d", i * 3 + (GetParam() == "sqlite" ? 1 : 2));
    csv += "无名氏,," + std::string(phone) + "," + day + "\n";
  }
  csv += "上官远航," + p_id + ",," + day + "\n";
  auto job = WaitForList(Call("admin", "POST", "/api/v1/arrivals/imports", csv, "text/csv"));
  EXPECT_EQ(job.at("state"), "done");
  EXPECT_EQ(job.at("processed"), fillers + 2);
  EXPECT_EQ(job.at("by_id_number"), 1);
  EXPECT_EQ(job.at("merged"), 1);
  EXPECT_EQ(job.at("unmatched"), fillers);
  EXPECT_EQ(Find("town1", OfPerson("town1", p).at("id").as_int64()).at("reports").as_array().size(),
            2u);
}

TEST_P(ArrivalApiTest, AGridFindAndAPushAreOneArrivalAndTheOutcomeAppliesTheMeasure) {
  std::string e_id = NewId(611);
  int64_t e = Registered(e_id, "东方明远", Phone(11));
  Date today = BeijingDay(g_clock.load());
  json::object find{{"source", "grid"},
                    {"name", "东方明远"},
                    {"phone", Phone(11)},
                    {"origin", "广州市海珠区"},
                    {"arrival_date", today.Iso()}};
  EXPECT_EQ(Call("leader", "POST", "/api/v1/arrivals", json::serialize(find)).status, 403);
  json::object no_date = find;
  no_date.erase("arrival_date");
  EXPECT_EQ(ErrField(Call("town1", "POST", "/api/v1/arrivals", json::serialize(no_date))),
            "arrival_date");
  auto found = Call("town1", "POST", "/api/v1/arrivals", json::serialize(find));
  ASSERT_EQ(found.status, 201) << found.body;
  int64_t arrival = Obj(found).at("id").as_int64();
  EXPECT_EQ(Obj(found).at("deadline_at"), 0);  // nobody pushed it: no deadline yet

  // The push a day later joins the grid's arrival, which the grid found first.
  g_clock += 60;
  std::string csv = "姓名,身份证号,手机号,抵达日期\n东方明远," + e_id + "," + Phone(11) + "," +
                    today.Iso() + "\n";
  auto job = WaitForList(Call("admin", "POST", "/api/v1/arrivals/imports", csv, "text/csv"));
  EXPECT_EQ(job.at("merged"), 1);
  auto joined = Find("town1", arrival);
  EXPECT_GT(joined.at("pushed_at").as_int64(), joined.at("grid_found_at").as_int64());
  EXPECT_EQ(joined.at("reports").as_array().size(), 2u);

  auto outcome = [&](const std::string& user, json::object body) {
    return Call(user, "POST", "/api/v1/arrivals/" + std::to_string(arrival) + "/outcome",
                json::serialize(body));
  };
  EXPECT_EQ(ErrCode(outcome("town1", {{"outcome", "not_found"}})), "note_required");
  EXPECT_EQ(ErrCode(outcome("town1", {{"outcome", "maybe"}})), "invalid_outcome");
  EXPECT_EQ(outcome("town1", {{"outcome", "found"}, {"measure_type", "no_such_type"}}).status / 100,
            4);
  EXPECT_EQ(Find("town1", arrival).at("outcome"), "");  // a refused measure records nothing
  auto done =
      outcome("town1", {{"outcome", "found"}, {"measure_type", "medium_risk_arrival_home"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Obj(done).at("status"), "verified");
  EXPECT_GT(Obj(done).at("measure_id").as_int64(), 0);
  EXPECT_EQ(ErrCode(outcome("town1", {{"outcome", "found"}})), "outcome_recorded");
  auto measures = Obj(Call("town1", "GET", "/api/v1/persons/" + std::to_string(e) + "/measures"));
  EXPECT_NE(json::serialize(measures).find("medium_risk_arrival_home"), std::string::npos);

  // The township's figures count it verified on time, found before the push.
  auto figures = Obj(Call("admin", "GET", "/api/v1/arrivals/figures"));
  bool seen = false;
  for (const auto& f : figures.at("items").as_array()) {
    if (f.at("region_code") != "341881001") continue;
    seen = true;
    EXPECT_GE(f.at("verified_on_time").as_int64(), 1);
    EXPECT_GE(f.at("found_before_push").as_int64(), 1);
    EXPECT_GE(f.at("median_minutes_to_verify").as_int64(), 0);
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/arrivals/figures").status, 200);
}

TEST_P(ArrivalApiTest, AResidentReportsWithoutALoginWithinLimits) {
  auto places = Obj(Call("", "GET", "/api/v1/public/places"));
  ASSERT_FALSE(places.at("items").as_array().empty());
  Date today = BeijingDay(g_clock.load());
  std::string id = NewId(621);
  json::object report{
      {"id_number", id},          {"name", "南宫晓月"},          {"phone", Phone(21)},
      {"origin", "北京市朝阳区"}, {"arrival_date", today.Iso()}, {"destination_code", kVillage1}};
  auto first = Call("", "POST", "/api/v1/public/self-reports", json::serialize(report));
  ASSERT_EQ(first.status, 201) << first.body;
  int64_t arrival = Obj(first).at("id").as_int64();
  auto seen = Find("town1", arrival);
  // Not registered: the village verifies it all the same.
  EXPECT_EQ(seen.at("status"), "to_verify");
  EXPECT_EQ(seen.at("match"), "unmatched");
  EXPECT_EQ(Txt(seen.at("region_code")), kVillage1);

  auto bad = [&](const char* field, const std::string& value) {
    json::object b = report;
    b[field] = value;
    return ErrField(Call("", "POST", "/api/v1/public/self-reports", json::serialize(b)));
  };
  EXPECT_EQ(bad("id_number", "34188119800101123"), "id_number");
  EXPECT_EQ(bad("phone", "12345"), "phone");
  EXPECT_EQ(bad("arrival_date", today.AddDays(-30).Iso()), "arrival_date");
  EXPECT_EQ(bad("destination_code", "341881999999"), "destination_code");

  // Five reports from this address were admitted, the limit of a window (the
  // first and the four refused above); the next is refused.
  auto refused = Call("", "POST", "/api/v1/public/self-reports", json::serialize(report));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(ErrCode(refused), "too_many_reports");
}

INSTANTIATE_TEST_SUITE_P(Engines, ArrivalApiTest, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
