#include "api/app.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"
#include "core/csv.h"
#include "core/text.h"
#include "registry/export_xlsx.h"

namespace fangkong::api {

namespace {

constexpr const char* kVersion = "0.1.0";


std::string ContentTypeFor(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "application/javascript";
  if (ext == ".css") return "text/css";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".json") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

size_t CountLines(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

// Handlers, grouped; each is thin and calls a service.
struct Routes {
  App& app;

  // Wraps a handler that needs the caller's identity.
  Handler Authed(std::function<Response(Request&, const User&)> h) {
    return [this, h = std::move(h)](Request& r) {
      std::string header = r.Header("authorization");
      std::string token = header.rfind("Bearer ", 0) == 0 ? header.substr(7) : "";
      auto user = app.auth_->Authenticate(token);
      if (!user) return ErrorResponse(user.error());
      return h(r, *user);
    };
  }

  // Turns a Forbidden into an audited denial.
  Response Denied(const User& u, const Error& e, const std::string& target) {
    if (e.kind == ErrorKind::kForbidden) app.auditor_->Record(u, "access.denied", target, e.message, 0);
    return ErrorResponse(e);
  }

  Response Health(Request&) {
    auto version = app.store_.SchemaVersion();
    return JsonResponse(200, json::object{{"status", "ok"},
                                          {"version", kVersion},
                                          {"engine", app.store_.Engine()},
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
    auto result = app.auth_->Login(**username, **password);
    if (!result) return ErrorResponse(result.error());
    app.auditor_->Record(result->user, "auth.login", "user:" + std::to_string(result->user.id),
                         r.remote, 0);
    return JsonResponse(200, json::object{{"token", result->token},
                                          {"expires_at", UtcIso(result->expires_at)},
                                          {"user", UserToJson(result->user)}});
  }

  Response Logout(Request& r, const User&) {
    std::string header = r.Header("authorization");
    (void)app.auth_->Logout(header.substr(7));
    return Response{204, "application/json", "", {}};
  }

  Response Me(Request&, const User& u) { return JsonResponse(200, UserToJson(u)); }

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

  Response Region(Request& r, const User& u) {
    std::string code = r.params.count("code") ? r.params["code"] : u.region_code;
    auto view = app.registry_->RegionWithChildren(u, code);
    if (!view) return Denied(u, view.error(), "region:" + code);
    json::array children;
    for (const auto& c : view->children) children.push_back(RegionCountsToJson(c));
    json::object o = RegionCountsToJson(view->node);
    o["children"] = std::move(children);
    return JsonResponse(200, o);
  }

  Response RegionTree(Request& r, const User& u) {
    const std::string& code = r.params["code"];
    auto nodes = app.registry_->SubtreeCounts(u, code);
    if (!nodes) return Denied(u, nodes.error(), "region:" + code);
    json::array items;
    for (const auto& n : *nodes) items.push_back(RegionCountsToJson(n));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Result<PersonQuery> QueryFrom(const Request& r) {
    PersonQuery q;
    if (auto v = r.Query("region")) q.region = *v;
    if (auto v = r.Query("q")) q.q = *v;
    if (auto v = r.Query("id_number")) q.id_number = *v;
    if (auto v = r.Query("tags")) q.tags = SplitList(*v);
    for (const auto& t : q.tags) {
      bool known = false;
      for (const auto& c : HealthTags()) known = known || c.code == t;
      if (!known) {
        return Fail(Error::Invalid("invalid_value", "tags", t, "unknown health tag", "未知的健康标签"));
      }
    }
    const std::pair<const char*, int64_t*> ints[] = {{"page", &q.page}, {"page_size", &q.page_size}};
    for (auto [name, target] : ints) {
      auto v = OptionalInt(r, name);
      if (!v) return Fail(v.error());
      if (*v) *target = **v;
    }
    auto age_min = OptionalInt(r, "age_min");
    auto age_max = OptionalInt(r, "age_max");
    if (!age_min) return Fail(age_min.error());
    if (!age_max) return Fail(age_max.error());
    if (*age_min) q.age_min = static_cast<int>(std::min<int64_t>(**age_min, 200));
    if (*age_max) q.age_max = static_cast<int>(std::min<int64_t>(**age_max, 200));
    return q;
  }

  // Full identity numbers only for roles allowed them, only when asked, and audited.
  bool WantsFull(const Request& r, const User& u) {
    return Truthy(r.Query("full")) && CanSeeFullIdentity(u.role);
  }

  Response Persons(Request& r, const User& u) {
    auto q = QueryFrom(r);
    if (!q) return ErrorResponse(q.error());
    auto page = app.registry_->SearchPersons(u, *q);
    if (!page) return Denied(u, page.error(), "region:" + q->region);
    bool full = WantsFull(r, u);
    json::array items;
    for (const auto& p : page->items) items.push_back(PersonToJson(p, full));
    if (full && !page->items.empty()) {
      app.auditor_->Record(u, "person.read_full", "persons:" + (q->region.empty() ? u.region_code : q->region),
                           "search q=" + TruncateForDisplay(q->q, 40), static_cast<int64_t>(page->items.size()));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)},
                                          {"total", page->total},
                                          {"page", q->page},
                                          {"page_size", q->page_size}});
  }

  Response Person(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto p = app.registry_->GetPerson(u, *id);
    if (!p) return Denied(u, p.error(), "person:" + r.params["id"]);
    bool full = WantsFull(r, u);
    if (full) app.auditor_->Record(u, "person.read_full", "person:" + std::to_string(*id), p->name, 1);
    json::object o = PersonToJson(*p, full);
    json::array path;
    for (size_t len : {2, 4, 6, 9, 12, 15}) {
      if (len > p->region_code.size()) break;
      auto region = app.store_.FindRegion(p->region_code.substr(0, len));
      if (region && *region) {
        path.push_back(json::object{{"code", (*region)->code}, {"name", (*region)->name}});
      }
    }
    o["region_path"] = std::move(path);
    return JsonResponse(200, o);
  }

  Response CreatePerson(Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto in = PersonInputFromJson(*body);
    if (!in) return ErrorResponse(in.error());
    auto p = app.registry_->CreatePerson(u, *in);
    if (!p) return Denied(u, p.error(), "person:new");
    app.auditor_->Record(u, "person.create", "person:" + std::to_string(p->id), p->name, 1);
    return JsonResponse(201, PersonToJson(*p, false));
  }

  Response UpdatePerson(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto in = PersonInputFromJson(*body);
    if (!in) return ErrorResponse(in.error());
    auto p = app.registry_->UpdatePerson(u, *id, *in);
    if (!p) return Denied(u, p.error(), "person:" + r.params["id"]);
    app.auditor_->Record(u, "person.update", "person:" + std::to_string(p->id), p->name, 1);
    return JsonResponse(200, PersonToJson(*p, false));
  }

  // Body: CSV bytes (Content-Type text/csv, ?encoding=auto|utf-8|gbk), or
  // JSON {"file_name","header":[...],"rows":[[...],...]} from an .xlsx read in the browser.
  Response StartImport(Request& r, const User& u) {
    if (!CanImport(u.role)) {
      return Denied(u, Error::Forbidden("your role may not import people", "您的角色无权导入人员"),
                    "import");
    }
    std::string file_name = r.Query("file_name") ? *r.Query("file_name") : "upload.csv";
    std::vector<std::string> header;
    RowSource rows;
    int64_t total = 0;
    if (r.Header("content-type").rfind("application/json", 0) == 0) {
      auto table = TableFromJson(r.body, file_name);
      if (!table) return ErrorResponse(table.error());
      std::tie(header, rows, total) = std::move(*table);
    } else {
      auto encoding = ParseEncoding(r.Query("encoding") ? *r.Query("encoding") : "auto");
      if (!encoding) {
        return ErrorResponse(Error::Invalid("invalid_value", "encoding", *r.Query("encoding"),
                                            "encoding must be auto, utf-8 or gbk",
                                            "编码应为auto、utf-8或gbk"));
      }
      auto text = DecodeUpload(r.body, *encoding);
      if (!text) return ErrorResponse(text.error());
      auto shared = std::make_shared<const std::string>(std::move(*text));
      rows = CsvRowSource(shared);
      int64_t line = 0;
      if (!rows(line, header)) {
        return ErrorResponse(Error::Invalid("empty_file", "file", file_name, "the file is empty",
                                            "文件为空"));
      }
      total = static_cast<int64_t>(CountLines(*shared));
    }
    // A table without the required columns is refused at once, before a job exists.
    if (auto s = CheckPersonHeader(header); !s) return ErrorResponse(s.error());
    Auditor* auditor = app.auditor_.get();
    auto id = app.imports_->Start(u, file_name, std::move(header), std::move(rows), total,
                                  [auditor, u](const ImportJob& job) {
                                    auditor->Record(u, "person.import",
                                                    "import:" + std::to_string(job.id),
                                                    job.file_name + " " + job.state,
                                                    job.report.inserted + job.report.updated);
                                  });
    if (!id) return ErrorResponse(id.error());
    auto job = app.imports_->Find(*id, 100);
    if (!job) return ErrorResponse(job.error());
    if (!*job) return ErrorResponse(Error::Internal("a started import job vanished"));
    return JsonResponse(202, ImportJobToJson(**job, 100));
  }

  Result<std::tuple<std::vector<std::string>, RowSource, int64_t>> TableFromJson(
      const std::string& body, std::string& file_name) {
    auto o = ParseObject(body);
    if (!o) return Fail(o.error());
    if (auto f = StringField(*o, "file_name"); f && *f) file_name = **f;
    auto to_row = [](const json::value& v, std::vector<std::string>& out) -> bool {
      if (!v.is_array()) return false;
      out.clear();
      for (const auto& cell : v.as_array()) {
        if (cell.is_string()) out.emplace_back(cell.as_string());
        else if (cell.is_null()) out.emplace_back();
        else if (cell.is_int64()) out.push_back(std::to_string(cell.as_int64()));
        else if (cell.is_double()) {
          std::ostringstream ss;
          ss.precision(15);
          ss << cell.as_double();
          out.push_back(ss.str());
        } else out.push_back(json::serialize(cell));
      }
      return true;
    };
    auto h = o->find("header");
    auto rows_it = o->find("rows");
    std::vector<std::string> header;
    if (h == o->end() || !to_row(h->value(), header)) {
      return Fail(Error::Invalid("wrong_type", "header", "", "header must be an array of column names",
                                 "header应为列名数组"));
    }
    if (rows_it == o->end() || !rows_it->value().is_array()) {
      return Fail(Error::Invalid("wrong_type", "rows", "", "rows must be an array of arrays",
                                 "rows应为二维数组"));
    }
    auto rows = std::make_shared<json::array>(std::move(rows_it->value().as_array()));
    auto index = std::make_shared<size_t>(0);
    int64_t total = static_cast<int64_t>(rows->size());
    RowSource source = [rows, index, to_row](int64_t& row, std::vector<std::string>& fields) {
      while (*index < rows->size()) {
        size_t i = (*index)++;
        row = static_cast<int64_t>(i) + 2;  // the header is row 1, as Excel shows it
        if (to_row((*rows)[i], fields)) return true;
      }
      return false;
    };
    return std::tuple(std::move(header), std::move(source), total);
  }

  Response ImportStatus(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto limit = OptionalInt(r, "errors");
    int64_t max_errors = limit && *limit ? **limit : 1000;
    auto job = app.imports_->Find(*id, max_errors);
    if (!job) return ErrorResponse(job.error());
    if (!*job || !MaySeeImport(u, **job)) {
      return ErrorResponse(Error::NotFound("import", r.params["id"]));
    }
    return JsonResponse(200, ImportJobToJson(**job, static_cast<size_t>(max_errors)));
  }

  // A user sees their own imports; an admin sees those of users in their subtree.
  static bool MaySeeImport(const User& u, const ImportJob& job) {
    return job.user_id == u.id ||
           (CanManageUsers(u.role) && job.region_code.rfind(u.region_code, 0) == 0);
  }

  Response ListImports(Request& r, const User& u) {
    ImportJobFilter f;
    if (!CanManageUsers(u.role)) f.user_id = u.id;
    f.region_prefix = u.region_code;
    auto limit = OptionalInt(r, "limit");
    if (limit && *limit) f.limit = std::clamp<int64_t>(**limit, 1, 200);
    auto jobs = app.store_.ListImportJobs(f);
    if (!jobs) return ErrorResponse(jobs.error());
    json::array items;
    for (const auto& j : *jobs) items.push_back(ImportJobToJson(j, 0));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response ImportTemplate(Request&, const User&) {
    std::string csv;
    for (const auto& c : PersonTemplateColumns()) csv += (csv.empty() ? "" : ",") + std::string(c.zh);
    csv += "\n";
    Response resp{200, "text/csv; charset=utf-8", "\xEF\xBB\xBF" + csv, {}};
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"person-template.csv\""});
    return resp;
  }

  Response ExportPersons(Request& r, const User& u) {
    if (!CanExport(u.role)) {
      return Denied(u, Error::Forbidden("your role may not export", "您的角色无权导出"), "export");
    }
    auto q = QueryFrom(r);
    if (!q) return ErrorResponse(q.error());
    bool full = WantsFull(r, u);
    auto sheet = PersonSheetWriter::Open(full);
    if (!sheet) return ErrorResponse(sheet.error());
    // Exports walk the same jurisdiction-checked query as the search.
    constexpr int64_t kMaxRows = 1'000'000;
    auto rows = app.registry_->ScanPersons(u, *q, kMaxRows, [&](const fangkong::Person& p) -> Status {
      (*sheet)->Add(p);
      return {};
    });
    if (!rows) return Denied(u, rows.error(), "export:" + q->region);
    auto bytes = (*sheet)->Finish();
    if (!bytes) return ErrorResponse(bytes.error());
    app.auditor_->Record(u, full ? "person.export_full" : "person.export",
                         "region:" + (q->region.empty() ? u.region_code : q->region), "xlsx",
                         *rows);
    Response resp{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(*bytes), {}};
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"persons.xlsx\""});
    return resp;
  }

