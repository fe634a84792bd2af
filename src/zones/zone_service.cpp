#include "zones/zone_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/id_number.h"
#include "core/region_code.h"

namespace fangkong {

Status CheckMayDrawZones(const User& u) {
  if (u.role == Role::kCountyAdmin || u.role == Role::kTownshipOfficer) return {};
  return Fail(Error::Forbidden("your role may not draw zones", "您的角色无权划定或调整三区"));
}

Status CheckMayReadZones(const User& u) {
  if (CanReadMeasures(u.role)) return {};
  return Fail(Error::Forbidden("your role may not read zones", "您的角色无权查看三区"));
}

namespace {

bool Comparable(const std::string& a, const std::string& b) {
  return a.rfind(b, 0) == 0 || b.rfind(a, 0) == 0;
}

// The codes to read residents under: each place's code once, nested ones
// left to the place holding them.
std::vector<std::string> TopCodes(const std::vector<ZoneInForce>& zones) {
  std::set<std::string> codes;
  for (const auto& z : zones)
    for (const auto& p : *z.places) codes.insert(p.code);
  std::vector<std::string> out;
  for (const auto& c : codes)  // in order, so a holder comes before what it holds
    if (out.empty() || c.rfind(out.back(), 0) != 0) out.push_back(c);
  return out;
}

// The zones in force among `views` (which must outlive the result), with
// the index of each one's view when `view_of` is given.
std::vector<ZoneInForce> InForce(const std::vector<ZoneView>& views, std::vector<size_t>* view_of) {
  std::vector<ZoneInForce> out;
  for (size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (v.state != ZoneState::kInForce) continue;
    out.push_back(ZoneInForce{v.zone.id, v.level, &v.version->places});
    if (view_of) view_of->push_back(i);
  }
  return out;
}

std::vector<size_t> ZonesHolding(const std::vector<ZoneInForce>& zones, const std::string& code,
                                 const std::string& household) {
  std::vector<size_t> out;
  for (size_t i = 0; i < zones.size(); ++i)
    for (const auto& p : *zones[i].places)
      if (Covers(p, code, household)) {
        out.push_back(i);
        break;
      }
  return out;
}

std::string OverlapNotice(const ZoneView& self, const ZoneOverlap& o, bool zh) {
  bool self_governs = o.governed_by == self.zone.id;
  ZoneLevel strict = self_governs ? self.level : o.level;
  const std::string& ruler = self_governs ? self.zone.name : o.name;
  std::string n = std::to_string(o.persons);
  if (zh) {
    std::string text = "与" + std::string(ZoneLevelZh(o.level)) + "「" + o.name + "」重叠" + n +
                       "人，按" + ZoneLevelZh(strict) + "「" + ruler + "」管理";
    return text + (self.level == o.level ? "（同级，先划定者为准）" : "（就严原则）");
  }
  std::string text = n + " people are also in " + ZoneLevelCode(o.level) + " zone '" + o.name +
                     "'; " + ZoneLevelCode(strict) + " zone '" + ruler + "' governs them";
  return text + (self.level == o.level ? " (same level: the older zone)" : " (the stricter wins)");
}

}  // namespace

ZoneService::ZoneService(ZoneRepository& repo, MeasureRepository& measures,
                         RegionRepository& regions)
    : repo_(repo), measures_(measures), regions_(regions) {}

Result<std::vector<ZoneView>> ZoneService::Standings(std::vector<Zone> zones, Date day) {
  std::vector<int64_t> ids;
  for (const auto& z : zones) ids.push_back(z.id);
  auto versions = repo_.VersionsOf(ids);
  if (!versions) return Fail(versions.error());
  auto rules = repo_.DowngradeRules();
  if (!rules) return Fail(rules.error());
  std::map<int64_t, std::vector<ZoneVersion>> by_zone;
  for (auto& v : *versions) by_zone[v.zone_id].push_back(std::move(v));
  std::map<std::string, std::vector<ZoneCase>> cases_at;
  std::vector<ZoneView> out;
  for (auto& z : zones) {
    if (!cases_at.count(z.region_code)) {
      auto cases = repo_.CasesIn(z.region_code);
      if (!cases) return Fail(cases.error());
      cases_at[z.region_code] = std::move(*cases);
    }
    ZoneView v;
    v.zone = std::move(z);
    // Every version is history; a later one of the same day replaces an
    // earlier one in force.
    v.history = std::move(by_zone[v.zone.id]);
    auto ordered = InOrder(v.history);
    v.timeline = ZoneTimeline(ordered, cases_at[v.zone.region_code], *rules);
    ZoneStanding s = StandingOn(ordered, v.timeline, day);
    v.state = s.state;
    v.level = s.level;
    v.next_on = s.next_on;
    v.next_level = s.next_level;
    v.past_planned_end = s.past_planned_end;
    if (s.version) {
      v.version = *s.version;
    } else {
      for (auto it = ordered.rbegin(); it != ordered.rend(); ++it)
        if (!it->lifted) {
          v.version = *it;
          break;
        }
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<ZoneView>> ZoneService::Load(std::vector<Zone> zones, Date day) {
  auto views = Standings(std::move(zones), day);
  if (!views) return Fail(views.error());
  if (auto s = NamePlaces(*views); !s) return Fail(s.error());
  if (auto s = Count(*views, day); !s) return Fail(s.error());
  return views;
}

Status ZoneService::NamePlaces(std::vector<ZoneView>& views) {
  std::vector<std::string> codes;
  for (const auto& v : views)
    if (v.version)
      for (const auto& p : v.version->places) codes.push_back(p.code);
  auto regions = regions_.FindRegions(codes);
  if (!regions) return Fail(regions.error());
  std::map<std::string, std::string> name_of;
  for (auto& r : *regions) name_of[r.code] = std::move(r.name);
  for (auto& v : views) {
    if (!v.version) continue;
    for (const auto& p : v.version->places) {
      auto it = name_of.find(p.code);
      std::string name = it == name_of.end() ? p.code : it->second;
      v.place_names.push_back(p.IsBuilding() ? name + " " + p.building : name);
    }
  }
  return {};
}

Status ZoneService::Count(std::vector<ZoneView>& views, Date day) {
  std::vector<size_t> view_of;
  std::vector<ZoneInForce> in_force = InForce(views, &view_of);
  std::map<std::pair<size_t, size_t>, int64_t> shared;  // (zone, other) -> persons
  std::map<int64_t, std::vector<size_t>> holding;       // person -> zones
  for (const auto& code : TopCodes(in_force)) {
    auto residents = repo_.ResidentsIn(code);
    if (!residents) return Fail(residents.error());
    for (const auto& r : *residents) {
      auto zones = ZonesHolding(in_force, r.region_code, r.household);
      if (zones.empty()) continue;
      int64_t ruler = GoverningZone(in_force, r.region_code, r.household);
      for (size_t a : zones) {
        auto& view = views[view_of[a]];
        ++view.population;
        if (ruler == view.zone.id) ++view.governed;
        for (size_t b : zones)
          if (a != b) ++shared[{a, b}];
      }
      holding[r.person_id] = std::move(zones);
    }
  }
  for (const auto& [pair, n] : shared) {
    auto& self = views[view_of[pair.first]];
    const auto& other = views[view_of[pair.second]];
    ZoneOverlap o{other.zone.id, other.zone.name, other.level, n, 0, "", ""};
    bool self_stricter =
        self.level > other.level || (self.level == other.level && self.zone.id < other.zone.id);
    o.governed_by = self_stricter ? self.zone.id : other.zone.id;
    o.notice = OverlapNotice(self, o, false);
    o.notice_zh = OverlapNotice(self, o, true);
    self.overlaps.push_back(std::move(o));
  }
  return CountMeasures(views, day, in_force, view_of, holding);
}

Status ZoneService::CountMeasures(std::vector<ZoneView>& views, Date day,
                                  const std::vector<ZoneInForce>& in_force,
                                  const std::vector<size_t>& view_of,
                                  const std::map<int64_t, std::vector<size_t>>& holding) {
  auto types = measures_.Types();
  if (!types) return Fail(types.error());
  std::map<std::string, std::string> names;
  for (const auto& t : *types) names[t.code] = t.name_zh;
  std::map<std::pair<size_t, std::string>, std::set<int64_t>> under;
  for (const auto& code : TopCodes(in_force)) {
    auto measures = repo_.MeasuresIn(code, day);
    if (!measures) return Fail(measures.error());
    for (const auto& m : *measures) {
      auto it = holding.find(m.person_id);
      if (it == holding.end()) continue;
      for (size_t z : it->second) under[{z, m.type}].insert(m.person_id);
    }
  }
  for (const auto& [key, people] : under) {
    auto& v = views[view_of[key.first]];
    v.measures.push_back(
        ZoneMeasureCount{key.second, names[key.second], static_cast<int64_t>(people.size())});
  }
  return {};
}

Result<Zone> ZoneService::Visible(const User& u, int64_t id) {
  if (auto s = CheckMayReadZones(u); !s) return Fail(s.error());
  auto z = repo_.FindZone(id);
  if (!z) return Fail(z.error());
  if (!*z || !Comparable((*z)->region_code, u.region_code))
    return Fail(Error::NotFound("zone", std::to_string(id)));
  return **z;
}

Result<std::vector<ZoneView>> ZoneService::OnDay(const User& u, Date day, bool all) {
  if (auto s = CheckMayReadZones(u); !s) return Fail(s.error());
  auto zones = repo_.ZonesNear(u.region_code);
  if (!zones) return Fail(zones.error());
  auto loaded = Load(std::move(*zones), day);
  if (!loaded) return Fail(loaded.error());
  std::vector<ZoneView> out;
  for (auto& v : *loaded) {
    if (!all && v.state != ZoneState::kInForce) continue;
    v.history.clear();
    out.push_back(std::move(v));
  }
  // Strictest first, then the newest.
  std::stable_sort(out.begin(), out.end(), [](const ZoneView& a, const ZoneView& b) {
    if (a.state != b.state) return a.state == ZoneState::kInForce;
    return a.level > b.level || (a.level == b.level && a.zone.id > b.zone.id);
  });
  return out;
}

Result<ZoneView> ZoneService::One(const User& u, int64_t id, Date day, bool history) {
  auto z = Visible(u, id);
  if (!z) return Fail(z.error());
  auto near = repo_.ZonesNear(z->region_code);
  if (!near) return Fail(near.error());
  auto loaded = Load(std::move(*near), day);
  if (!loaded) return Fail(loaded.error());
  for (auto& v : *loaded)
    if (v.zone.id == id) {
      if (!history) v.history.clear();
      return std::move(v);
    }
  return Fail(Error::NotFound("zone", std::to_string(id)));
}

Result<ZoneView> ZoneService::Detail(const User& u, int64_t id, Date day) {
  return One(u, id, day, true);
}

// Only the zone's own residents are read; the zones near it are needed for
// their standing alone, to say which one governs each person.
Result<ZonePersonPage> ZoneService::People(const User& u, int64_t id, Date day,
                                           const std::string& measure, int64_t offset,
                                           int64_t limit) {
  auto z = Visible(u, id);
  if (!z) return Fail(z.error());
  auto near = repo_.ZonesNear(z->region_code);
  if (!near) return Fail(near.error());
  auto views = Standings(std::move(*near), day);
  if (!views) return Fail(views.error());
  std::vector<ZoneInForce> in_force = InForce(*views, nullptr);
  auto self = std::find_if(in_force.begin(), in_force.end(),
                           [&](const ZoneInForce& f) { return f.zone_id == id; });
  ZonePersonPage page;
  if (self == in_force.end()) return page;  // not in force that day: nobody inside
  std::vector<std::string> codes = TopCodes({*self});
  std::map<int64_t, std::string> measure_of;
  for (const auto& code : codes) {
    auto measures = repo_.MeasuresIn(code, day);
    if (!measures) return Fail(measures.error());
    for (const auto& m : *measures) measure_of[m.person_id] = m.type;
  }
  // A zone may reach past the user's jurisdiction: its people are listed
  // only inside it.
  std::vector<std::pair<int64_t, int64_t>> chosen;  // person, the zone governing them
  for (const auto& code : codes) {
    auto residents = repo_.ResidentsIn(code);
    if (!residents) return Fail(residents.error());
    for (const auto& r : *residents) {
      if (r.region_code.rfind(u.region_code, 0) != 0) continue;
      if (std::none_of(self->places->begin(), self->places->end(),
                       [&](const ZonePlace& p) { return Covers(p, r.region_code, r.household); }))
        continue;
      auto m = measure_of.find(r.person_id);
      if (!measure.empty() && (m == measure_of.end() || (measure != "any" && m->second != measure)))
        continue;
      chosen.emplace_back(r.person_id, GoverningZone(in_force, r.region_code, r.household));
    }
  }
  page.total = static_cast<int64_t>(chosen.size());
  std::vector<int64_t> ids;
  std::map<int64_t, int64_t> ruler_of;
  for (int64_t i = std::max<int64_t>(offset, 0);
       i < page.total && static_cast<int64_t>(ids.size()) < limit; ++i) {
    ids.push_back(chosen[i].first);
    ruler_of[chosen[i].first] = chosen[i].second;
  }
  auto people = repo_.People(ids);
  if (!people) return Fail(people.error());
  auto types = measures_.Types();
  if (!types) return Fail(types.error());
  for (auto& p : *people) {
    ZonePersonLine line;
    p.id_number = MaskIdentityNumber(p.id_number);
    if (!p.phone.empty()) p.phone = MaskPhone(p.phone);
    if (auto m = measure_of.find(p.id); m != measure_of.end()) {
      line.measure_type = m->second;
      for (const auto& t : *types)
        if (t.code == m->second) line.measure_name_zh = t.name_zh;
    }
    line.governed_by = ruler_of[p.id];
    line.person = std::move(p);
    page.lines.push_back(std::move(line));
  }
  return page;
}

Result<std::vector<std::string>> ZoneService::Households(const User& u, const std::string& code) {
  if (auto s = CheckMayReadZones(u); !s) return Fail(s.error());
  auto place = RegionCode::Parse(code, "code");
  if (!place || place->level() < RegionLevel::kVillage) {
    return Fail(Error::Invalid("invalid_place", "code", code, "a village (12 digits) or grid (15)",
                               "应为村（社区）或网格代码"));
  }
  if (auto s = CheckJurisdiction(u, code); !s) return Fail(s.error());
  return repo_.HouseholdsAt(code);
}

}  // namespace fangkong
