#include "demo/demo_campaign.h"

namespace fangkong {

namespace {

PhaseInput MakePhase(const char* name, const char* start, const char* end, const char* dose,
                     const char* kind, std::string target) {
  PhaseInput p;
  p.name = name;
  p.start = start;
  p.end = end;
  p.dose = dose;
  p.target_kind = kind;
  p.target = std::move(target);
  return p;
}

}  // namespace

Result<Campaign> AddDemoCampaign(CampaignService& campaigns, const User& admin, int64_t residents,
                                 int64_t now) {
  CampaignInput in;
  in.name = "新冠病毒疫苗接种（2021—2022年三步走）";
  in.disease = "covid19";
  in.region_code = admin.region_code;
  in.phases.push_back(MakePhase("第一步：重点人群及18岁以上人群", "2021-04-01", "2021-06-30",
                                "first", "share_of_residents", "40"));
  // The seed county's 63,800 of 366,000 residents, in proportion.
  auto elderly =
      MakePhase("第二步：60岁以上老年人和慢性病患者", "2021-07-01", "2021-12-31", "first",
                "absolute", std::to_string(std::max<int64_t>(1, residents * 63800 / 366000)));
  GroupRuleInput old;
  old.min_age = "60";
  GroupRuleInput chronic;
  chronic.tags = {"chronic"};
  elderly.groups = {old, chronic};
  in.phases.push_back(std::move(elderly));
  in.phases.push_back(MakePhase("第三步：其他人群，建立免疫屏障", "2022-01-01", "2022-12-31",
                                "full_series", "share_of_residents", "77.6"));
  return campaigns.Create(admin, in, now);
}

}  // namespace fangkong
