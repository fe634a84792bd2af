// The route matrix: every route of the router's own table, for every role, on
// targets in the caller's own township, a village under it (child), the
// county above (parent), another township (sibling) and another county.
//
// What it asserts, on both engines:
// - every route is listed here, with what its path names: a route added
//   without a row fails the test, so no route ships unchecked;
// - without credentials every route but the public ones answers 401;
// - no answer is a 5xx;
// - outside the caller's subtree (parent, sibling, other county) no role
//   gets a 2xx: reads are refused with 403 or 404, writes change nothing;
// - inside it, each route refuses (403) exactly the roles its row names,
//   and a county administrator reads every target;
// - every refused read of a person is audited (access.denied).
//
// Routes whose path names an appointment, a visit, a fridge, a cold-chain
// hold, an adverse event, an alert or an import get a target at each place
// too. Two are checked for the first three promises only: an export job
// (held in memory for the user who started it; the owner rule is tested in
// ApiTest.ExportJobShowsProgressAndKeepsTheFileForItsOwner) and a lot's
// recall list (a lot belongs to no place; the list holds only the caller's
// people: ApiTest.TheVisitFromCheckInToReleaseAndItsChecks, where town2
// reads the lot of a town1 dose and finds nobody). A campaign too: the
// county's plan is read by its townships by design (it holds no personal
// data), which the parent rule here would refuse; who sees which campaign
// is CampaignApiTest.OthersSeeCampaignsOfTheirPartOfTheTree.
#include <set>

#include "api_fixture.h"
#include "route_matrix_rows.h"

namespace fangkong {
namespace {

using namespace apitest;       // NOLINT: the fixture's vocabulary
using namespace route_matrix;  // NOLINT: the rows' vocabulary

const Role kRoles[] = {Role::kCountyAdmin, Role::kTownshipOfficer,   Role::kVillageWorker,
                       Role::kSiteStaff,   Role::kDepartmentOfficer, Role::kLeader};

enum class Place { kOwn, kChild, kParent, kSibling, kOtherCounty };
const Place kPlaces[] = {Place::kOwn, Place::kChild, Place::kParent, Place::kSibling,
                         Place::kOtherCounty};
bool Inside(Place p) { return p == Place::kOwn || p == Place::kChild; }
const char* PlaceName(Place p) {
  switch (p) {
    case Place::kOwn:
      return "own township";
    case Place::kChild:
      return "village under it";
    case Place::kParent:
      return "county above";
    case Place::kSibling:
      return "another township";
    case Place::kOtherCounty:
      return "another county";
  }
  return "";
}

const std::string kOwn = "341881001", kOtherCounty = "341802", kOtherCountyVillage = "341802001001";

class RouteMatrix : public ApiTest {
 protected:
  // The place's region code, and a person, user and site there (0: none can be there).
  struct Targets {
    std::string region;
    int64_t person = 0, user = 0, site = 0;
    int64_t transfer_leaving = 0,
            transfer_entering = 0;  // waiting transfers out of and into the place
    int64_t appointment = 0, visit = 0, fridge = 0, hold = 0, aefi = 0, alert = 0, import = 0;
    int64_t dose = 0;
    int64_t measure = 0, measure_task = 0;
    int64_t arrival = 0;
    int64_t case_id = 0;
    int64_t zone = 0;
  };

