// The fixture of the API contract tests: a real server on loopback per
// storage engine (SQLite always; PostgreSQL when FANGKONG_TEST_PG names a
// server), started once and shared by every test file of api_tests, with
// helpers to call it as the test users. Everything here is inline so all
// files share one server, one clock and one identity-number counter.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <libpq-fe.h>
#include <set>
#include <atomic>
#include <mutex>
#include <thread>

#include "api/app.h"
#include "core/credit_code.h"
#include "vaccination/certificate.h"
#include "vaccination/vaccination_state.h"
#include "core/id_number.h"
#include "core/text.h"
#include "http_client.h"
#include "openapi_check.h"
#include "registry/region_data.h"
#include "store/storage.h"
#include "test_support.h"

namespace fangkong::apitest {

namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using testing::MakeId;

inline const std::string kPassword = "Test@2026pass";
inline const std::string kVillage1 = "341881001001";   // under 西津街道 341881001
inline const std::string kVillage2 = "341881100200";   // placeholder, replaced by a real village of 港口镇

using testing::FreePort;

// Every alert the servers raise (a serious adverse event, ...).
inline std::shared_ptr<RecordingNotifier> g_notifier = std::make_shared<RecordingNotifier>();

// The clock the servers' visit steps read; a test moves it forward.
inline std::atomic<int64_t> g_clock{NowUnixSeconds()};

struct Server {
  std::unique_ptr<Storage> store;
  std::unique_ptr<api::App> app;
  std::unique_ptr<api::HttpServer> http;
  std::string base;
  std::string other_village;
  std::map<std::string, std::string> tokens;
};

// SQLite always; PostgreSQL when FANGKONG_TEST_PG names a server.
inline std::vector<std::string> TestEngines() {
  std::vector<std::string> e = {"sqlite"};
  if (!testing::PostgresUrl().empty()) e.push_back("postgresql");
  return e;
}

inline std::string KeyFile() {
  return (std::filesystem::temp_directory_path() / ("fk-api-key-" + std::to_string(getpid()))).string();
}

inline std::filesystem::path SqliteTestDir() {
  return std::filesystem::temp_directory_path() / ("fk-api-" + std::to_string(getpid()));
}

inline std::unique_ptr<Storage> FreshStore(const std::string& engine) {
  if (engine == "sqlite") {
    auto dir = SqliteTestDir();
    std::filesystem::remove_all(dir);
    return OpenStorage(dir.string());
  }
  PGconn* c = PQconnectdb(testing::PostgresUrl().c_str());
  PQclear(PQexec(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
  PQfinish(c);
  return OpenStorage(testing::PostgresUrl());
}

// The servers the API tests started: their responses are checked against
// the API document (openapi_check.h).
inline std::mutex g_documented_mu;
inline std::vector<std::string> g_documented_bases;

inline void CheckAgainstTheDocument(const std::string& method, const std::string& url, const HttpResult& r) {
  {
    std::lock_guard lock(g_documented_mu);
    bool ours = false;
    for (const auto& b : g_documented_bases) ours = ours || url.rfind(b + "/", 0) == 0;
    if (!ours) return;
  }
  auto problem = testing::OpenApiCheck::Instance().Check(method, url, r.status, r.content_type, r.body);
  if (!problem.empty()) ADD_FAILURE() << "API document (docs/openapi.json): " << problem;
}

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static std::map<std::string, std::unique_ptr<Server>>& servers() {
    static std::map<std::string, std::unique_ptr<Server>> s;
    return s;
  }

  static void TearDownTestSuite() {
    servers().clear();
    std::filesystem::remove_all(SqliteTestDir());
    std::filesystem::remove(KeyFile());
  }

  Server& S() {
    auto& slot = servers()[GetParam()];
    if (!slot) slot = Start(GetParam());
    return *slot;
  }

  static std::unique_ptr<Server> Start(const std::string& engine) {
    auto s = std::make_unique<Server>();
    s->store = FreshStore(engine);
    EXPECT_TRUE(s->store->Migrate());
    auto regions = LoadDivisionTables(FANGKONG_REGION_DATA, {"341881"});
    EXPECT_TRUE(regions) << regions.error().message;
    // Tests need the county's branch only; loading it keeps set-up quick on both engines.
    std::vector<Region> mine;
    for (const auto& r : *regions) {
      if (r.code.size() <= 4 ? std::string("341881").rfind(r.code, 0) == 0 : r.code.rfind("341881", 0) == 0) {
        mine.push_back(r);
      }
      if (r.code.rfind("341881100", 0) == 0 && r.level == 5 && s->other_village.empty()) s->other_village = r.code;
    }
    EXPECT_TRUE(s->store->regions->UpsertRegions(mine));
    std::string hash = HashPassword(kPassword);
    const std::tuple<const char*, Role, const char*> users[] = {
        {"admin", Role::kCountyAdmin, "341881"},
        {"town1", Role::kTownshipOfficer, "341881001"},
        {"town2", Role::kTownshipOfficer, "341881100"},
        {"leader", Role::kLeader, "341881"}};
    for (auto [name, role, code] : users) {
      EXPECT_TRUE(s->store->users->InsertUser(User{0, name, name, role, code, 0, true}, hash));
    }
    api::AppOptions options;
    options.clock = [] { return g_clock.load(); };
    options.signing_key_path = KeyFile();
    options.notifiers = {g_notifier};
    // Every test logs in from 127.0.0.1: only the per-name lockout is tried
    // through the API (the per-address one in login_throttle_test.cpp).
    options.login_throttle.failures_per_address = 1000000;
    s->app = std::make_unique<api::App>(*s->store, options);
    unsigned short port = FreePort();
    s->http = api::StartHttpServer(s->app->router(), "127.0.0.1", port, api::ServerThreads{2, 8});
    s->base = "http://127.0.0.1:" + std::to_string(port);
    {
      std::lock_guard lock(g_documented_mu);
      g_documented_bases.push_back(s->base);
    }
    testing::g_response_observer = &CheckAgainstTheDocument;
    for (auto [name, role, code] : users) {
      auto r = Http("POST", s->base + "/api/v1/auth/login",
                    json::serialize(json::object{{"username", name}, {"password", kPassword}}));
      EXPECT_EQ(r.status, 200) << r.body;
      s->tokens[name] = std::string(json::parse(r.body).at("token").as_string());
    }
    return s;
  }

  HttpResult Call(const std::string& user, const std::string& method, const std::string& path,
                  const std::string& body = "", const std::string& content_type = "application/json") {
    std::vector<std::string> headers = {"Content-Type: " + content_type};
    if (!user.empty()) headers.push_back("Authorization: Bearer " + S().tokens[user]);
    return Http(method, S().base + path, body, headers);
  }

  static json::object Obj(const HttpResult& r) { return json::parse(r.body).as_object(); }
  static std::string Txt(const json::value& v) { return std::string(v.as_string()); }
  // The error's code or field; a response without an error gives a text
  // that shows what came back instead, so the failing expectation says so.
  static std::string ErrPart(const HttpResult& r, const char* part) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    const json::value* e = !ec && v.is_object() ? v.as_object().if_contains("error") : nullptr;
    const json::value* p = e && e->is_object() ? e->as_object().if_contains(part) : nullptr;
    if (!p || !p->is_string()) return "(no error: " + std::to_string(r.status) + " " + r.body.substr(0, 300) + ")";
    return std::string(p->as_string());
  }
  static std::string ErrCode(const HttpResult& r) { return ErrPart(r, "code"); }
  static std::string ErrField(const HttpResult& r) { return ErrPart(r, "field"); }

  // A fresh valid identity number for each call within a test run.
  std::string NewId(int seq) {
    // Each call a birth date of its own (a day after the last, from 1950), so
    // no two calls collide whatever the seq; seq varies the rest of the number.
    static int counter = 0;
    std::string iso = Date::FromYmd(1950, 1, 1)->AddDays(counter++).Iso();
    std::string date = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    return MakeId("341881", date, seq + (GetParam() == "sqlite" ? 0 : 500));
  }

  HttpResult CreatePerson(const std::string& user, const std::string& id, const std::string& name,
                          const std::string& region) {
    return Call(user, "POST", "/api/v1/persons",
                json::serialize(json::object{{"id_number", id}, {"name", name}, {"region_code", region},
                                             {"phone", "13812345678"}}));
  }

  json::object WaitForImport(const std::string& user, const HttpResult& started) {
    EXPECT_EQ(started.status, 202) << started.body;
    int64_t id = Obj(started).at("id").as_int64();
    for (int i = 0; i < 600; ++i) {
      auto r = Call(user, "GET", "/api/v1/imports/" + std::to_string(id));
      auto o = Obj(r);
      if (o.at("state") == "done" || o.at("state") == "failed") return o;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "import did not finish";
    return {};
  }

  int64_t AuditCount(const std::string& action) {
    auto r = Call("admin", "GET", "/api/v1/audit?action=" + action);
    return Obj(r).at("total").as_int64();
  }
};

// A vaccination site of township 1 for the appointment tests (made once per engine).
inline int64_t TestSite(Storage& store) {
  static std::map<Storage*, int64_t> sites;
  if (sites.count(&store)) return sites[&store];
  Organisation o{0, "西津街道预防接种门诊", OrganisationKind::kVaccinationSite, "", "341881001", ""};
  auto id = store.organisations->InsertOrganisation(o);
  EXPECT_TRUE(id);
  VaccinationSite v;
  v.org_id = *id;
  v.daily_capacity = 400;
  EXPECT_TRUE(store.vaccination->UpsertSite(v));
  return sites[&store] = *id;
}

// A dose written straight to the store, with the person's vaccination state
// and figures kept as the visit keeps them, so the lists that read them see it.
inline Result<int64_t> InsertDoseKeepingState(Storage& store, const DoseRecord& d) {
  auto id = store.vaccination->InsertDose(d);
  if (!id) return id;
  auto person = store.persons->FindById(d.person_id);
  auto doses = store.mobilisation->DosesOfPersons({d.person_id});
  if (!person || !*person || !doses) return Fail(Error::Internal("person or doses unreadable"));
  for (const auto& disease : Catalogue::Default().diseases()) {
    auto s = StateFromDoses(Catalogue::Default(), disease.code, d.person_id,
                            (*person)->birth_date, *doses);
    if (s.doses == 0) continue;
    auto before = store.vaccination_state->StateOf(d.person_id, disease.code);
    if (!before) return Fail(before.error());
    if (auto saved = store.vaccination_state->SaveStates({s}); !saved) return Fail(saved.error());
    const std::string& place = (*person)->region_code;
    auto who = FigurePersonOf(**person, *store.organisations);
    if (!who) return Fail(who.error());
    auto changes = ChangesOfState(*before ? &**before : nullptr, place, s, place, *who);
    if (auto f = store.figures->Append(changes); !f) return Fail(f.error());
  }
  if (auto f = store.figures->Append(ChangesOfDose(Catalogue::Default(), d)); !f)
    return Fail(f.error());
  return id;
}

}  // namespace fangkong::apitest
