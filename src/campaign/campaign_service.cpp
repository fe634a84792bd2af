#include "campaign/campaign_service.h"

#include <algorithm>
#include <map>

#include "campaign/schedule.h"

namespace fangkong {

namespace {

// Campaigns are planned by the county (or above): only its administrators
// set them up.
bool CanPlanCampaigns(const User& u) { return u.role == Role::kCountyAdmin; }

Figure FigureOf(CountingDose d) {
  switch (d) {
    case CountingDose::kFirst:
      return Figure::kFirstDose;
    case CountingDose::kFullSeries:
      return Figure::kFullSeries;
    case CountingDose::kBooster:
      return Figure::kBooster;
  }
  return Figure::kFirstDose;
}

// The phase running on the day; else the last begun; else the first.
const Phase* PhaseOn(const Campaign& c, Date day, int number) {
  if (c.phases.empty()) return nullptr;
  if (number > 0) {
    for (const auto& p : c.phases)
      if (p.number == number) return &p;
    return nullptr;
  }
  const Phase* begun = nullptr;
  for (const auto& p : c.phases) {
    if (p.start <= day && day <= p.end) return &p;
    if (p.start <= day) begun = &p;
  }
  return begun ? begun : &c.phases.front();
}

double Ratio(int64_t a, int64_t b) {
  return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : 0;
}

}  // namespace

void Derive(const Phase& p, Date day, int64_t counted_week_ago, UnitProgress& u) {
  u.coverage_first = Ratio(u.first_dose, u.population);
  u.coverage_full = Ratio(u.full_series, u.population);
  u.completion = Ratio(u.counted, u.target);
  u.days_left = DaysLeft(day, p.end);
  int64_t remaining = u.target - u.counted;
  u.required_daily_rate = RequiredDailyRate(remaining, u.days_left);
  u.rate_7d = static_cast<double>(u.counted - counted_week_ago) / 7.0;
  u.projected_completion = ProjectedCompletion(remaining, u.rate_7d, day);
}

Result<std::vector<std::vector<PhaseMember>>> CampaignService::CountGroups(const User& u,
                                                                           const Campaign& c) {
  std::vector<std::vector<PhaseMember>> members(c.phases.size());
  bool any_group = std::any_of(c.phases.begin(), c.phases.end(),
                               [](const Phase& p) { return !p.EveryResident(); });
  if (!any_group) return members;
  std::map<int64_t, std::string> industry;
  auto orgs = registry_.ListOrganisations(u, c.region_code, "", 1000000);
  if (!orgs) return Fail(orgs.error());
  for (const auto& o : *orgs) industry[o.id] = o.industry;
  PersonQuery q;
  q.region = c.region_code;
  auto walked = registry_.ScanPersons(u, q, INT64_MAX, [&](const Person& person) -> Status {
    auto it = person.employer_id ? industry.find(person.employer_id) : industry.end();
    std::string_view works_in = it == industry.end() ? std::string_view() : it->second;
    for (size_t i = 0; i < c.phases.size(); ++i) {
      const Phase& p = c.phases[i];
      if (!p.EveryResident() && InGroup(p, person, works_in))
        members[i].push_back(PhaseMember{person.id, person.region_code});
    }
    return {};
  });
  if (!walked) return Fail(walked.error());
  return members;
}

Result<Campaign> CampaignService::Create(const User& u, const CampaignInput& in, int64_t now) {
  if (!CanPlanCampaigns(u)) {
    return Fail(Error::Forbidden("only county administrators set up campaigns",
                                 "只有县级管理员可以制定接种任务"));
  }
  std::vector<std::string> diseases;
  for (const auto& d : catalogue_.diseases()) diseases.push_back(d.code);
  auto c = ApplyCampaignInput(in, diseases);
  if (!c) return Fail(c.error());
  if (c->region_code.empty()) c->region_code = u.region_code;
  auto node = registry_.RegionWithChildren(u, c->region_code);
  if (!node) return Fail(node.error());
  c->created_by = u.id;
  c->created_at = now;
  auto members = CountGroups(u, *c);
  if (!members) return Fail(members.error());
  int64_t residents = node->node.counts.usual + node->node.counts.floating;
  for (size_t i = 0; i < c->phases.size(); ++i) {
    const Phase& p = c->phases[i];
    std::string at = "phases[" + std::to_string(i) + "]";
    int64_t group = p.EveryResident() ? residents : static_cast<int64_t>((*members)[i].size());
    if (group == 0 && p.declared_population == 0) {
      return Fail(Error::Invalid("group_matches_nobody", at + ".groups", p.name,
                                 "the group matches nobody in " + c->region_code,
                                 "目标人群在" + node->node.region.name + "无人符合条件"));
    }
    if (p.target_kind == TargetKind::kAbsolute && p.declared_population == 0 && p.target > group) {
      return Fail(Error::Invalid(
          "target_above_group", at + ".target", std::to_string(p.target),
          "the target is above the " + std::to_string(group) + " people of the group",
          "目标人数超过目标人群" + std::to_string(group) + "人"));
    }
  }
  return repo_.Insert(*c, *members);
}

Result<CampaignService::Recount> CampaignService::RecountGroup(const User& u, int64_t id,
                                                               int phase_number) {
  if (!CanPlanCampaigns(u)) {
    return Fail(Error::Forbidden("only county administrators recount a group",
                                 "只有县级管理员可以重新统计目标人群"));
  }
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  if (auto s = CheckJurisdiction(u, c->region_code); !s) return Fail(s.error());
  auto found = std::find_if(c->phases.begin(), c->phases.end(),
                            [&](const Phase& p) { return p.number == phase_number; });
  if (found == c->phases.end()) {
    return Fail(Error::Invalid("invalid_value", "phase", std::to_string(phase_number),
                               "the campaign has no such phase", "任务没有该阶段"));
  }
  if (found->EveryResident()) {
    return Fail(Error::Invalid("no_group", "phase", std::to_string(phase_number),
                               "the phase is of every resident, counted as it goes",
                               "该阶段面向全体常住人口，实时统计，无需重新统计"));
  }
  Campaign one = *c;
  one.phases = {*found};
  auto members = CountGroups(u, one);
  if (!members) return Fail(members.error());
  auto before = repo_.ReplaceMembers(found->id, (*members)[0]);
  if (!before) return Fail(before.error());
  {
    std::lock_guard lock(plans_mu_);
    std::erase_if(plans_, [&](const auto& e) { return std::get<0>(e.first) == c->id; });
  }
  return Recount{found->number, *before, static_cast<int64_t>((*members)[0].size())};
}

Result<std::vector<Campaign>> CampaignService::List(const User& u) {
  auto all = repo_.All();
  if (!all) return Fail(all.error());
  std::vector<Campaign> mine;
  for (auto& c : *all)
    if (Within(u.region_code, c.region_code) || Within(c.region_code, u.region_code))
      mine.push_back(std::move(c));
  return mine;
}

Result<Campaign> CampaignService::Get(const User& u, int64_t id) {
  auto found = repo_.Find(id);
  if (!found) return Fail(found.error());
  if (!*found) return Fail(Error::NotFound("campaign", std::to_string(id)));
  const Campaign& c = **found;
  if (!Within(u.region_code, c.region_code) && !Within(c.region_code, u.region_code))
    return Fail(Error::NotFound("campaign", std::to_string(id)));
  return std::move(**found);
}

Result<std::shared_ptr<const CampaignService::Plan>> CampaignService::PlanOf(const Campaign& c,
                                                                             const Phase& p,
                                                                             int version) {
  auto versions = repo_.TaskBookVersions(c.id, p.number);
  if (!versions) return Fail(versions.error());
  auto key = std::tuple(c.id, p.number, version);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(plans_mu_);
    auto it = plans_.find(key);
    if (it != plans_.end() && now - it->second.made < std::chrono::seconds(kPlanFreshSeconds) &&
        it->second.plan->versions.size() == versions->size())
      return it->second.plan;
  }
  auto plan = MakePlan(c, p, version, std::move(*versions));
  if (!plan) return Fail(plan.error());
  std::lock_guard lock(plans_mu_);
  plans_[key] = CachedPlan{*plan, now};
  return *plan;
}

