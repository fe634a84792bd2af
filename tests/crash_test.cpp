// The crash test: the server is killed with SIGKILL at random moments while
// people are imported, doses recorded and appointments booked, and restarted;
// after each kill the store must hold every acknowledged write, no import
// batch half written, stock equal to its ledger, no appointment lost or
// doubled, and population counts equal to a recount.
//
//   crash_test FANGKONG_BIN TARGET [ROUNDS]
//
// TARGET is a data directory (SQLite) or a postgresql:// URL (its public
// schema is dropped first). Runs only against 127.0.0.1. Exit 0 when every
// round held; the first broken promise is printed and ends the run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "http_client.h"
#include "store/storage.h"
#include "test_support.h"

namespace fangkong::crash {
namespace {

namespace json = boost::json;
using testing::Http;
using testing::HttpResult;

struct Setup {
  std::string bin, target, base;
  unsigned short port = 0;
  bool postgres = false;
};

[[noreturn]] void Broken(const std::string& what) {
  std::cerr << "crash test: BROKEN: " << what << "\n";
  std::exit(1);
}

void Check(bool ok, const std::string& what) {
  if (!ok) Broken(what);
}

std::vector<std::string> StoreArgs(const Setup& s) {
  if (s.postgres) return {"--db", s.target};
  return {"--dir", s.target};
}

int RunCommand(const Setup& s, std::vector<std::string> args) {
  pid_t pid = fork();
  if (pid == 0) {
    for (auto& a : StoreArgs(s)) args.push_back(a);
    std::vector<char*> argv{const_cast<char*>(s.bin.c_str())};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    execv(s.bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

pid_t StartServer(const Setup& s) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<std::string> args{"serve", "--address", "127.0.0.1", "--port",
                                  std::to_string(s.port)};
    for (auto& a : StoreArgs(s)) args.push_back(a);
    std::vector<char*> argv{const_cast<char*>(s.bin.c_str())};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(s.bin.c_str(), argv.data());
    _exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    if (Http("GET", s.base + "/api/v1/health").status == 200) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Broken("the server did not come up after a restart");
}

std::string Token(const Setup& s, const std::string& user) {
  auto r = Http("POST", s.base + "/api/v1/auth/login",
                json::serialize(json::object{{"username", user}, {"password", "Fangkong@2026"}}));
  Check(r.status == 200, "login of " + user + ": " + r.body);
  return std::string(json::parse(r.body).at("token").as_string());
}

HttpResult Call(const Setup& s, const std::string& token, const std::string& method,
                const std::string& path, const std::string& body = "",
                const std::string& type = "application/json") {
  return Http(method, s.base + path, body,
              {"Authorization: Bearer " + token, "Content-Type: " + type});
}

// What the clients were told succeeded before the kill.
struct Acknowledged {
  std::mutex mu;
  std::vector<std::pair<int64_t, int64_t>> doses;  // person, dose id
  std::vector<int64_t> appointments;
  std::set<int64_t> booked_people;  // asked, acknowledged or not
  std::vector<std::pair<std::vector<std::string>, bool>>
      imports;  // identity numbers, acknowledged done
};

struct World {
  int64_t site = 0, lot = 0;
  std::string product, lot_number = "2026C1108", village;
  std::vector<std::pair<int64_t, std::string>> adults;  // id, identity number
  std::vector<int64_t> slots;
  size_t next_dose = 0, next_booking = 0;
  int64_t trace = 0, next_id = 0;
};

World Explore(Storage& store) {
  World w;
  auto staff = store.users->FindUserByName("site01");
  Check(staff && *staff, "the demo has no site01");
  auto sites = store.vaccination->SitesUnder("341881");
  Check(static_cast<bool>(sites), "sites unreadable");
  for (const auto& site : *sites) {
    auto crew = store.vaccination->StaffOf(site.org_id);
    if (crew)
      for (const auto& member : *crew)
        if (member.user_id == (*staff)->first.id) w.site = site.org_id;
  }
  Check(w.site != 0, "site01 works at no site");
  auto lots = store.vaccination->LotsByNumber(w.lot_number);
  Check(lots && !lots->empty(), "the demo has no lot " + w.lot_number);
  w.lot = lots->front().id;
  w.product = lots->front().product;
  PersonFilter f;
  f.region = "341881";
  f.limit = 25000;
  f.born_on_or_before = Date::FromYmd(2000, 1, 1).value();
  auto people = store.persons->Search(f);
  Check(people && people->items.size() > 1000, "too few adults in the demo county");
  for (const auto& p : people->items) w.adults.emplace_back(p.id, p.doc_number);
  w.village = people->items.front().region_code;
  Date today = Date::TodayBeijing();
  for (int d = 1; d <= 7; ++d) {
    auto slots = store.vaccination->SlotsOf(w.site, today.AddDays(d));
    if (slots)
      for (const auto& s : *slots) w.slots.push_back(s.id);
  }
  Check(!w.slots.empty(), "the demo site has no slots");
  return w;
}

void DoseWorker(const Setup& s, const std::string& token, World& w, std::mutex& pick,
                Acknowledged& ack, const std::atomic<bool>& stop) {
  while (!stop) {
    int64_t person, trace;
    std::string id_number;
    {
      std::lock_guard l(pick);
      if (w.next_dose >= w.adults.size() / 2) return;
      std::tie(person, id_number) = w.adults[w.next_dose++];
      trace = ++w.trace;
    }
    auto in = Call(s, token, "POST", "/api/v1/visits",
                   json::serialize(json::object{{"site_id", w.site}, {"id_number", id_number}}));
    if (in.status != 201) continue;
    int64_t visit = json::parse(in.body).at("id").as_int64();
    auto step = [&](const char* what, json::object body) {
      return Call(s, token, "POST", "/api/v1/visits/" + std::to_string(visit) + "/" + what,
                  json::serialize(body));
    };
    if (step("screening", {{"temperature", 36.5}, {"outcome", "proceed"}}).status != 200) continue;
    if (step("consent", {{"product", w.product}}).status != 200) continue;
    char code[32];
    std::snprintf(code, sizeof code, "83%018lld", static_cast<long long>(trace));
    auto given = step("administer", {{"trace_code", code}, {"lot_number", w.lot_number}});
    if (given.status != 200) continue;
    int64_t dose = json::parse(given.body).at("dose_id").as_int64();
    std::lock_guard l(ack.mu);
    ack.doses.emplace_back(person, dose);
  }
}

void BookingWorker(const Setup& s, const std::string& token, World& w, std::mutex& pick,
                   Acknowledged& ack, const std::atomic<bool>& stop) {
  while (!stop) {
    int64_t person, slot;
    {
      std::lock_guard l(pick);
      if (w.next_booking >= w.adults.size() / 2) return;
      person = w.adults[w.adults.size() / 2 + w.next_booking].first;
      slot = w.slots[w.next_booking % w.slots.size()];
      ++w.next_booking;
    }
    {
      std::lock_guard l(ack.mu);
      ack.booked_people.insert(person);
    }
    auto r =
        Call(s, token, "POST", "/api/v1/appointments",
             json::serialize(json::object{{"slot_id", slot}, {"person_ids", json::array{person}}}));
    if (r.status != 201) continue;
    std::lock_guard l(ack.mu);
    ack.appointments.push_back(json::parse(r.body).at("id").as_int64());
  }
}

void ImportWorker(const Setup& s, const std::string& token, World& w, std::mutex& pick,
                  Acknowledged& ack, const std::atomic<bool>& stop) {
  while (!stop) {
    std::vector<std::string> ids;
    std::string csv = "证件号码,姓名,现住址区划代码\n";
    {
      std::lock_guard l(pick);
      for (int i = 0; i < 150; ++i) {
        std::string iso =
            Date::FromYmd(1960, 1, 1)->AddDays(static_cast<int>(w.next_id / 900)).Iso();
        ids.push_back(testing::MakeId("110101",
                                      iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2),
                                      static_cast<int>(w.next_id % 900) + 100));
        ++w.next_id;
        csv += ids.back() + ",导入" + std::to_string(i) + "," + w.village + "\n";
      }
    }
    size_t slot;
    {
      std::lock_guard l(ack.mu);
      ack.imports.emplace_back(ids, false);
      slot = ack.imports.size() - 1;
    }
    auto started = Call(s, token, "POST", "/api/v1/imports/persons", csv, "text/csv");
    if (started.status != 202) continue;
    std::string path =
        "/api/v1/imports/" + std::to_string(json::parse(started.body).at("id").as_int64());
    while (!stop) {
      auto r = Call(s, token, "GET", path);
      if (r.status != 200) break;
      auto state = json::parse(r.body).at("state");
      if (state == "done") {
        std::lock_guard l(ack.mu);
        ack.imports[slot].second = true;
        break;
      }
      if (state == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

void CheckStore(Storage& store, const World& w, Acknowledged& ack, int round) {
  std::string at = " (round " + std::to_string(round) + ")";
  for (auto [person, dose] : ack.doses) {
    auto found = store.aefi->FindDose(dose);
    Check(found && *found && (*found)->person_id == person,
          "acknowledged dose " + std::to_string(dose) + " is gone" + at);
  }
  for (int64_t id : ack.appointments) {
    auto found = store.vaccination->FindAppointment(id);
    Check(found && *found, "acknowledged appointment " + std::to_string(id) + " is gone" + at);
  }
  std::map<int64_t, int> open_in_slot;
  for (int64_t person : ack.booked_people) {
    auto mine = store.vaccination->AppointmentsOf(person);
    Check(static_cast<bool>(mine), "appointments unreadable" + at);
    std::set<int64_t> slots;
    for (const auto& a : *mine) {
      Check(slots.insert(a.slot_id).second,
            "person " + std::to_string(person) + " booked twice in one slot" + at);
      if (a.status == AppointmentStatus::kBooked) ++open_in_slot[a.slot_id];
    }
  }
  for (int64_t slot : w.slots) {
    auto s = store.vaccination->FindSlot(slot);
    Check(s && *s, "slot vanished" + at);
    Check((*s)->booked == open_in_slot[slot],
          "slot " + std::to_string(slot) + " counts " + std::to_string((*s)->booked) +
              " bookings, its appointments " + std::to_string(open_in_slot[slot]) + at);
  }
  auto balance = store.vaccination->Balance(w.site, w.lot);
  auto ledger = store.vaccination->Ledger(w.site, w.lot, 100000000);
  Check(balance && ledger, "stock unreadable" + at);
  int64_t sum = 0;
  for (const auto& line : *ledger) sum += line.doses;
  Check(*balance == sum,
        "stock " + std::to_string(*balance) + " but ledger " + std::to_string(sum) + at);
  for (const auto& [ids, done] : ack.imports) {
    auto found = store.persons->FindByDocuments(ids);
    Check(static_cast<bool>(found), "persons unreadable" + at);
    size_t n = found->size();
    Check(n == 0 || n == ids.size(), "an import of " + std::to_string(ids.size()) +
                                         " rows is half written: " + std::to_string(n) + at);
    Check(!done || n == ids.size(), "an acknowledged import is missing rows" + at);
  }
  auto maintained = store.regions->LeafPopulation("341881");
  Check(store.persons->RecountPopulation().has_value(), "recount failed" + at);
  auto recounted = store.regions->LeafPopulation("341881");
  Check(maintained && recounted, "population unreadable" + at);
  auto by_place = [](const auto& rows) {  // places with nobody may or may not have a row
    std::map<std::string, std::vector<int64_t>> m;
    for (const auto& [code, c] : rows)
      if (c.registered) m[code] = {c.registered, c.usual, c.floating, c.away, c.male, c.female};
    return m;
  };
  auto kept = by_place(*maintained), counted = by_place(*recounted);
  for (const auto& [code, c] : counted) {
    auto it = kept.find(code);
    Check(it != kept.end() && it->second == c,
          "population counts of " + code + " differ from a recount: " +
              (it == kept.end() ? std::string("no row") : std::to_string(it->second[0])) +
              " registered, " + std::to_string(c[0]) + " counted" + at);
  }
  Check(kept.size() == counted.size(), "population counts for places nobody lives in" + at);
}

void ResetPostgres(const std::string& url) {
  auto d = db::Open(url);
  auto s = d->Write([](db::Connection& c) {
    return c.Script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });
  Check(static_cast<bool>(s), "cannot reset the PostgreSQL schema");
}

}  // namespace
}  // namespace fangkong::crash

int main(int argc, char** argv) {
  using namespace fangkong;
  using namespace fangkong::crash;
  if (argc < 3) {
    std::cerr << "usage: crash_test FANGKONG_BIN TARGET [ROUNDS]\n";
    return 2;
  }
  Setup s{argv[1], argv[2], "", testing::FreePort(), std::string(argv[2]).rfind("postgres", 0) == 0};
  s.base = "http://127.0.0.1:" + std::to_string(s.port);
  int rounds = argc > 3 ? std::atoi(argv[3]) : 50;
  if (s.postgres)
    ResetPostgres(s.target);
  else
    std::filesystem::remove_all(s.target);
  Check(RunCommand(s, {"demo", "--population", "25000", "--no-history"}) == 0,
        "the demo county could not be built");
  World w;
  {
    auto store = OpenStorage(s.target);
    w = Explore(*store);
  }
  std::mt19937 rng(20261126);
  Acknowledged ack;
  auto started = std::chrono::steady_clock::now();
  for (int round = 1; round <= rounds; ++round) {
    pid_t server = StartServer(s);
    if (round == 1) {  // stock for every dose the rounds can give
      auto r =
          Call(s, Token(s, "site01"), "POST", "/api/v1/sites/" + std::to_string(w.site) + "/stock",
               json::serialize(json::object{{"move", "receive"},
                                            {"product", w.product},
                                            {"lot_number", w.lot_number},
                                            {"doses", 100000}}));
      Check(r.status == 201, "stock receipt: " + r.body);
    }
    std::string site01 = Token(s, "site01"), admin = Token(s, "admin");
    std::atomic<bool> stop{false};
    std::mutex pick;
    std::vector<std::thread> workers;
    for (int i = 0; i < 2; ++i)
      workers.emplace_back([&] { DoseWorker(s, site01, w, pick, ack, stop); });
    for (int i = 0; i < 2; ++i)
      workers.emplace_back([&] { BookingWorker(s, admin, w, pick, ack, stop); });
    workers.emplace_back([&] { ImportWorker(s, admin, w, pick, ack, stop); });
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<>(150, 1200)(rng)));
    kill(server, SIGKILL);
    waitpid(server, nullptr, 0);
    stop = true;
    for (auto& t : workers) t.join();
    auto store = OpenStorage(s.target);
    CheckStore(*store, w, ack, round);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "crash test on " << (s.postgres ? "postgresql" : "sqlite") << ": " << rounds
            << " kills in " << static_cast<int>(secs) << " s; held: " << ack.doses.size()
            << " acknowledged doses, " << ack.appointments.size() << " appointments, "
            << ack.imports.size() << " imports\n";
  return 0;
}
