#include "api/json.h"

#include "core/date.h"
#include "registry/transfer.h"

namespace fangkong::api {

Response JsonResponse(int status, const json::value& v) {
  return Response{status, "application/json; charset=utf-8", json::serialize(v), {}};
}

json::object ErrorToJson(const Error& e) {
  json::object err{{"code", e.code},         {"field", e.field},
                   {"value", e.value},       {"message", e.message},
                   {"message_zh", e.message_zh}};
  return json::object{{"error", std::move(err)}};
}

Response ErrorResponse(const Error& e) { return JsonResponse(HttpStatusFor(e.kind), ErrorToJson(e)); }

Result<json::object> ParseObject(const std::string& body) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) {
    return Fail(Error::BadRequest("malformed_json", "request body is not valid JSON: " + ec.message(),
                                  "请求内容不是有效的JSON"));
  }
  if (!v.is_object()) {
    return Fail(Error::BadRequest("malformed_json", "request body must be a JSON object",
                                  "请求内容必须是JSON对象"));
  }
  return std::move(v.as_object());
}

Result<std::optional<std::string>> StringField(const json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>();
  const auto& v = it->value();
  if (v.is_string()) return std::optional<std::string>(std::string(v.as_string()));
  if (v.is_int64()) return std::optional<std::string>(std::to_string(v.as_int64()));
  if (v.is_uint64()) return std::optional<std::string>(std::to_string(v.as_uint64()));
  if (v.is_array() && name == "tags") {
    std::string joined;
    for (const auto& t : v.as_array()) {
      if (!t.is_string()) break;
      joined += (joined.empty() ? "" : ",") + std::string(t.as_string());
    }
    return std::optional<std::string>(joined);
  }
  return Fail(Error::Invalid("wrong_type", std::string(name), json::serialize(v),
                             std::string(name) + " must be a string",
                             "字段" + std::string(name) + "应为字符串"));
}

Result<std::optional<double>> NumberField(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v || v->is_null()) return std::optional<double>();
  if (v->is_double()) return std::optional<double>(v->as_double());
  if (v->is_int64()) return std::optional<double>(static_cast<double>(v->as_int64()));
  return Fail(Error::Invalid("wrong_type", std::string(name), json::serialize(*v),
                             std::string(name) + " must be a number", "字段" + std::string(name) + "应为数字"));
}

Result<int> IntMember(const json::object& o, const char* field) {
  auto* v = o.if_contains(field);
  if (!v || !v->is_int64() || v->as_int64() > 1'000'000 || v->as_int64() < -1'000'000) {
    return Fail(Error::Invalid(v ? "wrong_type" : "required", field, v ? json::serialize(*v) : "",
                               std::string(field) + " must be a whole number", std::string(field) + "应为整数"));
  }
  return static_cast<int>(v->as_int64());
}

Result<std::vector<int64_t>> IdArrayMember(const json::object& o, const char* field, size_t max_items) {
  auto* v = o.if_contains(field);
  auto wrong = [&] {
    return Error::Invalid(v ? "wrong_type" : "required", field, v ? TruncateForDisplay(json::serialize(*v)) : "",
                          std::string(field) + " must be an array of ids", std::string(field) + "应为编号数组");
  };
  if (!v || !v->is_array()) return Fail(wrong());
  if (v->as_array().size() > max_items) {
    return Fail(Error::Invalid("too_many", field, std::to_string(v->as_array().size()),
                               "at most " + std::to_string(max_items) + " items",
                               "最多" + std::to_string(max_items) + "项"));
  }
  std::vector<int64_t> out;
  for (const auto& x : v->as_array()) {
    if (!x.is_int64() || x.as_int64() <= 0) return Fail(wrong());
    out.push_back(x.as_int64());
  }
  return out;
}

Status ReadStrings(const json::object& o,
                   std::initializer_list<std::pair<std::string_view, std::string*>> fields) {
  for (auto [name, target] : fields) {
    auto v = StringField(o, name);
    if (!v) return Fail(v.error());
    if (*v) *target = std::move(**v);
  }
  return {};
}

Result<PersonInput> PersonInputFromJson(const json::object& o) {
  PersonInput in;
  const std::pair<std::string_view, std::optional<std::string> PersonInput::*> fields[] = {
      {"doc_type", &PersonInput::doc_type},     {"id_number", &PersonInput::doc_number},
      {"doc_number", &PersonInput::doc_number}, {"name", &PersonInput::name},
      {"sex", &PersonInput::sex},               {"birth_date", &PersonInput::birth_date},
      {"phone", &PersonInput::phone},           {"region_code", &PersonInput::region_code},
      {"residency", &PersonInput::residency},   {"household", &PersonInput::household},
      {"employer_id", &PersonInput::employer_id}, {"occupation", &PersonInput::occupation},
      {"tags", &PersonInput::tags}};
  for (const auto& [name, member] : fields) {
    auto v = StringField(o, name);
    if (!v) return Fail(v.error());
    if (*v) in.*member = std::move(*v);
  }
  return in;
}

