#include "demo/demo_risk_areas.h"

#include <array>

namespace fangkong {

namespace {

// Districts of other provinces and a neighbouring one of the demo county.
constexpr std::array<const char*, 8> kDistricts = {"310115", "440305", "330106", "110105",
                                                   "420106", "510107", "340104", "341802"};
constexpr std::array<const char*, 8> kCompounds = {"阳光花园",   "幸福里小区", "锦绣苑",
                                                   "建设新村",   "滨江花园",   "翠湖苑",
                                                   "东方明珠苑", "和平里小区"};

// How an area was declared: its level, the day (days ago) and the last case.
struct Story {
  const char* level;
  int declared_days_ago;
  int new_case_days_ago;  // 0: no second declaration
};
constexpr std::array<Story, 12> kStories = {{
    {"high", 1, 0},
    {"high", 3, 0},
    {"high", 5, 0},  // still high
    {"high", 8, 0},
    {"high", 9, 0},  // fallen to medium by the rules
    {"medium", 1, 0},
    {"medium", 2, 0},  // declared medium
    {"high", 10, 2},
    {"high", 12, 4},  // a new case restarted the clock
    {"high", 14, 0},
    {"high", 20, 0},
    {"medium", 16, 0}  // lifted by the rules
}};

}  // namespace

Result<int64_t> AddDemoRiskAreas(RiskAreaService& risk_areas, RegionRepository& regions,
                                 const User& admin, int64_t now) {
  Date today = BeijingDay(now);
  int64_t written = 0;
  size_t story = 0;
  for (const char* district : kDistricts) {
    auto townships = regions.Children(district);
    if (!townships) return Fail(townships.error());
    for (size_t i = 0; i < townships->size() && i < 3; ++i, ++story) {
      const Story& s = kStories[story % kStories.size()];
      std::string name = (*townships)[i].name + " " + kCompounds[story % kCompounds.size()];
      Date day = today.AddDays(-s.declared_days_ago);
      DeclareInput in{district, name, s.level, day.Iso(), day.Iso(), "省防控办推送"};
      int64_t at = now - int64_t{s.declared_days_ago} * 86400;
      if (auto v = risk_areas.Declare(admin, in, "import", at); !v) return Fail(v.error());
      ++written;
      if (s.new_case_days_ago) {
        Date again = today.AddDays(-s.new_case_days_ago);
        DeclareInput second{district, name, "high", again.Iso(), again.Iso(), "新增阳性病例"};
        int64_t then = now - int64_t{s.new_case_days_ago} * 86400;
        if (auto v = risk_areas.Declare(admin, second, "county", then); !v) return Fail(v.error());
        ++written;
      }
    }
  }
  return written;
}

}  // namespace fangkong
