// Campaigns and their phases (三步走): who is to be vaccinated, with which
// dose, by when, and how many. A phase's target group is a set of rules
// over the registry (age, occupation, employer industry, health tags,
// residency); a person in any rule is in the group. The rules and the
// arithmetic of targets and rates are pure functions here; campaign_service.h
// counts the groups and reads the figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/person.h"

namespace fangkong {

// The dose a phase counts: a person counts once they have it.
enum class CountingDose { kFirst, kFullSeries, kBooster };
const char* CountingDoseCode(CountingDose d);  // first, full_series, booster
const char* CountingDoseZh(CountingDose d);    // 第一剂, 全程, 加强
std::optional<CountingDose> ParseCountingDose(std::string_view s);

// What a phase's target is measured against.
enum class TargetKind { kShareOfGroup, kShareOfResidents, kAbsolute };
const char* TargetKindCode(TargetKind k);  // share_of_group, share_of_residents, absolute
std::optional<TargetKind> ParseTargetKind(std::string_view s);

// Everyone meeting every condition given; an empty list means any.
struct GroupRule {
  int min_age = 0;                       // completed years on the phase's first day
  int max_age = 150;                     // inclusive
  std::vector<std::string> occupations;  // OccupationCategories() codes
  std::vector<std::string> industries;   // the employer's industry, same codes
  std::vector<std::string> tags;         // HealthTags(): any of them
  std::vector<std::string> residency;    // usual, floating (away people are never residents)

  bool operator==(const GroupRule&) const = default;
};

struct Phase {
  int64_t id = 0;
  int number = 1;  // 1, 2, 3: the order of the steps
  std::string name;
  Date start, end;  // both included
  CountingDose dose = CountingDose::kFirst;
  TargetKind target_kind = TargetKind::kShareOfResidents;
  // Basis points of the denominator for a share (4000 = 40%, 7760 = 77.6%);
  // people for an absolute target.
  int64_t target = 0;
  // The figure the county declared for the group or population when the
  // registry is known to be incomplete; 0 when the registry's count is used.
  int64_t declared_population = 0;
  std::vector<GroupRule> groups;  // empty: every resident

  bool EveryResident() const { return groups.empty(); }
};

struct Campaign {
  int64_t id = 0;
  std::string name;
  std::string disease = "covid19";
  std::string region_code;  // the unit that runs it (a county, usually)
  int64_t created_by = 0, created_at = 0;
  std::vector<Phase> phases;  // by number
};

// What a client sends; every value as text so the rules can name it.
struct GroupRuleInput {
  std::optional<std::string> min_age, max_age;
  std::vector<std::string> occupations, industries, tags, residency;
};
struct PhaseInput {
  std::optional<std::string> name, start, end, dose, target_kind, target, declared_population;
  std::vector<GroupRuleInput> groups;
};
struct CampaignInput {
  std::optional<std::string> name, disease, region_code;
  std::vector<PhaseInput> phases;
};

// A valid campaign from input, or the first rule broken, naming the field
// as a path ("phases[1].end"). `diseases` are the catalogue's codes. Rules:
// name 1-100 characters; a known disease; 1-10 phases, each with a name,
// real dates, an end not before its start, a known dose and target kind, a
// share above 0 and at most 100% (one decimal), an absolute target above 0,
// ages 0-150 with min <= max, and known codes in the rules.
Result<Campaign> ApplyCampaignInput(const CampaignInput& in,
                                    const std::vector<std::string>& diseases);

// Whether the place `code` lies in the unit `unit` (its code is a prefix).
bool Within(std::string_view code, std::string_view unit);

// Whether the person is in the rule on `on`; `industry` is their employer's
// (empty when none).
bool MatchesRule(const GroupRule& r, const Person& p, std::string_view industry, Date on);
// Whether the person is in the phase's group: a resident in any of its rules
// on the phase's first day (every resident when it has none).
bool InGroup(const Phase& phase, const Person& p, std::string_view industry);

// The people a phase aims at: a share (rounded up) of the group or of the
// residents, the declared figure taking the registry's place when given, or
// the absolute number.
int64_t TargetPeople(const Phase& phase, int64_t group_population, int64_t residents);

// What a clerk is told when a dose of `disease` entered for someone living
// at `region` is dated `given_on`, before one of `campaigns` began there:
// the person counts as vaccinated from that day, and the campaign's frozen
// daily reports stay as they were. One sentence per campaign, English and
// Chinese.
struct CampaignNote {
  int64_t campaign_id = 0;
  std::string message, message_zh;
};
std::vector<CampaignNote> NotesOnEarlierDose(const std::vector<Campaign>& campaigns,
                                             std::string_view disease, std::string_view region,
                                             Date given_on);

}  // namespace fangkong