  // The place's vaccination work: a booked appointment and an adverse event
  // (with its alert) of `person` when someone lives there; a visit, a
  // fridge and a held lot at the site; an import by the place's user.
  void AddVaccinationTargets(Targets& t, int64_t person, const std::string& tag, int64_t lot) {
    Storage& store = *S().store;
    auto& v = *store.vaccination;
    int64_t now = NowUnixSeconds();
    if (person) {
      Slot slot{0, t.site, Date::TodayBeijing().AddDays(5), "08:00", "09:00", 10, 0, "covid19"};
      auto slot_id = v.CreateSlot(slot);
      EXPECT_TRUE(slot_id) << slot_id.error().message;
      Appointment a;
      a.person_id = person;
      a.dose_number = 1;
      a.booked_at = now;
      auto booked = v.Book(slot_id.value_or(0), {a});
      EXPECT_TRUE(booked) << booked.error().message;
      if (booked) t.appointment = booked->front();
      auto lived = store.persons->FindById(person).value().value();
      DoseRecord dose{0,
                      person,
                      "CoronaVac",
                      1,
                      false,
                      Date::TodayBeijing().AddDays(-2),
                      now - 2 * 86400,
                      t.site,
                      0,
                      "M" + tag,
                      "",
                      lived.region_code};
      auto dose_id = v.InsertDose(dose);
      EXPECT_TRUE(dose_id) << dose_id.error().message;
      t.dose = dose_id.value_or(0);
      AddMeasureTargets(t, person, lived.region_code, now);
      AefiReport r;
      r.dose_id = dose_id.value_or(0);
      r.person_id = person;
      r.site_id = t.site;
      r.product = "CoronaVac";
      r.lot = dose.lot;
      r.dose_number = 1;
      r.region_code = lived.region_code;
      r.site_region = t.region;
      r.administered_at = dose.administered_at;
      r.onset_at = r.reported_at = now - 86400;
      r.symptoms = {"fever"};
      r.severity = AefiSeverity::kSevere;
      r.serious = true;
      Alert alert{0, "aefi_serious", lived.region_code, "矩阵严重异常反应", "", "", now, 0, 0};
      auto ids = store.aefi->InsertAefi(r, alert);
      EXPECT_TRUE(ids) << ids.error().message;
      if (ids) std::tie(t.aefi, t.alert) = *ids;
    }
    Visit visit;
    visit.person_id = PersonAt(kVillage1, 440 + std::stoi(tag));  // one open visit per person
    visit.site_id = t.site;
    visit.day = Date::TodayBeijing();
    visit.checked_in_at = now;
    auto visit_id = v.InsertVisit(visit);
    EXPECT_TRUE(visit_id) << visit_id.error().message;
    t.visit = visit_id.value_or(0);
    Fridge fridge;
    fridge.site_id = t.site;
    fridge.code = "MX-" + tag;
    fridge.name = "矩阵冰箱";
    auto fridge_id = store.cold_chain->InsertFridge(fridge);
    EXPECT_TRUE(fridge_id) << fridge_id.error().message;
    t.fridge = fridge_id.value_or(0);
    EXPECT_TRUE(store.cold_chain->SetFridgeLots(t.fridge, {lot}));
    ExcursionRecord warm{0,  t.fridge, ExcursionKind::kTemperature, now - 7200, now - 3600,
                         95, true};
    auto holds = store.cold_chain->RecordExcursion(warm, "矩阵超温", now);
    EXPECT_TRUE(holds && !holds->empty());
    if (holds && !holds->empty()) t.hold = holds->front().id;
    ImportJob job;
    job.state = kImportDone;
    job.file_name = "matrix-" + tag + ".csv";
    job.user_id = t.user;
    job.username = "matrix-at-" + tag;
    job.region_code = t.region;
    job.created_at = now;
    auto import_id = store.import_jobs->CreateImportJob(job);
    EXPECT_TRUE(import_id) << import_id.error().message;
    t.import = import_id.value_or(0);
  }

  // A secondary close contact's home quarantine from today, and its first day's log.
  void AddMeasureTargets(Targets& t, int64_t person, const std::string& region, int64_t now) {
    Storage& store = *S().store;
    Measure m;
    m.person_id = person;
    m.type = "secondary_contact_home";
    m.region_code = region;
    m.start = BeijingDay(now);
    m.end = m.start.AddDays(6);
    m.source = "manual";
    m.assigned_at = now;
    auto id = store.measures->InsertMeasure(m);
    EXPECT_TRUE(id) << id.error().message;
    t.measure = id.value_or(0);
    t.measure_task = TaskId(t.measure, 1, TaskKind::kLog);
  }

