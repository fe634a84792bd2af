#include "tracing/tracing.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/code_names.h"

namespace fangkong {

namespace {

constexpr CodeName<CaseKind> kKinds[] = {{CaseKind::kConfirmed, "confirmed"},
                                         {CaseKind::kAsymptomatic, "asymptomatic"}};
constexpr CodeName<ContactType> kTypes[] = {{ContactType::kClose, "close"},
                                            {ContactType::kSecondary, "secondary"},
                                            {ContactType::kGeneral, "general"}};
constexpr CodeName<Certainty> kCertainties[] = {{Certainty::kConfirmed, "confirmed"},
                                                {Certainty::kProbable, "probable"},
                                                {Certainty::kPossible, "possible"}};
constexpr CodeName<DeadlineState> kStates[] = {{DeadlineState::kOpen, "open"},
                                               {DeadlineState::kDoneOnTime, "done_on_time"},
                                               {DeadlineState::kDoneLate, "done_late"},
                                               {DeadlineState::kBreached, "breached"}};

// How long before its report a case may have exposed others.
constexpr int64_t kExposureWindow = 14 * 86400;

}  // namespace

const char* CaseKindCode(CaseKind k) { return CodeOf(kKinds, k); }
std::optional<CaseKind> ParseCaseKind(std::string_view c) { return ValueOf(kKinds, c); }
const char* ContactTypeCode(ContactType t) { return CodeOf(kTypes, t); }
std::optional<ContactType> ParseContactType(std::string_view c) { return ValueOf(kTypes, c); }
const char* CertaintyCode(Certainty c) { return CodeOf(kCertainties, c); }
std::optional<Certainty> ParseCertainty(std::string_view c) { return ValueOf(kCertainties, c); }
const char* DeadlineStateCode(DeadlineState s) { return CodeOf(kStates, s); }

Status CheckContact(const ContactEdge& e, const Case& c, int64_t case_person,
                    const std::vector<int64_t>& close, int64_t now) {
  std::string who = std::to_string(e.contact_person);
  if (e.contact_person == e.source_person) {
    return Fail(Error::Invalid("contact_with_oneself", "person_id", who,
                               "a person is not their own contact", "密接人员不能是其本人"));
  }
  if (e.contact_person == case_person) {
    return Fail(Error::Invalid("case_as_contact", "person_id", who,
                               "the case is not a contact of its own tracing",
                               "病例本人不能登记为本病例的接触者"));
  }
  if (e.exposure_at > now || e.exposure_at < c.reported_at - kExposureWindow) {
    return Fail(Error::Invalid("invalid_exposure_at", "exposure_at", std::to_string(e.exposure_at),
                               "the exposure is within the 14 days before the report, not later "
                               "than now",
                               "接触时间应在病例报告前14天内，且不晚于当前时间"));
  }
  bool from_case = e.source_person == case_person;
  bool from_close = std::find(close.begin(), close.end(), e.source_person) != close.end();
  if (e.type == ContactType::kClose && !from_case) {
    return Fail(Error::Invalid(
        "close_needs_case", "source_person_id", std::to_string(e.source_person),
        "a close contact is exposed to the case itself", "密切接触者应与病例本人有接触"));
  }
  if (e.type == ContactType::kSecondary && !from_close) {
    return Fail(
        Error::Invalid("secondary_needs_close", "source_person_id", std::to_string(e.source_person),
                       "a secondary close contact is exposed to a close contact of the case",
                       "次密切接触者应与本病例的密切接触者有接触"));
  }
  if (e.type == ContactType::kGeneral && !from_case && !from_close) {
    return Fail(Error::Invalid("unknown_source", "source_person_id",
                               std::to_string(e.source_person),
                               "the source is the case or one of its close contacts",
                               "接触来源应为病例本人或其密切接触者"));
  }
  return {};
}

std::vector<TracedContact> TraceContacts(int64_t case_person,
                                         const std::vector<ContactEdge>& edges) {
  std::vector<TracedContact> out;
  std::unordered_map<int64_t, size_t> placed;  // person -> index in out
  placed[case_person] = SIZE_MAX;
  for (const auto& e : edges) {
    if (e.source_person != case_person || e.type != ContactType::kClose) continue;
    if (placed.count(e.contact_person)) continue;
    placed[e.contact_person] = out.size();
    out.push_back(TracedContact{
        e.contact_person, ContactType::kClose, {case_person, e.contact_person}, false, &e});
  }
  size_t close_count = out.size();
  for (const auto& e : edges) {
    auto src = placed.find(e.source_person);
    if (src == placed.end() || src->second == SIZE_MAX || src->second >= close_count) continue;
    if (e.type == ContactType::kGeneral || placed.count(e.contact_person)) continue;
    placed[e.contact_person] = out.size();
    out.push_back(TracedContact{e.contact_person,
                                ContactType::kSecondary,
                                {case_person, e.source_person, e.contact_person},
                                e.derived,
                                &e});
  }
  return out;
}

std::vector<ContactEdge> DeriveSecondary(const ContactEdge& close,
                                         const std::vector<ContactEdge>& their_edges, int64_t now) {
  std::vector<ContactEdge> out;
  std::set<int64_t> seen{close.contact_person, close.source_person};
  for (const auto& e : their_edges) {
    int64_t other = e.source_person == close.contact_person    ? e.contact_person
                    : e.contact_person == close.contact_person ? e.source_person
                                                               : 0;
    if (other == 0 || !seen.insert(other).second) continue;
    ContactEdge d;
    d.case_id = close.case_id;
    d.source_person = close.contact_person;
    d.contact_person = other;
    d.type = ContactType::kSecondary;
    d.exposure_at = e.exposure_at;
    d.place = e.place;
    d.certainty = Certainty::kPossible;
    d.derived = true;
    d.recorded_at = now;
    d.recorded_by = close.recorded_by;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DeadlineView> DeadlinesOf(const Case& c, const std::vector<DeadlineRule>& rules,
                                      const std::vector<Milestone>& milestones, int64_t now) {
  std::vector<DeadlineView> out;
  for (const auto& rule : rules) {
    DeadlineView v;
    v.rule = rule;
    v.due_at = c.reported_at + int64_t{rule.hours} * 3600;
    for (const auto& m : milestones)
      if (m.code == rule.code && (!v.done_at || m.done_at < *v.done_at)) v.done_at = m.done_at;
    if (v.done_at) {
      v.state = *v.done_at <= v.due_at ? DeadlineState::kDoneOnTime : DeadlineState::kDoneLate;
    } else {
      v.state = now > v.due_at ? DeadlineState::kBreached : DeadlineState::kOpen;
    }
    v.seconds_left = v.due_at - now;
    out.push_back(v);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.rule.order < b.rule.order; });
  return out;
}

std::optional<int64_t> CloseQuarantinedAt(const std::vector<TracedContact>& contacts,
                                          const std::map<int64_t, int64_t>& quarantined_at) {
  std::optional<int64_t> last;
  for (const auto& c : contacts) {
    if (c.type != ContactType::kClose) continue;
    auto it = quarantined_at.find(c.person_id);
    if (it == quarantined_at.end()) return std::nullopt;
    last = std::max(last.value_or(0), it->second);
  }
  return last;
}

}  // namespace fangkong
