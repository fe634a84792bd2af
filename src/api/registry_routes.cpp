// The registry's endpoints: regions and their counts, people, imports,
// exports and organisations. Each handler is thin and calls a service.
#include "api/registry_routes.h"

#include <algorithm>
#include <memory>

#include "api/json.h"
#include "api/params.h"
#include "api/upload_table.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/text.h"
#include "registry/export_xlsx.h"

namespace fangkong::api {

namespace {

// An import row that named someone registered outside the importer's
// jurisdiction was refused: an attempt on another unit's people, audited
// with the rows and (masked) identity numbers it named.
void AuditRefusedRows(Auditor& auditor, const User& u, const ImportJob& job) {
  std::string detail;
  int64_t refused = 0;
  for (const auto& e : job.report.errors) {
    if (e.code != "registered_elsewhere") continue;
    ++refused;
    if (detail.size() < 400)
      detail += (detail.empty() ? "" : "; ") +
                ("row " + std::to_string(e.row) + " " + MaskDocumentNumber(e.value));
  }
  if (refused)
    auditor.Record(u, "person.import_refused", "import:" + std::to_string(job.id), detail, refused);
}

struct RegistryRoutes {
  RegistryRouteContext ctx;

  Response Region(Request& r, const User& u) {
    std::string code = r.params.count("code") ? r.params["code"] : u.region_code;
    auto view = ctx.registry.RegionWithChildren(u, code);
    if (!view) return ctx.denied(u, view.error(), "region:" + code);
    json::array children;
    for (const auto& c : view->children) children.push_back(RegionCountsToJson(c));
    json::object o = RegionCountsToJson(view->node);
    o["children"] = std::move(children);
    return JsonResponse(200, o);
  }

