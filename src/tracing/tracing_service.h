// Contact tracing within the user's jurisdiction: cases reported and their
// movements, contacts recorded (a close contact's own contacts derived as
// secondary ones, to confirm), the close and secondary contacts with their
// path to the case, the "2+4+24+8" deadlines with their state, and the
// transmission chain. Contacts may live anywhere: those outside the user's
// jurisdiction are named masked, and listed for the other jurisdiction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "registry/repository.h"
#include "tracing/repository.h"

namespace fangkong {

struct CaseInput {
  int64_t person_id = 0;
  std::string code, kind, note;
  int64_t reported_at = 0;  // 0: now
};

struct ContactInput {
  int64_t person_id = 0;
  std::string id_number;         // instead of person_id
  int64_t source_person_id = 0;  // 0: the case's person
  std::string type = "close";
  int64_t exposure_at = 0;
  std::string place, certainty = "confirmed";
};

struct ContactView {
  TracedContact traced;
  ContactEdge edge;  // the edge that puts them there
  TracedPerson person;
};

struct CaseView {
  Case c;
  TracedPerson person;
  int64_t close = 0, secondary = 0;
  std::vector<DeadlineView> deadlines;
};

struct ChainView {
  std::vector<TracedPerson> people;
  std::vector<int64_t> cases;  // the people of these ids are cases
  std::vector<ContactEdge> edges;
};

class TracingService {
 public:
  TracingService(TracingRepository& repo, PersonRepository& persons, UnitOfWork& unit);

  Result<CaseView> AddCase(const User& u, const CaseInput& in, int64_t now);
  Result<std::vector<CaseView>> Cases(const User& u, int64_t now);
  Result<CaseView> CaseOf(const User& u, int64_t id, int64_t now);
  Result<CaseEvent> AddEvent(const User& u, int64_t case_id, CaseEvent e);
  Result<std::vector<CaseEvent>> Events(const User& u, int64_t case_id);
  // Records the contacts (one unit); a new close contact brings, derived,
  // the people their own recorded edges name. Returns the edges written.
  Result<std::vector<ContactEdge>> AddContacts(const User& u, int64_t case_id,
                                               const std::vector<ContactInput>& in, int64_t now);
  Result<std::vector<ContactView>> Contacts(const User& u, int64_t case_id);
  // The close and secondary contacts who live outside the user's
  // jurisdiction, unmasked, with the edge that names them: the file for the
  // jurisdictions that must find them.
  Result<std::vector<std::pair<TracedPerson, ContactEdge>>> ContactsElsewhere(const User& u,
                                                                              int64_t case_id);
  Result<ContactEdge> Confirm(const User& u, int64_t contact_id);
  // A tracer marks on_scene, core_info or all_contacts done (now).
  Result<std::vector<DeadlineView>> Reach(const User& u, int64_t case_id, const std::string& code,
                                          int64_t now);
  Result<std::vector<DeadlineView>> Deadlines(const User& u, int64_t case_id, int64_t now);
  // The people and edges reachable from the case's person through any
  // tracing, up to `max_people`.
  Result<ChainView> ChainOf(const User& u, int64_t case_id, size_t max_people = 20000);

 private:
  Result<Case> Visible(const User& u, int64_t id);
  Result<std::vector<DeadlineView>> DeadlinesOf(const Case& c, int64_t now);
  Result<std::vector<DeadlineView>> DeadlinesOf(const Case& c,
                                                const std::vector<DeadlineRule>& rules,
                                                const std::vector<TracedContact>& traced,
                                                int64_t now);
  Result<CaseView> ViewOf(const Case& c, const std::vector<DeadlineRule>& rules,
                          const std::optional<TracedPerson>& person, int64_t now);
  Result<std::vector<TracedPerson>> PeopleOf(const User& u, const std::vector<int64_t>& ids);

  TracingRepository& repo_;
  PersonRepository& persons_;
  UnitOfWork& unit_;
};

Status CheckMayTrace(const User& u);
Status CheckMayReadTracing(const User& u);

}  // namespace fangkong
