#include "campaign/task_book.h"

#include <chrono>
#include <numeric>

#include "campaign/schedule.h"

namespace fangkong {

namespace {

Error Overrides(const std::string& node, std::string en, std::string zh) {
  return Error::Invalid("overrides_do_not_sum", "overrides", node, std::move(en), std::move(zh));
}

std::string Label(const PlanTree& tree, const std::string& node) {
  auto it = tree.names.find(node);
  return it == tree.names.end() ? node : it->second + "（" + node + "）";
}

Status SplitNode(const PlanTree& tree, const std::string& node, int64_t target,
                 const std::map<std::string, int64_t>& overrides,
                 std::map<std::string, int64_t>& out) {
  out[node] = target;
  auto it = tree.children.find(node);
  if (it == tree.children.end() || it->second.empty()) return {};
  const auto& kids = it->second;
  size_t set = 0;
  int64_t sum = 0;
  for (const auto& k : kids) {
    auto o = overrides.find(k);
    if (o == overrides.end()) continue;
    ++set;
    sum += o->second;
  }
  std::vector<int64_t> split;
  if (set == 0) {
    std::vector<int64_t> w;
    for (const auto& k : kids) {
      auto found = tree.weight.find(k);
      w.push_back(found == tree.weight.end() ? 0 : found->second);
    }
    split = SplitProRata(target, w);
  } else if (set < kids.size()) {
    return Fail(Overrides(node,
                          "set the targets of all " + std::to_string(kids.size()) +
                              " units under " + node + ", or of none (" + std::to_string(set) +
                              " set)",
                          "请填写" + Label(tree, node) + "下全部" + std::to_string(kids.size()) +
                              "个单位的任务数，或都不填写（已填" + std::to_string(set) + "个）"));
  } else if (sum != target) {
    return Fail(Overrides(node,
                          "the units under " + node + " add up to " + std::to_string(sum) +
                              ", but its target is " + std::to_string(target),
                          Label(tree, node) + "下各单位任务数合计" + std::to_string(sum) +
                              "，与其任务数" + std::to_string(target) + "不符"));
  } else {
    for (const auto& k : kids) split.push_back(overrides.at(k));
  }
  for (size_t i = 0; i < kids.size(); ++i)
    if (auto s = SplitNode(tree, kids[i], split[i], overrides, out); !s) return s;
  return {};
}

std::string IsoWeek(Date d) {
  // The ISO week is the week of its Thursday; weeks start on Monday.
  int weekday = (d.days() + 3) % 7;  // 1970-01-01 was a Thursday: Monday = 0
  if (weekday < 0) weekday += 7;
  Date thursday = d.AddDays(3 - weekday);
  Date jan1 = *Date::FromYmd(thursday.year(), 1, 1);
  int week = (thursday.days() - jan1.days()) / 7 + 1;
  std::string w = std::to_string(week);
  return std::to_string(thursday.year()) + "-W" + (week < 10 ? "0" : "") + w;
}

std::string PeriodOf(Date d, PlanGrain g) {
  switch (g) {
    case PlanGrain::kMonth:
      return d.Iso().substr(0, 7);
    case PlanGrain::kWeek:
      return IsoWeek(d);
    case PlanGrain::kDay:
      return d.Iso();
  }
  return d.Iso();
}

}  // namespace

Result<std::map<std::string, int64_t>> SplitDownTheTree(
    const PlanTree& tree, const std::string& root, int64_t target,
    const std::map<std::string, int64_t>& overrides) {
  std::map<std::string, int64_t> out;
  if (auto s = SplitNode(tree, root, target, overrides, out); !s) return Fail(s.error());
  return out;
}

PlannedSeries PlanningSeriesOf(const Catalogue& c, const std::string& disease) {
  PlannedSeries s;
  for (const auto& p : c.products()) {
    if (p.disease != disease) continue;
    s.product = p.code;
    s.primary_doses = p.primary_doses;
    s.interval_days = p.intervals.empty() ? 0 : p.intervals[0].recommended_days;
    break;
  }
  return s;
}

std::optional<PlanGrain> ParsePlanGrain(std::string_view s) {
  if (s == "month") return PlanGrain::kMonth;
  if (s == "week") return PlanGrain::kWeek;
  if (s == "day") return PlanGrain::kDay;
  return std::nullopt;
}

std::vector<PlanPeriod> SplitOverTime(int64_t people, Date start, Date end, CountingDose dose,
                                      const PlannedSeries& series, PlanGrain grain) {
  std::map<std::string, PlanPeriod> by_period;
  int days = std::max(1, end.days() - start.days() + 1);
  // Day i takes what brings the running total to people x (i + 1) / days,
  // rounded down: an even pace, with the odd people spread over the period
  // rather than heaped on its first days.
  std::vector<int64_t> daily(static_cast<size_t>(days));
  for (int i = 0; i < days; ++i) {
    auto upto = [&](int k) {
      return static_cast<int64_t>(static_cast<__int128>(people) * k / days);
    };
    daily[static_cast<size_t>(i)] = upto(i + 1) - upto(i);
  }
  // The primary doses' days relative to the day that counts.
  std::vector<int> offsets = {0};
  int n = std::max(1, series.primary_doses);
  if (dose == CountingDose::kFirst)
    for (int k = 1; k < n; ++k) offsets.push_back(k * series.interval_days);
  if (dose == CountingDose::kFullSeries)
    for (int k = 1; k < n; ++k) offsets.push_back(-k * series.interval_days);
  for (int i = 0; i < days; ++i) {
    if (daily[static_cast<size_t>(i)] == 0) continue;
    Date day = start.AddDays(i);
    by_period[PeriodOf(day, grain)].people += daily[static_cast<size_t>(i)];
    for (int off : offsets)
      by_period[PeriodOf(day.AddDays(off), grain)].doses += daily[static_cast<size_t>(i)];
  }
  std::vector<PlanPeriod> out;
  for (auto& [period, p] : by_period) {
    p.period = period;
    out.push_back(p);
  }
  return out;
}

}  // namespace fangkong
