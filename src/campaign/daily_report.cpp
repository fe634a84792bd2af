#include "campaign/daily_report.h"

#include <algorithm>
#include <functional>
#include <map>

namespace fangkong {

namespace {

using Measure = std::function<double(const ReportRow&)>;

const std::map<std::string_view, Measure>& Measures() {
  static const std::map<std::string_view, Measure> m = {
      {"completion", [](const ReportRow& r) { return r.unit.completion; }},
      {"counted_change", [](const ReportRow& r) { return static_cast<double>(r.counted_change); }},
      {"rate_7d", [](const ReportRow& r) { return r.unit.rate_7d; }},
      {"coverage_first", [](const ReportRow& r) { return r.unit.coverage_first; }},
      {"doses_today", [](const ReportRow& r) { return static_cast<double>(r.unit.doses_today); }},
  };
  return m;
}

std::map<std::string, int> RanksOf(std::vector<UnitProgress> units) {
  std::stable_sort(units.begin(), units.end(), [](const UnitProgress& a, const UnitProgress& b) {
    if (a.completion != b.completion) return a.completion > b.completion;
    return a.code < b.code;
  });
  std::map<std::string, int> ranks;
  for (size_t i = 0; i < units.size(); ++i) ranks[units[i].code] = static_cast<int>(i) + 1;
  return ranks;
}

}  // namespace

bool Lagging(const UnitProgress& u, const Phase& phase) {
  return u.completion < 1 && (!u.projected_completion || *u.projected_completion > phase.end);
}

DailyReport BuildDailyReport(const CampaignProgress& today, const CampaignProgress& yesterday) {
  DailyReport r;
  r.campaign_id = today.campaign.id;
  r.phase = today.phase.number;
  r.day = today.date;
  std::map<std::string, int64_t> before;
  for (const auto& u : yesterday.units) before[u.code] = u.counted;
  auto ranks = RanksOf(today.units);
  auto ranks_before = RanksOf(yesterday.units);
  auto row = [&](const UnitProgress& u, int64_t counted_before) {
    ReportRow x;
    x.unit = u;
    x.counted_change = u.counted - counted_before;
    x.lagging = Lagging(u, today.phase);
    if (auto it = ranks.find(u.code); it != ranks.end()) x.rank = it->second;
    if (auto it = ranks_before.find(u.code); it != ranks_before.end()) x.rank_before = it->second;
    return x;
  };
  r.total = row(today.total, yesterday.total.counted);
  for (const auto& u : today.units)
    r.units.push_back(row(u, before.count(u.code) ? before[u.code] : 0));
  SortReportRows(r.units, "completion");
  return r;
}

bool SortReportRows(std::vector<ReportRow>& rows, std::string_view measure) {
  auto it = Measures().find(measure);
  if (it == Measures().end()) return false;
  const Measure& m = it->second;
  std::stable_sort(rows.begin(), rows.end(), [&](const ReportRow& a, const ReportRow& b) {
    double x = m(a), y = m(b);
    if (x != y) return x > y;
    return a.unit.code < b.unit.code;
  });
  return true;
}

}  // namespace fangkong