  // A person registered at `code`, for a transfer target only.
  int64_t PersonAt(const std::string& code, int seq) {
    Person p;
    p.doc_number = NewId(seq);
    p.name = "迁移矩阵" + std::to_string(seq);
    p.sex = Sex::kMale;
    p.birth_date = Date::FromYmd(1980, 1, 1).value();
    p.region_code = code;
    auto id = S().store->persons->Insert(p);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  // A waiting transfer of a new person from one village to another.
  int64_t WaitingTransfer(const std::string& from, const std::string& to, int seq) {
    Transfer t;
    t.person_id = PersonAt(from, seq);
    t.from_region = from;
    t.to_region = to;
    t.reason = "矩阵";
    t.requested_at = 1700000000;
    auto id = S().store->transfers->InsertTransfer(t);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  std::map<Place, Targets> BuildTargets() {
    Storage& store = *S().store;
    std::map<Place, std::string> codes{{Place::kOwn, kOwn},
                                       {Place::kChild, kVillage1},
                                       {Place::kParent, "341881"},
                                       {Place::kSibling, "341881100"},
                                       {Place::kOtherCounty, kOtherCountyVillage}};
    // Another county's branch, straight into the store (the App's tree knows
    // only 341881: its places are strangers to every caller).
    EXPECT_TRUE(store.regions->UpsertRegions({{"341802", "宣州区", "341800", 3},
                                              {"341802001", "澄江街道", "341802", 4},
                                              {kOtherCountyVillage, "澄江社区", "341802001", 5}}));
    std::map<Place, Targets> out;
    std::string hash = HashPassword(kPassword);
    auto lot = store.vaccination->InsertLot(
        VaccineLot{0, "CoronaVac", "MATRIX" + std::to_string(GetParam().size()),
                   Date::TodayBeijing().AddYears(1), 1, false, ""});
    EXPECT_TRUE(lot) << lot.error().message;
    for (auto [place, code] : codes) {
      Targets t;
      t.region = code;
      std::string tag = std::to_string(static_cast<int>(place));
      auto user = store.users->InsertUser(
          User{0, "matrix-at-" + tag, "matrix", Role::kVillageWorker, code, 0, true}, hash);
      EXPECT_TRUE(user);
      t.user = user.value_or(0);
      Organisation o{0, "矩阵接种点" + tag, OrganisationKind::kVaccinationSite, "", code, ""};
      auto org = store.organisations->InsertOrganisation(o);
      EXPECT_TRUE(org);
      VaccinationSite site;
      site.org_id = org.value_or(0);
      site.daily_capacity = 100;
      EXPECT_TRUE(store.vaccination->UpsertSite(site));
      t.site = site.org_id;
      if (code.size() >= 12) {  // people live in villages
        Person p;
        p.doc_number = NewId(400 + static_cast<int>(place));
        p.name = "矩阵" + tag;
        p.sex = Sex::kFemale;
        p.birth_date = Date::FromYmd(1970, 1, 1).value();
        p.region_code = place == Place::kSibling ? S().other_village : code;
        auto id = store.persons->Insert(p);
        EXPECT_TRUE(id) << id.error().message;
        t.person = id.value_or(0);
        // The far end is a village outside the caller's township.
        const std::string& village = place == Place::kSibling ? S().other_village : code;
        const std::string& far =
            place == Place::kOtherCounty ? S().other_village : kOtherCountyVillage;
        t.transfer_leaving = WaitingTransfer(village, far, 420 + static_cast<int>(place));
        t.transfer_entering = WaitingTransfer(far, village, 430 + static_cast<int>(place));
      }
      out[place] = t;
    }
    for (auto& [place, t] : out)
      AddVaccinationTargets(t, t.person, std::to_string(static_cast<int>(place)), lot.value_or(0));
    for (auto& [place, t] : out) {
      t.arrival = ArrivalAt(t.region);
      if (t.person) t.case_id = CaseOf(t.person, place);
      if (t.region.size() >= 9) t.zone = ZoneOver(t.region);
    }
    return out;
  }

  // A case of `person` (who lives at the place).
  int64_t CaseOf(int64_t person, Place place) {
    auto p = S().store->persons->FindById(person);
    EXPECT_TRUE(p && *p);
    Case c{0,
           person,
           "矩阵病例" + std::to_string(static_cast<int>(place)) + GetParam(),
           CaseKind::kConfirmed,
           p && *p ? (*p)->region_code : "",
           NowUnixSeconds(),
           1,
           ""};
    auto id = S().store->tracing->InsertCase(c);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  // A lockdown zone over `region`, drawn straight into the store.
  int64_t ZoneOver(const std::string& region) {
    ZoneVersion v;
    v.from = Date::TodayBeijing();
    v.planned_end = v.from.AddDays(7);
    v.places = {ZonePlace{region, "", {}}};
    auto id = S().store->zones->InsertZone(Zone{0, "矩阵封控区", region, 1, NowUnixSeconds()}, v);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  // A pushed arrival nobody verified yet, sent to `region`.
  int64_t ArrivalAt(const std::string& region) {
    ArrivalReport r;
    r.name = "矩阵到达";
    r.reported_at = NowUnixSeconds();
    r.arrival_date = Date::TodayBeijing();
    std::vector<Arrival> arrivals{NewArrival(r, kDefaultDeadlineHours)};
    arrivals[0].region_code = region;
    std::vector<ArrivalReport> reports{r};
    EXPECT_TRUE(S().store->arrivals->SaveArrivals(arrivals, reports, {}));
    return arrivals[0].id;
  }

  // A session for a user of each role with the own township as jurisdiction.
  std::map<Role, std::string> Callers() {
    std::map<Role, std::string> tokens;
    std::string hash = HashPassword(kPassword);
    for (Role role : kRoles) {
      std::string name = std::string("matrix-") + RoleCode(role);
      EXPECT_TRUE(S().store->users->InsertUser(User{0, name, name, role, kOwn, 0, true}, hash));
      auto r = Http("POST", S().base + "/api/v1/auth/login",
                    json::serialize(json::object{{"username", name}, {"password", kPassword}}));
      EXPECT_EQ(r.status, 200) << r.body;
      tokens[role] = r.status == 200 ? Txt(Obj(r).at("token")) : "";
    }
    return tokens;
  }

  // The target of the vaccination kinds at a place (1 for a path naming no place).
  static int64_t TargetOf(Names names, const Targets& t) {
    switch (names) {
      case Names::kAppointment:
        return t.appointment;
      case Names::kVisit:
        return t.visit;
      case Names::kFridge:
        return t.fridge;
      case Names::kHold:
        return t.hold;
      case Names::kAefi:
        return t.aefi;
      case Names::kDose:
        return t.dose;
      case Names::kAlert:
        return t.alert;
      case Names::kImport:
        return t.import;
      case Names::kMeasure:
        return t.measure;
      case Names::kMeasureTask:
        return t.measure_task;
      case Names::kArrival:
        return t.arrival;
      case Names::kCase:
        return t.case_id;
      case Names::kZone:
        return t.zone;
      default:
        return 1;
    }
  }

  static std::string Path(std::string pattern, const std::string& value) {
    for (const char* p : {"{id}", "{code}", "{lot_number}"}) {
      auto at = pattern.find(p);
      if (at != std::string::npos) pattern.replace(at, std::strlen(p), value);
    }
    return pattern;
  }

  HttpResult Send(const std::string& method, const std::string& path, const std::string& token,
                  const char* body = nullptr) {
    std::vector<std::string> headers{"Content-Type: application/json"};
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    std::string text = body ? body : method == "GET" ? "" : "{}";
    if (auto at = text.find("{date}"); at != std::string::npos)
      text.replace(at, 6, Date::TodayBeijing().AddDays(7).Iso());
    return Http(method, S().base + path, text, headers);
  }
};

TEST_P(RouteMatrix, EveryRouteIsListed) {
  std::set<std::string> listed;
  for (const auto& row : Routes()) listed.insert(row.route);
  for (const auto& route : S().app->router().Describe()) {
    if (route == "POST /api/v1/test/clock") continue;  // served only with --test-clock
    EXPECT_TRUE(listed.count(route))
        << route << " is not in the route matrix (tests/route_matrix_test.cpp)";
  }
}

TEST_P(RouteMatrix, EveryRouteButThePublicOnesNeedsASession) {
  for (const auto& row : Routes()) {
    if (row.names == Names::kPublic) continue;
    std::string route = row.route;
    auto space = route.find(' ');
    auto r = Send(route.substr(0, space), Path(route.substr(space + 1), "1"), "");
    EXPECT_EQ(r.status, 401) << route;
  }
}

TEST_P(RouteMatrix, NoRoleReachesOutsideItsSubtree) {
  auto targets = BuildTargets();
  auto callers = Callers();
  int cells = 0;
  for (const auto& row : Routes()) {
    if (row.names == Names::kPublic || row.names == Names::kSessionEnd) continue;
    std::string route = row.route;
    auto space = route.find(' ');
    std::string method = route.substr(0, space), pattern = route.substr(space + 1);
    for (Role role : kRoles) {
      for (Place place : kPlaces) {
        const Targets& t = targets[place];
        bool any_site = row.names == Names::kAnySite;
        int64_t id = row.names == Names::kPerson             ? t.person
                     : row.names == Names::kUser             ? t.user
                     : row.names == Names::kSite || any_site ? t.site
                     : row.names == Names::kTransferLeaving  ? t.transfer_leaving
                     : row.names == Names::kTransferEntering ? t.transfer_entering
                                                             : TargetOf(row.names, t);
        bool placed = row.names != Names::kNothing && row.names != Names::kOther;
        if (placed && row.names != Names::kRegion && id == 0)
          continue;                                     // nobody lives at this level
        if (!placed && place != Place::kOwn) continue;  // the path names no place
        std::string path =
            Path(pattern, row.names == Names::kRegion ? t.region : std::to_string(id));
        int64_t denied_before =
            row.names == Names::kPerson && !Inside(place) ? AuditCount("access.denied") : 0;
        auto r = Send(method, path, callers[role], row.body);
        std::string where = route + " as " + RoleCode(role) + " on the " + PlaceName(place) + ": " +
                            std::to_string(r.status) + " " + r.body.substr(0, 200);
        ++cells;
        EXPECT_LT(r.status, 500) << where;
        EXPECT_NE(r.status, 401) << where;
        if (!placed || Inside(place) || any_site) {
          // The role gate: inside the subtree a role is refused by the
          // route itself or not at all.
          if (In(row.refused, role)) {
            EXPECT_EQ(r.status, 403) << "the route should refuse this role: " << where;
          } else {
            EXPECT_NE(r.status, 403) << where;
          }
          // The target is there: a county administrator reads it (so a
          // refusal outside is not merely a missing target).
          if (placed && role == Role::kCountyAdmin && method == "GET") {
            EXPECT_EQ(r.status, 200) << where;
          }
          continue;
        }
        EXPECT_TRUE(r.status < 200 || r.status >= 300) << "reached outside the subtree: " << where;
        if (method == "GET") {
          EXPECT_TRUE(r.status == 403 || r.status == 404) << where;
        }
        if (row.names == Names::kPerson && r.status == 403) {
          EXPECT_GT(AuditCount("access.denied"), denied_before)
              << "a refused read of a person was not audited: " << where;
        }
      }
    }
  }
  EXPECT_GT(cells, 500);
}

INSTANTIATE_TEST_SUITE_P(Engines, RouteMatrix, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