// The planning tree of the campaign's region, each node weighted by the
// residents (or the group's members) of the leaves below it, and every
// node's target from the version's overrides.
Result<std::shared_ptr<const CampaignService::Plan>> CampaignService::MakePlan(
    const Campaign& c, const Phase& p, int version, std::vector<TaskBookVersion> versions) {
  auto made = std::make_shared<Plan>();
  Plan& plan = *made;
  auto nodes = regions_.Subtree(c.region_code);
  if (!nodes) return Fail(nodes.error());
  for (const auto& n : *nodes) {
    plan.tree.children[n.parent_code].push_back(n.code);
    plan.tree.names[n.code] = n.name;
  }
  auto population = regions_.LeafPopulation(c.region_code);
  if (!population) return Fail(population.error());
  std::vector<std::pair<std::string, int64_t>> leaves;
  int64_t residents = 0;
  for (const auto& [code, n] : *population) {
    residents += n.usual + n.floating;
    if (p.EveryResident()) leaves.emplace_back(code, n.usual + n.floating);
  }
  if (!p.EveryResident()) {
    auto members = repo_.MembersByUnit(p.id, c.region_code, c.region_code + ":", 15);
    if (!members) return Fail(members.error());
    leaves.assign(members->begin(), members->end());
  }
  int64_t group = 0;
  for (const auto& [code, n] : leaves) {
    group += n;
    for (size_t len : {2, 4, 6, 9, 12, 15})
      if (len <= code.size() && len >= c.region_code.size())
        plan.tree.weight[code.substr(0, len)] += n;
  }
  plan.versions = std::move(versions);
  if (version < 0 || version > static_cast<int>(plan.versions.size())) {
    return Fail(Error::Invalid("invalid_value", "version", std::to_string(version),
                               "the task book has no such version", "任务书没有该版本"));
  }
  plan.version = version == 0 ? static_cast<int>(plan.versions.size()) : version;
  if (plan.version > 0) {
    auto o = repo_.TaskBookOverrides(plan.versions[static_cast<size_t>(plan.version - 1)].id);
    if (!o) return Fail(o.error());
    plan.overrides = std::move(*o);
  }
  // A version keeps the target of the whole region it was drawn up
  // against (ReviseTaskBook stores it under the region's own code), so
  // people registered since do not unbalance the units it set.
  int64_t whole = TargetPeople(p, group, residents);
  if (auto kept = plan.overrides.find(c.region_code); kept != plan.overrides.end())
    whole = kept->second;
  auto targets = SplitDownTheTree(plan.tree, c.region_code, whole, plan.overrides);
  if (!targets) return Fail(targets.error());
  plan.targets = std::move(*targets);
  return std::shared_ptr<const Plan>(std::move(made));
}