  Response Users(Request&, const User& u) {
    if (!CanManageUsers(u.role)) return Denied(u, Error::Forbidden("only administrators manage users", "仅管理员可管理用户"), "users");
    auto users = app.store_.ListUsers(u.region_code);
    if (!users) return ErrorResponse(users.error());
    json::array items;
    for (const auto& x : *users) items.push_back(UserToJson(x));
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
      auto found = app.store_.FindRegion(**region);
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
    auto id = app.store_.InsertUser(*user, HashPassword(**password));
    if (!id) return ErrorResponse(id.error());
    user->id = *id;
    app.auditor_->Record(u, "user.create", "user:" + std::to_string(*id), user->username, 0);
    return JsonResponse(201, UserToJson(*user));
  }

  Response UpdateUser(Request& r, const User& u) {
    if (!CanManageUsers(u.role)) return Denied(u, Error::Forbidden("only administrators manage users", "仅管理员可管理用户"), "users");
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto existing = app.store_.FindUser(*id);
    if (!existing) return ErrorResponse(existing.error());
    if (!*existing) return ErrorResponse(Error::NotFound("user", r.params["id"]));
    if (auto s = CheckJurisdiction(u, (*existing)->region_code); !s) return Denied(u, s.error(), "user:" + r.params["id"]);
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto user = UserFromJson(*body, **existing);
    if (!user) return ErrorResponse(user.error());
    if (auto s = CheckJurisdiction(u, user->region_code); !s) return Denied(u, s.error(), "user:" + r.params["id"]);
    if (auto s = app.store_.UpdateUser(*user); !s) return ErrorResponse(s.error());
    if (auto pw = StringField(*body, "password"); pw && *pw) {
      if (auto s = CheckPasswordStrength(**pw); !s) return ErrorResponse(s.error());
      if (auto s = app.store_.SetPassword(user->id, HashPassword(**pw)); !s) return ErrorResponse(s.error());
    }
    app.auth_->Invalidate(user->id);
    app.auditor_->Record(u, "user.update", "user:" + std::to_string(user->id), user->username, 0);
    return JsonResponse(200, UserToJson(*user));
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
    auto result = app.store_.QueryAudit(f);
    if (!result) return ErrorResponse(result.error());
    json::array items;
    for (const auto& a : result->first) items.push_back(AuditToJson(a));
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", result->second}});
  }

