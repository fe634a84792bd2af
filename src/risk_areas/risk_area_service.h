// The list of risk areas on any day, their history, and declarations by the
// county or from an upstream file. Reading is open to every user (the list
// holds no personal data); declaring is the county's.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "registry/repository.h"
#include "risk_areas/repository.h"

namespace fangkong {

// An area as the list shows it on a day.
struct RiskAreaView {
  RiskArea area;
  std::string place;  // "上海市 浦东新区"
  RiskLevel level = RiskLevel::kLow;
  std::optional<LevelSpan> span;  // the stretch holding the day
  std::optional<LevelSpan> next;  // the stretch after it, when the rules or a declaration say
  RiskDeclaration latest;         // the newest declaration in force by the day
  std::vector<LevelSpan> timeline;
};

struct DeclareInput {
  std::string region_code, name, level, from, last_case_on, note;
};

// A row of an upstream file that could not be taken, and why.
struct RiskImportRowError {
  size_t line = 0;
  Error error;
};
struct RiskImportResult {
  int64_t declared = 0;
  std::vector<RiskImportRowError> failed;
};

class RiskAreaService {
 public:
  RiskAreaService(RiskAreaRepository& repo, RegionRepository& regions, UnitOfWork& unit);

  Result<std::vector<DowngradeRule>> Rules();
  // The areas on `day`; those at low risk that day only when `with_low`.
  Result<std::vector<RiskAreaView>> OnDay(Date day, bool with_low);
  Result<std::pair<RiskAreaView, std::vector<RiskDeclaration>>> History(int64_t id, Date day);
  Result<RiskAreaView> Declare(const User& u, const DeclareInput& in, const std::string& source,
                               int64_t now);
  // A CSV file (UTF-8) with a header row naming 地区代码, 风险区域, 风险等级,
  // 生效日期 and optionally 最近病例日期, 备注. Good rows are declared, bad
  // ones reported with their line; nothing is lost.
  Result<RiskImportResult> Import(const User& u, std::string_view csv, int64_t now);

 private:
  Result<RiskDeclaration> Validate(const User& u, const DeclareInput& in, RiskArea& area,
                                   int64_t now);
  std::string PlaceOf(const std::string& county);
  RiskAreaView ViewOf(const RiskArea& a, std::vector<RiskDeclaration> declarations,
                      const std::vector<DowngradeRule>& rules, Date day);

  RiskAreaRepository& repo_;
  RegionRepository& regions_;
  UnitOfWork& unit_;
};

}  // namespace fangkong
