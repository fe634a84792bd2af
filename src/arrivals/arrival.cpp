#include "arrivals/arrival.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/code_names.h"
#include "core/id_number.h"

namespace fangkong {

namespace {

constexpr CodeName<ArrivalSource> kSources[] = {{ArrivalSource::kPush, "push"},
                                                {ArrivalSource::kGrid, "grid"},
                                                {ArrivalSource::kSelfReport, "self_report"},
                                                {ArrivalSource::kCheckpoint, "checkpoint"}};
constexpr CodeName<MatchKind> kMatches[] = {{MatchKind::kIdNumber, "id_number"},
                                            {MatchKind::kLinked, "linked"},
                                            {MatchKind::kChosen, "chosen"},
                                            {MatchKind::kUncertain, "uncertain"},
                                            {MatchKind::kUnmatched, "unmatched"}};
constexpr CodeName<ArrivalOutcome> kOutcomes[] = {{ArrivalOutcome::kNone, ""},
                                                  {ArrivalOutcome::kFound, "found"},
                                                  {ArrivalOutcome::kNotFound, "not_found"},
                                                  {ArrivalOutcome::kLeftCounty, "left_county"},
                                                  {ArrivalOutcome::kWrongData, "wrong_data"}};
constexpr CodeName<ArrivalStatus> kStatuses[] = {
    {ArrivalStatus::kAwaitingMatch, "awaiting_match"}, {ArrivalStatus::kToChoose, "to_choose"},
    {ArrivalStatus::kToVerify, "to_verify"},           {ArrivalStatus::kOverdue, "overdue"},
    {ArrivalStatus::kOutOfCounty, "out_of_county"},    {ArrivalStatus::kVerified, "verified"},
    {ArrivalStatus::kNotFound, "not_found"},           {ArrivalStatus::kLeftCounty, "left_county"},
    {ArrivalStatus::kWrongData, "wrong_data"}};

bool IsPush(const ArrivalReport& r) { return r.source == ArrivalSource::kPush; }

}  // namespace

const char* ArrivalSourceCode(ArrivalSource s) { return CodeOf(kSources, s); }
std::optional<ArrivalSource> ParseArrivalSource(std::string_view c) { return ValueOf(kSources, c); }
const char* MatchKindCode(MatchKind m) { return CodeOf(kMatches, m); }
std::optional<MatchKind> ParseMatchKind(std::string_view c) { return ValueOf(kMatches, c); }
const char* ArrivalOutcomeCode(ArrivalOutcome o) { return CodeOf(kOutcomes, o); }
std::optional<ArrivalOutcome> ParseArrivalOutcome(std::string_view c) {
  return ValueOf(kOutcomes, c);
}
const char* ArrivalStatusCode(ArrivalStatus s) { return CodeOf(kStatuses, s); }
std::optional<ArrivalStatus> ParseArrivalStatus(std::string_view c) {
  return ValueOf(kStatuses, c);
}

ArrivalStatus StatusOf(const Arrival& a, int64_t now) {
  switch (a.outcome) {
    case ArrivalOutcome::kFound:
      return ArrivalStatus::kVerified;
    case ArrivalOutcome::kNotFound:
      return ArrivalStatus::kNotFound;
    case ArrivalOutcome::kLeftCounty:
      return ArrivalStatus::kLeftCounty;
    case ArrivalOutcome::kWrongData:
      return ArrivalStatus::kWrongData;
    case ArrivalOutcome::kNone:
      break;
  }
  if (a.out_of_county) return ArrivalStatus::kOutOfCounty;
  if (a.match == MatchKind::kUncertain) return ArrivalStatus::kToChoose;
  // A row nobody matched is still verified by its destination when it names
  // one; otherwise it waits for a worker to find the person.
  if (a.person_id == 0 && a.match == MatchKind::kUnmatched && a.region_code.size() < 9)
    return ArrivalStatus::kAwaitingMatch;
  if (a.deadline_at != 0 && now > a.deadline_at) return ArrivalStatus::kOverdue;
  return ArrivalStatus::kToVerify;
}

bool SameJourney(const Arrival& a, int64_t person_id, const ArrivalReport& report,
                 bool id_number_valid) {
  bool same_person = person_id != 0
                         ? a.person_id == person_id
                         : (a.person_id == 0 && id_number_valid && !report.id_number.empty() &&
                            a.id_number == report.id_number);
  if (!same_person) return false;
  if (!report.arrival_date) return true;
  return std::abs(report.arrival_date->days() - a.arrival_date.days()) <= kSameJourneyDays;
}

void AddReport(Arrival& a, const ArrivalReport& r, int deadline_hours) {
  if (IsPush(r)) {
    if (a.pushed_at == 0 || r.reported_at < a.pushed_at) {
      a.pushed_at = r.reported_at;
      a.deadline_at = r.reported_at + int64_t{deadline_hours} * 3600;
    }
  } else if (a.grid_found_at == 0 || r.reported_at < a.grid_found_at) {
    a.grid_found_at = r.reported_at;
  }
  if (a.first_reported_at == 0 || r.reported_at < a.first_reported_at)
    a.first_reported_at = r.reported_at;
  auto fill = [](std::string& mine, const std::string& theirs) {
    if (mine.empty()) mine = theirs;
  };
  fill(a.id_number, r.id_number);
  fill(a.name, r.name);
  fill(a.phone, r.phone);
  fill(a.origin, r.origin);
}

Arrival NewArrival(const ArrivalReport& r, int deadline_hours) {
  Arrival a;
  a.arrival_date = r.arrival_date.value_or(Date());
  AddReport(a, r, deadline_hours);
  return a;
}

Status CheckDeadlineHours(int64_t hours) {
  if (hours < 1 || hours > 72) {
    return Fail(Error::Invalid("invalid_deadline_hours", "deadline_hours", std::to_string(hours),
                               "arrivals are verified within 1 to 72 hours",
                               "核查时限应为1至72小时"));
  }
  return {};
}

Status CheckOutcome(const Arrival& a, ArrivalOutcome outcome, const std::string& note) {
  if (outcome == ArrivalOutcome::kNone) {
    return Fail(Error::Invalid("invalid_outcome", "outcome", "",
                               "the outcome is found, not_found, left_county or wrong_data",
                               "核查结果应为已找到、查无此人、已离开本县或信息错误"));
  }
  if (a.outcome != ArrivalOutcome::kNone) {
    return Fail(Error::Conflict("outcome_recorded", "outcome", ArrivalOutcomeCode(a.outcome),
                                "the outcome of this arrival is recorded already",
                                "该人员的核查结果已登记"));
  }
  if (outcome == ArrivalOutcome::kFound && a.person_id == 0) {
    return Fail(Error::Invalid("person_not_matched", "person_id", "0",
                               "choose the person in the registry before recording them found",
                               "请先匹配到人员档案，再登记为已找到"));
  }
  if (outcome != ArrivalOutcome::kFound && note.empty()) {
    return Fail(Error::Invalid("note_required", "note", "",
                               "say what was done when the person was not found",
                               "未找到或信息错误时请填写核查说明"));
  }
  return {};
}

Status CheckSelfReport(const ArrivalReport& r, Date today) {
  auto parsed = ParseIdentityNumber(r.id_number, today);
  if (!parsed) return Fail(parsed.error());
  size_t chars = 0;
  for (unsigned char c : r.name) chars += (c & 0xC0) != 0x80;
  if (chars < 2 || chars > 20) {
    return Fail(Error::Invalid("invalid_name", "name", r.name, "a name has 2 to 20 characters",
                               "姓名应为2至20个字"));
  }
  if (auto phone = ParseMobilePhone(r.phone); !phone) return Fail(phone.error());
  if (r.origin.empty() || r.origin.size() > 200) {
    return Fail(Error::Invalid("invalid_origin", "origin", r.origin,
                               "say where you came from (up to 200 characters)",
                               "请填写来自何地（不超过200字）"));
  }
  if (!r.arrival_date || *r.arrival_date > today.AddDays(3) ||
      *r.arrival_date < today.AddDays(-14)) {
    return Fail(Error::Invalid("invalid_arrival_date", "arrival_date",
                               r.arrival_date ? r.arrival_date->Iso() : "",
                               "the arrival date is within the last 14 days or the next 3",
                               "抵达日期应在近14天内或未来3天内"));
  }
  if (r.destination_code.size() < 9) {
    return Fail(Error::Invalid("invalid_destination", "destination_code", r.destination_code,
                               "choose the township or village you are staying in",
                               "请选择在本县的居住乡镇或村（社区）"));
  }
  return {};
}

std::vector<ArrivalFigures> FiguresBy(const std::vector<Arrival>& arrivals, size_t code_length,
                                      int64_t now) {
  std::map<std::string, ArrivalFigures> by;
  std::map<std::string, std::vector<int64_t>> minutes;
  for (const auto& a : arrivals) {
    std::string key = a.region_code.substr(0, code_length);
    ArrivalFigures& f = by[key];
    f.region_code = key;
    ++f.arrivals;
    ArrivalStatus s = StatusOf(a, now);
    if (s == ArrivalStatus::kAwaitingMatch || s == ArrivalStatus::kToChoose) ++f.awaiting_match;
    if (a.pushed_at == 0) continue;
    ++f.pushed;
    if (a.grid_found_at != 0 && a.grid_found_at < a.pushed_at) ++f.found_before_push;
    if (a.outcome != ArrivalOutcome::kNone) {
      (a.outcome_at <= a.deadline_at ? f.verified_on_time : f.verified_late) += 1;
      minutes[key].push_back((a.outcome_at - a.pushed_at) / 60);
    } else if (now > a.deadline_at) {
      ++f.overdue;
    } else {
      ++f.open;
    }
  }
  std::vector<ArrivalFigures> out;
  for (auto& [key, f] : by) {
    if (f.pushed > 0)
      f.found_before_push_share = static_cast<double>(f.found_before_push) / f.pushed;
    auto& m = minutes[key];
    if (!m.empty()) {
      std::nth_element(m.begin(), m.begin() + m.size() / 2, m.end());
      f.median_minutes_to_verify = m[m.size() / 2];
    }
    out.push_back(f);
  }
  return out;
}

}  // namespace fangkong
