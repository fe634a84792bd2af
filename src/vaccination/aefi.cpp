#include "vaccination/aefi.h"

#include <array>

namespace fangkong {

namespace {

template <typename E, size_t N>
const char* CodeOf(const std::array<std::pair<E, const char*>, N>& table, E e) {
  for (const auto& [k, v] : table)
    if (k == e) return v;
  return "";
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, const char*>, N>& table, std::string_view s) {
  for (const auto& [k, v] : table)
    if (s == v) return k;
  return std::nullopt;
}

constexpr std::array<std::pair<AefiSeverity, const char*>, 3> kSeverities{
    {{AefiSeverity::kMild, "mild"},
     {AefiSeverity::kModerate, "moderate"},
     {AefiSeverity::kSevere, "severe"}}};
constexpr std::array<std::pair<AefiOutcome, const char*>, 5> kOutcomes{
    {{AefiOutcome::kRecovering, "recovering"},
     {AefiOutcome::kRecovered, "recovered"},
     {AefiOutcome::kSequelae, "sequelae"},
     {AefiOutcome::kDied, "died"},
     {AefiOutcome::kUnknown, "unknown"}}};
constexpr std::array<std::pair<AefiClass, const char*>, 8> kClasses{
    {{AefiClass::kPending, "pending"},
     {AefiClass::kCommonReaction, "common_reaction"},
     {AefiClass::kRareReaction, "rare_reaction"},
     {AefiClass::kQualityDefect, "quality_defect"},
     {AefiClass::kProgrammeError, "programme_error"},
     {AefiClass::kCoincidental, "coincidental"},
     {AefiClass::kAnxiety, "anxiety"},
     {AefiClass::kUndetermined, "undetermined"}}};
constexpr std::array<std::pair<AefiClass, const char*>, 8> kClassesZh{
    {{AefiClass::kPending, "待调查诊断"},
     {AefiClass::kCommonReaction, "一般反应"},
     {AefiClass::kRareReaction, "异常反应"},
     {AefiClass::kQualityDefect, "疫苗质量事故"},
     {AefiClass::kProgrammeError, "接种事故"},
     {AefiClass::kCoincidental, "偶合症"},
     {AefiClass::kAnxiety, "心因性反应"},
     {AefiClass::kUndetermined, "不能判定"}}};

}  // namespace

const char* AefiSeverityCode(AefiSeverity s) { return CodeOf(kSeverities, s); }
const char* AefiOutcomeCode(AefiOutcome o) { return CodeOf(kOutcomes, o); }
const char* AefiClassCode(AefiClass c) { return CodeOf(kClasses, c); }
const char* AefiClassZh(AefiClass c) { return CodeOf(kClassesZh, c); }
std::optional<AefiSeverity> ParseAefiSeverity(std::string_view s) { return Parse(kSeverities, s); }
std::optional<AefiOutcome> ParseAefiOutcome(std::string_view s) { return Parse(kOutcomes, s); }
std::optional<AefiClass> ParseAefiClass(std::string_view s) { return Parse(kClasses, s); }

const std::vector<std::pair<std::string, std::string>>& AefiSymptoms() {
  static const std::vector<std::pair<std::string, std::string>> symptoms = {
      {"fever", "发热"},
      {"local_reaction", "局部红肿硬结"},
      {"fatigue", "乏力"},
      {"headache", "头痛"},
      {"rash", "皮疹"},
      {"allergic", "过敏反应"},
      {"anaphylaxis", "过敏性休克"},
      {"syncope", "晕厥"},
      {"convulsion", "惊厥"},
      {"thrombocytopenia", "血小板减少性紫癜"},
      {"neurological", "神经系统反应（如格林-巴利综合征）"},
      {"other", "其他"},
  };
  return symptoms;
}

bool IsSerious(const AefiReport& r) {
  if (r.serious || r.severity == AefiSeverity::kSevere || r.outcome == AefiOutcome::kDied)
    return true;
  for (const auto& s : r.symptoms)
    if (s == "anaphylaxis") return true;
  return false;
}

}  // namespace fangkong
