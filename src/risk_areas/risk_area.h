// Risk areas (中高风险地区): places anywhere in the country declared high or
// medium risk, each with the history of its declarations. A declaration
// holds from its day until the next one; within it the level falls by the
// downgrade rules (data: a row per step, e.g. high to medium after 7 days
// without a new case, medium to low after 3 more), counted from the last
// case. So an area's level on any day, past or future, is computed from its
// declarations and the rules in force, never stored. Everything here is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class RiskLevel { kLow = 0, kMedium = 1, kHigh = 2 };
const char* RiskLevelCode(RiskLevel l);
const char* RiskLevelZh(RiskLevel l);
// "high", "medium", "low" or 高风险/中风险/低风险 (高/中/低).
std::optional<RiskLevel> ParseRiskLevel(std::string_view s);

// One step down: an area at `from` goes to `to` after `days` days without a
// new case (since the last case, or since it reached `from`). The rules in
// force on a day are those of the newest edition in force by then.
struct DowngradeRule {
  std::string edition;
  Date in_force_from;
  RiskLevel from = RiskLevel::kHigh;
  RiskLevel to = RiskLevel::kMedium;
  int days = 0;
};
// The rules of the edition in force on `day` (empty: none in force).
std::vector<DowngradeRule> RulesInForce(const std::vector<DowngradeRule>& rules, Date day);

struct RiskArea {
  int64_t id = 0;
  std::string region_code;  // the county (district) it lies in: 6 digits
  std::string name;         // e.g. "金桥镇 碧云社区"
};

struct RiskDeclaration {
  int64_t id = 0;
  int64_t area_id = 0;
  RiskLevel level = RiskLevel::kHigh;
  Date from;
  std::optional<Date> last_case;  // the newest case there, on or before `from`
  std::string source;             // "county", "import"
  std::string note;
  int64_t user_id = 0;
  int64_t at = 0;
};

// A new declaration's own rules: a real level, a last case on or before its
// day, no day more than 30 days ahead.
Status CheckDeclaration(const RiskDeclaration& d, Date today);
// An area's own rules: a 6-digit county code, a name of 2-100 characters.
Status CheckRiskArea(const RiskArea& a);

// A stretch of days at one level; `until` empty: from then on.
struct LevelSpan {
  RiskLevel level = RiskLevel::kLow;
  Date from;
  std::optional<Date> until;  // the last day at this level
  bool by_rule = false;       // reached by a downgrade rule, not declared
};
// The area's levels from its first declaration on, in day order.
std::vector<LevelSpan> Timeline(std::vector<RiskDeclaration> declarations,
                                const std::vector<DowngradeRule>& rules);
// The level on `day` (low before the first declaration).
RiskLevel LevelOn(const std::vector<LevelSpan>& timeline, Date day);
// The span holding `day`, if any.
const LevelSpan* SpanOn(const std::vector<LevelSpan>& timeline, Date day);

}  // namespace fangkong