  Response Organisations(Request& r, const User& u) {
    std::string region = r.Query("region") ? *r.Query("region") : "";
    std::string kind = r.Query("kind") ? *r.Query("kind") : "";
    auto orgs = app.registry_->ListOrganisations(u, region, kind, 1000);
    if (!orgs) return Denied(u, orgs.error(), "region:" + (region.empty() ? u.region_code : region));
    json::array items;
    for (const auto& o : *orgs) items.push_back(OrganisationToJson(o));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response CreateOrganisation(Request& r, const User& u) {
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    OrganisationInput in;
    const std::pair<std::string_view, std::optional<std::string> OrganisationInput::*> fields[] = {
        {"name", &OrganisationInput::name},
        {"kind", &OrganisationInput::kind},
        {"industry", &OrganisationInput::industry},
        {"region_code", &OrganisationInput::region_code},
        {"credit_code", &OrganisationInput::credit_code}};
    for (const auto& [name, member] : fields) {
      auto v = StringField(*body, name);
      if (!v) return ErrorResponse(v.error());
      if (*v) in.*member = std::move(*v);
    }
    auto o = app.registry_->CreateOrganisation(u, in);
    if (!o) return Denied(u, o.error(), "organisation");
    return JsonResponse(201, OrganisationToJson(*o));
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
    namespace fs = std::filesystem;
    fs::path root = fs::weakly_canonical(app.options_.web_dir);
    fs::path p = fs::weakly_canonical(root / r.path.substr(1));
    // Paths that escape the UI directory or name no file get the app shell.
    if (p.string().rfind(root.string(), 0) != 0 || !fs::is_regular_file(p)) p = root / "index.html";
    std::ifstream in(p, std::ios::binary);
    if (!in) return ErrorResponse(Error::NotFound("page", r.path));
    std::stringstream ss;
    ss << in.rdbuf();
    Response resp{200, ContentTypeFor(p), ss.str(), {}};
    if (r.path.rfind("/assets/", 0) == 0) resp.headers.push_back({"Cache-Control", "max-age=31536000, immutable"});
    return resp;
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
    router.Add("GET", "/api/v1/regions", authed(&Routes::Region), Always);
    router.Add("GET", "/api/v1/regions/{code}", authed(&Routes::Region), Always);
    router.Add("GET", "/api/v1/regions/{code}/tree", authed(&Routes::RegionTree));
    // A lookup by identity number is one index probe; other searches scan.
    router.Add("GET", "/api/v1/persons", authed(&Routes::Persons),
               [](const Request& r) { return r.Query("id_number") != nullptr; });
    router.Add("POST", "/api/v1/persons", authed(&Routes::CreatePerson));
    router.Add("GET", "/api/v1/persons/{id}", authed(&Routes::Person), Always);
    router.Add("PATCH", "/api/v1/persons/{id}", authed(&Routes::UpdatePerson));
    router.Add("POST", "/api/v1/imports/persons", authed(&Routes::StartImport));
    router.Add("GET", "/api/v1/imports/template", authed(&Routes::ImportTemplate));
    router.Add("GET", "/api/v1/imports", authed(&Routes::ListImports));
    router.Add("GET", "/api/v1/imports/{id}", authed(&Routes::ImportStatus));
    router.Add("GET", "/api/v1/exports/persons", authed(&Routes::ExportPersons));
    router.Add("GET", "/api/v1/organisations", authed(&Routes::Organisations));
    router.Add("POST", "/api/v1/organisations", authed(&Routes::CreateOrganisation));
    router.Add("GET", "/api/v1/users", authed(&Routes::Users));
    router.Add("POST", "/api/v1/users", authed(&Routes::CreateUser));
    router.Add("PATCH", "/api/v1/users/{id}", authed(&Routes::UpdateUser));
    router.Add("GET", "/api/v1/audit", authed(&Routes::Audit));
    VaccinationRouteContext vaccination{
        *app.registry_, *app.vaccination_, *app.appointments_, *app.stock_, *app.visits_,
        *app.cold_chain_, *app.aefi_, app.store_.alerts(), *app.mobilisation_,
        app.options_.clock,
        [this](UserHandler h) { return Authed(std::move(h)); },
        [this](const User& u, const Error& e, const std::string& target) {
          return Denied(u, e, target);
        },
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
    if (app.options_.test_clock) router.Add("POST", "/api/v1/test/clock", authed(&Routes::AdvanceClock));
    router.SetFallback(bind(&Routes::StaticFile));
  }
};

App::App(Store& store, AppOptions options) : store_(store), options_(std::move(options)) {
  auth_ = std::make_unique<Authenticator>(store_);
  auditor_ = std::make_unique<Auditor>(store_);
  registry_ = std::make_unique<RegistryService>(store_, store_, store_);
  if (auto s = registry_->ReloadRegions(); !s) throw std::runtime_error(s.error().message);
  imports_ = std::make_unique<ImportJobs>(store_, registry_->directory(), store_);
  vaccination_ = std::make_unique<VaccinationService>(Catalogue::Default(), store_.vaccination());
  appointments_ = std::make_unique<AppointmentService>(*registry_, *vaccination_, store_.vaccination(),
                                                       store_);
  stock_ = std::make_unique<StockService>(Catalogue::Default(), store_.vaccination(), store_.cold_chain());
  visits_ = std::make_unique<VisitService>(Catalogue::Default(), *vaccination_, store_.vaccination(),
                                           store_.cold_chain(), store_, store_);
  cold_chain_ = std::make_unique<ColdChainService>(store_.vaccination(), store_.cold_chain());
  auto notifiers = options_.notifiers;
  if (notifiers.empty()) notifiers.push_back(std::make_shared<LogNotifier>());
  notifier_ = std::make_unique<FanOutNotifier>(std::move(notifiers));
  aefi_ = std::make_unique<AefiService>(store_.aefi(), *notifier_);
  mobilisation_ = std::make_unique<MobilisationService>(Catalogue::Default(), *registry_, store_.mobilisation());
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
  auditor_->Flush();
}

}  // namespace fangkong::api
