#include "registry/service.h"

#include <algorithm>
#include <unordered_map>

#include "core/region_code.h"
#include "core/text.h"

namespace fangkong {

namespace {

Status CheckWrite(const User& u) {
  if (CanWritePersons(u.role)) return {};
  return Fail(
      Error::Forbidden("your role may not change the registry", "您的角色无权修改人员信息"));
}

}  // namespace

bool CachedRegionDirectory::IsResidentialPlace(std::string_view code) const {
  std::shared_lock lock(mu_);
  return places_.count(std::string(code)) > 0;
}

std::string CachedRegionDirectory::PlaceName(std::string_view code) const {
  if (code.size() < 9) {  // a county or more: its own name ("宁国市")
    std::string own = NameOf(std::string(code));
    return own.empty() ? std::string(code) : own;
  }
  std::string name;
  for (size_t length : {size_t{9}, size_t{12}, size_t{15}}) {  // township, village, grid
    if (code.size() < length) break;
    std::string part = NameOf(std::string(code.substr(0, length)));
    if (!part.empty()) name += (name.empty() ? "" : " ") + part;
  }
  return name.empty() ? std::string(code) : name;
}

std::string CachedRegionDirectory::NameOf(const std::string& code) const {
  {
    std::shared_lock lock(mu_);
    if (auto known = names_.find(code); known != names_.end()) return known->second;
  }
  auto region = regions_.FindRegion(code);  // added since the last reload
  return region && *region ? (*region)->name : "";
}

Status CachedRegionDirectory::Reload() {
  auto all = regions_.Subtree("");
  if (!all) return Fail(all.error());
  std::unordered_set<std::string> places;
  std::unordered_map<std::string, std::string> names;
  for (const auto& r : *all) {
    if (r.level >= 5) places.insert(r.code);
    names.emplace(r.code, r.name);
  }
  std::unique_lock lock(mu_);
  places_ = std::move(places);
  names_ = std::move(names);
  return {};
}

RegistryService::RegistryService(RegionRepository& regions, PersonRepository& persons,
                                 OrganisationRepository& organisations)
    : regions_(regions), persons_(persons), organisations_(organisations), directory_(regions) {}

Result<std::vector<Organisation>> RegistryService::ListOrganisations(const User& u,
                                                                     const std::string& region,
                                                                     const std::string& kind,
                                                                     int64_t limit) {
  std::string root = region.empty() ? u.region_code : region;
  if (!region.empty()) {
    if (auto parsed = RegionCode::Parse(region); !parsed) return Fail(parsed.error());
  }
  if (auto s = CheckJurisdiction(u, root); !s) return Fail(s.error());
  OrganisationKind parsed_kind;
  if (!kind.empty() && !ParseOrganisationKind(kind, parsed_kind)) {
    return Fail(Error::Invalid("invalid_value", "kind", kind, "unknown organisation kind",
                               "未知的机构类别"));
  }
  return organisations_.OrganisationsUnder(
      root, kind.empty() ? "" : OrganisationKindCode(parsed_kind), limit);
}

Result<Organisation> RegistryService::CreateOrganisation(const User& u,
                                                         const OrganisationInput& in) {
  if (auto s = CheckWrite(u); !s) return Fail(s.error());
  auto o = ApplyOrganisationInput(in, regions_);
  if (!o) return Fail(o.error());
  if (auto s = CheckJurisdiction(u, o->region_code); !s) return Fail(s.error());
  auto id = organisations_.InsertOrganisation(*o);
  if (!id) return Fail(id.error());
  o->id = *id;
  return o;
}

Result<Organisation> RegistryService::UpdateOrganisation(const User& u, int64_t id,
                                                         const OrganisationInput& in) {
  if (auto s = CheckWrite(u); !s) return Fail(s.error());
  auto stored = organisations_.FindOrganisation(id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return Fail(Error::NotFound("organisation", std::to_string(id)));
  const Organisation& before = **stored;
  if (auto s = CheckJurisdiction(u, before.region_code); !s) return Fail(s.error());
  OrganisationInput merged{
      in.name.value_or(before.name), in.kind.value_or(OrganisationKindCode(before.kind)),
      in.industry.value_or(before.industry), in.region_code.value_or(before.region_code),
      in.credit_code.value_or(before.credit_code)};
  auto o = ApplyOrganisationInput(merged, regions_);
  if (!o) return Fail(o.error());
  if (auto s = CheckJurisdiction(u, o->region_code); !s) return Fail(s.error());
  o->id = id;
  if (auto s = organisations_.UpdateOrganisation(*o); !s) return Fail(s.error());
  return o;
}

Result<std::vector<RegionNodeCounts>> RegistryService::CountsFor(const std::vector<Region>& nodes,
                                                                 const std::string& root) {
  auto leaves = regions_.LeafPopulation(root);
  if (!leaves) return Fail(leaves.error());
  std::unordered_map<std::string, size_t> index;
  std::vector<RegionNodeCounts> out;
  out.reserve(nodes.size());
  for (const auto& r : nodes) {
    index.emplace(r.code, out.size());
    out.push_back({r, {}});
  }
  // Roll each leaf up through every ancestor present in `nodes`.
  static constexpr size_t kLengths[] = {2, 4, 6, 9, 12, 15};
  for (const auto& [code, counts] : *leaves) {
    for (size_t len : kLengths) {
      if (len > code.size()) break;
      auto it = index.find(code.substr(0, len));
      if (it != index.end()) out[it->second].counts += counts;
    }
  }
  return out;
}

Result<RegionView> RegistryService::RegionWithChildren(const User& u, const std::string& code) {
  if (!code.empty()) {
    if (auto parsed = RegionCode::Parse(code); !parsed) return Fail(parsed.error());
  }
  // A user may look at their own node's ancestors' names but only count inside their subtree.
  if (auto s = CheckJurisdiction(u, code); !s) return Fail(s.error());
  std::optional<Region> node;
  if (code.empty()) {
    node = Region{"", "中华人民共和国", "", 0};
  } else {
    auto found = regions_.FindRegion(code);
    if (!found) return Fail(found.error());
    if (!*found) return Fail(Error::NotFound("region", code));
    node = **found;
  }
  auto children = regions_.Children(code);
  if (!children) return Fail(children.error());
  std::vector<Region> nodes = {*node};
  nodes.insert(nodes.end(), children->begin(), children->end());
  auto counted = CountsFor(nodes, code);
  if (!counted) return Fail(counted.error());
  RegionView view{(*counted)[0], {counted->begin() + 1, counted->end()}};
  return view;
}

Result<std::vector<RegionNodeCounts>> RegistryService::SubtreeCounts(const User& u,
                                                                     const std::string& code) {
  if (auto s = CheckJurisdiction(u, code); !s) return Fail(s.error());
  auto root = regions_.FindRegion(code);
  if (!root) return Fail(root.error());
  if (!*root) return Fail(Error::NotFound("region", code));
  auto below = regions_.Subtree(code);
  if (!below) return Fail(below.error());
  std::vector<Region> nodes = {**root};
  nodes.insert(nodes.end(), below->begin(), below->end());
  return CountsFor(nodes, code);
}

// The store filter for a query, after checking region, jurisdiction and
// paging; `id` receives a normalised identity number when the query is one.
Result<PersonFilter> RegistryService::FilterFor(const User& u, const PersonQuery& q,
                                                std::string& id) {
  PersonFilter f;
  f.region = q.region.empty() ? u.region_code : q.region;
  if (!q.region.empty()) {
    if (auto parsed = RegionCode::Parse(q.region); !parsed) return Fail(parsed.error());
  }
  if (auto s = CheckJurisdiction(u, f.region); !s) return Fail(s.error());
  if (q.page < 1 || q.page > 1000000) {
    return Fail(Error::Invalid("invalid_value", "page", std::to_string(q.page),
                               "page must be between 1 and 1000000", "页码应在1至1000000之间"));
  }
  if (q.page_size < 1 || q.page_size > 200) {
    return Fail(Error::Invalid("invalid_value", "page_size", std::to_string(q.page_size),
                               "page_size must be between 1 and 200", "每页条数应在1至200之间"));
  }
  f.limit = q.page_size;
  f.offset = (q.page - 1) * q.page_size;
  f.tags = q.tags;
  Date today = Date::TodayBeijing();
  if (q.age_min) f.born_on_or_before = today.AddYears(-*q.age_min);
  if (q.age_max) f.born_after = today.AddYears(-(*q.age_max + 1));
  id = q.id_number;
  std::string text = Trim(q.q);
  // A query of digits (and a final X) is an identity number, otherwise a name.
  bool looks_like_id = !text.empty() && text.find_first_not_of("0123456789Xx") == std::string::npos;
  if (id.empty() && looks_like_id)
    id = text;
  else
    f.name_prefix = text;
  if (!id.empty()) {
    id = NormalizeAsciiWidth(id);
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
  }
  return f;
}

// The one person with identity number `id`, if within the filter's subtree.
Result<PersonPage> RegistryService::ByIdentityNumber(const PersonFilter& f, const std::string& id) {
  auto found = persons_.FindByDocument(id);
  if (!found) return Fail(found.error());
  PersonPage page;
  if (*found && (*found)->region_code.rfind(f.region, 0) == 0) {
    page.items.push_back(**found);
    page.total = 1;
  }
  return page;
}

// How many people match `f`, given the page it found. Counting rows scans the
// subtree (1.7 s for a county of a million people), so it comes last:
// - a short page ends the list: its rows are the rest;
// - everyone in a subtree is the sum of its maintained counts;
// - otherwise the store counts, with an empty page (LIMIT 0).
Result<int64_t> RegistryService::TotalOf(const PersonFilter& f, const PersonPage& page) {
  auto found = static_cast<int64_t>(page.items.size());
  if (found < f.limit && (f.offset == 0 || found > 0)) return f.offset + found;
  bool only_region =
      f.name_prefix.empty() && f.tags.empty() && !f.born_after && !f.born_on_or_before;
  if (only_region) {
    auto leaves = regions_.LeafPopulation(f.region);
    if (!leaves) return Fail(leaves.error());
    int64_t total = 0;
    for (const auto& [code, counts] : *leaves) total += counts.registered;
    return total;
  }
  PersonFilter count = f;
  count.limit = 0;
  count.with_total = true;
  auto counted = persons_.Search(count);
  if (!counted) return Fail(counted.error());
  return counted->total;
}

Result<PersonPage> RegistryService::SearchPersons(const User& u, const PersonQuery& q) {
  std::string id;
  auto f = FilterFor(u, q, id);
  if (!f) return Fail(f.error());
  if (!id.empty()) return ByIdentityNumber(*f, id);
  bool with_total = f->with_total;
  f->with_total = false;
  auto page = persons_.Search(*f);
  if (!page || !with_total) return page;
  auto total = TotalOf(*f, *page);
  if (!total) return Fail(total.error());
  page->total = *total;
  return page;
}

Result<int64_t> RegistryService::ScanPersons(const User& u, const PersonQuery& q, int64_t max_rows,
                                             const std::function<Status(const Person&)>& each) {
  std::string id;
  auto f = FilterFor(u, q, id);
  if (!f) return Fail(f.error());
  int64_t seen = 0;
  if (!id.empty()) {
    auto page = ByIdentityNumber(*f, id);
    if (!page) return Fail(page.error());
    for (const auto& p : page->items) {
      if (auto s = each(p); !s) return Fail(s.error());
      ++seen;
    }
    return seen;
  }
  f->offset = 0;
  f->with_total = false;
  constexpr int64_t kScanPage = 5000;
  while (seen < max_rows) {
    f->limit = std::min(kScanPage, max_rows - seen);
    auto page = persons_.Search(*f);
    if (!page) return Fail(page.error());
    for (const auto& p : page->items) {
      if (auto s = each(p); !s) return Fail(s.error());
    }
    seen += static_cast<int64_t>(page->items.size());
    if (static_cast<int64_t>(page->items.size()) < f->limit) break;
    f->after_region = page->items.back().region_code;
    f->after_id = page->items.back().id;
  }
  return seen;
}

Result<Person> RegistryService::GetPerson(const User& u, int64_t id) {
  auto found = persons_.FindById(id);
  if (!found) return Fail(found.error());
  if (!*found) return Fail(Error::NotFound("person", std::to_string(id)));
  if (auto s = CheckJurisdiction(u, (*found)->region_code); !s) return Fail(s.error());
  return **found;
}

Result<Person> RegistryService::FindByIdNumber(const User& u, const std::string& id_number) {
  auto found = persons_.FindByDocument(id_number);
  if (!found) return Fail(found.error());
  if (!*found) return Fail(Error::NotFound("person", id_number));
  if (auto s = CheckJurisdiction(u, (*found)->region_code); !s) return Fail(s.error());
  return **found;
}

Result<Person> RegistryService::CreatePerson(const User& u, const PersonInput& in) {
  if (auto s = CheckWrite(u); !s) return Fail(s.error());
  auto p = ApplyPersonInput(in, Person{}, Date::TodayBeijing(), directory_);
  if (!p) return Fail(p.error());
  if (auto s = CheckJurisdiction(u, p->region_code); !s) return Fail(s.error());
  auto id = persons_.Insert(*p);
  if (!id) return Fail(id.error());
  p->id = *id;
  return p;
}

Result<Person> RegistryService::UpdatePerson(const User& u, int64_t id, const PersonInput& in) {
  if (auto s = CheckWrite(u); !s) return Fail(s.error());
  auto current = GetPerson(u, id);
  if (!current) return Fail(current.error());
  auto p = ApplyPersonInput(in, *current, Date::TodayBeijing(), directory_);
  if (!p) return Fail(p.error());
  // Moving someone out of one's own jurisdiction is not allowed either.
  if (auto s = CheckJurisdiction(u, p->region_code); !s) return Fail(s.error());
  if (auto s = persons_.Update(*p); !s) return Fail(s.error());
  return p;
}

}  // namespace fangkong
