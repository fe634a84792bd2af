#include "risk_areas/risk_area_service.h"

#include <algorithm>

#include "core/csv.h"
#include "core/day_field.h"

namespace fangkong {

namespace {

// The upstream file's columns, by their Chinese or English header.
struct Columns {
  int code = -1, name = -1, level = -1, from = -1, last_case = -1, note = -1;
};

Columns ColumnsOf(const std::vector<std::string>& header) {
  Columns c;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    const std::string& h = header[static_cast<size_t>(i)];
    if (h == "地区代码" || h == "region_code") c.code = i;
    if (h == "风险区域" || h == "name") c.name = i;
    if (h == "风险等级" || h == "level") c.level = i;
    if (h == "生效日期" || h == "from") c.from = i;
    if (h == "最近病例日期" || h == "last_case_on") c.last_case = i;
    if (h == "备注" || h == "note") c.note = i;
  }
  return c;
}

Status CheckMayDeclare(const User& u) {
  if (u.role == Role::kCountyAdmin) return {};
  return Fail(Error::Forbidden("only the county declares risk areas",
                               "只有县级管理员可以认定或调整风险地区"));
}

}  // namespace

RiskAreaService::RiskAreaService(RiskAreaRepository& repo, RegionRepository& regions,
                                 UnitOfWork& unit)
    : repo_(repo), regions_(regions), unit_(unit) {}

Result<std::vector<DowngradeRule>> RiskAreaService::Rules() { return repo_.Rules(); }

std::string RiskAreaService::PlaceOf(const std::string& county) {
  std::string place;
  std::string code = county;
  // County, city, province: each a lookup of a cached reference row.
  for (int i = 0; i < 3 && !code.empty(); ++i) {
    auto r = regions_.FindRegion(code);
    if (!r || !*r) break;
    // The division tables' placeholders for a city level that is not one.
    bool placeholder = (*r)->name == "市辖区" || (*r)->name == "县" ||
                       (*r)->name == "省直辖县级行政区划" || (*r)->name == "自治区直辖县级行政区划";
    if (!placeholder) place = (*r)->name + (place.empty() ? "" : " " + place);
    code = (*r)->parent_code;
  }
  return place.empty() ? county : place;
}

RiskAreaView RiskAreaService::ViewOf(const RiskArea& a, std::vector<RiskDeclaration> declarations,
                                     const std::vector<DowngradeRule>& rules, Date day) {
  RiskAreaView v;
  v.area = a;
  for (const auto& d : declarations)
    if (d.from <= day && (v.latest.id == 0 || d.from >= v.latest.from)) v.latest = d;
  v.timeline = Timeline(std::move(declarations), rules);
  v.level = LevelOn(v.timeline, day);
  for (size_t i = 0; i < v.timeline.size(); ++i) {
    const auto& s = v.timeline[i];
    if (s.from <= day && (!s.until || day <= *s.until)) {
      v.span = s;
      if (i + 1 < v.timeline.size()) v.next = v.timeline[i + 1];
    } else if (!v.span && s.from > day && !v.next) {
      v.next = s;  // declared to start later
    }
  }
  return v;
}

