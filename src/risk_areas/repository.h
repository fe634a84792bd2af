// The storage risk areas need (store/risk_area_store.cpp implements it on both
// engines). Thread-safe; every method returns an Error of kind kInternal when
// the database fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "risk_areas/risk_area.h"

namespace fangkong {

class RiskAreaRepository {
 public:
  virtual ~RiskAreaRepository() = default;
  virtual Result<std::vector<DowngradeRule>> Rules() = 0;
  // The area of that county and name, made when new: its id.
  virtual Result<int64_t> AreaId(const RiskArea& a) = 0;
  virtual Result<std::optional<RiskArea>> FindArea(int64_t id) = 0;
  virtual Result<std::vector<RiskArea>> Areas() = 0;
  virtual Result<int64_t> InsertDeclaration(const RiskDeclaration& d) = 0;
  // Every area's declarations, in area and id order.
  virtual Result<std::vector<RiskDeclaration>> Declarations() = 0;
  virtual Result<std::vector<RiskDeclaration>> DeclarationsOf(int64_t area_id) = 0;
};

}  // namespace fangkong
