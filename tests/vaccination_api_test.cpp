// API contract tests of vaccination operations: the catalogue and the next
// dose, slots and bookings (with the concurrent-booking race), the stock
// ledger, and a visit from check-in to release. Same server and suite as
// api_test.cpp (api_fixture.h).
#include <set>
#include <thread>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using testing::MakeId;

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
  // The servers' day, which an earlier test moved on by half an hour (near
  // midnight it is already tomorrow).
  Date today = BeijingDay(g_clock.load());
  auto figure = [&](Figure f, Date day) {
    return S().store->figures->AsOf(FigureKey("covid19", f), kVillage1, day).value();
  };
  int64_t first_doses = figure(Figure::kFirstDose, today), doses = figure(Figure::kDoses, today);
  int64_t late_then = figure(Figure::kSeriesLate, today.AddDays(40));
  int64_t first_doses_yesterday = figure(Figure::kFirstDose, today.AddDays(-1));
  auto given = administer("town1", visit, code, "CV" + tag + "01");
  ASSERT_EQ(given.status, 200) << given.body;
  // The figures of the village moved with it: a first dose and a dose today,
  // and a second dose late from the day after the recommended 28 days.
  EXPECT_EQ(figure(Figure::kFirstDose, today), first_doses + 1);
  EXPECT_EQ(figure(Figure::kDoses, today), doses + 1);
  EXPECT_EQ(figure(Figure::kSeriesLate, today.AddDays(40)), late_then + 1);
  EXPECT_EQ(figure(Figure::kFirstDose, today.AddDays(-1)), first_doses_yesterday);
  EXPECT_EQ(Obj(given).at("state"), "administered");
  EXPECT_EQ(Obj(given).at("observation_seconds_left").as_int64(), 1800);
  // The person's vaccination state moved with the dose, in the same unit.
  int64_t vaccinated = Obj(given).at("person_id").as_int64();
  auto state = S().store->vaccination_state->StateOf(vaccinated, "covid19");
  ASSERT_TRUE(state && *state) << "no state kept with the dose";
  EXPECT_EQ((*state)->doses, 1);
  EXPECT_EQ((*state)->first_dose, today);
  auto person = S().store->persons->FindById(vaccinated).value().value();
  EXPECT_EQ(**state, StateFromDoses(Catalogue::Default(), "covid19", vaccinated, person.birth_date,
                                    S().store->vaccination->DosesOf(vaccinated).value()));
  auto listed = S().store->vaccination_state->StatesOf({vaccinated, vaccinated + 100000}, "covid19");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front(), **state);
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
  EXPECT_EQ(Txt(trace.at("items").as_array()[0].at("place_name")).rfind("西津街道 ", 0), 0u)
      << "the place named, township first";
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

}  // namespace
}  // namespace fangkong
