// Cases and contact tracing (流调) against the clock. A case (confirmed or
// asymptomatic) has a timeline of places and times; contacts are edges
// between people with a type, the exposure's time and place and a
// certainty. The close contacts of a case are its own edges; its secondary
// close contacts are the contacts of those close contacts, derived, and
// shown as derived until a tracer confirms them. The deadlines "2+4+24+8"
// run from the case's report and are rows (DeadlineRule), so a new edition
// is data. Everything here is pure; times are unix seconds (UTC), shown in
// Beijing time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace fangkong {

enum class CaseKind { kConfirmed, kAsymptomatic };
const char* CaseKindCode(CaseKind k);  // confirmed, asymptomatic
std::optional<CaseKind> ParseCaseKind(std::string_view code);

struct Case {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string code;  // the county's own number: "宁国1号"
  CaseKind kind = CaseKind::kConfirmed;
  std::string region_code;  // where the person lives (or was found)
  int64_t reported_at = 0;  // the clocks run from here
  int64_t recorded_by = 0;
  std::string note;
};

// A stretch of the case's movements (活动轨迹).
struct CaseEvent {
  int64_t id = 0, case_id = 0;
  int64_t from_at = 0, until_at = 0;
  std::string place, note;
};

enum class ContactType { kClose, kSecondary, kGeneral };
const char* ContactTypeCode(ContactType t);  // close, secondary, general
std::optional<ContactType> ParseContactType(std::string_view code);

enum class Certainty { kConfirmed, kProbable, kPossible };
const char* CertaintyCode(Certainty c);
std::optional<Certainty> ParseCertainty(std::string_view code);

// An exposure of `contact` to `source` (a case's person, or a close contact
// for a secondary one), recorded in the tracing of `case_id`.
struct ContactEdge {
  int64_t id = 0, case_id = 0;
  int64_t source_person = 0, contact_person = 0;
  ContactType type = ContactType::kClose;
  int64_t exposure_at = 0;
  std::string place;
  Certainty certainty = Certainty::kConfirmed;
  bool derived = false;      // a secondary contact worked out, not yet confirmed
  int64_t confirmed_by = 0;  // who confirmed a derived one
  int64_t recorded_at = 0, recorded_by = 0;
};

// A contact edge is refused: to oneself, before the case's 14 days of
// possible exposure (or after now), or a secondary one whose source is not
// a close contact of the case (`close` holds them).
Status CheckContact(const ContactEdge& e, const Case& c, int64_t case_person,
                    const std::vector<int64_t>& close, int64_t now);

// A person's place in a case's tracing: the type, and the path of people
// from the case's person to them (case first, them last).
struct TracedContact {
  int64_t person_id = 0;
  ContactType type = ContactType::kClose;
  std::vector<int64_t> path;
  bool derived = false;               // a secondary contact by derivation, unconfirmed
  const ContactEdge* edge = nullptr;  // the edge that puts them there
};

// The close and secondary contacts of a case from its edges: close = the
// case person's close edges; secondary = edges from a close contact (of any
// type recorded), unless that person is a close contact themselves. A person
// appears once, at the closest distance; cycles are harmless.
std::vector<TracedContact> TraceContacts(int64_t case_person,
                                         const std::vector<ContactEdge>& edges);

// The contacts of the contacts of a close contact: the secondary close
// contacts a new close contact brings, derived (to confirm) from the edges
// already recorded in any tracing.
std::vector<ContactEdge> DeriveSecondary(const ContactEdge& close,
                                         const std::vector<ContactEdge>& their_edges, int64_t now);

// The deadlines of a tracing, as rows.
struct DeadlineRule {
  std::string code;  // on_scene, core_info, all_contacts, close_quarantined
  std::string name_zh;
  int hours = 0;
  int order = 0;
};

// A milestone reached: recorded by a tracer (on scene, core information,
// all contacts), or computed (the close contacts in quarantine: when the
// last of them was placed under central quarantine).
struct Milestone {
  std::string code;
  int64_t done_at = 0;
  int64_t done_by = 0;
};

enum class DeadlineState { kOpen, kDoneOnTime, kDoneLate, kBreached };
const char* DeadlineStateCode(DeadlineState s);

struct DeadlineView {
  DeadlineRule rule;
  int64_t due_at = 0;
  std::optional<int64_t> done_at;
  DeadlineState state = DeadlineState::kOpen;
  int64_t seconds_left = 0;  // negative once past due
};
std::vector<DeadlineView> DeadlinesOf(const Case& c, const std::vector<DeadlineRule>& rules,
                                      const std::vector<Milestone>& milestones, int64_t now);

// When the last close contact was put under central quarantine, or nothing
// while one is not (or there are none): `quarantined_at` maps a close
// contact to the time of their first central quarantine measure.
std::optional<int64_t> CloseQuarantinedAt(const std::vector<TracedContact>& contacts,
                                          const std::map<int64_t, int64_t>& quarantined_at);

// A person as tracing shows them: masked when outside the reader's
// jurisdiction.
struct TracedPerson {
  int64_t id = 0;
  std::string name, id_number, phone, region_code;
  bool outside = false;
};

}  // namespace fangkong
