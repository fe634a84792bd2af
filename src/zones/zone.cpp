#include "zones/zone.h"

#include <algorithm>
#include <set>

#include "core/region_code.h"
#include "core/text.h"

namespace fangkong {

const char* ZoneLevelCode(ZoneLevel l) {
  switch (l) {
    case ZoneLevel::kLockdown:
      return "lockdown";
    case ZoneLevel::kControl:
      return "control";
    case ZoneLevel::kPrevention:
      break;
  }
  return "prevention";
}

const char* ZoneLevelZh(ZoneLevel l) {
  switch (l) {
    case ZoneLevel::kLockdown:
      return "封控区";
    case ZoneLevel::kControl:
      return "管控区";
    case ZoneLevel::kPrevention:
      break;
  }
  return "防范区";
}

std::optional<ZoneLevel> ParseZoneLevel(std::string_view s) {
  if (s == "lockdown" || s == "封控区" || s == "封控") return ZoneLevel::kLockdown;
  if (s == "control" || s == "管控区" || s == "管控") return ZoneLevel::kControl;
  if (s == "prevention" || s == "防范区" || s == "防范") return ZoneLevel::kPrevention;
  return std::nullopt;
}

RiskLevel AsRiskLevel(ZoneLevel l) { return static_cast<RiskLevel>(static_cast<int>(l)); }
ZoneLevel AsZoneLevel(RiskLevel l) { return static_cast<ZoneLevel>(static_cast<int>(l)); }

bool Covers(const ZonePlace& p, std::string_view region_code, std::string_view household) {
  if (p.IsBuilding()) {
    return region_code == p.code &&
           std::binary_search(p.households.begin(), p.households.end(), household);
  }
  return region_code.substr(0, p.code.size()) == p.code;
}

bool Overlap(const ZonePlace& a, const ZonePlace& b) {
  bool a_in_b = a.code.rfind(b.code, 0) == 0, b_in_a = b.code.rfind(a.code, 0) == 0;
  if (!a_in_b && !b_in_a) return false;
  if (!a.IsBuilding() || !b.IsBuilding()) {
    // A building lies inside a place holding its code; two places nest.
    if (a.IsBuilding()) return a_in_b;
    if (b.IsBuilding()) return b_in_a;
    return true;
  }
  if (a.code != b.code) return false;
  for (const auto& h : a.households)
    if (std::binary_search(b.households.begin(), b.households.end(), h)) return true;
  return false;
}

Status CheckZoneName(std::string_view name) {
  size_t n = Utf8Length(name);
  if (n < 2 || n > 60) {
    return Fail(Error::Invalid("invalid_name", "name", std::string(name),
                               "a zone's name is 2-60 characters", "区域名称应为2-60个字"));
  }
  return {};
}

namespace {

Status CheckPlace(const ZonePlace& p, size_t i) {
  std::string field = "places[" + std::to_string(i) + "]";
  auto code = RegionCode::Parse(p.code, field + ".code");
  if (!code || code->level() < RegionLevel::kTownship) {
    return Fail(Error::Invalid("invalid_place", field + ".code", p.code,
                               "a place is a township (9 digits), village (12) or grid (15) code",
                               "区域范围应为乡镇（9位）、村（社区，12位）或网格（15位）代码"));
  }
  if (!p.IsBuilding()) return {};
  if (code->level() < RegionLevel::kVillage) {
    return Fail(Error::Invalid("invalid_place", field + ".code", p.code,
                               "a building lies in a village or grid",
                               "楼栋应在村（社区）或网格之下"));
  }
  size_t n = Utf8Length(p.building);
  if (n < 1 || n > 40) {
    return Fail(Error::Invalid("invalid_building", field + ".building", p.building,
                               "a building's name is 1-40 characters", "楼栋名称应为1-40个字"));
  }
  if (p.households.empty() || p.households.size() > 500) {
    return Fail(Error::Invalid("invalid_households", field + ".households",
                               std::to_string(p.households.size()),
                               "a building holds 1-500 households", "楼栋应包含1-500户"));
  }
  return {};
}

}  // namespace

Status CheckZoneVersion(const ZoneVersion& v, Date today) {
  if (v.from > today.AddDays(30)) {
    return Fail(Error::Invalid("invalid_date", "from", v.from.Iso(),
                               "a change takes effect within the next 30 days",
                               "生效日期不能晚于30天之后"));
  }
  if (v.lifted) return {};
  if (v.places.empty() || v.places.size() > 200) {
    return Fail(Error::Invalid("invalid_places", "places", std::to_string(v.places.size()),
                               "a zone holds 1-200 places", "区域范围应包含1-200个地点"));
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < v.places.size(); ++i) {
    if (auto s = CheckPlace(v.places[i], i); !s) return s;
    if (!seen.emplace(v.places[i].code, v.places[i].building).second) {
      return Fail(Error::Invalid("duplicate_place", "places[" + std::to_string(i) + "]",
                                 v.places[i].code + v.places[i].building, "a place is listed once",
                                 "同一地点只能列入一次"));
    }
  }
  if (v.planned_end < v.from) {
    return Fail(Error::Invalid(
        "invalid_date", "planned_end", v.planned_end.Iso(),
        "the planned end is on or after the day it takes effect (" + v.from.Iso() + ")",
        "计划解除日期不能早于生效日期"));
  }
  if (v.last_case && *v.last_case > v.from) {
    return Fail(Error::Invalid(
        "case_after_declaration", "last_case_on", v.last_case->Iso(),
        "the last case is on or before the day it takes effect (" + v.from.Iso() + ")",
        "最近病例日期不能晚于生效日期"));
  }
  return {};
}

std::string CommonNode(const std::vector<ZonePlace>& places) {
  if (places.empty()) return {};
  std::string common = places.front().code;
  for (const auto& p : places) {
    size_t n = 0;
    while (n < common.size() && n < p.code.size() && common[n] == p.code[n]) ++n;
    common.resize(n);
  }
  // Back to a whole level's length, the county at least.
  static constexpr size_t kLengths[] = {15, 12, 9, 6};
  for (size_t len : kLengths)
    if (common.size() >= len) return common.substr(0, len);
  return places.front().code.substr(0, std::min<size_t>(6, places.front().code.size()));
}

std::vector<ZoneVersion> InOrder(std::vector<ZoneVersion> versions) {
  std::stable_sort(versions.begin(), versions.end(),
                   [](const ZoneVersion& a, const ZoneVersion& b) {
                     return a.from < b.from || (a.from == b.from && a.id < b.id);
                   });
  std::vector<ZoneVersion> out;
  for (auto& v : versions) {
    if (!out.empty() && out.back().from == v.from) out.pop_back();
    out.push_back(std::move(v));
  }
  return out;
}

const ZoneVersion* VersionOn(const std::vector<ZoneVersion>& ordered, Date day) {
  const ZoneVersion* in_force = nullptr;
  for (const auto& v : ordered)
    if (v.from <= day) in_force = &v;
  return in_force;
}

namespace {

bool Inside(const ZoneVersion& v, const ZoneCase& c) {
  return std::any_of(v.places.begin(), v.places.end(),
                     [&](const ZonePlace& p) { return Covers(p, c.region_code, c.household); });
}

}  // namespace

std::vector<LevelSpan> ZoneTimeline(const std::vector<ZoneVersion>& ordered,
                                    const std::vector<ZoneCase>& cases,
                                    const std::vector<DowngradeRule>& rules) {
  std::vector<RiskDeclaration> declarations;
  std::optional<Date> lifted_on;
  for (size_t i = 0; i < ordered.size(); ++i) {
    const auto& v = ordered[i];
    if (v.lifted) {
      lifted_on = v.from;
      break;
    }
    std::optional<Date> end;
    if (i + 1 < ordered.size()) end = ordered[i + 1].from.AddDays(-1);
    RiskDeclaration d;
    d.id = static_cast<int64_t>(declarations.size()) + 1;
    d.level = AsRiskLevel(v.level);
    d.from = v.from;
    d.last_case = v.last_case;
    std::set<Date> later;
    for (const auto& c : cases) {
      if (!Inside(v, c)) continue;
      if (c.reported <= v.from) {
        if (!d.last_case || c.reported > *d.last_case) d.last_case = c.reported;
      } else if (!end || c.reported <= *end) {
        later.insert(c.reported);
      }
    }
    declarations.push_back(d);
    for (Date day : later) {
      RiskDeclaration again = d;
      again.id = static_cast<int64_t>(declarations.size()) + 1;
      again.from = day;
      again.last_case = day;
      declarations.push_back(again);
    }
  }
  auto timeline = Timeline(std::move(declarations), rules);
  if (!lifted_on) return timeline;
  std::vector<LevelSpan> cut;
  for (auto s : timeline) {
    if (s.from >= *lifted_on) break;
    if (!s.until || *s.until >= *lifted_on) s.until = lifted_on->AddDays(-1);
    cut.push_back(s);
  }
  return cut;
}

const char* ZoneStateCode(ZoneState s) {
  switch (s) {
    case ZoneState::kInForce:
      return "in_force";
    case ZoneState::kLifted:
      return "lifted";
    case ZoneState::kPlanned:
      break;
  }
  return "planned";
}

ZoneStanding StandingOn(const std::vector<ZoneVersion>& ordered,
                        const std::vector<LevelSpan>& timeline, Date day) {
  ZoneStanding out;
  const ZoneVersion* v = VersionOn(ordered, day);
  if (!v) return out;
  if (v->lifted) {
    out.state = ZoneState::kLifted;
    return out;
  }
  out.state = ZoneState::kInForce;
  out.version = v;
  out.level = AsZoneLevel(LevelOn(timeline, day));
  out.past_planned_end = day > v->planned_end;
  if (const LevelSpan* span = SpanOn(timeline, day); span && span->until) {
    out.next_on = span->until->AddDays(1);
    if (SpanOn(timeline, *out.next_on))
      out.next_level = AsZoneLevel(LevelOn(timeline, *out.next_on));
  }
  return out;
}

int64_t GoverningZone(const std::vector<ZoneInForce>& zones, std::string_view region_code,
                      std::string_view household) {
  const ZoneInForce* best = nullptr;
  for (const auto& z : zones) {
    bool inside = std::any_of(z.places->begin(), z.places->end(), [&](const ZonePlace& p) {
      return Covers(p, region_code, household);
    });
    if (!inside) continue;
    if (!best || z.level > best->level || (z.level == best->level && z.zone_id < best->zone_id))
      best = &z;
  }
  return best ? best->zone_id : 0;
}

}  // namespace fangkong