Result<const Phase*> CampaignService::PhaseOf(const Campaign& c, int number, Date day) {
  const Phase* phase = PhaseOn(c, day, number);
  if (!phase) {
    return Fail(Error::Invalid("invalid_value", "phase", std::to_string(number),
                               "the campaign has no such phase", "任务没有该阶段"));
  }
  return phase;
}

// The region asked for, else the campaign's, or the user's part of it; it
// must lie inside the campaign's region.
Result<std::string> CampaignService::RegionOf(const User& u, const Campaign& c,
                                              const std::string& region) {
  std::string code = region;
  if (code.empty()) code = Within(c.region_code, u.region_code) ? c.region_code : u.region_code;
  if (!Within(code, c.region_code)) {
    return Fail(Error::Invalid("outside_campaign", "region", code,
                               "the region is outside the campaign's " + c.region_code,
                               "该地区不在本任务范围内"));
  }
  return code;
}

Status CampaignService::AddFigures(const Campaign& c, const Phase& phase, Date day,
                                   std::vector<UnitProgress>& units,
                                   std::vector<int64_t>& counted_week_ago) {
  // Per unit, in this order: first dose, full series, booster, doses to
  // date and the day before, and (of a phase of every resident) the counted
  // figure a week ago.
  const Figure shown[] = {Figure::kFirstDose, Figure::kFullSeries, Figure::kBooster,
                          Figure::kDoses};
  std::vector<FigureAsOf> asked;
  for (const auto& u : units) {
    for (Figure f : shown) asked.push_back({FigureKey(c.disease, f), u.code, day});
    asked.push_back({FigureKey(c.disease, Figure::kDoses), u.code, day.AddDays(-1)});
    if (phase.EveryResident())
      asked.push_back({FigureKey(c.disease, FigureOf(phase.dose)), u.code, day.AddDays(-7)});
  }
  auto sums = figures_.AsOfEach(asked);
  if (!sums) return Fail(sums.error());
  const int64_t* n = sums->data();
  counted_week_ago.assign(units.size(), 0);
  for (size_t k = 0; k < units.size(); ++k) {
    UnitProgress& u = units[k];
    u.first_dose = *n++;
    u.full_series = *n++;
    u.booster = *n++;
    u.doses_total = *n++;
    u.doses_today = u.doses_total - *n++;
    if (phase.EveryResident()) counted_week_ago[k] = *n++;
  }
  return {};
}

