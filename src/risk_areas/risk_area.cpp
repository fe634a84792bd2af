#include "risk_areas/risk_area.h"

#include <algorithm>

#include "core/text.h"

namespace fangkong {

const char* RiskLevelCode(RiskLevel l) {
  switch (l) {
    case RiskLevel::kHigh:
      return "high";
    case RiskLevel::kMedium:
      return "medium";
    case RiskLevel::kLow:
      break;
  }
  return "low";
}

const char* RiskLevelZh(RiskLevel l) {
  switch (l) {
    case RiskLevel::kHigh:
      return "高风险";
    case RiskLevel::kMedium:
      return "中风险";
    case RiskLevel::kLow:
      break;
  }
  return "低风险";
}

std::optional<RiskLevel> ParseRiskLevel(std::string_view s) {
  if (s == "high" || s == "高风险" || s == "高") return RiskLevel::kHigh;
  if (s == "medium" || s == "中风险" || s == "中") return RiskLevel::kMedium;
  if (s == "low" || s == "低风险" || s == "低") return RiskLevel::kLow;
  return std::nullopt;
}

std::vector<DowngradeRule> RulesInForce(const std::vector<DowngradeRule>& rules, Date day) {
  const DowngradeRule* newest = nullptr;
  for (const auto& r : rules)
    if (r.in_force_from <= day && (!newest || r.in_force_from > newest->in_force_from)) newest = &r;
  std::vector<DowngradeRule> out;
  if (!newest) return out;
  for (const auto& r : rules)
    if (r.edition == newest->edition) out.push_back(r);
  return out;
}

Status CheckDeclaration(const RiskDeclaration& d, Date today) {
  if (d.from > today.AddDays(30)) {
    return Fail(Error::Invalid("invalid_date", "from", d.from.Iso(),
                               "a declaration takes effect within the next 30 days",
                               "生效日期不能晚于30天之后"));
  }
  if (d.last_case && *d.last_case > d.from) {
    return Fail(Error::Invalid(
        "case_after_declaration", "last_case_on", d.last_case->Iso(),
        "the last case is on or before the declaration's day (" + d.from.Iso() +
            "): declare again from the day of a new case",
        "最近病例日期不能晚于生效日期（" + d.from.Iso() + "），新发病例请自病例日期起重新认定"));
  }
  return {};
}

Status CheckRiskArea(const RiskArea& a) {
  bool digits =
      a.region_code.size() == 6 && std::all_of(a.region_code.begin(), a.region_code.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || a.region_code.substr(4) == "00") {
    return Fail(Error::Invalid("invalid_region", "region_code", a.region_code,
                               "the 6-digit code of the county or district the area lies in",
                               "应为风险地区所在县（区）的6位行政区划代码"));
  }
  size_t chars = Utf8Length(a.name);
  if (chars < 2 || chars > 100) {
    return Fail(Error::Invalid("invalid_name", "name", a.name,
                               "the area's name, 2 to 100 characters",
                               "风险区域名称应为2至100个字"));
  }
  return {};
}

namespace {

const DowngradeRule* RuleFrom(const std::vector<DowngradeRule>& rules, RiskLevel level) {
  for (const auto& r : rules)
    if (r.from == level && r.days > 0 && r.to < level) return &r;
  return nullptr;
}

// The spans of one declaration, up to `end` (the day before the next one).
void Unfold(const RiskDeclaration& d, std::optional<Date> end,
            const std::vector<DowngradeRule>& rules, std::vector<LevelSpan>& out) {
  RiskLevel level = d.level;
  Date from = d.from;
  Date since = d.last_case.value_or(d.from);
  bool by_rule = false;
  while (true) {
    const DowngradeRule* r = RuleFrom(rules, level);
    Date change = r ? since.AddDays(r->days) : Date();
    if (!r || (end && change > *end)) {
      out.push_back(LevelSpan{level, from, end, by_rule});
      return;
    }
    if (change > from) out.push_back(LevelSpan{level, from, change.AddDays(-1), by_rule});
    from = std::max(from, change);
    since = change;
    level = r->to;
    by_rule = true;
  }
}

}  // namespace

std::vector<LevelSpan> Timeline(std::vector<RiskDeclaration> declarations,
                                const std::vector<DowngradeRule>& rules) {
  std::stable_sort(declarations.begin(), declarations.end(),
                   [](const RiskDeclaration& a, const RiskDeclaration& b) {
                     return a.from < b.from || (a.from == b.from && a.id < b.id);
                   });
  std::vector<LevelSpan> out;
  for (size_t i = 0; i < declarations.size(); ++i) {
    const auto& d = declarations[i];
    // A later declaration of the same day replaces this one.
    if (i + 1 < declarations.size() && declarations[i + 1].from == d.from) continue;
    std::optional<Date> end;
    if (i + 1 < declarations.size()) end = declarations[i + 1].from.AddDays(-1);
    Unfold(d, end, RulesInForce(rules, d.from), out);
  }
  // Neighbours at one level are one stretch.
  std::vector<LevelSpan> merged;
  for (const auto& s : out) {
    if (!merged.empty() && merged.back().level == s.level && merged.back().until &&
        merged.back().until->AddDays(1) == s.from) {
      merged.back().until = s.until;
      continue;
    }
    merged.push_back(s);
  }
  return merged;
}

const LevelSpan* SpanOn(const std::vector<LevelSpan>& timeline, Date day) {
  for (const auto& s : timeline)
    if (s.from <= day && (!s.until || day <= *s.until)) return &s;
  return nullptr;
}

RiskLevel LevelOn(const std::vector<LevelSpan>& timeline, Date day) {
  const LevelSpan* s = SpanOn(timeline, day);
  return s ? s->level : RiskLevel::kLow;
}

}  // namespace fangkong