  Response RegionTree(Request& r, const User& u) {
    const std::string& code = r.params["code"];
    auto nodes = ctx.registry.SubtreeCounts(u, code);
    if (!nodes) return ctx.denied(u, nodes.error(), "region:" + code);
    json::array items;
    for (const auto& n : *nodes) items.push_back(RegionCountsToJson(n));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Result<PersonQuery> QueryFrom(const Request& r) {
    PersonQuery q;
    if (auto v = r.Query("region")) q.region = *v;
    if (auto v = r.Query("q")) q.q = *v;
    if (auto v = r.Query("id_number")) q.id_number = *v;
    if (auto v = r.Query("tags")) q.tags = SplitNonEmpty(*v, ',');
    for (const auto& t : q.tags) {
      bool known = false;
      for (const auto& c : HealthTags()) known = known || c.code == t;
      if (!known) {
        return Fail(
            Error::Invalid("invalid_value", "tags", t, "unknown health tag", "未知的健康标签"));
      }
    }
    const std::pair<const char*, int64_t*> ints[] = {{"page", &q.page},
                                                     {"page_size", &q.page_size}};
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
    auto page = ctx.registry.SearchPersons(u, *q);
    if (!page) return ctx.denied(u, page.error(), "region:" + q->region);
    bool full = WantsFull(r, u);
    json::array items;
    for (const auto& p : page->items) {
      json::object o = PersonToJson(p, full);
      o["place_name"] = ctx.registry.directory().PlaceName(p.region_code);
      items.push_back(std::move(o));
    }
    if (full && !page->items.empty()) {
      ctx.auditor.Record(
          u, "person.read_full", "persons:" + (q->region.empty() ? u.region_code : q->region),
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
    auto p = ctx.registry.GetPerson(u, *id);
    if (!p) return ctx.denied(u, p.error(), "person:" + r.params["id"]);
    bool full = WantsFull(r, u);
    if (full)
      ctx.auditor.Record(u, "person.read_full", "person:" + std::to_string(*id), p->name, 1);
    json::object o = PersonToJson(*p, full);
    json::array path;
    for (size_t len : {2, 4, 6, 9, 12, 15}) {
      if (len > p->region_code.size()) break;
      auto region = ctx.regions.FindRegion(p->region_code.substr(0, len));
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
    auto p = ctx.registry.CreatePerson(u, *in);
    if (!p) return ctx.denied(u, p.error(), "person:new");
    ctx.auditor.Record(u, "person.create", "person:" + std::to_string(p->id), p->name, 1);
    return JsonResponse(201, PersonToJson(*p, false));
  }

  Response UpdatePerson(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto body = ParseObject(r.body);
    if (!body) return ErrorResponse(body.error());
    auto in = PersonInputFromJson(*body);
    if (!in) return ErrorResponse(in.error());
    auto p = ctx.transfers.UpdateKeepingHistory(ctx.registry, u, *id, *in, NowUnixSeconds());
    if (!p) return ctx.denied(u, p.error(), "person:" + r.params["id"]);
    ctx.auditor.Record(u, "person.update", "person:" + std::to_string(p->id), p->name, 1);
    return JsonResponse(200, PersonToJson(*p, false));
  }

  // Body: CSV bytes (Content-Type text/csv, ?encoding=auto|utf-8|gbk), or
  // JSON {"file_name","header":[...],"rows":[[...],...]} from an .xlsx read in the browser.
  Response StartImport(Request& r, const User& u) {
    if (!CanImport(u.role)) {
      return ctx.denied(
          u, Error::Forbidden("your role may not import people", "您的角色无权导入人员"), "import");
    }
    auto table = TableOfUpload(r, "upload.csv");
    if (!table) return ErrorResponse(table.error());
    std::string file_name = table->file_name;
    std::vector<std::string> header = std::move(table->header);
    RowSource rows = std::move(table->rows);
    int64_t total = table->total;
    // A table without the required columns is refused at once, before a job exists.
    if (auto s = CheckPersonHeader(header); !s) return ErrorResponse(s.error());
    Auditor* auditor = &ctx.auditor;
    auto id =
        ctx.imports.Start(u, file_name, std::move(header), std::move(rows), total,
                          [auditor, u](const ImportJob& job) {
                            auditor->Record(u, "person.import", "import:" + std::to_string(job.id),
                                            job.file_name + " " + job.state,
                                            job.report.inserted + job.report.updated);
                            AuditRefusedRows(*auditor, u, job);
                          });
    if (!id) return ErrorResponse(id.error());
    auto job = ctx.imports.Find(*id, 100);
    if (!job) return ErrorResponse(job.error());
    if (!*job) return ErrorResponse(Error::Internal("a started import job vanished"));
    return JsonResponse(202, ImportJobToJson(**job, 100));
  }

  Response ImportStatus(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto limit = OptionalInt(r, "errors");
    int64_t max_errors = limit && *limit ? **limit : 1000;
    auto job = ctx.imports.Find(*id, max_errors);
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
    auto jobs = ctx.import_jobs.ListImportJobs(f);
    if (!jobs) return ErrorResponse(jobs.error());
    json::array items;
    for (const auto& j : *jobs) items.push_back(ImportJobToJson(j, 0));
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response ImportTemplate(Request&, const User&) {
    std::string csv;
    for (const auto& c : PersonTemplateColumns())
      csv += (csv.empty() ? "" : ",") + std::string(c.zh);
    csv += "\n";
    Response resp{200, "text/csv; charset=utf-8", "\xEF\xBB\xBF" + csv, {}};
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"person-template.csv\""});
    return resp;
  }

  static constexpr int64_t kMaxExportRows = 1'000'000;

  static Response XlsxResponse(std::string bytes) {
    Response resp{200,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(bytes),
                  {}};
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"persons.xlsx\""});
    return resp;
  }
  static std::string ExportScope(const PersonQuery& q, const User& u) {
    return "region:" + (q.region.empty() ? u.region_code : q.region);
  }
  static const char* ExportAction(bool full) {
    return full ? "person.export_full" : "person.export";
  }

  // The whole workbook in one answer (for API clients; the UI starts a job).
  Response ExportPersons(Request& r, const User& u) {
    if (!CanExport(u.role)) return ExportDenied(u);
    auto q = QueryFrom(r);
    if (!q) return ErrorResponse(q.error());
    bool full = WantsFull(r, u);
    auto sheet = PersonSheetWriter::Open(full);
    if (!sheet) return ErrorResponse(sheet.error());
    // Exports walk the same jurisdiction-checked query as the search.
    auto rows =
        ctx.registry.ScanPersons(u, *q, kMaxExportRows, [&](const fangkong::Person& p) -> Status {
          (*sheet)->Add(p);
          return {};
        });
    if (!rows) return ctx.denied(u, rows.error(), "export:" + q->region);
    auto bytes = (*sheet)->Finish();
    if (!bytes) return ErrorResponse(bytes.error());
    ctx.auditor.Record(u, ExportAction(full), ExportScope(*q, u), "xlsx", *rows);
    return XlsxResponse(std::move(*bytes));
  }

  Response ExportDenied(const User& u) {
    return ctx.denied(u, Error::Forbidden("your role may not export", "您的角色无权导出"),
                      "export");
  }

  // The same export as a job with progress; the workbook is fetched when done.
  Response StartExport(Request& r, const User& u) {
    if (!CanExport(u.role)) return ExportDenied(u);
    auto q = QueryFrom(r);
    if (!q) return ErrorResponse(q.error());
    bool full = WantsFull(r, u);
    // The query and the jurisdiction are checked now, and the count is the
    // job's expected size.
    PersonQuery first = *q;
    first.page = 1;
    first.page_size = 1;
    auto page = ctx.registry.SearchPersons(u, first);
    if (!page) return ctx.denied(u, page.error(), "export:" + q->region);
    RegistryService* registry = &ctx.registry;
    Auditor* auditor = &ctx.auditor;
    auto id = ctx.exports.Start(
        u, ExportScope(*q, u), full, std::min(page->total, kMaxExportRows),
        [registry, u, q = *q](const auto& each) {
          return registry->ScanPersons(u, q, kMaxExportRows, each);
        },
        [auditor, u](const ExportJob& job) {
          if (job.state == "done")
            auditor->Record(u, ExportAction(job.full), job.scope, "xlsx", job.rows_done);
        });
    if (!id) return ErrorResponse(id.error());
    auto job = ctx.exports.Find(u, *id);
    if (!job) return ErrorResponse(Error::Internal("a started export job vanished"));
    return JsonResponse(202, ExportJobToJson(*job));
  }

  Response ExportStatus(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto job = ctx.exports.Find(u, *id);
    if (!job) return ErrorResponse(Error::NotFound("export", r.params["id"]));
    return JsonResponse(200, ExportJobToJson(*job));
  }

  Response ExportFile(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto file = ctx.exports.File(u, *id);
    if (!file) return ErrorResponse(file.error());
    return XlsxResponse(**file);
  }

  Response Organisations(Request& r, const User& u) {
    std::string region = r.Query("region") ? *r.Query("region") : "";
    std::string kind = r.Query("kind") ? *r.Query("kind") : "";
    auto orgs = ctx.registry.ListOrganisations(u, region, kind, 1000);
    if (!orgs)
      return ctx.denied(u, orgs.error(), "region:" + (region.empty() ? u.region_code : region));
    json::array items;
    for (const auto& o : *orgs) {
      auto item = OrganisationToJson(o);
      item["place_name"] = ctx.registry.directory().PlaceName(o.region_code);
      items.push_back(std::move(item));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  // The fields an organisation's body may give; absent ones stay unset.
  static Result<OrganisationInput> OrganisationInputOf(const std::string& text) {
    auto body = ParseObject(text);
    if (!body) return Fail(body.error());
    OrganisationInput in;
    const std::pair<std::string_view, std::optional<std::string> OrganisationInput::*> fields[] = {
        {"name", &OrganisationInput::name},
        {"kind", &OrganisationInput::kind},
        {"industry", &OrganisationInput::industry},
        {"region_code", &OrganisationInput::region_code},
        {"credit_code", &OrganisationInput::credit_code}};
    for (const auto& [name, member] : fields) {
      auto v = StringField(*body, name);
      if (!v) return Fail(v.error());
      if (*v) in.*member = std::move(*v);
    }
    return in;
  }

  Response CreateOrganisation(Request& r, const User& u) {
    auto in = OrganisationInputOf(r.body);
    if (!in) return ErrorResponse(in.error());
    auto o = ctx.registry.CreateOrganisation(u, *in);
    if (!o) return ctx.denied(u, o.error(), "organisation");
    return JsonResponse(201, OrganisationToJson(*o));
  }

  Response UpdateOrganisation(Request& r, const User& u) {
    auto id = IntParam(r.params["id"], "id");
    if (!id) return ErrorResponse(id.error());
    auto in = OrganisationInputOf(r.body);
    if (!in) return ErrorResponse(in.error());
    auto o = ctx.registry.UpdateOrganisation(u, *id, *in);
    if (!o) return ctx.denied(u, o.error(), "organisation:" + r.params["id"]);
    ctx.auditor.Record(u, "organisation.update", "organisation:" + std::to_string(o->id), o->name,
                       1);
    auto item = OrganisationToJson(*o);
    item["place_name"] = ctx.registry.directory().PlaceName(o->region_code);
    return JsonResponse(200, item);
  }
};

}  // namespace

void AddRegistryRoutes(Router& router, RegistryRouteContext ctx) {
  auto routes = std::make_shared<RegistryRoutes>(RegistryRoutes{std::move(ctx)});
  auto bind = [&](Response (RegistryRoutes::*m)(Request&, const User&)) {
    return routes->ctx.authed(
        [routes, m](Request& r, const User& u) { return ((*routes).*m)(r, u); });
  };
  router.Add("GET", "/api/v1/regions", bind(&RegistryRoutes::Region), Always);
  router.Add("GET", "/api/v1/regions/{code}", bind(&RegistryRoutes::Region), Always);
  router.Add("GET", "/api/v1/regions/{code}/tree", bind(&RegistryRoutes::RegionTree));
  // A lookup by identity number is one index probe; other searches scan.
  router.Add("GET", "/api/v1/persons", bind(&RegistryRoutes::Persons),
             [](const Request& r) { return r.Query("id_number") != nullptr; });
  router.Add("POST", "/api/v1/persons", bind(&RegistryRoutes::CreatePerson));
  router.Add("GET", "/api/v1/persons/{id}", bind(&RegistryRoutes::Person), Always);
  router.Add("PATCH", "/api/v1/persons/{id}", bind(&RegistryRoutes::UpdatePerson));
  router.Add("POST", "/api/v1/imports/persons", bind(&RegistryRoutes::StartImport));
  router.LimitBody("POST", "/api/v1/imports/persons", {kImportMaxBytes, kImportUploadSeconds});
  router.Add("GET", "/api/v1/imports/template", bind(&RegistryRoutes::ImportTemplate));
  router.Add("GET", "/api/v1/imports", bind(&RegistryRoutes::ListImports));
  router.Add("GET", "/api/v1/imports/{id}", bind(&RegistryRoutes::ImportStatus));
  router.Add("GET", "/api/v1/exports/persons", bind(&RegistryRoutes::ExportPersons));
  router.Add("POST", "/api/v1/exports/persons", bind(&RegistryRoutes::StartExport));
  router.Add("GET", "/api/v1/exports/{id}", bind(&RegistryRoutes::ExportStatus), Always);
  router.Add("GET", "/api/v1/exports/{id}/file", bind(&RegistryRoutes::ExportFile));
  router.Add("GET", "/api/v1/organisations", bind(&RegistryRoutes::Organisations));
  router.Add("POST", "/api/v1/organisations", bind(&RegistryRoutes::CreateOrganisation));
  router.Add("PATCH", "/api/v1/organisations/{id}", bind(&RegistryRoutes::UpdateOrganisation));
}

}  // namespace fangkong::api
