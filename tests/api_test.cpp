// API contract tests of the registry, access and the first vaccination
// operations: a real server on loopback, run once per storage engine (see
// api_fixture.h). Other *_api_test.cpp files add tests to the same suite.
#include <set>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using testing::MakeId;

TEST_P(ApiTest, HealthNamesTheEngineWithoutAuth) {
  auto r = Http("GET", S().base + "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Obj(r).at("engine").as_string(), GetParam() == "sqlite" ? "sqlite" : "postgresql");
}

TEST_P(ApiTest, AuthenticationIsRequired) {
  EXPECT_EQ(Http("GET", S().base + "/api/v1/persons").status, 401);
  EXPECT_EQ(Http("GET", S().base + "/api/v1/persons", "", {"Authorization: Bearer nonsense"}).status, 401);
  auto bad = Http("POST", S().base + "/api/v1/auth/login", R"({"username":"admin","password":"wrong"})");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(ErrCode(bad), "unauthenticated");
  auto me = Call("town1", "GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Obj(me).at("region_code"), "341881001");
}

TEST_P(ApiTest, CreateReadAndDuplicate) {
  std::string id = NewId(11);
  auto r = CreatePerson("town1", id, "张三", kVillage1);
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = Obj(r);
  EXPECT_EQ(p.at("sex"), "M");
  EXPECT_EQ(p.at("masked"), true);
  EXPECT_NE(std::string(p.at("id_number").as_string()), id);
  EXPECT_EQ(p.at("phone"), "138****5678");
  auto dup = CreatePerson("town1", id, "张三", kVillage1);
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(ErrField(dup), "id_number");
  auto got = Call("town1", "GET", "/api/v1/persons/" + std::to_string(p.at("id").as_int64()));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Obj(got).at("name"), "张三");
  EXPECT_GE(Obj(got).at("region_path").as_array().size(), 5u);
}

TEST_P(ApiTest, BadInputGetsStructuredErrors) {
  std::string wrong = NewId(13);
  wrong.back() = wrong.back() == '1' ? '2' : '1';
  auto r = CreatePerson("town1", wrong, "李四", kVillage1);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrCode(r), "invalid_id_number");
  EXPECT_EQ(ErrField(r), "id_number");
  EXPECT_FALSE(Obj(r).at("error").at("message_zh").as_string().empty());

  auto malformed = Call("town1", "POST", "/api/v1/persons", "{\"name\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrCode(malformed), "malformed_json");

  auto wrong_type = Call("town1", "POST", "/api/v1/persons", R"({"name": {"a": 1}, "id_number": "x"})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(ErrField(wrong_type), "name");

  auto unknown_region = CreatePerson("town1", NewId(15), "王五", "341881999999");
  EXPECT_EQ(unknown_region.status, 422);
  EXPECT_EQ(ErrField(unknown_region), "region_code");

  auto impossible = CreatePerson("town1", "341881199902300013", "赵六", kVillage1);
  EXPECT_EQ(impossible.status, 422);

  auto bad_page = Call("town1", "GET", "/api/v1/persons?page_size=abc");
  EXPECT_EQ(bad_page.status, 422);
  EXPECT_EQ(ErrField(bad_page), "page_size");
}

TEST_P(ApiTest, SqlMetacharactersAreJustText) {
  std::string name = "O'Brien\"); DROP TABLE persons;--";
  auto r = CreatePerson("town1", NewId(17), name, kVillage1);
  ASSERT_EQ(r.status, 201) << r.body;
  auto search = Call("town1", "GET", "/api/v1/persons?q=O%27Brien");
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(Obj(search).at("total").as_int64(), 1);
  EXPECT_EQ(Txt(Obj(search).at("items").as_array()[0].at("name")), name);
  auto pct = Call("town1", "GET", "/api/v1/persons?q=%25");
  EXPECT_EQ(Obj(pct).at("total").as_int64(), 0);  // '%' is matched literally
}

TEST_P(ApiTest, JurisdictionIsEnforcedAndDenialsAudited) {
  auto r = CreatePerson("town2", NewId(19), "钱七", S().other_village);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  int64_t before = AuditCount("access.denied");
  auto denied = Call("town1", "GET", "/api/v1/persons/" + id);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(AuditCount("access.denied"), before + 1);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/persons?region=341881100").status, 403);
  EXPECT_EQ(Call("town1", "PATCH", "/api/v1/persons/" + id, R"({"name":"x"})").status, 403);
  auto outside = CreatePerson("town1", NewId(21), "孙八", S().other_village);
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/persons/" + id).status, 200);
}

TEST_P(ApiTest, FullValuesOnlyForAllowedRolesAndAudited) {
  std::string idn = NewId(23);
  auto r = CreatePerson("town1", idn, "周九", kVillage1);
  ASSERT_EQ(r.status, 201);
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  int64_t before = AuditCount("person.read_full");
  auto full = Call("admin", "GET", "/api/v1/persons/" + id + "?full=1");
  EXPECT_EQ(Txt(Obj(full).at("id_number")), idn);
  EXPECT_EQ(Obj(full).at("phone"), "13812345678");
  EXPECT_EQ(AuditCount("person.read_full"), before + 1);
  auto leader = Call("leader", "GET", "/api/v1/persons/" + id + "?full=1");
  EXPECT_EQ(Obj(leader).at("masked"), true);
  EXPECT_EQ(Call("leader", "POST", "/api/v1/persons", R"({"name":"x"})").status, 403);
}

TEST_P(ApiTest, PatchValidatesAndMovesCounts) {
  auto r = CreatePerson("admin", NewId(25), "吴十", kVillage1);
  ASSERT_EQ(r.status, 201);
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  auto before = Obj(Call("admin", "GET", "/api/v1/regions/" + S().other_village));
  int64_t n = before.at("population").at("registered").as_int64();
  auto moved = Call("admin", "PATCH", "/api/v1/persons/" + id,
                    json::serialize(json::object{{"region_code", S().other_village}, {"residency", "流动"}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto after = Obj(Call("admin", "GET", "/api/v1/regions/" + S().other_village));
  EXPECT_EQ(after.at("population").at("registered").as_int64(), n + 1);
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + id, R"({"phone":"12"})").status, 422);
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + id, R"({"sex":"女"})").status, 422);
}

// A search by region alone takes its total from the maintained counts; a
// search with any other filter counts rows. Both must agree.
TEST_P(ApiTest, ASubtreeSearchTotalsEveryoneInIt) {
  auto total = [&](const std::string& query) {
    auto r = Call("admin", "GET", "/api/v1/persons?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r).at("total").as_int64();
  };
  std::string town = kVillage1.substr(0, 9);
  auto r = CreatePerson("admin", NewId(27), "郑十一", kVillage1);
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t in_town = total("region=" + town);
  EXPECT_GE(in_town, 1);
  EXPECT_EQ(in_town, total("region=" + town + "&age_min=0")) << "row count";
  EXPECT_EQ(total("region=" + kVillage1), total("region=" + kVillage1 + "&age_min=0"));
  EXPECT_EQ(total("region=341881"), total("region=341881&age_min=0"));
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  ASSERT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + id,
                 json::serialize(json::object{{"region_code", S().other_village}})).status, 200);
  EXPECT_EQ(total("region=" + town), in_town - 1);
  EXPECT_EQ(total("region=" + town + "&age_min=0"), in_town - 1);
}

