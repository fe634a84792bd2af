// What the campaign module needs stored (store/campaign_store.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "campaign/campaign.h"
#include "core/error.h"

namespace fangkong {

// A person in a phase's group when the campaign was set up (the survey base,
// 摸底基数), with their place, which moves with them.
struct PhaseMember {
  int64_t person_id = 0;
  std::string region_code;
};

// A version of a phase's task book: the targets set by hand (the rest are
// split pro rata, task_book.h).
struct TaskBookVersion {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int phase = 1;    // the phase's number
  int version = 1;  // 1, 2, ... per phase
  std::string note;
  int64_t created_by = 0, created_at = 0;
  std::string created_by_name;               // read with the version
  std::map<std::string, int64_t> overrides;  // place code → target
};

struct DailyReport;

// Doses planned to arrive in a unit for a phase (province allocations).
struct IndustryFigures {
  std::string industry;  // an occupation category code
  int64_t people = 0;
  int64_t first_dose = 0, full_series = 0, booster = 0;  // by the day
  int64_t first_dose_before = 0, full_series_before = 0, booster_before = 0;  // a week before
};

struct SupplyPlan {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int phase = 1;
  std::string region_code;
  Date arrives_on;
  int64_t doses = 0;
  std::string note;
  int64_t created_by = 0, created_at = 0;
};

// Counts per unit: the first `length` characters of the place code.
using UnitCounts = std::map<std::string, int64_t>;

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  // Stores the campaign, its phases and each phase's members
  // (members[i] for phases[i]) in one transaction; the campaign with its ids.
  virtual Result<Campaign> Insert(const Campaign& c,
                                  const std::vector<std::vector<PhaseMember>>& members) = 0;
  virtual Result<std::optional<Campaign>> Find(int64_t id) = 0;
  // Replaces a phase's members with `members`; how many it had before.
  virtual Result<int64_t> ReplaceMembers(int64_t phase_id,
                                         const std::vector<PhaseMember>& members) = 0;
  // Every campaign, newest first (a county runs a handful).
  virtual Result<std::vector<Campaign>> All() = 0;
  // A phase's members living in [lo, hi), per unit of `length` characters.
  virtual Result<UnitCounts> MembersByUnit(int64_t phase_id, const std::string& lo,
                                           const std::string& hi, int length) = 0;
  // Stores a new version with its overrides; a Conflict when the version
  // number is taken (someone saved first).
  virtual Result<int64_t> InsertTaskBook(const TaskBookVersion& v) = 0;
  // A phase's versions, oldest first, without their overrides.
  virtual Result<std::vector<TaskBookVersion>> TaskBookVersions(int64_t campaign_id, int phase) = 0;
  virtual Result<std::map<std::string, int64_t>> TaskBookOverrides(int64_t task_book_id) = 0;
  virtual Result<int64_t> InsertSupply(const SupplyPlan& s) = 0;
  // A phase's planned arrivals, by day.
  virtual Result<std::vector<SupplyPlan>> SuppliesOf(int64_t campaign_id, int phase) = 0;
  // Stores a frozen report; a Conflict when the campaign has one for the day.
  virtual Result<int64_t> InsertDailyReport(const DailyReport& r) = 0;
  virtual Result<std::optional<DailyReport>> FindDailyReport(int64_t campaign_id, Date day) = 0;
  // The days a campaign has reports for, newest first.
  virtual Result<std::vector<Date>> DailyReportDays(int64_t campaign_id) = 0;
  // Those of them with the phase's counting dose of `disease` on or before `day`.
  // The resident employees of the employers (any organisation with an
  // industry) placed in the subtree of `region`, per industry that has
  // some, in industry order: how many, and how many had their first dose,
  // full series and first booster of `disease` by `day` and by `week_ago`.
  // For a county or more, read from sums kept per employer's county
  // (progress/figures.h IndustryFigureKey); below, counted.
  virtual Result<std::vector<IndustryFigures>> EmployeesByIndustry(const std::string& disease,
                                                                   const std::string& region,
                                                                   Date day, Date week_ago) = 0;
  // The same, always counted from the employees and their states: what the
  // kept sums replace (tests and benchmarks compare the two).
  virtual Result<std::vector<IndustryFigures>> CountedEmployeesByIndustry(
      const std::string& disease, const std::string& region, Date day, Date week_ago) = 0;
  virtual Result<UnitCounts> CountedByUnit(const Phase& phase, const std::string& disease, Date day,
                                           const std::string& lo, const std::string& hi,
                                           int length) = 0;
};

}  // namespace fangkong
