#include "registry/region.h"

#include <string_view>

namespace fangkong {

namespace {
struct KindName {
  std::string_view code, zh;
};
constexpr KindName kKinds[] = {{"department", "行业主管部门"}, {"employer", "单位"},
                               {"school", "学校"},           {"hospital", "医院"},
                               {"vaccination_site", "接种点"}, {"lab", "检测机构"},
                               {"quarantine_site", "集中隔离点"}, {"store", "冷库/门店"}};
}  // namespace

PopulationCounts& PopulationCounts::operator+=(const PopulationCounts& o) {
  registered += o.registered;
  usual += o.usual;
  floating += o.floating;
  away += o.away;
  male += o.male;
  female += o.female;
  return *this;
}

const char* OrganisationKindCode(OrganisationKind k) { return kKinds[static_cast<int>(k)].code.data(); }
const char* OrganisationKindZh(OrganisationKind k) { return kKinds[static_cast<int>(k)].zh.data(); }
bool ParseOrganisationKind(std::string_view s, OrganisationKind& out) {
  for (size_t i = 0; i < std::size(kKinds); ++i) {
    if (s == kKinds[i].code || s == kKinds[i].zh) {
      out = static_cast<OrganisationKind>(i);
      return true;
    }
  }
  return false;
}

}  // namespace fangkong