// The last page of a search gives the total without counting; a page past
// the end still counts.
TEST_P(ApiTest, SearchTotalsHoldOnEveryPage) {
  std::string prefix = GetParam() == "sqlite" ? "短页甲" : "短页乙";
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(CreatePerson("admin", NewId(31 + i), prefix + std::to_string(i), kVillage1).status, 201);
  }
  auto page = [&](int n) {
    std::string q;
    for (unsigned char c : prefix) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      q += hex;
    }
    auto r = Call("admin", "GET", "/api/v1/persons?page_size=2&page=" + std::to_string(n) + "&q=" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r);
  };
  const size_t rows_on[] = {0, 2, 1, 0};
  for (int n : {1, 2, 3}) {
    auto o = page(n);
    EXPECT_EQ(o.at("total").as_int64(), 3) << "page " << n;
    EXPECT_EQ(o.at("items").as_array().size(), rows_on[n]) << "page " << n;
  }
}

TEST_P(ApiTest, RegionCountsRollUpTheTree) {
  auto county = Call("admin", "GET", "/api/v1/regions/341881");
  ASSERT_EQ(county.status, 200);
  auto o = Obj(county);
  EXPECT_EQ(o.at("name"), "宁国市");
  int64_t sum = 0;
  for (const auto& c : o.at("children").as_array()) sum += c.at("population").at("registered").as_int64();
  EXPECT_EQ(sum, o.at("population").at("registered").as_int64());
  EXPECT_EQ(o.at("children").as_array().size(), 19u);
  auto tree = Call("admin", "GET", "/api/v1/regions/341881/tree");
  ASSERT_EQ(tree.status, 200);
  EXPECT_GT(Obj(tree).at("items").as_array().size(), 100u);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/regions/341881").status, 403);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/regions/34188x").status, 422);
}

