#include "api/app.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <variant>

#include "api/browser_session.h"
#include "api/json.h"
#include "api/params.h"
#include "api/campaign_routes.h"
#include "api/outbreak_routes.h"
#include "api/registry_routes.h"
#include "api/static_files.h"
#include "api/vaccination_routes.h"
#include "core/text.h"

namespace fangkong::api {

namespace {

constexpr const char* kVersion = "0.1.0";

}  // namespace

// Handlers, grouped; each is thin and calls a service.
struct Routes {
  App& app;

  // Wraps a handler that needs the caller's identity.
  Handler Authed(std::function<Response(Request&, const User&)> h) {
    return [this, h = std::move(h)](Request& r) {
      auto presented = TokenOf(r);
      auto user = app.auth_->Authenticate(presented.token);
      if (!user) return ErrorResponse(user.error());
      if (!PassesCsrfCheck(r, presented)) {
        Error e = Error::Forbidden("the request lacks the page's CSRF token (X-CSRF-Token); reload the page",
                                   "页面已过期或请求来源不明，请刷新页面后重试");
        e.code = "csrf";
        return Denied(*user, e, "csrf:" + r.method + " " + r.path);
      }
      return h(r, *user);
    };
  }

  // Turns a Forbidden into an audited denial.
  Response Denied(const User& u, const Error& e, const std::string& target) {
    if (e.kind == ErrorKind::kForbidden) app.auditor_->Record(u, "access.denied", target, e.message, 0);
    return ErrorResponse(e);
  }

  // The public form's places, computed at most once a minute: the route
  // needs no login, so a flood of requests must not walk the tree each time.
  struct PlacesCache {
    std::mutex mu;
    std::chrono::steady_clock::time_point at;
    std::optional<std::vector<std::pair<std::string, std::string>>> places;
  };
  std::shared_ptr<PlacesCache> places_cache = std::make_shared<PlacesCache>();

  Result<std::vector<std::pair<std::string, std::string>>> CachedPublicPlaces() {
    std::lock_guard lock(places_cache->mu);
    auto now = std::chrono::steady_clock::now();
    if (!places_cache->places || now - places_cache->at > std::chrono::minutes(1)) {
      auto fresh = PublicPlaces();
      if (!fresh) return fresh;
      places_cache->places = std::move(*fresh);
      places_cache->at = now;
    }
    return *places_cache->places;
  }

  // Townships and villages of the counties this server serves (those its
  // county administrators hold), for the public self-report form.
  Result<std::vector<std::pair<std::string, std::string>>> PublicPlaces() {
    auto users = app.store_.users->ListUsers("");
    if (!users) return Fail(users.error());
    std::set<std::string> counties;
    for (const auto& u : *users)
      if (u.role == Role::kCountyAdmin && u.active && u.region_code.size() == 6) counties.insert(u.region_code);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& county : counties) {
      auto all = app.store_.regions->Subtree(county);
      if (!all) return Fail(all.error());
      for (const auto& r : *all) {
        if (r.code.size() != 9 && r.code.size() != 12) continue;
        out.emplace_back(r.code, app.registry_->directory().PlaceName(r.code));
      }
    }
    return out;
  }

  Response Health(Request&) {
    auto version = db::SchemaVersion(*app.store_.db);
    return JsonResponse(200, json::object{{"status", "ok"},
                                          {"version", kVersion},
                                          {"engine", app.store_.db->Engine()},
                                          {"schema_version", version ? *version : -1}});
  }

