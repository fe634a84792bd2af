// A place on the administrative tree, named by its national division code.
// Levels are told apart by length: 2 province, 4 city, 6 county (GB/T 2260),
// 9 township/street, 12 village/community, 15 grid (a 3-digit suffix of ours).
// A subtree is a code prefix, so "under X" is a string-range scan.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace fangkong {

enum class RegionLevel { kProvince = 1, kCity, kCounty, kTownship, kVillage, kGrid };

class RegionCode {
 public:
  RegionCode() = default;
  // Validates digits and length; the error names `field`.
  static Result<RegionCode> Parse(std::string_view text, std::string_view field = "region");
  static RegionCode Root() { return RegionCode(); }  // the whole country

  const std::string& str() const { return code_; }
  bool is_root() const { return code_.empty(); }
  RegionLevel level() const;
  std::optional<RegionCode> Parent() const;
  // True if `other` is this node or lies below it.
  bool Contains(const RegionCode& other) const;
  bool Contains(std::string_view other_code) const;
  // Exclusive upper bound of the subtree's string range: [str(), UpperBound()).
  std::string UpperBound() const;

  auto operator<=>(const RegionCode&) const = default;

 private:
  explicit RegionCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

const char* RegionLevelName(RegionLevel level);  // "province", ...
// Code length of a level (2,4,6,9,12,15).
size_t RegionCodeLength(RegionLevel level);

}  // namespace fangkong