TEST_P(ApiTest, OrganisationsAreValidatedAndKeptInJurisdiction) {
  // A credit code valid for this engine's run (the check character computed).
  std::string credit = std::string("91341881MA2XYW12") + (GetParam() == "sqlite" ? "1" : "2");
  credit += CreditCodeCheckCharacter(credit);
  auto body = [&](const std::string& region, const std::string& code) {
    return json::serialize(json::object{{"name", "宁国冷链物流有限公司"}, {"kind", "单位"},
                                        {"industry", "cold_chain"}, {"region_code", region},
                                        {"credit_code", code}});
  };
  auto created = Call("town1", "POST", "/api/v1/organisations", body("341881001", credit));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Obj(created).at("kind"), "employer");

  auto again = Call("town1", "POST", "/api/v1/organisations", body("341881001", credit));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrField(again), "credit_code");
  std::string wrong = credit;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  auto bad = Call("town1", "POST", "/api/v1/organisations", body("341881001", wrong));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(ErrCode(bad), "invalid_credit_code");
  auto nowhere = Call("town1", "POST", "/api/v1/organisations", body("341881001999", ""));
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_EQ(ErrField(nowhere), "region_code");
  EXPECT_EQ(Call("town1", "POST", "/api/v1/organisations", body("341881100", "")).status, 403);
  EXPECT_EQ(Call("leader", "POST", "/api/v1/organisations", body("341881001", "")).status, 403);
  auto no_kind = Call("town1", "POST", "/api/v1/organisations",
                      json::serialize(json::object{{"name", "x"}, {"kind", "shop"}, {"region_code", "341881001"}}));
  EXPECT_EQ(ErrField(no_kind), "kind");

  auto employers = Obj(Call("town1", "GET", "/api/v1/organisations?kind=employer")).at("items").as_array();
  ASSERT_FALSE(employers.empty());
  for (const auto& o : employers) EXPECT_EQ(o.at("kind"), "employer");
  EXPECT_TRUE(Obj(Call("town1", "GET", "/api/v1/organisations?kind=hospital")).at("items").as_array().empty());
  EXPECT_TRUE(Obj(Call("town2", "GET", "/api/v1/organisations")).at("items").as_array().empty());
  EXPECT_EQ(Call("town2", "GET", "/api/v1/organisations?region=341881001").status, 403);
}

TEST_P(ApiTest, CatalogueAndNextDoseFromTheDoseRecord) {
  auto vaccines = Obj(Call("town1", "GET", "/api/v1/vaccines")).at("items").as_array();
  std::set<std::string> codes;
  for (const auto& v : vaccines) codes.insert(Txt(v.at("code")));
  for (auto* code : {"BBIBP-CorV", "WIBP", "CoronaVac", "Ad5-nCoV", "ZF2001", "KCONVAC"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }

  auto created = CreatePerson("town1", NewId(117), "接种甲", kVillage1);
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t id = Obj(created).at("id").as_int64();
  DoseRecord dose;
  dose.person_id = id;
  dose.product = "BBIBP-CorV";
  dose.dose_number = 1;
  dose.date = Date::Parse("2021-03-01").value();
  dose.trace_code = std::string("8123456789012345678") + (GetParam() == "sqlite" ? "1" : "2");
  dose.region_code = kVillage1;
  ASSERT_TRUE(S().store->vaccination->InsertDose(dose));
  auto twice = S().store->vaccination->InsertDose(dose);  // the same code scanned again
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "trace_code");

  std::string path = "/api/v1/persons/" + std::to_string(id) + "/next-dose";
  auto early = Obj(Call("town1", "GET", path + "?date=2021-03-21"));
  EXPECT_EQ(early.at("status"), "too_soon");
  EXPECT_EQ(early.at("earliest"), "2021-03-22");
  EXPECT_EQ(early.at("history").as_array().size(), 1u);
  auto due = Obj(Call("town1", "GET", path + "?date=2021-03-22"));
  EXPECT_EQ(due.at("status"), "due");
  EXPECT_EQ(due.at("dose_number").as_int64(), 2);
  EXPECT_EQ(due.at("products").as_array().size(), 4u);  // the inactivated products
  EXPECT_EQ(due.at("latest"), "2021-04-26");

  auto bad_date = Call("town1", "GET", path + "?date=2021-02-30");
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_EQ(ErrField(bad_date), "date");
  auto bad_disease = Call("town1", "GET", path + "?disease=plague");
  EXPECT_EQ(bad_disease.status, 422);
  EXPECT_EQ(ErrField(bad_disease), "disease");
  EXPECT_EQ(Call("town2", "GET", path).status, 403);
}

TEST_P(ApiTest, SlotsAreOpenedWithValidatedTimesAndListedBySite) {
  int64_t site = TestSite(*S().store);
  std::string tomorrow = Date::TodayBeijing().AddDays(1).Iso();
  auto open = [&](const std::string& user, const std::string& date, const std::string& start,
                  const std::string& end, int capacity) {
    return Call(user, "POST", "/api/v1/sites/" + std::to_string(site) + "/slots",
                json::serialize(json::object{{"date", date}, {"start_time", start},
                                             {"end_time", end}, {"capacity", capacity}}));
  };
  auto ok = open("town1", tomorrow, "07:30", "09:00", 80);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(open("town1", tomorrow, "07:30", "09:00", 80).status, 409);  // same start time
  EXPECT_EQ(ErrField(open("town1", tomorrow, "9:00", "10:00", 80)), "start_time");
  EXPECT_EQ(ErrField(open("town1", tomorrow, "10:00", "09:00", 80)), "end_time");
  EXPECT_EQ(ErrField(open("town1", tomorrow, "10:00", "11:00", 0)), "capacity");
  EXPECT_EQ(ErrCode(open("town1", Date::TodayBeijing().AddDays(-1).Iso(), "10:00", "11:00", 5)), "date_in_past");
  EXPECT_EQ(open("town2", tomorrow, "12:00", "13:00", 5).status, 403);  // another township's site
  EXPECT_EQ(open("leader", tomorrow, "12:00", "13:00", 5).status, 403);
  auto slots = Obj(Call("town2", "GET", "/api/v1/sites/" + std::to_string(site) + "/slots?date=" + tomorrow));
  bool found = false;
  for (const auto& s : slots.at("items").as_array()) found |= s.at("start_time") == "07:30";
  EXPECT_TRUE(found);
  auto sites = Obj(Call("town1", "GET", "/api/v1/sites")).at("items").as_array();
  ASSERT_FALSE(sites.empty());
  EXPECT_TRUE(Obj(Call("town2", "GET", "/api/v1/sites")).at("items").as_array().empty());
}

