#include "demo/demo_tracing.h"

#include <set>

namespace fangkong {

namespace {

constexpr int64_t kHour = 3600;

class Tracer {
 public:
  Tracer(TracingRepository& repo, const User& officer) : repo_(repo), officer_(officer) {}

  Result<Case> NewCase(const Person& p, const std::string& code, CaseKind kind, int64_t reported_at,
                       const std::string& note) {
    Case c{0, p.id, code, kind, p.region_code, reported_at, officer_.id, note};
    auto id = repo_.InsertCase(c);
    if (!id) return Fail(id.error());
    c.id = *id;
    ++written_.cases;
    return c;
  }

  Status Contacts(const Case& c, int64_t source, ContactType type,
                  const std::vector<int64_t>& people, const char* place) {
    std::vector<ContactEdge> edges;
    for (size_t i = 0; i < people.size(); ++i) {
      ContactEdge e;
      e.case_id = c.id;
      e.source_person = source;
      e.contact_person = people[i];
      e.type = type;
      e.exposure_at = c.reported_at - 30 * kHour + static_cast<int64_t>(i % 12) * kHour;
      e.place = place;
      e.certainty = i % 7 == 3 ? Certainty::kProbable : Certainty::kConfirmed;
      e.recorded_at = c.reported_at + 2 * kHour;
      e.recorded_by = officer_.id;
      edges.push_back(e);
    }
    (type == ContactType::kClose ? written_.close : written_.secondary) +=
        static_cast<int64_t>(edges.size());
    return repo_.InsertContacts(edges);
  }

  Status Reached(const Case& c, const char* code, int64_t after) {
    return repo_.RecordMilestone(c.id, Milestone{code, c.reported_at + after, officer_.id});
  }

  const DemoTracing& written() const { return written_; }

 private:
  TracingRepository& repo_;
  const User& officer_;
  DemoTracing written_;
};

std::vector<int64_t> PeopleOf(const std::vector<Measure>& ms, size_t from, size_t to) {
  std::vector<int64_t> out;
  for (size_t i = from; i < to && i < ms.size(); ++i) out.push_back(ms[i].person_id);
  return out;
}

}  // namespace

Result<DemoTracing> AddDemoTracing(TracingRepository& tracing, PersonRepository& persons,
                                   const DemoMeasures& measures, const User& town_officer,
                                   int64_t now) {
  if (measures.central.size() < 20 || measures.secondary.size() < 20) return DemoTracing{};
  // The cases: people of the township under no measure.
  std::set<int64_t> busy;
  for (const auto* list : {&measures.central, &measures.secondary})
    for (const auto& m : *list) busy.insert(m.person_id);
  PersonFilter f;
  f.region = town_officer.region_code;
  f.limit = 3000;
  f.with_total = false;
  auto page = persons.Search(f);
  if (!page) return Fail(page.error());
  std::vector<Person> free;
  for (const auto& p : page->items)
    if (!busy.count(p.id)) free.push_back(p);
  if (free.size() < 14) return DemoTracing{};

  Tracer t(tracing, town_officer);
  size_t central = measures.central.size(), secondary = measures.secondary.size();
  // The index case, a week ago: 60 close contacts, most secondary ones through them.
  int64_t week_ago = now - 7 * 24 * kHour - (now % 3600);
  auto first =
      t.NewCase(free[0], "宁国1号", CaseKind::kConfirmed, week_ago, "发热门诊就诊，核酸阳性");
  if (!first) return Fail(first.error());
  auto close1 = PeopleOf(measures.central, 0, central * 3 / 5);
  if (auto s = t.Contacts(*first, free[0].id, ContactType::kClose, close1, "西津菜市场"); !s)
    return Fail(s.error());
  for (size_t i = 0; i < close1.size(); ++i) {
    auto theirs = PeopleOf(measures.secondary, i * 4, i * 4 + 4);
    if (auto s = t.Contacts(*first, close1[i], ContactType::kSecondary, theirs, "同住、同单位"); !s)
      return Fail(s.error());
  }
  for (auto [code, after] : {std::pair{"on_scene", 90 * 60},
                             {"core_info", 3 * 3600 + 1200},
                             {"all_contacts", 20 * 3600}})
    if (auto s = t.Reached(*first, code, after); !s) return Fail(s.error());

  // A close contact of the first case, positive in quarantine: the chain goes on.
  auto second_person = persons.FindById(close1[0]);
  if (!second_person || !*second_person) return Fail(Error::Internal("a demo contact vanished"));
  auto second = t.NewCase(**second_person, "宁国2号", CaseKind::kAsymptomatic,
                          week_ago + 4 * 24 * kHour, "集中隔离期间核酸阳性（宁国1号的密接）");
  if (!second) return Fail(second.error());
  if (auto s = t.Contacts(*second, close1[0], ContactType::kClose,
                          {free[1].id, free[2].id, free[3].id}, "隔离酒店转运车辆");
      !s)
    return Fail(s.error());
  for (auto [code, after] :
       {std::pair{"on_scene", 70 * 60}, {"core_info", 5 * 3600}, {"all_contacts", 18 * 3600}})
    if (auto s = t.Reached(*second, code, after); !s) return Fail(s.error());

  // A separate cluster: the rest of the hotel's close contacts.
  auto third =
      t.NewCase(free[4], "宁国3号", CaseKind::kConfirmed, week_ago + 2 * 24 * kHour, "主动就诊");
  if (!third) return Fail(third.error());
  auto close3 = PeopleOf(measures.central, central * 3 / 5, central);
  if (auto s = t.Contacts(*third, free[4].id, ContactType::kClose, close3, "竹峰商场"); !s)
    return Fail(s.error());
  auto rest = PeopleOf(measures.secondary, close1.size() * 4, secondary);
  for (size_t i = 0; i < rest.size() && !close3.empty(); i += 6) {
    auto theirs =
        std::vector<int64_t>(rest.begin() + static_cast<long>(i),
                             rest.begin() + static_cast<long>(std::min(rest.size(), i + 6)));
    if (auto s = t.Contacts(*third, close3[i / 6 % close3.size()], ContactType::kSecondary, theirs,
                            "同住");
        !s)
      return Fail(s.error());
  }
  for (auto [code, after] : {std::pair{"on_scene", 100 * 60},
                             {"core_info", 3 * 3600 + 2400},
                             {"all_contacts", 26 * 3600}})
    if (auto s = t.Reached(*third, code, after); !s) return Fail(s.error());

  // Reported three hours ago: the clocks still run.
  auto fresh =
      t.NewCase(free[5], "宁国4号", CaseKind::kConfirmed, now - 3 * kHour, "社区核酸筛查发现");
  if (!fresh) return Fail(fresh.error());
  std::vector<int64_t> close4;
  for (size_t i = 6; i < free.size() && close4.size() < 8; ++i) close4.push_back(free[i].id);
  if (auto s = t.Contacts(*fresh, free[5].id, ContactType::kClose, close4, "宁国市人民医院门诊");
      !s)
    return Fail(s.error());
  if (auto s = t.Reached(*fresh, "on_scene", 80 * 60); !s) return Fail(s.error());
  return t.written();
}

}  // namespace fangkong
