// A phase's progress by the department tree (行业主管部门): each department
// of the campaign's region answers for the employees of the employers of
// its industry in the region asked for.
#include <algorithm>
#include <set>

#include "campaign/campaign_service.h"
#include "campaign/schedule.h"

namespace fangkong {

namespace {

int64_t CountedOf(CountingDose dose, int64_t first, int64_t full, int64_t booster) {
  return dose == CountingDose::kFirst ? first : dose == CountingDose::kFullSeries ? full : booster;
}

}  // namespace

Result<CampaignProgress> CampaignService::DepartmentProgress(const User& u, int64_t id,
                                                             const std::string& region, Date day,
                                                             int phase_number) {
  auto scope = ScopeOf(u, id, region, day, phase_number);
  if (!scope) return Fail(scope.error());
  const Campaign& c = scope->campaign;
  const Phase& phase = scope->phase;
  const std::string& code = scope->region;
  // The departments are the campaign region's public bodies, listed for
  // whoever follows the campaign; their figures come from `code` only.
  User campaign_wide = u;
  campaign_wide.region_code = c.region_code;
  auto departments = registry_.ListOrganisations(campaign_wide, c.region_code, "department", 500);
  if (!departments) return Fail(departments.error());
  auto figures = repo_.EmployeesByIndustry(c.disease, code, day, day.AddDays(-7));
  if (!figures) return Fail(figures.error());

  CampaignProgress out{c, phase, day, {}, {}};
  out.total.code = code;
  auto names = regions_.FindRegion(code);
  if (names && *names) out.total.name = (*names)->name;
  std::set<std::string> claimed;  // an industry answers to its first department
  int64_t total_week_ago = 0;
  for (const auto& d : *departments) {
    if (u.role == Role::kDepartmentOfficer && d.id != u.org_id) continue;
    UnitProgress unit;
    unit.code = "org:" + std::to_string(d.id);
    unit.name = d.name;
    int64_t week_ago = 0;
    auto f = std::find_if(figures->begin(), figures->end(),
                          [&](const IndustryFigures& x) { return x.industry == d.industry; });
    if (f != figures->end() && claimed.insert(d.industry).second) {
      unit.population = unit.group = f->people;
      unit.first_dose = f->first_dose;
      unit.full_series = f->full_series;
      unit.booster = f->booster;
      unit.counted = CountedOf(phase.dose, f->first_dose, f->full_series, f->booster);
      week_ago =
          CountedOf(phase.dose, f->first_dose_before, f->full_series_before, f->booster_before);
    }
    if (phase.target_kind != TargetKind::kAbsolute)
      unit.target = TargetPeople(phase, unit.population, unit.population);
    Derive(phase, day, week_ago, unit);
    for (auto [sum, part] : {std::pair{&out.total.population, unit.population},
                             {&out.total.group, unit.group},
                             {&out.total.target, unit.target},
                             {&out.total.counted, unit.counted},
                             {&out.total.first_dose, unit.first_dose},
                             {&out.total.full_series, unit.full_series},
                             {&out.total.booster, unit.booster}})
      *sum += part;
    total_week_ago += week_ago;
    out.units.push_back(std::move(unit));
  }
  Derive(phase, day, total_week_ago, out.total);
  return out;
}

}  // namespace fangkong