TEST_P(ApiTest, BookingsHoldTheRulesAndCancelReschedule) {
  int64_t site = TestSite(*S().store);
  Date day = Date::TodayBeijing().AddDays(2);
  auto slot = [&](const std::string& start, int capacity) {
    auto r = Call("town1", "POST", "/api/v1/sites/" + std::to_string(site) + "/slots",
                  json::serialize(json::object{{"date", day.Iso()}, {"start_time", start},
                                               {"end_time", "17:30"}, {"capacity", capacity}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r).at("id").as_int64();
  };
  int64_t a = slot("14:00", 3), b = slot("15:00", 3);
  auto person = [&](int seq) {
    auto r = CreatePerson("town1", NewId(seq), "预约人" + std::to_string(seq), kVillage1);
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r).at("id").as_int64();
  };
  auto book = [&](const std::string& user, int64_t slot_id, int64_t person_id) {
    return Call(user, "POST", "/api/v1/appointments",
                json::serialize(json::object{{"slot_id", slot_id}, {"person_id", person_id}}));
  };
  int64_t p1 = person(111), p2 = person(113);
  auto first = book("town1", a, p1);
  ASSERT_EQ(first.status, 201) << first.body;
  int64_t appointment = Obj(first).at("id").as_int64();
  auto twice = book("town1", b, p1);  // a second open booking for the same dose
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ErrCode(twice), "duplicate_booking");
  EXPECT_EQ(book("town2", a, p2).status, 403);  // not town2's person

  // Too soon: a first dose yesterday makes dose 2 ineligible on the slot's day.
  DoseRecord dose;
  dose.person_id = p2;
  dose.product = "CoronaVac";
  dose.dose_number = 1;
  dose.date = Date::TodayBeijing().AddDays(-1);
  dose.region_code = kVillage1;
  ASSERT_TRUE(S().store->vaccination->InsertDose(dose));
  auto soon = book("town1", a, p2);
  EXPECT_EQ(soon.status, 422);
  EXPECT_EQ(ErrCode(soon), "not_eligible");
  EXPECT_NE(Obj(soon).at("error").at("message_zh").as_string().find("未到最短间隔"), std::string::npos);

  // A slot whose day has passed.
  Slot past{0, site, Date::TodayBeijing().AddDays(-1), "08:00", "09:00", 10, 0, "covid19"};
  auto past_id = S().store->vaccination->CreateSlot(past);
  ASSERT_TRUE(past_id);
  EXPECT_EQ(ErrCode(book("town1", *past_id, person(115))), "booking_in_past");

  // Into a slot of another vaccine: refused, and the booking stays where it was.
  Slot measles{0, site, day, "16:00", "17:00", 10, 0, "measles"};
  auto measles_id = S().store->vaccination->CreateSlot(measles);
  ASSERT_TRUE(measles_id);
  auto wrong = Call("town1", "POST", "/api/v1/appointments/" + std::to_string(appointment) + "/reschedule",
                    json::serialize(json::object{{"slot_id", *measles_id}}));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(ErrCode(wrong), "wrong_vaccine");
  EXPECT_EQ(ErrField(wrong), "slot_id");
  EXPECT_EQ(S().store->vaccination->FindAppointment(appointment).value()->status, AppointmentStatus::kBooked);

  auto moved = Call("town1", "POST", "/api/v1/appointments/" + std::to_string(appointment) + "/reschedule",
                    json::serialize(json::object{{"slot_id", b}}));
  ASSERT_EQ(moved.status, 201) << moved.body;
  int64_t new_id = Obj(moved).at("id").as_int64();
  auto slot_a = S().store->vaccination->FindSlot(a);
  EXPECT_EQ((*slot_a)->booked, 0);  // the place went back
  std::string cancel = "/api/v1/appointments/" + std::to_string(new_id) + "/cancel";
  EXPECT_EQ(Call("town1", "POST", cancel).status, 200);
  auto again = Call("town1", "POST", cancel);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrCode(again), "not_open");
  auto history = Obj(Call("town1", "GET", "/api/v1/persons/" + std::to_string(p1) + "/appointments"));
  ASSERT_EQ(history.at("items").as_array().size(), 2u);
  EXPECT_EQ(history.at("items").as_array()[0].at("status"), "cancelled");
}