json::object PersonToJson(const Person& p, bool full) {
  bool resident_id = p.doc_type == DocumentType::kResidentId;
  std::string number = full ? p.doc_number
                            : (resident_id ? MaskIdentityNumber(p.doc_number)
                                           : MaskDocumentNumber(p.doc_number));
  json::array tags;
  for (const auto& t : p.tags) tags.emplace_back(t);
  return json::object{
      {"id", p.id},
      {"doc_type", DocumentTypeCode(p.doc_type)},
      {"id_number", number},
      {"masked", !full},
      {"name", p.name},
      {"sex", SexCode(p.sex)},
      {"birth_date", p.birth_date.Iso()},
      {"age", p.birth_date.AgeOn(Date::TodayBeijing())},
      {"phone", full || p.phone.empty() ? p.phone : MaskPhone(p.phone)},
      {"region_code", p.region_code},
      {"residency", ResidencyCode(p.residency)},
      {"household", p.household},
      {"employer_id", p.employer_id},
      {"occupation", p.occupation},
      {"tags", std::move(tags)},
      {"updated_at", UtcIso(p.updated_at)},
  };
}

json::object UserToJson(const User& u) {
  return json::object{{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"role", RoleCode(u.role)},
                      {"role_zh", RoleZh(u.role)},
                      {"region_code", u.region_code},
                      {"org_id", u.org_id},
                      {"active", u.active},
                      {"can_write", CanWritePersons(u.role)},
                      {"can_move_people", static_cast<bool>(CheckMayMovePeople(u))},
                      {"can_manage_sites", CanManageSites(u.role)},
                      {"can_enter_doses", CanEnterDoses(u.role)},
                      {"can_manage_measures", CanManageMeasures(u.role)},
                      {"can_read_measures", CanReadMeasures(u.role)},
                      {"can_see_full", CanSeeFullIdentity(u.role)},
                      {"can_manage_users", CanManageUsers(u.role)},
                      {"can_read_audit", CanReadAudit(u.role)}};
}

json::object RegionCountsToJson(const RegionNodeCounts& n) {
  const auto& c = n.counts;
  return json::object{{"code", n.region.code},
                      {"name", n.region.name},
                      {"level", n.region.level},
                      {"parent_code", n.region.parent_code},
                      {"population",
                       json::object{{"registered", c.registered},
                                    {"resident", c.resident()},
                                    {"usual", c.usual},
                                    {"floating", c.floating},
                                    {"away", c.away},
                                    {"male", c.male},
                                    {"female", c.female}}}};
}

json::object OrganisationToJson(const Organisation& o) {
  return json::object{{"id", o.id},
                      {"name", o.name},
                      {"kind", OrganisationKindCode(o.kind)},
                      {"kind_zh", OrganisationKindZh(o.kind)},
                      {"industry", o.industry},
                      {"region_code", o.region_code},
                      {"credit_code", o.credit_code}};
}

json::object ImportJobToJson(const ImportJob& job, size_t max_errors) {
  const auto& r = job.report;
  json::array errors;
  for (size_t i = 0; i < r.errors.size() && i < max_errors; ++i) {
    const auto& e = r.errors[i];
    errors.push_back(json::object{{"row", e.row},
                                  {"column", e.column},
                                  {"field", e.field},
                                  {"value", e.value},
                                  {"code", e.code},
                                  {"message", e.message},
                                  {"message_zh", e.message_zh}});
  }
  json::array ignored;
  for (const auto& c : r.ignored_columns) ignored.emplace_back(c);
  json::object o{{"id", job.id},
                 {"state", job.state},
                 {"file_name", job.file_name},
                 {"username", job.username},
                 {"created_at", UtcIso(job.created_at)},
                 {"progress",
                  json::object{{"processed", job.progress->processed.load()},
                               {"total", job.progress->total.load()}}},
                 {"counts", json::object{{"rows", r.rows},
                                         {"inserted", r.inserted},
                                         {"updated", r.updated},
                                         {"unchanged", r.unchanged},
                                         {"failed", r.failed}}},
                 {"ignored_columns", std::move(ignored)},
                 {"errors", std::move(errors)}};
  if (job.finished_at) o["finished_at"] = UtcIso(job.finished_at);
  if (job.error) o["error"] = ErrorToJson(*job.error)["error"];
  return o;
}

json::object AuditToJson(const AuditEntry& a) {
  return json::object{{"id", a.id},         {"at", UtcIso(a.at)},     {"user_id", a.user_id},
                      {"username", a.username}, {"action", a.action}, {"target", a.target},
                      {"detail", a.detail}, {"rows", a.rows}};
}

}  // namespace fangkong::api

namespace fangkong::api {

json::object ExportJobToJson(const ExportJob& job) {
  json::object o{{"id", job.id},
                 {"state", job.state},
                 {"full", job.full},
                 {"scope", job.scope},
                 {"created_at", UtcIso(job.created_at)},
                 {"progress", json::object{{"processed", job.rows_done}, {"total", job.rows_total}}}};
  if (job.finished_at) o["finished_at"] = UtcIso(job.finished_at);
  if (job.state == "done") o["file"] = "/api/v1/exports/" + std::to_string(job.id) + "/file";
  if (job.error) o["error"] = ErrorToJson(*job.error)["error"];
  return o;
}

json::value DayOrNull(const std::optional<Date>& d) {
  return d ? json::value(d->Iso()) : json::value(nullptr);
}

}  // namespace fangkong::api
