// The supply and feasibility half of CampaignService (campaign_service.h).
#include "campaign/allocation.h"
#include "campaign/campaign_service.h"
#include "campaign/feasibility.h"
#include "campaign/schedule.h"

namespace fangkong {

namespace {

}  // namespace

Result<SupplyPlan> CampaignService::AddSupply(const User& u, int64_t id, SupplyPlan plan,
                                              int64_t now) {
  if (u.role != Role::kCountyAdmin) {
    return Fail(Error::Forbidden("only county administrators plan supply",
                                 "只有县级管理员可以录入疫苗到货计划"));
  }
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  auto phase = PhaseOf(*c, plan.phase, Date());
  if (!phase || plan.phase <= 0) {
    return Fail(Error::Invalid("invalid_value", "phase", std::to_string(plan.phase),
                               "the campaign has no such phase", "任务没有该阶段"));
  }
  if (!Within(plan.region_code, c->region_code) || !CheckJurisdiction(u, plan.region_code)) {
    return Fail(Error::Invalid("outside_campaign", "region_code", plan.region_code,
                               "the unit is outside the campaign's " + c->region_code,
                               "该单位不在本任务范围内"));
  }
  if (plan.doses <= 0) {
    return Fail(Error::Invalid("invalid_value", "doses", std::to_string(plan.doses),
                               "a number of doses above 0", "剂次数应为大于0的整数"));
  }
  if (plan.arrives_on > (*phase)->end) {
    return Fail(
        Error::Invalid("arrives_after_phase", "arrives_on", plan.arrives_on.Iso(),
                       "the doses arrive after the phase ends (" + (*phase)->end.Iso() + ")",
                       "到货日期晚于阶段结束日期（" + (*phase)->end.Iso() + "），不能用于本阶段"));
  }
  plan.campaign_id = c->id;
  plan.created_by = u.id;
  plan.created_at = now;
  auto saved = repo_.InsertSupply(plan);
  if (!saved) return Fail(saved.error());
  plan.id = *saved;
  return plan;
}

Result<std::vector<SupplyPlan>> CampaignService::Supplies(const User& u, int64_t id,
                                                          int phase_number) {
  auto c = Get(u, id);
  if (!c) return Fail(c.error());
  auto all = repo_.SuppliesOf(c->id, phase_number);
  if (!all) return Fail(all.error());
  std::vector<SupplyPlan> mine;
  for (auto& s : *all)
    if (Within(s.region_code, u.region_code) || Within(u.region_code, s.region_code))
      mine.push_back(std::move(s));
  return mine;
}

// A unit's sites, their usable doses of the disease on `day`, and the
// arrivals planned after it up to the phase's end (per day of the horizon
// into `arrivals` when given).
Result<UnitMeans> CampaignService::MeansOf(const Campaign& c, const Phase& phase,
                                           const std::string& unit, Date day,
                                           const std::vector<SupplyPlan>& supplies,
                                           std::vector<int64_t>* arrivals) {
  UnitMeans means;
  auto disease = catalogue_.DiseaseIndex(c.disease);
  auto sites = vaccination_.SitesUnder(unit);
  if (!sites) return Fail(sites.error());
  for (const auto& s : *sites) {
    if (!s.active) continue;
    ++means.sites;
    means.daily_capacity += s.daily_capacity;
    auto stock = vaccination_.StockAt(s.org_id);
    if (!stock) return Fail(stock.error());
    for (const auto& [lot, doses] : *stock) {
      auto product = catalogue_.ProductIndex(lot.product);
      bool ours = product && disease && catalogue_.DiseaseOf(*product) == *disease;
      if (ours && !lot.held && lot.expiry > day) means.doses_on_hand += doses;
    }
  }
  if (arrivals)
    arrivals->assign(static_cast<size_t>(std::max(0, phase.end.days() - day.days())), 0);
  for (const auto& s : supplies) {
    if (!Within(s.region_code, unit) || s.arrives_on <= day || s.arrives_on > phase.end) continue;
    means.doses_expected += s.doses;
    if (arrivals) (*arrivals)[static_cast<size_t>(s.arrives_on.days() - day.days() - 1)] += s.doses;
  }
  return means;
}

Result<std::vector<UnitFeasibility>> CampaignService::Feasibility(const User& u, int64_t id,
                                                                  const std::string& region,
                                                                  Date day, int phase_number) {
  auto progress = Progress(u, id, region, day, phase_number);
  if (!progress) return Fail(progress.error());
  const Campaign& c = progress->campaign;
  const Phase& phase = progress->phase;
  PlannedSeries series = PlanningSeriesOf(catalogue_, c.disease);
  auto supplies = repo_.SuppliesOf(c.id, phase.number);
  if (!supplies) return Fail(supplies.error());
  auto check = [&](const UnitProgress& unit) -> Result<UnitFeasibility> {
    auto means = MeansOf(c, phase, unit.code, day, *supplies, nullptr);
    if (!means) return Fail(means.error());
    return CheckFeasibility(unit, phase, day, series, *means);
  };
  std::vector<UnitFeasibility> out;
  auto total = check(progress->total);
  if (!total) return Fail(total.error());
  out.push_back(std::move(*total));
  for (const auto& unit : progress->units) {
    auto f = check(unit);
    if (!f) return Fail(f.error());
    out.push_back(std::move(*f));
  }
  return out;
}

Result<AllocationPlan> CampaignService::Allocation(const User& u, int64_t id,
                                                   const std::string& region, Date day,
                                                   int phase_number, AllocationGoal goal,
                                                   std::vector<UnitFeasibility>* feasibility) {
  auto progress = Progress(u, id, region, day, phase_number);
  if (!progress) return Fail(progress.error());
  const Campaign& c = progress->campaign;
  const Phase& phase = progress->phase;
  PlannedSeries series = PlanningSeriesOf(catalogue_, c.disease);
  auto supplies = repo_.SuppliesOf(c.id, phase.number);
  if (!supplies) return Fail(supplies.error());
  AllocationInput in;
  in.day = day;
  in.days = DaysLeft(day, phase.end);
  in.doses_per_person = DosesPerPerson(phase.dose, series);
  in.interval_days = series.interval_days;
  for (const auto& unit : progress->units) {
    std::vector<int64_t> arrivals;
    auto means = MeansOf(c, phase, unit.code, day, *supplies, &arrivals);
    if (!means) return Fail(means.error());
    if (feasibility) feasibility->push_back(CheckFeasibility(unit, phase, day, series, *means));
    AllocationUnit a;
    a.code = unit.code;
    a.name = unit.name;
    a.share = std::max<int64_t>(0, unit.target - unit.counted);
    a.pool = std::max<int64_t>(0, unit.group - unit.counted);
    a.daily_capacity = means->daily_capacity;
    a.doses_on_hand = means->doses_on_hand;
    a.arrivals = std::move(arrivals);
    in.units.push_back(std::move(a));
  }
  return Allocate(in, goal);
}

}  // namespace fangkong
