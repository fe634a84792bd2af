#include "tracing/tracing_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/id_number.h"

namespace fangkong {

namespace {

// Milestones a tracer records; close_quarantined follows from the measures.
bool RecordedByHand(const std::string& code) {
  return code == "on_scene" || code == "core_info" || code == "all_contacts";
}

}  // namespace

Status CheckMayTrace(const User& u) {
  if (u.role == Role::kCountyAdmin || u.role == Role::kTownshipOfficer) return {};
  return Fail(Error::Forbidden("your role may not record tracing", "您的角色无权登记流调信息"));
}

Status CheckMayReadTracing(const User& u) {
  if (CanReadMeasures(u.role)) return {};
  return Fail(Error::Forbidden("your role may not read tracing", "您的角色无权查看流调信息"));
}

TracingService::TracingService(TracingRepository& repo, PersonRepository& persons, UnitOfWork& unit)
    : repo_(repo), persons_(persons), unit_(unit) {}

Result<std::vector<TracedPerson>> TracingService::PeopleOf(const User& u,
                                                           const std::vector<int64_t>& ids) {
  auto people = repo_.People(ids);
  if (!people) return Fail(people.error());
  for (auto& p : *people) {
    p.outside = !CheckJurisdiction(u, p.region_code);
    if (p.outside) p.name = MaskName(p.name);
    p.id_number = MaskIdentityNumber(p.id_number);
    if (!p.phone.empty()) p.phone = MaskPhone(p.phone);
  }
  return people;
}

Result<Case> TracingService::Visible(const User& u, int64_t id) {
  if (auto s = CheckMayReadTracing(u); !s) return Fail(s.error());
  auto c = repo_.FindCase(id);
  if (!c) return Fail(c.error());
  if (!*c || !CheckJurisdiction(u, (*c)->region_code))
    return Fail(Error::NotFound("case", std::to_string(id)));
  return **c;
}

Result<CaseView> TracingService::AddCase(const User& u, const CaseInput& in, int64_t now) {
  if (auto s = CheckMayTrace(u); !s) return Fail(s.error());
  auto kind = ParseCaseKind(in.kind.empty() ? "confirmed" : in.kind);
  if (!kind) {
    return Fail(Error::Invalid("invalid_kind", "kind", in.kind,
                               "a case is confirmed or asymptomatic",
                               "病例类型应为确诊或无症状感染者"));
  }
  if (in.code.empty() || in.code.size() > 60) {
    return Fail(Error::Invalid("invalid_code", "code", in.code, "give the case its number",
                               "请填写病例编号"));
  }
  int64_t reported = in.reported_at ? in.reported_at : now;
  if (reported > now || reported < now - 30 * 86400) {
    return Fail(Error::Invalid("invalid_reported_at", "reported_at", std::to_string(reported),
                               "the report is within the last 30 days, not in the future",
                               "报告时间应在近30天内，且不晚于当前时间"));
  }
  auto person = persons_.FindById(in.person_id);
  if (!person) return Fail(person.error());
  if (!*person || !CheckJurisdiction(u, (*person)->region_code))
    return Fail(Error::NotFound("person", std::to_string(in.person_id)));
  Case c{0, in.person_id, in.code, *kind, (*person)->region_code, reported, u.id, in.note};
  auto id = repo_.InsertCase(c);
  if (!id) return Fail(id.error());
  return CaseOf(u, *id, now);
}

Result<std::vector<DeadlineView>> TracingService::DeadlinesOf(const Case& c, int64_t now) {
  auto rules = repo_.DeadlineRules();
  if (!rules) return Fail(rules.error());
  auto edges = repo_.ContactsOfCase(c.id);
  if (!edges) return Fail(edges.error());
  return DeadlinesOf(c, *rules, TraceContacts(c.person_id, *edges), now);
}

Result<std::vector<DeadlineView>> TracingService::DeadlinesOf(
    const Case& c, const std::vector<DeadlineRule>& rules, const std::vector<TracedContact>& traced,
    int64_t now) {
  auto milestones = repo_.MilestonesOf(c.id);
  if (!milestones) return Fail(milestones.error());
  std::vector<int64_t> close;
  for (const auto& t : traced)
    if (t.type == ContactType::kClose) close.push_back(t.person_id);
  auto times = repo_.CentralQuarantineTimes(close);
  if (!times) return Fail(times.error());
  if (auto at = CloseQuarantinedAt(traced, *times))
    milestones->push_back(Milestone{"close_quarantined", *at, 0});
  return fangkong::DeadlinesOf(c, rules, *milestones, now);
}

// The case's line: its person (as the user may see them), its contacts
// counted, its deadlines; the contact edges read once for both.
Result<CaseView> TracingService::ViewOf(const Case& c, const std::vector<DeadlineRule>& rules,
                                        const std::optional<TracedPerson>& person, int64_t now) {
  CaseView v;
  v.c = c;
  if (person) v.person = *person;
  auto edges = repo_.ContactsOfCase(c.id);
  if (!edges) return Fail(edges.error());
  auto traced = TraceContacts(c.person_id, *edges);
  for (const auto& t : traced) (t.type == ContactType::kClose ? v.close : v.secondary) += 1;
  auto deadlines = DeadlinesOf(c, rules, traced, now);
  if (!deadlines) return Fail(deadlines.error());
  v.deadlines = std::move(*deadlines);
  return v;
}

Result<CaseView> TracingService::CaseOf(const User& u, int64_t id, int64_t now) {
  auto c = Visible(u, id);
  if (!c) return Fail(c.error());
  auto rules = repo_.DeadlineRules();
  if (!rules) return Fail(rules.error());
  auto people = PeopleOf(u, {c->person_id});
  if (!people) return Fail(people.error());
  std::optional<TracedPerson> person;
  if (!people->empty()) person = people->front();
  return ViewOf(*c, *rules, person, now);
}

Result<std::vector<CaseView>> TracingService::Cases(const User& u, int64_t now) {
  if (auto s = CheckMayReadTracing(u); !s) return Fail(s.error());
  auto cases = repo_.CasesIn(u.region_code);
  if (!cases) return Fail(cases.error());
  auto rules = repo_.DeadlineRules();
  if (!rules) return Fail(rules.error());
  std::vector<int64_t> ids;
  for (const auto& c : *cases) ids.push_back(c.person_id);
  auto people = PeopleOf(u, ids);
  if (!people) return Fail(people.error());
  std::map<int64_t, TracedPerson> by_id;
  for (auto& p : *people) by_id.emplace(p.id, std::move(p));
  std::vector<CaseView> out;
  for (const auto& c : *cases) {
    std::optional<TracedPerson> person;
    if (auto it = by_id.find(c.person_id); it != by_id.end()) person = it->second;
    auto v = ViewOf(c, *rules, person, now);
    if (!v) return Fail(v.error());
    out.push_back(std::move(*v));
  }
  return out;
}

Result<CaseEvent> TracingService::AddEvent(const User& u, int64_t case_id, CaseEvent e) {
  if (auto s = CheckMayTrace(u); !s) return Fail(s.error());
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  if (e.place.empty()) {
    return Fail(
        Error::Invalid("place_required", "place", "", "say where the case was", "请填写活动地点"));
  }
  if (e.until_at < e.from_at) {
    return Fail(Error::Invalid("invalid_until_at", "until_at", std::to_string(e.until_at),
                               "the stay ends after it starts", "离开时间应晚于到达时间"));
  }
  e.case_id = case_id;
  auto id = repo_.InsertEvent(e);
  if (!id) return Fail(id.error());
  e.id = *id;
  return e;
}

Result<std::vector<CaseEvent>> TracingService::Events(const User& u, int64_t case_id) {
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  return repo_.EventsOf(case_id);
}

Result<std::vector<ContactEdge>> TracingService::AddContacts(const User& u, int64_t case_id,
                                                             const std::vector<ContactInput>& in,
                                                             int64_t now) {
  if (auto s = CheckMayTrace(u); !s) return Fail(s.error());
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  std::vector<ContactEdge> written;
  auto done = unit_.Atomically([&]() -> Status {
    auto edges = repo_.ContactsOfCase(case_id);
    if (!edges) return Fail(edges.error());
    std::vector<int64_t> close;
    for (const auto& t : TraceContacts(c->person_id, *edges))
      if (t.type == ContactType::kClose) close.push_back(t.person_id);
    for (const auto& x : in) {
      int64_t person = x.person_id;
      if (!person && !x.id_number.empty()) {
        auto found = persons_.FindByDocument(x.id_number);
        if (!found) return Fail(found.error());
        if (!*found) return Fail(Error::NotFound("person", MaskIdentityNumber(x.id_number)));
        person = (*found)->id;
      }
      ContactEdge e;
      e.case_id = case_id;
      e.source_person = x.source_person_id ? x.source_person_id : c->person_id;
      e.contact_person = person;
      auto type = ParseContactType(x.type);
      auto certainty = ParseCertainty(x.certainty);
      if (!type || !certainty) {
        return Fail(
            Error::Invalid(!type ? "invalid_type" : "invalid_certainty",
                           !type ? "type" : "certainty", !type ? x.type : x.certainty,
                           "type: close, secondary or general; certainty: confirmed, "
                           "probable or possible",
                           "接触类型应为密接、次密接或一般接触；确定程度应为确定、很可能或可能"));
      }
      e.type = *type;
      e.certainty = *certainty;
      e.exposure_at = x.exposure_at;
      e.place = x.place;
      e.recorded_at = now;
      e.recorded_by = u.id;
      if (auto s = CheckContact(e, *c, c->person_id, close, now); !s) return Fail(s.error());
      std::vector<ContactEdge> batch{e};
      if (e.type == ContactType::kClose) {
        close.push_back(person);
        auto theirs = repo_.EdgesTouching({person});
        if (!theirs) return Fail(theirs.error());
        for (auto& d : DeriveSecondary(e, *theirs, now))
          if (d.contact_person != c->person_id &&
              std::find(close.begin(), close.end(), d.contact_person) == close.end())
            batch.push_back(std::move(d));
      }
      if (auto s = repo_.InsertContacts(batch); !s) return Fail(s.error());
      written.insert(written.end(), batch.begin(), batch.end());
    }
    return {};
  });
  if (!done) return Fail(done.error());
  return written;
}

Result<std::vector<ContactView>> TracingService::Contacts(const User& u, int64_t case_id) {
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  auto edges = repo_.ContactsOfCase(case_id);
  if (!edges) return Fail(edges.error());
  auto traced = TraceContacts(c->person_id, *edges);
  std::vector<int64_t> ids;
  for (const auto& t : traced) ids.push_back(t.person_id);
  auto people = PeopleOf(u, ids);
  if (!people) return Fail(people.error());
  std::unordered_map<int64_t, TracedPerson> by_id;
  for (auto& p : *people) by_id[p.id] = std::move(p);
  std::vector<ContactView> out;
  for (const auto& t : traced) {
    ContactView v{t, *t.edge, by_id[t.person_id]};
    v.traced.edge = nullptr;  // points into `edges`, which ends here
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<std::pair<TracedPerson, ContactEdge>>> TracingService::ContactsElsewhere(
    const User& u, int64_t case_id) {
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  auto edges = repo_.ContactsOfCase(case_id);
  if (!edges) return Fail(edges.error());
  auto traced = TraceContacts(c->person_id, *edges);
  std::vector<int64_t> ids;
  for (const auto& t : traced) ids.push_back(t.person_id);
  auto people = repo_.People(ids);
  if (!people) return Fail(people.error());
  std::unordered_map<int64_t, TracedPerson> by_id;
  for (auto& p : *people) by_id[p.id] = std::move(p);
  std::vector<std::pair<TracedPerson, ContactEdge>> out;
  for (const auto& t : traced) {
    TracedPerson& p = by_id[t.person_id];
    if (CheckJurisdiction(u, p.region_code)) continue;
    p.outside = true;
    out.emplace_back(p, *t.edge);
  }
  return out;
}

Result<ContactEdge> TracingService::Confirm(const User& u, int64_t contact_id) {
  if (auto s = CheckMayTrace(u); !s) return Fail(s.error());
  auto e = repo_.FindContact(contact_id);
  if (!e) return Fail(e.error());
  if (!*e) return Fail(Error::NotFound("contact", std::to_string(contact_id)));
  if (auto c = Visible(u, (*e)->case_id); !c) return Fail(c.error());
  if (auto s = repo_.ConfirmContact(contact_id, u.id); !s) return Fail(s.error());
  (*e)->derived = false;
  (*e)->confirmed_by = u.id;
  return **e;
}

Result<std::vector<DeadlineView>> TracingService::Reach(const User& u, int64_t case_id,
                                                        const std::string& code, int64_t now) {
  if (auto s = CheckMayTrace(u); !s) return Fail(s.error());
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  if (!RecordedByHand(code)) {
    return Fail(Error::Invalid(
        "invalid_milestone", "code", code,
        "on_scene, core_info or all_contacts; the close contacts' "
        "quarantine follows from their measures",
        "可登记的节点为到达现场、核心信息、全部流调；密接转运隔离按管控措施自动计算"));
  }
  if (auto s = repo_.RecordMilestone(case_id, Milestone{code, now, u.id}); !s)
    return Fail(s.error());
  return DeadlinesOf(*c, now);
}

Result<std::vector<DeadlineView>> TracingService::Deadlines(const User& u, int64_t case_id,
                                                            int64_t now) {
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  return DeadlinesOf(*c, now);
}

Result<ChainView> TracingService::ChainOf(const User& u, int64_t case_id, size_t max_people) {
  auto c = Visible(u, case_id);
  if (!c) return Fail(c.error());
  std::set<int64_t> seen{c->person_id};
  std::set<int64_t> edge_ids;
  std::vector<int64_t> frontier{c->person_id};
  ChainView out;
  while (!frontier.empty() && seen.size() < max_people) {
    auto edges = repo_.EdgesTouching(frontier);
    if (!edges) return Fail(edges.error());
    frontier.clear();
    for (auto& e : *edges) {
      if (!edge_ids.insert(e.id).second) continue;
      for (int64_t p : {e.source_person, e.contact_person})
        if (seen.size() < max_people && seen.insert(p).second) frontier.push_back(p);
      out.edges.push_back(std::move(e));
    }
  }
  std::erase_if(out.edges, [&](const ContactEdge& e) {
    return !seen.count(e.source_person) || !seen.count(e.contact_person);
  });
  auto people = PeopleOf(u, {seen.begin(), seen.end()});
  if (!people) return Fail(people.error());
  out.people = std::move(*people);
  auto cases = repo_.CasesOfPeople({seen.begin(), seen.end()});
  if (!cases) return Fail(cases.error());
  for (const auto& k : *cases) out.cases.push_back(k.person_id);
  return out;
}

}  // namespace fangkong
