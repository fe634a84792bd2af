// The task-book half of CampaignService (campaign_service.h): reading a
// version in a region and saving a new one.
#include <set>

#include "campaign/campaign_service.h"

namespace fangkong {

namespace {

// Every row's periods laid on the same columns, zero where a row has none.
void AlignPeriods(TaskBook& book) {
  std::set<std::string> all;
  auto collect = [&](const TaskBookRow& r) {
    for (const auto& p : r.periods) all.insert(p.period);
  };
  // The total row is summed from the units below (when there are any), so
  // only their periods make columns.
  if (book.units.empty()) collect(book.total);
  for (const auto& u : book.units) collect(u);
  book.periods.assign(all.begin(), all.end());
  auto align = [&](TaskBookRow& r) {
    std::map<std::string, PlanPeriod> have;
    for (auto& p : r.periods) have[p.period] = p;
    r.periods.clear();
    for (const auto& period : book.periods) {
      PlanPeriod p = have.count(period) ? have[period] : PlanPeriod{period, 0, 0};
      r.periods.push_back(p);
    }
  };
  align(book.total);
  for (auto& u : book.units) align(u);
  // The total row is the sum of the rows above it, as on the printed sheet.
  if (book.units.empty()) return;
  for (size_t i = 0; i < book.periods.size(); ++i) {
    book.total.periods[i].people = book.total.periods[i].doses = 0;
    for (const auto& u : book.units) {
      book.total.periods[i].people += u.periods[i].people;
      book.total.periods[i].doses += u.periods[i].doses;
    }
  }
}

bool CanSetTargets(const User& u) {
  return u.role == Role::kCountyAdmin || u.role == Role::kTownshipOfficer;
}

}  // namespace

Result<TaskBook> CampaignService::TaskBookOf(const User& u, int64_t id, const std::string& region,
                                             int phase_number, int version, PlanGrain grain,
                                             Date today) {
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  auto phase = PhaseOf(*c, phase_number, today);
  if (!phase) return Fail(phase.error());
  auto code = RegionOf(u, *c, region);
  if (!code) return Fail(code.error());
  auto view = registry_.RegionWithChildren(u, *code);
  if (!view) return Fail(view.error());
  auto plan_found = PlanOf(*c, **phase, version);
  if (!plan_found) return Fail(plan_found.error());
  const Plan& plan = **plan_found;
  TaskBook book;
  book.campaign = *c;
  book.phase = **phase;
  book.version = plan.version;
  book.versions = plan.versions;
  book.series = PlanningSeriesOf(catalogue_, c->disease);
  book.grain = grain;
  auto row = [&](const Region& r) {
    TaskBookRow out;
    out.code = r.code;
    out.name = r.name;
    if (auto t = plan.targets.find(r.code); t != plan.targets.end()) out.target = t->second;
    if (auto w = plan.tree.weight.find(r.code); w != plan.tree.weight.end())
      out.weight = w->second;
    out.periods = SplitOverTime(out.target, book.phase.start, book.phase.end, book.phase.dose,
                                book.series, grain);
    return out;
  };
  book.total = row(view->node.region);
  for (const auto& child : view->children) book.units.push_back(row(child.region));
  AlignPeriods(book);
  return book;
}

Result<TaskBookVersion> CampaignService::ReviseTaskBook(
    const User& u, int64_t id, int phase_number, const std::map<std::string, int64_t>& overrides,
    const std::string& note, int64_t now) {
  if (!CanSetTargets(u)) {
    return Fail(Error::Forbidden("only county and township officers set targets",
                                 "只有县级管理员和乡镇（街道）工作人员可以分解任务"));
  }
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  auto phase = PhaseOf(*c, phase_number, Date());
  if (!phase || phase_number <= 0) {
    return Fail(Error::Invalid("invalid_value", "phase", std::to_string(phase_number),
                               "the campaign has no such phase", "任务没有该阶段"));
  }
  auto plan_found = PlanOf(*c, **phase, 0);
  if (!plan_found) return Fail(plan_found.error());
  const Plan& plan = **plan_found;
  std::map<std::string, int64_t> merged = plan.overrides;
  for (const auto& [code, target] : overrides) {
    std::string field = "overrides." + code;
    bool known = plan.tree.weight.count(code) || plan.targets.count(code);
    if (!known || code == c->region_code || !Within(code, c->region_code)) {
      return Fail(Error::Invalid("invalid_value", field, code,
                                 "not a unit under the campaign's " + c->region_code,
                                 "不是本任务范围内的下级单位"));
    }
    // A unit's own target comes from above: a township splits its villages.
    if (code == u.region_code || !CheckJurisdiction(u, code)) {
      return Fail(Error::Forbidden("the target of " + code + " is set by the unit above",
                                   code + "的任务数由上级分解"));
    }
    if (target < -1) {
      return Fail(Error::Invalid("invalid_value", field, std::to_string(target),
                                 "a number of people, 0 or more (-1 removes the override)",
                                 "任务数应为不小于0的整数（-1为取消调整）"));
    }
    if (target == -1)
      merged.erase(code);
    else
      merged[code] = target;
  }
  // The version keeps the whole region's target it was checked against.
  merged[c->region_code] = plan.targets.at(c->region_code);
  if (auto s =
          SplitDownTheTree(plan.tree, c->region_code, plan.targets.at(c->region_code), merged);
      !s) {
    return Fail(s.error());
  }
  TaskBookVersion v;
  v.campaign_id = c->id;
  v.phase = (*phase)->number;
  v.version = static_cast<int>(plan.versions.size()) + 1;
  v.note = note;
  v.created_by = u.id;
  v.created_at = now;
  v.created_by_name = u.display_name;
  v.overrides = std::move(merged);
  auto saved = repo_.InsertTaskBook(v);
  if (!saved) return Fail(saved.error());
  v.id = *saved;
  return v;
}

}  // namespace fangkong
