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
  // Every campaign, newest first (a county runs a handful).
  virtual Result<std::vector<Campaign>> All() = 0;
  // A phase's members living in [lo, hi), per unit of `length` characters.
  virtual Result<UnitCounts> MembersByUnit(int64_t phase_id, const std::string& lo,
                                           const std::string& hi, int length) = 0;
  // Those of them with the phase's counting dose of `disease` on or before `day`.
  virtual Result<UnitCounts> CountedByUnit(const Phase& phase, const std::string& disease, Date day,
                                           const std::string& lo, const std::string& hi,
                                           int length) = 0;
};

}  // namespace fangkong
