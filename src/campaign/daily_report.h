// The daily report and ranking (日报、排名通报): each day at the cut-off the
// figures of a campaign's units are frozen, ranked by completion, with the
// change since the day before and the lagging units flagged. A snapshot is
// never changed: a dose entered later for that day changes the figures of
// today, not the report. Pure functions here; CampaignService freezes and
// reads them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "campaign/campaign_service.h"

namespace fangkong {

struct ReportRow {
  UnitProgress unit;
  int64_t counted_change = 0;  // people counted since the day before
  int rank = 0;                // by completion, 1 the best
  int rank_before = 0;         // the day before (0 when not ranked then)
  bool lagging = false;
};

struct DailyReport {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int phase = 1;
  Date day;
  int64_t taken_at = 0, taken_by = 0;
  std::string taken_by_name;
  ReportRow total;
  std::vector<ReportRow> units;  // by rank
};

// Freezing and reading the reports. Both must outlive it.
class DailyReports {
 public:
  DailyReports(CampaignService& campaigns, CampaignRepository& repo)
      : campaigns_(campaigns), repo_(repo) {}
  // Freezes the report of `day` for the campaign's region (county
  // administrators; a Conflict when it exists already).
  Result<DailyReport> Freeze(const User& u, int64_t campaign_id, Date day, int64_t now);
  // A frozen report (NotFound when there is none), for anyone who sees the campaign.
  Result<DailyReport> Find(const User& u, int64_t campaign_id, Date day);
  Result<std::vector<Date>> Days(const User& u, int64_t campaign_id);
  // At the cut-off: the report of `day` of every campaign running that day
  // and without one; how many were frozen.
  Result<int> FreezeDue(Date day, int64_t now);

 private:
  Result<DailyReport> FreezeAs(const User& u, const Campaign& c, Date day, int64_t now);
  CampaignService& campaigns_;
  CampaignRepository& repo_;
};

// Behind: not done, and at the 7-day pace done after the phase ends, or never.
bool Lagging(const UnitProgress& u, const Phase& phase);

// The report of `today`'s progress, with the changes since `yesterday`'s
// (the same units, the day before).
DailyReport BuildDailyReport(const CampaignProgress& today, const CampaignProgress& yesterday);

// The measures a ranking may be ordered by: completion (the ranking
// itself), counted_change, rate_7d, coverage_first, doses_today; best
// first, ties by code. False for an unknown measure.
bool SortReportRows(std::vector<ReportRow>& rows, std::string_view measure);

}  // namespace fangkong
