#include "core/region_code.h"

namespace fangkong {

Result<RegionCode> RegionCode::Parse(std::string_view text, std::string_view field) {
  for (char c : text) {
    if (c < '0' || c > '9') {
      return Fail(Error::Invalid("invalid_region_code", std::string(field), text,
                                 "region code must contain digits only",
                                 "行政区划代码只能由数字组成"));
    }
  }
  switch (text.size()) {
    case 2: case 4: case 6: case 9: case 12: case 15:
      return RegionCode(std::string(text));
    default:
      return Fail(Error::Invalid(
          "invalid_region_code", std::string(field), text,
          "region code must have 2, 4, 6, 9, 12 or 15 digits (province to grid)",
          "行政区划代码应为2、4、6、9、12或15位数字（省至网格）"));
  }
}

RegionLevel RegionCode::level() const {
  switch (code_.size()) {
    case 2: return RegionLevel::kProvince;
    case 4: return RegionLevel::kCity;
    case 6: return RegionLevel::kCounty;
    case 9: return RegionLevel::kTownship;
    case 12: return RegionLevel::kVillage;
    default: return RegionLevel::kGrid;
  }
}

std::optional<RegionCode> RegionCode::Parent() const {
  switch (code_.size()) {
    case 0: return std::nullopt;
    case 2: return RegionCode();
    case 4: case 6: return RegionCode(code_.substr(0, code_.size() - 2));
    default: return RegionCode(code_.substr(0, code_.size() - 3));
  }
}

bool RegionCode::Contains(std::string_view other) const {
  return other.size() >= code_.size() && other.substr(0, code_.size()) == code_;
}
bool RegionCode::Contains(const RegionCode& other) const { return Contains(other.code_); }

std::string RegionCode::UpperBound() const {
  // Codes are digits only, so ':' (after '9') closes the range.
  return code_ + ":";
}

const char* RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "province";
    case RegionLevel::kCity: return "city";
    case RegionLevel::kCounty: return "county";
    case RegionLevel::kTownship: return "township";
    case RegionLevel::kVillage: return "village";
    case RegionLevel::kGrid: return "grid";
  }
  return "unknown";
}

size_t RegionCodeLength(RegionLevel level) {
  static constexpr size_t kLen[] = {0, 2, 4, 6, 9, 12, 15};
  return kLen[static_cast<int>(level)];
}

}  // namespace fangkong