Result<CampaignProgress> CampaignService::Progress(const User& u, int64_t id,
                                                   const std::string& region, Date day,
                                                   int phase_number) {
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  auto phase_found = PhaseOf(*c, phase_number, day);
  if (!phase_found) return Fail(phase_found.error());
  const Phase* phase = *phase_found;
  auto region_found = RegionOf(u, *c, region);
  if (!region_found) return Fail(region_found.error());
  const std::string& code = *region_found;
  auto view = registry_.RegionWithChildren(u, code);
  if (!view) return Fail(view.error());
  auto plan_found = PlanOf(*c, *phase, 0);
  if (!plan_found) return Fail(plan_found.error());
  const Plan& plan = **plan_found;

  CampaignProgress out{*c, *phase, day, {}, {}};
  std::vector<const RegionNodeCounts*> nodes = {&view->node};
  for (const auto& ch : view->children) nodes.push_back(&ch);
  int child_length = view->children.empty()
                         ? static_cast<int>(code.size())
                         : static_cast<int>(view->children[0].region.code.size());
  UnitCounts counted, counted_before;
  if (!phase->EveryResident()) {
    for (auto [len, on, into] : {std::tuple{child_length, day, &counted},
                                 std::tuple{child_length, day.AddDays(-7), &counted_before}}) {
      auto r = repo_.CountedByUnit(*phase, c->disease, on, code, code + ":", len);
      if (!r) return Fail(r.error());
      *into = std::move(*r);
    }
  }
  std::vector<UnitProgress> units(nodes.size());
  for (size_t k = 0; k < nodes.size(); ++k) {
    UnitProgress& unit = units[k];
    unit.code = nodes[k]->region.code;
    unit.name = nodes[k]->region.name;
    unit.population = nodes[k]->counts.usual + nodes[k]->counts.floating;
    if (auto t = plan.targets.find(unit.code); t != plan.targets.end()) unit.target = t->second;
    if (auto w = plan.tree.weight.find(unit.code); w != plan.tree.weight.end())
      unit.group = w->second;
  }
  std::vector<int64_t> week_ago;
  if (auto s = AddFigures(*c, *phase, day, units, week_ago); !s) return Fail(s.error());
  for (size_t k = 0; k < units.size(); ++k) {
    UnitProgress& unit = units[k];
    if (phase->EveryResident()) {
      unit.counted = phase->dose == CountingDose::kFirst        ? unit.first_dose
                     : phase->dose == CountingDose::kFullSeries ? unit.full_series
                                                                : unit.booster;
    } else {
      for (const auto& [k2, n] : counted)
        if (Within(k2, unit.code)) unit.counted += n;
      for (const auto& [k2, n] : counted_before)
        if (Within(k2, unit.code)) week_ago[k] += n;
    }
    Derive(*phase, day, week_ago[k], unit);
  }
  out.total = std::move(units[0]);
  out.units.assign(std::make_move_iterator(units.begin() + 1),
                   std::make_move_iterator(units.end()));
  return out;
}

Result<CampaignService::Scope> CampaignService::ScopeOf(const User& u, int64_t id,
                                                        const std::string& region, Date day,
                                                        int phase_number) {
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  auto phase = PhaseOf(*c, phase_number, day);
  if (!phase) return Fail(phase.error());
  auto code = RegionOf(u, *c, region);
  if (!code) return Fail(code.error());
  if (auto s = CheckJurisdiction(u, *code); !s) return Fail(s.error());
  Phase chosen = **phase;
  return Scope{std::move(*c), std::move(chosen), std::move(*code)};
}

Result<std::vector<TrendDay>> CampaignService::Trend(const User& u, int64_t id,
                                                     const std::string& region, Date to, int days,
                                                     int phase_number) {
  auto scope = ScopeOf(u, id, region, to, phase_number);
  if (!scope) return Fail(scope.error());
  const Campaign& c = scope->campaign;
  const Phase& phase = scope->phase;
  const std::string& code = scope->region;
  auto plan_found = PlanOf(c, phase, 0);
  if (!plan_found) return Fail(plan_found.error());
  const Plan& plan = **plan_found;
  int64_t target = plan.targets.count(code) ? plan.targets.at(code) : 0;
  days = std::clamp(days, 1, 366);
  // Each day's figures as of that day and the day before.
  std::vector<int64_t> counted, doses;
  std::vector<FigureAsOf> asked;
  for (int i = days; i >= 0; --i) {
    Date d = to.AddDays(-i);
    asked.push_back({FigureKey(c.disease, Figure::kDoses), code, d});
    if (phase.EveryResident()) {
      asked.push_back({FigureKey(c.disease, FigureOf(phase.dose)), code, d});
      continue;
    }
    auto r =
        repo_.CountedByUnit(phase, c.disease, d, code, code + ":", static_cast<int>(code.size()));
    if (!r) return Fail(r.error());
    int64_t n = 0;
    for (const auto& [k, v] : *r) n += v;
    counted.push_back(n);
  }
  auto sums = figures_.AsOfEach(asked);
  if (!sums) return Fail(sums.error());
  for (size_t i = 0; i < sums->size(); ++i) {
    if (!phase.EveryResident())
      doses.push_back((*sums)[i]);
    else
      (i % 2 == 0 ? doses : counted).push_back((*sums)[i]);
  }
  std::vector<TrendDay> out;
  for (size_t i = 1; i < counted.size(); ++i) {
    TrendDay t;
    t.day = to.AddDays(-static_cast<int>(counted.size() - 1 - i));
    t.counted = counted[i] - counted[i - 1];
    t.doses = doses[i] - doses[i - 1];
    t.required_daily_rate =
        RequiredDailyRate(target - counted[i - 1], DaysLeft(t.day, phase.end) + 1);
    out.push_back(t);
  }
  return out;
}

}  // namespace fangkong