// 200 people try at once for the last 50 places of a slot: exactly 50 get in.
TEST_P(ApiTest, ConcurrentBookingsNeverOverbook) {
  int64_t site = TestSite(*S().store);
  Date day = Date::TodayBeijing().AddDays(3);
  auto r = Call("town1", "POST", "/api/v1/sites/" + std::to_string(site) + "/slots",
                json::serialize(json::object{{"date", day.Iso()}, {"start_time", "08:00"},
                                             {"end_time", "12:00"}, {"capacity", 60}}));
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t slot = Obj(r).at("id").as_int64();
  std::vector<Person> people;
  for (int i = 0; i < 210; ++i) {
    Person p;
    char date[16];
    std::snprintf(date, sizeof date, "19%02d%02d%02d", 50 + i % 40, 1 + i % 12, 1 + i % 28);
    p.doc_number = MakeId("341881", date, 950 + i % 49);
    p.name = "并发" + std::to_string(i);
    p.birth_date = ParseIdentityNumber(p.doc_number, Date::TodayBeijing()).value().birth_date;
    p.sex = (p.doc_number[16] - '0') % 2 ? Sex::kMale : Sex::kFemale;
    p.region_code = kVillage1;
    people.push_back(std::move(p));
  }
  auto upserted = S().store->persons->UpsertBatch(people);
  ASSERT_TRUE(upserted) << upserted.error().message;
  std::vector<int64_t> ids;
  for (const auto& p : people) ids.push_back(S().store->persons->FindByDocument(p.doc_number).value()->id);
  // The first 10 places go in one block booking, leaving 50.
  json::array block;
  for (int i = 0; i < 10; ++i) block.push_back(ids[static_cast<size_t>(i)]);
  auto pre = Call("town1", "POST", "/api/v1/appointments",
                  json::serialize(json::object{{"slot_id", slot}, {"person_ids", block}, {"block", "城东社区"}}));
  ASSERT_EQ(pre.status, 201) << pre.body;

  std::atomic<int> created{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 10; i < 210; ++i) {
    threads.emplace_back([&, i] {
      auto res = Call("town1", "POST", "/api/v1/appointments",
                      json::serialize(json::object{{"slot_id", slot}, {"person_id", ids[static_cast<size_t>(i)]}}));
      if (res.status == 201) ++created;
      else if (res.status == 409 && ErrCode(res) == "slot_full") ++full;
      else ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 50);
  EXPECT_EQ(full.load(), 150);
  EXPECT_EQ(other.load(), 0);
  auto stored = S().store->vaccination->FindSlot(slot);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->booked, 60);
  // A booked person who did not come is marked once.
  std::string no_show =
      "/api/v1/appointments/" + std::to_string(Obj(pre).at("ids").as_array()[0].as_int64()) + "/no-show";
  EXPECT_EQ(Call("town1", "POST", no_show).status, 200);
  EXPECT_EQ(Call("town1", "POST", no_show).status, 409);
}

TEST_P(ApiTest, StockLedgerKeepsBalancesAndRefusesNegativeStock) {
  int64_t site = TestSite(*S().store);
  Organisation o{0, "西津街道临时接种点", OrganisationKind::kVaccinationSite, "", "341881001", ""};
  auto other = S().store->organisations->InsertOrganisation(o);
  ASSERT_TRUE(other);
  VaccinationSite temp;
  temp.org_id = *other;
  temp.type = SiteType::kTemporary;
  temp.daily_capacity = 100;
  ASSERT_TRUE(S().store->vaccination->UpsertSite(temp));

  std::string lot_number = GetParam() == "sqlite" ? "202111A001" : "202111B001";
  auto lot_body = [&](const std::string& number, const std::string& expiry) {
    return json::serialize(json::object{{"product", "CoronaVac"}, {"lot_number", number},
                                        {"expiry", expiry}, {"doses_per_vial", 1}});
  };
  std::string next_year = Date::TodayBeijing().AddYears(1).Iso();
  EXPECT_EQ(Call("town1", "POST", "/api/v1/lots", lot_body(lot_number, next_year)).status, 403);
  ASSERT_EQ(Call("admin", "POST", "/api/v1/lots", lot_body(lot_number, next_year)).status, 201);
  EXPECT_EQ(ErrCode(Call("admin", "POST", "/api/v1/lots", lot_body(lot_number, next_year))), "duplicate_lot");
  EXPECT_EQ(ErrField(Call("admin", "POST", "/api/v1/lots", lot_body("bad lot!", next_year))), "lot_number");
  std::string old_lot = lot_number + "X";
  ASSERT_EQ(Call("admin", "POST", "/api/v1/lots", lot_body(old_lot, "2021-01-31")).status, 201);

  std::string stock = "/api/v1/sites/" + std::to_string(site) + "/stock";
  auto move = [&](const std::string& kind, const std::string& number, int doses, const std::string& reason) {
    return Call("town1", "POST", stock,
                json::serialize(json::object{{"move", kind}, {"product", "CoronaVac"}, {"lot_number", number},
                                             {"doses", doses}, {"reason", reason}, {"reference", "调拨单2026-118"}}));
  };
  EXPECT_EQ(move("receive", lot_number, 100, "").status, 201);
  EXPECT_EQ(ErrCode(move("receive", old_lot, 10, "")), "lot_expired");
  EXPECT_EQ(ErrField(move("waste", lot_number, 2, "")), "reason");
  EXPECT_EQ(move("waste", lot_number, 2, "开瓶后污染").status, 201);
  auto negative = move("waste", lot_number, 99, "整箱破损");
  EXPECT_EQ(negative.status, 409);
  EXPECT_EQ(ErrCode(negative), "insufficient_stock");
  EXPECT_EQ(Call("town2", "POST", stock, "{}").status == 403 || Call("town2", "POST", stock, "{}").status == 422, true);

  auto transfer = Call("town1", "POST", "/api/v1/sites/" + std::to_string(site) + "/transfers",
                       json::serialize(json::object{{"to_site", *other}, {"product", "CoronaVac"},
                                                    {"lot_number", lot_number}, {"doses", 30}}));
  ASSERT_EQ(transfer.status, 201) << transfer.body;
  auto too_many = Call("town1", "POST", "/api/v1/sites/" + std::to_string(site) + "/transfers",
                       json::serialize(json::object{{"to_site", *other}, {"product", "CoronaVac"},
                                                    {"lot_number", lot_number}, {"doses", 69}}));
  EXPECT_EQ(ErrCode(too_many), "insufficient_stock");

  auto here = Obj(Call("town1", "GET", stock)).at("items").as_array();
  ASSERT_EQ(here.size(), 1u);
  EXPECT_EQ(here[0].at("doses").as_int64(), 68);
  auto there = Obj(Call("town1", "GET", "/api/v1/sites/" + std::to_string(*other) + "/stock")).at("items").as_array();
  ASSERT_EQ(there.size(), 1u);
  EXPECT_EQ(there[0].at("doses").as_int64(), 30);
  // The balance is the ledger's sum; refused moves left no line behind.
  auto ledger = Obj(Call("town1", "GET", "/api/v1/sites/" + std::to_string(site) + "/ledger")).at("items").as_array();
  int64_t sum = 0;
  for (const auto& l : ledger) sum += l.at("doses").as_int64();
  EXPECT_EQ(sum, 68);
  EXPECT_EQ(ledger.size(), 3u);
}

// A person walked from check-in to release, with the checks that must block.
TEST_P(ApiTest, TheVisitFromCheckInToReleaseAndItsChecks) {
  int64_t site = TestSite(*S().store);
  auto& vac = *S().store->vaccination;
  auto town1 = S().store->users->FindUserByName("town1");
  ASSERT_TRUE(town1 && *town1);
  SiteStaff staff{site, (*town1)->first.id, "", "", StaffDuty::kVaccinator, "皖接种证000123",
                  Date::TodayBeijing().AddYears(1)};
  ASSERT_TRUE(vac.UpsertStaff(staff));
  std::string tag = GetParam() == "sqlite" ? "S" : "P";
  auto lot = [&](const std::string& product, const std::string& number, const std::string& expiry) {
    auto r = Call("admin", "POST", "/api/v1/lots",
                  json::serialize(json::object{{"product", product}, {"lot_number", number}, {"expiry", expiry}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r).at("id").as_int64();
  };
  std::string next_year = Date::TodayBeijing().AddYears(1).Iso();
  lot("CoronaVac", "CV" + tag + "01", next_year);
  lot("BBIBP-CorV", "BB" + tag + "01", next_year);
  int64_t expired = lot("CoronaVac", "CV" + tag + "00", "2022-06-30");
  for (auto [product, number] : {std::pair{"CoronaVac", "CV" + tag + "01"}, std::pair{"BBIBP-CorV", "BB" + tag + "01"}}) {
    auto r = Call("town1", "POST", "/api/v1/sites/" + std::to_string(site) + "/stock",
                  json::serialize(json::object{{"move", "receive"}, {"product", product}, {"lot_number", number}, {"doses", 10}}));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // Stock of the expired lot, as if received before it expired.
  ASSERT_TRUE(vac.MoveStock({StockLine{0, site, expired, StockMove::kReceive, 5, 0, 1, "", ""}}));

  auto make_person = [&](int seq) {
    std::string id = NewId(seq);
    auto r = CreatePerson("town1", id, "受种者" + std::to_string(seq), kVillage1);
    EXPECT_EQ(r.status, 201) << r.body;
    return id;
  };
  std::string first_id = make_person(121);
  auto step = [&](const std::string& user, int64_t visit, const std::string& what, json::object body) {
    return Call(user, "POST", "/api/v1/visits/" + std::to_string(visit) + "/" + what, json::serialize(body));
  };
  auto checkin = [&](const std::string& id) {
    return Call("town1", "POST", "/api/v1/visits", json::serialize(json::object{{"site_id", site}, {"id_number", id}}));
  };
  int64_t check_ins = AuditCount("person.check_in");
  auto in = checkin(first_id);
  ASSERT_EQ(in.status, 201) << in.body;
  int64_t visit = Obj(in).at("id").as_int64();
  EXPECT_EQ(AuditCount("person.check_in"), check_ins + 1);  // finding the person is a read of personal data
  EXPECT_EQ(Obj(in).at("state"), "checked_in");
  EXPECT_EQ(ErrCode(checkin(first_id)), "visit_open");

  EXPECT_EQ(ErrCode(step("town1", visit, "screening", {{"temperature", 37.5}, {"outcome", "proceed"}})), "fever");
  EXPECT_EQ(ErrField(step("town1", visit, "screening", {{"temperature", 3.66}})), "temperature");
  ASSERT_EQ(step("town1", visit, "screening", {{"temperature", 36.6}, {"outcome", "proceed"}}).status, 200);
  auto early = step("town1", visit, "administer", {{"trace_code", "81000000000000000001"}, {"lot_number", "CV" + tag + "01"}});
  EXPECT_EQ(ErrCode(early), "visit_state");  // no consent yet
  ASSERT_EQ(step("town1", visit, "consent", {{"product", "CoronaVac"}}).status, 200);

  auto administer = [&](const std::string& user, int64_t v, const std::string& code, const std::string& number) {
    return step(user, v, "administer", {{"trace_code", code}, {"lot_number", number}});
  };
  std::string code = std::string("8100000000000000") + (tag == "S" ? "0001" : "0002");
  EXPECT_EQ(ErrCode(administer("town1", visit, code, "BB" + tag + "01")), "wrong_product");
  EXPECT_EQ(ErrCode(administer("town1", visit, code, "CV" + tag + "00")), "lot_expired");
  EXPECT_EQ(ErrCode(administer("town1", visit, "12345", "CV" + tag + "01")), "invalid_trace_code");
  EXPECT_EQ(ErrCode(administer("admin", visit, code, "CV" + tag + "01")), "uncertified_vaccinator");
  auto given = administer("town1", visit, code, "CV" + tag + "01");
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(Obj(given).at("state"), "administered");
  EXPECT_EQ(Obj(given).at("observation_seconds_left").as_int64(), 1800);
  auto stock = Obj(Call("town1", "GET", "/api/v1/sites/" + std::to_string(site) + "/stock")).at("items").as_array();
  for (const auto& s : stock)
    if (Txt(s.at("lot_number")) == "CV" + tag + "01") {
      EXPECT_EQ(s.at("doses").as_int64(), 9);
    }

  // The lot's recall list names the person, masked, and the read is audited.
  int64_t traces = AuditCount("lot.trace");
  auto trace = Obj(Call("town1", "GET", "/api/v1/lots/CV" + tag + "01/trace"));
  EXPECT_EQ(trace.at("total").as_int64(), 1);
  EXPECT_EQ(trace.at("items").as_array()[0].at("name"), "受种者121");
  EXPECT_NE(Txt(trace.at("items").as_array()[0].at("id_number")).find("*"), std::string::npos);
  EXPECT_EQ(Obj(Call("town2", "GET", "/api/v1/lots/CV" + tag + "01/trace")).at("total").as_int64(), 0);
  EXPECT_EQ(AuditCount("lot.trace"), traces + 2);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/lots/NO-SUCH-LOT/trace").status, 404);

  // The FHIR bundle and the signed record carry the dose.
  std::string person_path = "/api/v1/persons/" + std::to_string(Obj(given).at("person_id").as_int64());
  auto fhir = Call("town1", "GET", person_path + "/fhir");
  ASSERT_EQ(fhir.status, 200);
  auto bundle = Obj(fhir);
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  auto entries = bundle.at("entry").as_array();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].at("resource").at("resourceType"), "Patient");
  EXPECT_EQ(entries[1].at("resource").at("resourceType"), "Immunization");
  EXPECT_EQ(Txt(entries[1].at("resource").at("lotNumber")), "CV" + tag + "01");
  EXPECT_EQ(entries[1].at("resource").at("protocolApplied").as_array()[0].at("doseNumberPositiveInt").as_int64(), 1);
  auto cert = Obj(Call("town1", "GET", person_path + "/certificate"));
  std::string qr = Txt(cert.at("qr_text"));
  auto pub = Base64UrlDecode(Txt(cert.at("public_key")), "public_key");
  ASSERT_TRUE(pub);
  auto verified = VerifyCertificate(qr, *pub);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_NE(verified->find("CV" + tag + "01"), std::string::npos);
  std::string cmd = std::string(FANGKONG_BIN) + " verify '" + qr + "' --public-key " + Txt(cert.at("public_key")) + " >/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::string forged = qr;
  forged[10] = forged[10] == 'A' ? 'B' : 'A';  // one character of the record changed
  std::string bad = std::string(FANGKONG_BIN) + " verify '" + forged + "' --public-key " + Txt(cert.at("public_key")) + " >/dev/null 2>&1";
  EXPECT_NE(std::system(bad.c_str()), 0);

  auto release = step("town1", visit, "release", {});
  EXPECT_EQ(ErrCode(release), "observation_not_over");
  g_clock += 1801;
  auto released = step("town1", visit, "release", {});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(Obj(released).at("state"), "released");
  // Dose 2 the same day is too early: refused at check-in, saying why.
  auto again = checkin(first_id);
  EXPECT_EQ(ErrCode(again), "not_eligible");
  EXPECT_NE(Obj(again).at("error").at("message_zh").as_string().find("未到最短间隔"), std::string::npos);

  // A second person: the same code scanned again is refused and nothing is used up.
  std::string second_id = make_person(123);
  int64_t second = Obj(checkin(second_id)).at("id").as_int64();
  ASSERT_EQ(step("town1", second, "screening", {{"temperature", 36.4}}).status, 200);
  ASSERT_EQ(step("town1", second, "consent", {}).status, 200);
  auto twice = administer("town1", second, code, "CV" + tag + "01");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ErrCode(twice), "duplicate_trace_code");
  EXPECT_EQ(*vac.Balance(site, Obj(Call("town1", "GET", "/api/v1/lots?lot_number=CV" + tag + "01")).at("items").as_array()[0].at("id").as_int64()), 9);
  EXPECT_EQ(Obj(Call("town1", "GET", "/api/v1/visits/" + std::to_string(second))).at("state"), "consented");

  // A third person is deferred at screening; the series engine then says so.
  std::string third_id = make_person(125);
  int64_t third = Obj(checkin(third_id)).at("id").as_int64();
  std::string until = Date::TodayBeijing().AddDays(7).Iso();
  EXPECT_EQ(ErrField(step("town1", third, "screening", {{"temperature", 37.8}, {"outcome", "defer"}, {"deferred_until", until}})), "reason");
  ASSERT_EQ(step("town1", third, "screening", {{"temperature", 37.8}, {"outcome", "defer"}, {"deferred_until", until}, {"reason", "发热"}}).status, 200);
  auto third_person = S().store->persons->FindByDocument(third_id);
  auto next = Obj(Call("town1", "GET", "/api/v1/persons/" + std::to_string((*third_person)->id) + "/next-dose"));
  EXPECT_EQ(next.at("status"), "deferred");
  EXPECT_EQ(Txt(next.at("earliest")), until);

  // The board lists a day's visits; the test clock may have passed midnight
  // in Beijing between check-ins, so read each check-in's own day.
  std::set<std::string> days;
  for (int64_t v : {visit, second, third})
    days.insert(Txt(Obj(Call("town1", "GET", "/api/v1/visits/" + std::to_string(v))).at("date")));
  size_t on_board = 0;
  for (const auto& d : days)
    on_board += Obj(Call("town1", "GET", "/api/v1/sites/" + std::to_string(site) + "/visits?date=" + d)).at("items").as_array().size();
  EXPECT_GE(on_board, 3u);
  EXPECT_EQ(Call("town2", "GET", "/api/v1/visits/" + std::to_string(visit)).status, 403);
}

TEST_P(ApiTest, UsersAreManagedByAdminsOnly) {
  auto created = Call("admin", "POST", "/api/v1/users",
                      R"({"username":"village7","password":"Village7pass","role":"village_worker","region_code":")" + kVillage1 + "\"}");
  ASSERT_EQ(created.status, 201) << created.body;
  auto dup = Call("admin", "POST", "/api/v1/users",
                  R"({"username":"village7","password":"Village7pass","role":"village_worker","region_code":")" + kVillage1 + "\"}");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(ErrField(dup), "username");
  auto weak = Call("admin", "POST", "/api/v1/users", R"({"username":"weak1","password":"short","role":"leader"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(ErrField(weak), "password");
  EXPECT_EQ(Call("town1", "GET", "/api/v1/users").status, 403);
  auto list = Call("admin", "GET", "/api/v1/users");
  EXPECT_GE(Obj(list).at("total").as_int64(), 5);
}

