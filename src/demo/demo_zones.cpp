#include "demo/demo_zones.h"

#include <algorithm>
#include <map>

namespace fangkong {

namespace {

constexpr int64_t kDay = 86400;

struct CasePlace {
  std::string grid, household;
  Date reported;
};

// Where each demo case lives, by its number.
Result<std::map<std::string, CasePlace>> PlacesOfCases(TracingRepository& tracing,
                                                       PersonRepository& persons,
                                                       const std::string& township) {
  auto cases = tracing.CasesIn(township);
  if (!cases) return Fail(cases.error());
  std::map<std::string, CasePlace> out;
  for (const auto& c : *cases) {
    auto p = persons.FindById(c.person_id);
    if (!p) return Fail(p.error());
    if (*p) out[c.code] = CasePlace{(*p)->region_code, (*p)->household, BeijingDay(c.reported_at)};
  }
  return out;
}

// The case's household and the next ones of its grid: one building.
Result<ZonePlace> BuildingOf(ZoneRepository& repo, const CasePlace& at, const std::string& name,
                             size_t households) {
  auto all = repo.HouseholdsAt(at.grid);
  if (!all) return Fail(all.error());
  auto it = std::lower_bound(all->begin(), all->end(), at.household);
  size_t from = static_cast<size_t>(it - all->begin());
  from = from >= households / 2 ? from - households / 2 : 0;
  ZonePlace p{at.grid, name, {}};
  for (size_t i = from; i < all->size() && p.households.size() < households; ++i)
    p.households.push_back((*all)[i]);
  return p;
}

}  // namespace

Result<int64_t> AddDemoZones(ZoneService& zones, ZoneRepository& repo, TracingRepository& tracing,
                             PersonRepository& persons, const User& officer, int64_t now) {
  auto cases = PlacesOfCases(tracing, persons, officer.region_code);
  if (!cases) return Fail(cases.error());
  if (!cases->count("宁国1号") || !cases->count("宁国3号") || !cases->count("宁国4号")) return 0;
  Date today = BeijingDay(now);
  int64_t drawn = 0;
  auto draw = [&](const std::string& name, ZoneLevel level, std::vector<ZonePlace> places,
                  Date from, int days, Date last_case) -> Result<int64_t> {
    ZoneInput in;
    in.name = name;
    in.level = ZoneLevelCode(level);
    in.from = from.Iso();
    in.planned_end = from.AddDays(days).Iso();
    in.last_case_on = std::min(last_case, from).Iso();
    in.places = std::move(places);
    in.note = "流调研判后划定";
    // Drawn on its day, as the township did then.
    auto v = zones.Draw(officer, in, now - (today.days() - from.days()) * kDay);
    if (!v) return Fail(v.error());
    ++drawn;
    return v->zone.id;
  };

  const CasePlace& latest = cases->at("宁国4号");
  auto building = BuildingOf(repo, latest, "2号楼", 12);
  if (!building) return Fail(building.error());
  std::string village = latest.grid.substr(0, 12);
  for (auto [name, level, place, days] :
       {std::tuple{"宁国4号 2号楼封控区", ZoneLevel::kLockdown, *building, 7},
        {"宁国4号 所在网格管控区", ZoneLevel::kControl, ZonePlace{latest.grid, "", {}}, 7},
        {"宁国4号 所在社区防范区", ZoneLevel::kPrevention, ZonePlace{village, "", {}}, 10}}) {
    if (auto id = draw(name, level, {place}, today, days, latest.reported); !id)
      return Fail(id.error());
  }

  // The index case's building, locked down a week ago: the rules have
  // lowered it.
  const CasePlace& index = cases->at("宁国1号");
  auto first = BuildingOf(repo, index, "1号楼", 8);
  if (!first) return Fail(first.error());
  if (auto id = draw("宁国1号 1号楼封控区", ZoneLevel::kLockdown, {*first}, index.reported, 14,
                     index.reported);
      !id)
    return Fail(id.error());

  // The third case's grid: control for four days, lifted yesterday.
  const CasePlace& third = cases->at("宁国3号");
  auto lifted = draw("宁国3号 所在网格管控区", ZoneLevel::kControl, {ZonePlace{third.grid, "", {}}},
                     third.reported, 7, third.reported);
  if (!lifted) return Fail(lifted.error());
  ZoneChangeInput lift;
  lift.from = today.AddDays(-1).Iso();
  lift.lift = true;
  lift.note = "连续多日无新增，经评估解除";
  if (auto v = zones.Change(officer, *lifted, lift, now - kDay); !v) return Fail(v.error());
  return drawn;
}

}  // namespace fangkong