  Response Login(Request& r) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto username = StringField(*body, "username");
    auto password = StringField(*body, "password");
    if (!username) return ErrorResponse(username.error());
    if (!password) return ErrorResponse(password.error());
    if (!*username || !*password) {
      return ErrorResponse(Error::Invalid("required", !*username ? "username" : "password", "",
                                          "username and password are required",
                                          "请输入用户名和密码"));
    }
    auto result = app.auth_->Login(**username, **password, r.remote);
    if (!result) {
      // Who tried, from where, and why it failed; the name as typed, cut short.
      User tried{0, TruncateForDisplay(**username, 64), "", Role::kLeader, "", 0, false};
      app.auditor_->Record(tried, "auth.login_failed", "user:" + tried.username,
                           r.remote + " " + result.error().code, 0);
      return ErrorResponse(result.error());
    }
    app.auditor_->Record(result->user, "auth.login", "user:" + std::to_string(result->user.id),
                         r.remote, 0);
    // The token for API clients; the web UI uses the cookies instead and
    // keeps nothing a script could leak.
    auto resp = JsonResponse(200, json::object{{"token", result->token},
                                               {"expires_at", UtcIso(result->expires_at)},
                                               {"user", UserJson(result->user)}});
    for (auto& h : SessionCookies(r, result->token, app.options_.sessions.lifetime_seconds))
      resp.headers.push_back(std::move(h));
    return resp;
  }

  Response Logout(Request&, const User& u) {
    (void)app.auth_->EndSessionsOf(u.id);
    return Response{204, "application/json", "", EndedSessionCookies()};
  }

  Response Me(Request&, const User& u) { return JsonResponse(200, UserJson(u)); }

  // A user as the pages show them: their jurisdiction by name too.
  json::object UserJson(const User& x) {
    auto o = UserToJson(x);
    o["place_name"] = app.registry_->directory().PlaceName(x.region_code);
    return o;
  }

  Response Codes(Request&, const User&) {
    auto list = [](const std::vector<Code>& codes) {
      json::array a;
      for (const auto& c : codes) {
        a.push_back(json::object{{"code", c.code}, {"en", c.en}, {"zh", c.zh}});
      }
      return a;
    };
    json::array columns;
    for (const auto& c : PersonTemplateColumns()) {
      columns.push_back(json::object{{"zh", c.zh}, {"field", c.field}, {"required", c.required},
                                     {"note_zh", c.note_zh}});
    }
    return JsonResponse(200, json::object{{"doc_types", list(DocumentTypes())},
                                          {"residency", list(ResidencyTypes())},
                                          {"occupations", list(OccupationCategories())},
                                          {"health_tags", list(HealthTags())},
                                          {"organisation_kinds", list(OrganisationKinds())},
                                          {"import_columns", std::move(columns)}});
  }

  Response Users(Request&, const User& u) {
    if (!CanManageUsers(u.role)) return Denied(u, Error::Forbidden("only administrators manage users", "仅管理员可管理用户"), "users");
    auto users = app.store_.users->ListUsers(u.region_code);
    if (!users) return ErrorResponse(users.error());
    json::array items;
    for (const auto& x : *users) {
      auto item = UserJson(x);
      auto locked = app.auth_->LockedUntil(x.username);
      item["locked_until"] = locked ? json::value(UtcIso(*locked)) : json::value(nullptr);
      items.push_back(std::move(item));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", users->size()}});
  }

  Result<User> UserFromJson(const json::object& o, User base) {
    auto field = [&](std::string_view name) { return StringField(o, name); };
    auto display = field("display_name");
    auto role = field("role");
    auto region = field("region_code");
    auto org = field("org_id");
    for (auto* f : {&display, &role, &region, &org})
      if (!*f) return Fail(f->error());
    if (*display) base.display_name = Trim(**display);
    if (*role) {
      auto parsed = ParseRole(**role);
      if (!parsed) return Fail(Error::Invalid("invalid_value", "role", **role, "unknown role", "未知的角色"));
      base.role = *parsed;
    }
    if (*region) {
      auto code = RegionCode::Parse(**region, "region_code");
      if (!code) return Fail(code.error());
      auto found = app.store_.regions->FindRegion(**region);
      if (!found) return Fail(found.error());
      if (!*found) return Fail(Error::Invalid("unknown_region", "region_code", **region, "unknown region code", "行政区划代码不存在"));
      base.region_code = **region;
    }
    if (*org) {
      auto n = IntParam(**org, "org_id");
      if (!n) return Fail(n.error());
      base.org_id = *n;
    }
    if (auto it = o.find("active"); it != o.end() && it->value().is_bool()) base.active = it->value().as_bool();
    if (base.display_name.empty()) base.display_name = base.username;
    return base;
  }

  Response CreateUser(Request& r, const User& u) {
    if (!CanManageUsers(u.role)) return Denied(u, Error::Forbidden("only administrators manage users", "仅管理员可管理用户"), "users");
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto username = StringField(*body, "username");
    auto password = StringField(*body, "password");
    if (!username) return ErrorResponse(username.error());
    if (!password) return ErrorResponse(password.error());
    std::string name = *username ? Trim(**username) : "";
    if (name.size() < 3 || name.size() > 32 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos) {
      return ErrorResponse(Error::Invalid("invalid_value", "username", name,
                                          "username must be 3-32 lower-case letters, digits, _ . -",
                                          "用户名应为3至32位小写字母、数字或_.-"));
    }
    if (auto s = CheckPasswordStrength(password->value_or("")); !s) return ErrorResponse(s.error());
    User base;
    base.username = name;
    base.region_code = u.region_code;
    auto user = UserFromJson(*body, base);
    if (!user) return ErrorResponse(user.error());
    if (auto s = CheckJurisdiction(u, user->region_code); !s) return Denied(u, s.error(), "user:new");
    auto id = app.store_.users->InsertUser(*user, HashPassword(**password));
    if (!id) return ErrorResponse(id.error());
    user->id = *id;
    app.auditor_->Record(u, "user.create", "user:" + std::to_string(*id), user->username, 0);
    return JsonResponse(201, UserJson(*user));
  }

  // The user the path's {id} names, if `u` may manage them; otherwise the
  // answer to give (refusals audited).
  std::variant<User, Response> ManagedUser(Request& r, const User& u) {
    if (!CanManageUsers(u.role)) return Denied(u, Error::Forbidden("only administrators manage users", "仅管理员可管理用户"), "users");
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto existing = app.store_.users->FindUser(*id);
    if (!existing) return ErrorResponse(existing.error());
    if (!*existing) return ErrorResponse(Error::NotFound("user", r.params["id"]));
    if (auto s = CheckJurisdiction(u, (*existing)->region_code); !s) return Denied(u, s.error(), "user:" + r.params["id"]);
    return **existing;
  }

  Response UpdateUser(Request& r, const User& u) {
    auto existing = ManagedUser(r, u);
    if (auto* refused = std::get_if<Response>(&existing)) return std::move(*refused);
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto user = UserFromJson(*body, std::get<User>(existing));
    if (!user) return ErrorResponse(user.error());
    if (auto s = CheckJurisdiction(u, user->region_code); !s) return Denied(u, s.error(), "user:" + r.params["id"]);
    if (auto s = app.store_.users->UpdateUser(*user); !s) return ErrorResponse(s.error());
    bool new_password = false;
    if (auto pw = StringField(*body, "password"); pw && *pw) {
      if (auto s = CheckPasswordStrength(**pw); !s) return ErrorResponse(s.error());
      if (auto s = app.store_.users->SetPassword(user->id, HashPassword(**pw)); !s) return ErrorResponse(s.error());
      new_password = true;
    }
    // A new password or a deactivation ends the user's sessions everywhere;
    // other changes (role, place) are read afresh on the next request.
    if (new_password || !user->active) {
      if (auto s = app.auth_->EndSessionsOf(user->id); !s) return ErrorResponse(s.error());
    } else {
      app.auth_->Invalidate(user->id);
    }
    app.auditor_->Record(u, "user.update", "user:" + std::to_string(user->id), user->username, 0);
    return JsonResponse(200, UserJson(*user));
  }

  // Lets a user locked out by failed logins try again at once.
  Response UnlockUser(Request& r, const User& u) {
    auto existing = ManagedUser(r, u);
    if (auto* refused = std::get_if<Response>(&existing)) return std::move(*refused);
    const User& target = std::get<User>(existing);
    app.auth_->Unlock(target.username);
    app.auditor_->Record(u, "user.unlock", "user:" + r.params["id"], target.username, 0);
    return JsonResponse(200, UserJson(target));
  }

  Response Audit(Request& r, const User& u) {
    if (!CanReadAudit(u.role)) return Denied(u, Error::Forbidden("only administrators read the audit log", "仅管理员可查看审计日志"), "audit");
    app.auditor_->Flush();
    AuditFilter f;
    if (auto v = r.Query("username")) f.username = *v;
    if (auto v = r.Query("action")) f.action = *v;
    auto page = OptionalInt(r, "page");
    auto size = OptionalInt(r, "page_size");
    if (!page) return ErrorResponse(page.error());
    if (!size) return ErrorResponse(size.error());
    f.limit = std::clamp<int64_t>(size->value_or(50), 1, 500);
    f.offset = (std::max<int64_t>(page->value_or(1), 1) - 1) * f.limit;
    auto result = app.store_.audit->QueryAudit(f);
    if (!result) return ErrorResponse(result.error());
    json::array items;
    for (const auto& a : result->first) items.push_back(AuditToJson(a));
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", result->second}});
  }

  Response AdvanceClock(Request& r, const User& u) {
    if (u.role != Role::kCountyAdmin) return Denied(u, Error::Forbidden("admins only", "仅管理员"), "clock");
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto* s = body->if_contains("advance_seconds");
    if (!s || !s->is_int64() || s->as_int64() < 0 || s->as_int64() > 86400) {
      return ErrorResponse(Error::Invalid("invalid_value", "advance_seconds", "", "0 to 86400 seconds",
                                          "应为0至86400秒"));
    }
    app.clock_offset_ += s->as_int64();
    return JsonResponse(200, json::object{{"offset_seconds", app.clock_offset_.load()}});
  }

  Response OpenApi(Request&) {
    return Response{200, "application/json; charset=utf-8", OpenApiDocument(), {}};
  }

  Response StaticFile(Request& r) {
    if (app.options_.web_dir.empty() || r.method != "GET") {
      return ErrorResponse(Error::NotFound("page", r.path));
    }
    return ServeStaticFile(app.options_.web_dir, r);
  }

  void Register(Router& router) {
    auto bind = [this](Response (Routes::*m)(Request&)) {
      return [this, m](Request& r) { return (this->*m)(r); };
    };
    auto authed = [this](Response (Routes::*m)(Request&, const User&)) {
      return Authed([this, m](Request& r, const User& u) { return (this->*m)(r, u); });
    };
    router.Add("GET", "/api/v1/health", bind(&Routes::Health), Always);
    router.Add("GET", "/api/v1/openapi.json", bind(&Routes::OpenApi), Always);
    router.Add("POST", "/api/v1/auth/login", bind(&Routes::Login));
    router.Add("POST", "/api/v1/auth/logout", authed(&Routes::Logout));
    router.Add("GET", "/api/v1/auth/me", authed(&Routes::Me), Always);
    router.Add("GET", "/api/v1/codes", authed(&Routes::Codes), Always);
    router.Add("GET", "/api/v1/users", authed(&Routes::Users));
    router.Add("POST", "/api/v1/users", authed(&Routes::CreateUser));
    router.Add("PATCH", "/api/v1/users/{id}", authed(&Routes::UpdateUser));
    router.Add("POST", "/api/v1/users/{id}/unlock", authed(&Routes::UnlockUser));
    router.Add("GET", "/api/v1/audit", authed(&Routes::Audit));
    auto authed_user = [this](UserHandler h) { return Authed(std::move(h)); };
    auto denied = [this](const User& u, const Error& e, const std::string& target) {
      return Denied(u, e, target);
    };
    RegistryRouteContext registry{*app.registry_,           *app.transfers_,          *app.imports_,
                                  *app.exports_,            *app.store_.regions,      *app.store_.import_jobs,
                                  *app.auditor_,            authed_user,              denied};
    AddRegistryRoutes(router, registry);
    AddTransferRoutes(router, registry);
    VaccinationRouteContext vaccination{
        *app.registry_, *app.vaccination_, *app.appointments_, *app.stock_, *app.visits_,
        *app.cold_chain_, *app.aefi_, *app.store_.alerts, *app.mobilisation_,
        app.options_.clock, authed_user, denied,
        [this](const User& u, const std::string& action, const std::string& target, int64_t rows) {
          app.auditor_->Record(u, action, target, "", rows);
        },
        app.signing_key_ ? &*app.signing_key_ : nullptr, app.options_.issuer};
    AddVaccinationRoutes(router, vaccination);
    AddStockRoutes(router, vaccination);
    AddVisitRoutes(router, vaccination);
    AddColdChainRoutes(router, vaccination);
    AddSafetyRoutes(router, vaccination);
    AddMobilisationRoutes(router, vaccination);
    AddDoseEntryRoutes(router, vaccination, *app.dose_entries_, *app.campaigns_);
    CampaignRouteContext campaigns{*app.campaigns_, *app.daily_reports_, *app.store_.coverage,
                                   app.options_.clock, authed_user, denied};
    AddCampaignRoutes(router, campaigns);
    AddFeasibilityRoutes(router, campaigns);
    AddDailyReportRoutes(router, campaigns);
    AddCoverageRoutes(router, campaigns);
    OutbreakBasics outbreak{app.options_.clock, authed_user, denied, vaccination.audit};
    AddMeasureRoutes(router, MeasureRouteContext{outbreak, *app.measures_});
    AddRiskAreaRoutes(router, RiskAreaRouteContext{outbreak, *app.risk_areas_});
    AddQuarantineRoutes(router, QuarantineRouteContext{outbreak, *app.quarantine_});
    AddArrivalRoutes(router, ArrivalRouteContext{outbreak, *app.arrivals_, *app.arrival_imports_,
                                                 [this] { return CachedPublicPlaces(); },
                                                 app.options_.self_report_limit});
    AddTracingRoutes(router, TracingRouteContext{outbreak, *app.tracing_});
    AddZoneRoutes(router, ZoneRouteContext{outbreak, *app.zones_});
    AddQuarantineStaffRoutes(router, QuarantineStaffRouteContext{outbreak, *app.quarantine_staff_});
    if (app.options_.test_clock) router.Add("POST", "/api/v1/test/clock", authed(&Routes::AdvanceClock));
    // Only someone with a session may send an import or a fridge log: the
    // others are refused before their body is read.
    router.AdmitLargeBodies([this](const Request& r) -> std::optional<Response> {
      auto user = app.auth_->Authenticate(TokenOf(r).token);
      if (!user) return ErrorResponse(user.error());
      return std::nullopt;
    });
    router.SetFallback(bind(&Routes::StaticFile));
  }
};