Result<std::vector<RiskAreaView>> RiskAreaService::OnDay(Date day, bool with_low) {
  auto rules = repo_.Rules();
  if (!rules) return Fail(rules.error());
  auto areas = repo_.Areas();
  if (!areas) return Fail(areas.error());
  auto declarations = repo_.Declarations();
  if (!declarations) return Fail(declarations.error());
  std::map<int64_t, std::vector<RiskDeclaration>> by_area;
  for (auto& d : *declarations) by_area[d.area_id].push_back(std::move(d));
  std::map<std::string, std::string> places;
  std::vector<RiskAreaView> out;
  for (const auto& a : *areas) {
    auto v = ViewOf(a, std::move(by_area[a.id]), *rules, day);
    if (v.level == RiskLevel::kLow && !with_low) continue;
    auto [place, added] = places.try_emplace(a.region_code);
    if (added) place->second = PlaceOf(a.region_code);
    v.place = place->second;
    out.push_back(std::move(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const RiskAreaView& x, const RiskAreaView& y) {
    return x.level > y.level || (x.level == y.level && x.area.region_code < y.area.region_code);
  });
  return out;
}

Result<std::pair<RiskAreaView, std::vector<RiskDeclaration>>> RiskAreaService::History(int64_t id,
                                                                                       Date day) {
  auto area = repo_.FindArea(id);
  if (!area) return Fail(area.error());
  if (!*area) return Fail(Error::NotFound("risk area", std::to_string(id)));
  auto rules = repo_.Rules();
  if (!rules) return Fail(rules.error());
  auto declarations = repo_.DeclarationsOf(id);
  if (!declarations) return Fail(declarations.error());
  auto v = ViewOf(**area, *declarations, *rules, day);
  v.place = PlaceOf(v.area.region_code);
  std::reverse(declarations->begin(), declarations->end());
  return std::pair{std::move(v), std::move(*declarations)};
}

Result<RiskDeclaration> RiskAreaService::Validate(const User& u, const DeclareInput& in,
                                                  RiskArea& area, int64_t now) {
  if (auto s = CheckMayDeclare(u); !s) return Fail(s.error());
  area.region_code = in.region_code;
  area.name = in.name;
  if (auto s = CheckRiskArea(area); !s) return Fail(s.error());
  auto county = regions_.FindRegion(in.region_code);
  if (!county) return Fail(county.error());
  if (!*county || (*county)->level != 3) {
    return Fail(Error::Invalid("unknown_region", "region_code", in.region_code,
                               "no county or district has this code",
                               "没有该县（区）级行政区划代码"));
  }
  RiskDeclaration d;
  auto level = ParseRiskLevel(in.level);
  if (!level) {
    return Fail(Error::Invalid("invalid_level", "level", in.level, "high, medium or low",
                               "风险等级应为高风险、中风险或低风险"));
  }
  d.level = *level;
  Date today = BeijingDay(now);
  auto from = OptionalDayField(in.from, "from");
  if (!from) return Fail(from.error());
  d.from = from->value_or(today);
  auto last_case = OptionalDayField(in.last_case_on, "last_case_on");
  if (!last_case) return Fail(last_case.error());
  d.last_case = *last_case;
  d.note = in.note;
  d.user_id = u.id;
  d.at = now;
  if (auto s = CheckDeclaration(d, today); !s) return Fail(s.error());
  return d;
}

Result<RiskAreaView> RiskAreaService::Declare(const User& u, const DeclareInput& in,
                                              const std::string& source, int64_t now) {
  RiskArea area;
  auto d = Validate(u, in, area, now);
  if (!d) return Fail(d.error());
  d->source = source;
  auto id = AtomicallyReturning<int64_t>(unit_, [&]() -> Result<int64_t> {
    auto area_id = repo_.AreaId(area);
    if (!area_id) return Fail(area_id.error());
    d->area_id = *area_id;
    if (auto r = repo_.InsertDeclaration(*d); !r) return Fail(r.error());
    return *area_id;
  });
  if (!id) return Fail(id.error());
  auto h = History(*id, BeijingDay(now));
  if (!h) return Fail(h.error());
  return std::move(h->first);
}

Result<RiskImportResult> RiskAreaService::Import(const User& u, std::string_view csv, int64_t now) {
  if (auto s = CheckMayDeclare(u); !s) return Fail(s.error());
  CsvReader reader(csv);
  std::vector<std::string> fields;
  if (!reader.Next(fields)) {
    return Fail(Error::Invalid("empty_file", "file", "", "the file has no header row",
                               "文件为空，缺少表头"));
  }
  if (!fields.empty() && fields[0].rfind("\xEF\xBB\xBF", 0) == 0) fields[0].erase(0, 3);
  Columns c = ColumnsOf(fields);
  if (c.code < 0 || c.name < 0 || c.level < 0) {
    return Fail(Error::Invalid("missing_columns", "file", "",
                               "the header names 地区代码, 风险区域 and 风险等级",
                               "表头须包含“地区代码”“风险区域”“风险等级”列"));
  }
  auto cell = [&](int i) {
    return i >= 0 && i < static_cast<int>(fields.size()) ? fields[static_cast<size_t>(i)]
                                                         : std::string();
  };
  RiskImportResult out;
  while (reader.Next(fields)) {
    if (std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); }))
      continue;
    DeclareInput in{cell(c.code), cell(c.name),      cell(c.level),
                    cell(c.from), cell(c.last_case), cell(c.note)};
    auto v = Declare(u, in, "import", now);
    if (!v) {
      if (v.error().kind == ErrorKind::kForbidden || v.error().kind == ErrorKind::kInternal)
        return Fail(v.error());
      out.failed.push_back(RiskImportRowError{reader.line(), v.error()});
      continue;
    }
    ++out.declared;
  }
  return out;
}

}  // namespace fangkong
