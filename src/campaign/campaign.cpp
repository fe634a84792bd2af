#include "campaign/campaign.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"

namespace fangkong {

namespace {

Error Invalid(const std::string& field, std::string_view value, std::string en, std::string zh,
              std::string code = "invalid_value") {
  return Error::Invalid(std::move(code), field, value, std::move(en), std::move(zh));
}

Error Required(const std::string& field, std::string en, std::string zh) {
  return Error::Invalid("required", field, "", std::move(en), std::move(zh));
}

std::optional<int64_t> ParseWhole(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// "40", "40%", "77.6": basis points, at most one decimal.
std::optional<int64_t> ParsePercent(std::string_view s) {
  if (!s.empty() && s.back() == '%') s.remove_suffix(1);
  auto dot = s.find('.');
  auto whole = ParseWhole(s.substr(0, dot));
  if (!whole || *whole < 0 || *whole > 1000) return std::nullopt;
  int64_t tenths = 0;
  if (dot != std::string_view::npos) {
    auto frac = s.substr(dot + 1);
    if (frac.size() != 1 || frac[0] < '0' || frac[0] > '9') return std::nullopt;
    tenths = frac[0] - '0';
  }
  return *whole * 100 + tenths * 10;
}

bool Known(const std::vector<Code>& codes, const std::string& s) {
  return std::any_of(codes.begin(), codes.end(), [&](const Code& c) { return c.code == s; });
}

Result<std::vector<std::string>> KnownCodes(const std::vector<std::string>& given,
                                            const std::vector<Code>& codes,
                                            const std::string& field, const char* what_zh) {
  std::vector<std::string> out;
  for (const auto& g : given) {
    if (!Known(codes, g)) {
      return Fail(Invalid(field, g, "unknown code (see GET /api/v1/codes)",
                          std::string("未知的") + what_zh + "代码"));
    }
    if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<int> Age(const std::optional<std::string>& s, int fallback, const std::string& field) {
  if (!s || s->empty()) return fallback;
  auto v = ParseWhole(*s);
  if (!v || *v < 0 || *v > 150) {
    return Fail(Invalid(field, *s, "an age in whole years from 0 to 150", "年龄应为0至150的整数"));
  }
  return static_cast<int>(*v);
}

Result<GroupRule> ApplyRule(const GroupRuleInput& in, const std::string& at) {
  GroupRule r;
  auto min = Age(in.min_age, 0, at + ".min_age");
  if (!min) return Fail(min.error());
  auto max = Age(in.max_age, 150, at + ".max_age");
  if (!max) return Fail(max.error());
  if (*max < *min) {
    return Fail(Invalid(at + ".max_age", *in.max_age,
                        "the highest age is below the lowest (" + std::to_string(*min) + ")",
                        "最大年龄小于最小年龄（" + std::to_string(*min) + "）"));
  }
  r.min_age = *min;
  r.max_age = *max;
  auto occupations =
      KnownCodes(in.occupations, OccupationCategories(), at + ".occupations", "职业");
  if (!occupations) return Fail(occupations.error());
  auto industries = KnownCodes(in.industries, OccupationCategories(), at + ".industries", "行业");
  if (!industries) return Fail(industries.error());
  auto tags = KnownCodes(in.tags, HealthTags(), at + ".tags", "健康标签");
  if (!tags) return Fail(tags.error());
  static const std::vector<Code> kResident = {{"usual", "Usual resident", "户籍常住"},
                                              {"floating", "Floating resident", "流动人口"}};
  auto residency = KnownCodes(in.residency, kResident, at + ".residency", "居住类型");
  if (!residency) return Fail(residency.error());
  r.occupations = std::move(*occupations);
  r.industries = std::move(*industries);
  r.tags = std::move(*tags);
  r.residency = std::move(*residency);
  return r;
}

Result<Date> PhaseDate(const std::optional<std::string>& s, const std::string& field) {
  if (!s || s->empty()) return Fail(Required(field, "the date is required", "请填写日期"));
  auto d = Date::Parse(*s);
  if (!d)
    return Fail(Invalid(field, *s, "not a real date (YYYY-MM-DD)", "日期无效（应为YYYY-MM-DD）"));
  return *d;
}

Status ApplyTarget(const PhaseInput& in, const std::string& at, Phase& p) {
  if (!in.target_kind || in.target_kind->empty()) {
    return Fail(Required(at + ".target_kind", "the kind of target is required", "请选择目标类型"));
  }
  auto kind = ParseTargetKind(*in.target_kind);
  if (!kind) {
    return Fail(Invalid(at + ".target_kind", *in.target_kind,
                        "share_of_group, share_of_residents or absolute",
                        "目标类型应为目标人群比例、常住人口比例或绝对数"));
  }
  p.target_kind = *kind;
  if (!in.target || in.target->empty()) {
    return Fail(Required(at + ".target", "the target is required", "请填写目标"));
  }
  if (*kind == TargetKind::kAbsolute) {
    auto n = ParseWhole(*in.target);
    if (!n || *n <= 0) {
      return Fail(Invalid(at + ".target", *in.target, "a number of people above 0",
                          "目标人数应为大于0的整数"));
    }
    p.target = *n;
  } else {
    auto bp = ParsePercent(*in.target);
    if (!bp || *bp <= 0) {
      return Fail(Invalid(at + ".target", *in.target, "a percentage above 0, one decimal at most",
                          "目标比例应为大于0的百分数，最多一位小数"));
    }
    if (*bp > 10000) {
      return Fail(Invalid(at + ".target", *in.target, "a target above 100% of its group",
                          "目标比例超过100%", "target_above_group"));
    }
    p.target = *bp;
  }
  if (in.declared_population && !in.declared_population->empty()) {
    auto n = ParseWhole(*in.declared_population);
    if (!n || *n < 0) {
      return Fail(Invalid(at + ".declared_population", *in.declared_population,
                          "a number of people, 0 or more", "申报基数应为不小于0的整数"));
    }
    p.declared_population = *n;
  }
  return {};
}

Result<Phase> ApplyPhase(const PhaseInput& in, const std::string& at, int number) {
  Phase p;
  p.number = number;
  p.name = Trim(in.name.value_or(""));
  if (p.name.empty())
    return Fail(Required(at + ".name", "the phase needs a name", "请填写阶段名称"));
  if (Utf8Length(p.name) > 100) {
    return Fail(Invalid(at + ".name", p.name, "at most 100 characters", "名称最多100个字"));
  }
  auto start = PhaseDate(in.start, at + ".start");
  if (!start) return Fail(start.error());
  auto end = PhaseDate(in.end, at + ".end");
  if (!end) return Fail(end.error());
  if (*end < *start) {
    return Fail(Invalid(at + ".end", *in.end,
                        "the phase ends before it starts (" + start->Iso() + ")",
                        "阶段结束日期早于开始日期（" + start->Iso() + "）", "ends_before_start"));
  }
  p.start = *start;
  p.end = *end;
  auto dose = ParseCountingDose(in.dose.value_or("first"));
  if (!dose) {
    return Fail(Invalid(at + ".dose", *in.dose, "first, full_series or booster",
                        "计数剂次应为第一剂、全程或加强"));
  }
  p.dose = *dose;
  if (auto s = ApplyTarget(in, at, p); !s) return Fail(s.error());
  if (in.groups.size() > 20) {
    return Fail(Invalid(at + ".groups", std::to_string(in.groups.size()), "at most 20 rules",
                        "人群规则最多20条"));
  }
  for (size_t i = 0; i < in.groups.size(); ++i) {
    auto r = ApplyRule(in.groups[i], at + ".groups[" + std::to_string(i) + "]");
    if (!r) return Fail(r.error());
    p.groups.push_back(std::move(*r));
  }
  if (p.target_kind == TargetKind::kShareOfGroup && p.groups.empty() &&
      p.declared_population == 0) {
    // Every resident is the group: the same as a share of the residents.
    p.target_kind = TargetKind::kShareOfResidents;
  }
  return p;
}

}  // namespace

const char* CountingDoseCode(CountingDose d) {
  switch (d) {
    case CountingDose::kFirst:
      return "first";
    case CountingDose::kFullSeries:
      return "full_series";
    case CountingDose::kBooster:
      return "booster";
  }
  return "first";
}

const char* CountingDoseZh(CountingDose d) {
  switch (d) {
    case CountingDose::kFirst:
      return "第一剂";
    case CountingDose::kFullSeries:
      return "全程";
    case CountingDose::kBooster:
      return "加强";
  }
  return "第一剂";
}

std::optional<CountingDose> ParseCountingDose(std::string_view s) {
  for (auto d : {CountingDose::kFirst, CountingDose::kFullSeries, CountingDose::kBooster})
    if (s == CountingDoseCode(d) || s == CountingDoseZh(d)) return d;
  return std::nullopt;
}

const char* TargetKindCode(TargetKind k) {
  switch (k) {
    case TargetKind::kShareOfGroup:
      return "share_of_group";
    case TargetKind::kShareOfResidents:
      return "share_of_residents";
    case TargetKind::kAbsolute:
      return "absolute";
  }
  return "absolute";
}

std::optional<TargetKind> ParseTargetKind(std::string_view s) {
  for (auto k : {TargetKind::kShareOfGroup, TargetKind::kShareOfResidents, TargetKind::kAbsolute})
    if (s == TargetKindCode(k)) return k;
  return std::nullopt;
}

Result<Campaign> ApplyCampaignInput(const CampaignInput& in,
                                    const std::vector<std::string>& diseases) {
  Campaign c;
  c.name = Trim(in.name.value_or(""));
  if (c.name.empty()) return Fail(Required("name", "the campaign needs a name", "请填写任务名称"));
  if (Utf8Length(c.name) > 100) {
    return Fail(Invalid("name", c.name, "at most 100 characters", "名称最多100个字"));
  }
  c.disease = in.disease.value_or("covid19");
  if (std::find(diseases.begin(), diseases.end(), c.disease) == diseases.end()) {
    return Fail(
        Invalid("disease", c.disease, "not a disease of the catalogue", "疫苗目录中没有该疾病"));
  }
  c.region_code = in.region_code.value_or("");
  if (in.phases.empty()) {
    return Fail(Required("phases", "a campaign has at least one phase", "至少需要一个阶段"));
  }
  if (in.phases.size() > 10) {
    return Fail(
        Invalid("phases", std::to_string(in.phases.size()), "at most 10 phases", "阶段最多10个"));
  }
  for (size_t i = 0; i < in.phases.size(); ++i) {
    auto p = ApplyPhase(in.phases[i], "phases[" + std::to_string(i) + "]", static_cast<int>(i) + 1);
    if (!p) return Fail(p.error());
    c.phases.push_back(std::move(*p));
  }
  return c;
}

bool Within(std::string_view code, std::string_view unit) {
  return code.substr(0, unit.size()) == unit;
}

bool MatchesRule(const GroupRule& r, const Person& p, std::string_view industry, Date on) {
  int age = p.birth_date.AgeOn(on);
  if (age < r.min_age || age > r.max_age) return false;
  auto in = [](const std::vector<std::string>& v, std::string_view s) {
    return v.empty() || std::find(v.begin(), v.end(), s) != v.end();
  };
  if (!in(r.occupations, p.occupation) || !in(r.industries, industry)) return false;
  if (!in(r.residency, ResidencyCode(p.residency))) return false;
  if (r.tags.empty()) return true;
  return std::any_of(p.tags.begin(), p.tags.end(), [&](const std::string& t) {
    return std::find(r.tags.begin(), r.tags.end(), t) != r.tags.end();
  });
}

bool InGroup(const Phase& phase, const Person& p, std::string_view industry) {
  if (!p.IsResident()) return false;
  if (phase.EveryResident()) return true;
  return std::any_of(phase.groups.begin(), phase.groups.end(),
                     [&](const GroupRule& r) { return MatchesRule(r, p, industry, phase.start); });
}

int64_t TargetPeople(const Phase& phase, int64_t group_population, int64_t residents) {
  if (phase.target_kind == TargetKind::kAbsolute) return phase.target;
  int64_t base = phase.target_kind == TargetKind::kShareOfGroup ? group_population : residents;
  if (phase.declared_population > 0) base = phase.declared_population;
  return (base * phase.target + 9999) / 10000;
}

std::vector<CampaignNote> NotesOnEarlierDose(const std::vector<Campaign>& campaigns,
                                             std::string_view disease, std::string_view region,
                                             Date given_on) {
  std::vector<CampaignNote> out;
  for (const auto& c : campaigns) {
    if (c.disease != disease || c.phases.empty() || !Within(region, c.region_code)) continue;
    Date begun = c.phases.front().start;
    for (const auto& p : c.phases) begun = std::min(begun, p.start);
    if (!(given_on < begun)) continue;
    out.push_back({c.id,
                   "the dose of " + given_on.Iso() + " is before " + c.name + " began (" +
                       begun.Iso() + "): the person counts as vaccinated from " + given_on.Iso() +
                       ", and the daily reports already frozen stay as they were",
                   "该剂次接种日期" + given_on.Iso() + "早于" + c.name + "开始日期（" + begun.Iso() +
                       "）：受种者自" + given_on.Iso() + "起计入已接种，已生成的日报不变"});
  }
  return out;
}

}  // namespace fangkong