App::App(Storage& store, AppOptions options) : store_(store), options_(std::move(options)) {
  auth_ = std::make_unique<Authenticator>(*store_.users, options_.sessions, nullptr, options_.login_throttle);
  auditor_ = std::make_unique<Auditor>(*store_.audit);
  registry_ = std::make_unique<RegistryService>(*store_.regions, *store_.persons, *store_.organisations);
  if (auto s = registry_->ReloadRegions(); !s) throw std::runtime_error(s.error().message);
  transfers_ = std::make_unique<TransferService>(*store_.persons, *store_.transfers, registry_->directory(),
                                                 *store_.db);
  imports_ = std::make_unique<ImportJobs>(*store_.persons, registry_->directory(), *store_.import_jobs, *store_.db);
  exports_ = std::make_unique<ExportJobs>();
  auto& vaccines = *store_.vaccination;
  vaccination_ = std::make_unique<VaccinationService>(Catalogue::Default(), vaccines);
  appointments_ = std::make_unique<AppointmentService>(*registry_, *vaccination_, vaccines, *store_.db);
  stock_ = std::make_unique<StockService>(Catalogue::Default(), vaccines, *store_.cold_chain);
  visits_ = std::make_unique<VisitService>(
      Catalogue::Default(), *vaccination_, vaccines, *store_.cold_chain, *store_.persons,
      *store_.organisations, *store_.vaccination_state, *store_.figures, *store_.db);
  cold_chain_ = std::make_unique<ColdChainService>(vaccines, *store_.cold_chain);
  dose_entries_ = std::make_unique<DoseEntryService>(Catalogue::Default(), *registry_, vaccines,
                                                     *store_.dose_entries, *store_.vaccination_state,
                                                     *store_.figures, *store_.db);
  measures_ = std::make_unique<MeasureService>(*registry_, *store_.measures, *store_.db);
  risk_areas_ = std::make_unique<RiskAreaService>(*store_.risk_areas, *store_.regions, *store_.db);
  quarantine_ = std::make_unique<QuarantineService>(*registry_, *store_.quarantine);
  arrivals_ = std::make_unique<ArrivalService>(*store_.arrivals, *store_.regions, *measures_, *store_.db);
  arrival_imports_ = std::make_unique<ArrivalImports>(*arrivals_, *store_.arrivals);
  tracing_ = std::make_unique<TracingService>(*store_.tracing, *store_.persons, *store_.db);
  zones_ = std::make_unique<ZoneService>(*store_.zones, *store_.measures, *store_.regions);
  quarantine_staff_ = std::make_unique<QuarantineStaffService>(*quarantine_, *store_.quarantine_staff);
  auto notifiers = options_.notifiers;
  if (notifiers.empty()) notifiers.push_back(std::make_shared<LogNotifier>());
  notifier_ = std::make_unique<FanOutNotifier>(std::move(notifiers));
  aefi_ = std::make_unique<AefiService>(*store_.aefi, *notifier_, Catalogue::Default());
  mobilisation_ = std::make_unique<MobilisationService>(Catalogue::Default(), *registry_, *store_.mobilisation,
                                                       *store_.figures);
  campaigns_ = std::make_unique<CampaignService>(Catalogue::Default(), *registry_, *store_.regions,
                                                 *store_.campaigns, *store_.figures, *store_.vaccination);
  daily_reports_ = std::make_unique<DailyReports>(*campaigns_, *store_.campaigns);
  if (!options_.signing_key_path.empty()) {
    auto key = SigningKey::LoadOrCreate(options_.signing_key_path);
    if (!key) throw std::runtime_error(key.error().message);
    signing_key_ = std::move(*key);
  }
  if (!options_.clock) options_.clock = [this] { return NowUnixSeconds() + clock_offset_.load(); };
  routes_ = std::make_unique<Routes>(Routes{*this});
  routes_->Register(router_);
}

App::~App() {
  imports_->WaitAll();
  arrival_imports_->WaitAll();
  exports_->WaitAll();
  auditor_->Flush();
}

}  // namespace fangkong::api