TEST_P(ApiTest, OpenApiDocumentListsExactlyTheRoutes) {
  auto r = Http("GET", S().base + "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = json::parse(r.body).as_object();
  std::set<std::string> documented;
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : ops.as_object()) {
      std::string m(method);
      for (auto& ch : m) ch = static_cast<char>(toupper(ch));
      documented.insert(m + " " + std::string(path));
    }
  }
  auto routes = S().app->router().Describe();
  std::set<std::string> served(routes.begin(), routes.end());
  EXPECT_EQ(documented, served);
}

// After a full run (no --gtest_filter), every documented operation has
// answered some test with success, so every success schema was checked.
class EveryOperationAnswered : public ::testing::Environment {
 public:
  void TearDown() override {
    if (::testing::GTEST_FLAG(filter) != "*") return;
    auto missing = testing::OpenApiCheck::Instance().NeverAnswered();
    EXPECT_TRUE(missing.empty()) << "no API test got a success from: " << ::testing::PrintToString(missing);
    std::printf("[openapi] %ld responses checked against their operation's schema\n",
                testing::OpenApiCheck::Instance().Checked());
  }
};
[[maybe_unused]] auto* const kEveryOperationAnswered =
    ::testing::AddGlobalTestEnvironment(new EveryOperationAnswered);

INSTANTIATE_TEST_SUITE_P(Engines, ApiTest, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
