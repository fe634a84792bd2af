// Places of the administrative tree and the organisations attached to them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fangkong {

struct Region {
  std::string code;
  std::string name;
  std::string parent_code;  // empty for a province
  int level = 0;            // 1 province .. 6 grid
};

// Counts of people whose place of residence lies in a subtree.
struct PopulationCounts {
  int64_t registered = 0;  // everyone on the registry here
  int64_t usual = 0;       // 常住
  int64_t floating = 0;    // 流动
  int64_t away = 0;        // 人户分离
  int64_t male = 0;
  int64_t female = 0;
  int64_t resident() const { return usual + floating; }  // 常住人口, the coverage denominator
  PopulationCounts& operator+=(const PopulationCounts& o);
};

enum class OrganisationKind { kDepartment, kEmployer, kSchool, kHospital, kVaccinationSite, kLab, kQuarantineSite, kStore };

struct Organisation {
  int64_t id = 0;
  std::string name;
  OrganisationKind kind = OrganisationKind::kEmployer;
  std::string industry;     // for employers: an industry code
  std::string region_code;  // the place it hangs on
  std::string credit_code;  // 统一社会信用代码, optional
};

const char* OrganisationKindCode(OrganisationKind k);
const char* OrganisationKindZh(OrganisationKind k);
bool ParseOrganisationKind(std::string_view s, OrganisationKind& out);

}  // namespace fangkong
