// The rules of contact tracing (tracing/tracing.h), by table: who is a
// close or secondary contact and by which path, cycles, contacts refused,
// secondary contacts derived from a close contact's own contacts, and the
// "2+4+24+8" deadlines from the report.
#include "tracing/tracing.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

constexpr int64_t kReport = 1657411200;  // 2022-07-10 08:00 Beijing
constexpr int64_t kCase = 1;             // the case's person

ContactEdge Edge(int64_t from, int64_t to, ContactType t = ContactType::kClose,
                 bool derived = false) {
  ContactEdge e;
  e.case_id = 9;
  e.source_person = from;
  e.contact_person = to;
  e.type = t;
  e.exposure_at = kReport - 3600;
  e.derived = derived;
  return e;
}

TEST(Tracing, CloseAndSecondaryContactsWithTheirPath) {
  using T = ContactType;
  std::vector<ContactEdge> edges{
      Edge(kCase, 2),                   // close
      Edge(kCase, 3),                   // close
      Edge(2, 4, T::kSecondary),        // secondary through 2
      Edge(3, 4, T::kSecondary),        // the same person again: once, through 2
      Edge(2, 3, T::kSecondary),        // a close contact stays close
      Edge(4, 5, T::kSecondary),        // a contact of a secondary: not traced
      Edge(kCase, 6, T::kGeneral),      // general contacts are not listed
      Edge(3, 7, T::kSecondary, true),  // derived, not yet confirmed
      Edge(2, kCase, T::kSecondary),    // a cycle back to the case: ignored
  };
  auto traced = TraceContacts(kCase, edges);
  std::map<int64_t, std::pair<ContactType, std::vector<int64_t>>> got;
  for (const auto& t : traced) got[t.person_id] = {t.type, t.path};
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[2].first, T::kClose);
  EXPECT_EQ(got[3].second, (std::vector<int64_t>{kCase, 3}));
  EXPECT_EQ(got[4].first, T::kSecondary);
  EXPECT_EQ(got[4].second, (std::vector<int64_t>{kCase, 2, 4}));
  EXPECT_EQ(got[7].second, (std::vector<int64_t>{kCase, 3, 7}));
  for (const auto& t : traced) EXPECT_EQ(t.derived, t.person_id == 7);
}

TEST(Tracing, ContactsAreRefusedForTheRuleTheyBreak) {
  Case c;
  c.reported_at = kReport;
  std::vector<int64_t> close{2};
  struct Row {
    const char* what;
    ContactEdge e;
    const char* code;  // "" when accepted
  };
  ContactEdge early = Edge(kCase, 3);
  early.exposure_at = kReport - 15 * 86400;
  ContactEdge late = Edge(kCase, 3);
  late.exposure_at = kReport + 7200;
  const Row rows[] = {
      {"close to the case", Edge(kCase, 3), ""},
      {"secondary through a close contact", Edge(2, 3, ContactType::kSecondary), ""},
      {"to oneself", Edge(3, 3), "contact_with_oneself"},
      {"the case as its own contact", Edge(2, kCase, ContactType::kSecondary), "case_as_contact"},
      {"before the 14 days", early, "invalid_exposure_at"},
      {"after now", late, "invalid_exposure_at"},
      {"close, not exposed to the case", Edge(2, 3), "close_needs_case"},
      {"secondary through a stranger", Edge(8, 3, ContactType::kSecondary),
       "secondary_needs_close"},
      {"general through a stranger", Edge(8, 3, ContactType::kGeneral), "unknown_source"},
  };
  for (const auto& r : rows) {
    auto s = CheckContact(r.e, c, kCase, close, kReport + 3600);
    EXPECT_EQ(s ? "" : s.error().code, std::string(r.code)) << r.what;
  }
}

TEST(Tracing, ACloseContactsOwnContactsAreDerivedAsSecondary) {
  ContactEdge close = Edge(kCase, 2);
  std::vector<ContactEdge> theirs{Edge(50, 2), Edge(2, 51, ContactType::kGeneral), Edge(2, 51),
                                  Edge(60, 61)};
  auto derived = DeriveSecondary(close, theirs, kReport);
  ASSERT_EQ(derived.size(), 2u);
  for (const auto& d : derived) {
    EXPECT_EQ(d.source_person, 2);
    EXPECT_EQ(d.type, ContactType::kSecondary);
    EXPECT_TRUE(d.derived);
  }
  EXPECT_EQ(derived[0].contact_person, 50);
  EXPECT_EQ(derived[1].contact_person, 51);
}

TEST(Tracing, DeadlinesRunFromTheReportAndCrossMidnight) {
  Case c;
  c.reported_at = kReport + 14 * 3600;  // 22:00 Beijing: the 4 hours end after midnight
  std::vector<DeadlineRule> rules{{"on_scene", "到达现场", 2, 1},
                                  {"core_info", "核心信息", 4, 2},
                                  {"close_quarantined", "密接隔离", 8, 3},
                                  {"all_contacts", "全部流调", 24, 4}};
  std::vector<Milestone> done{{"on_scene", c.reported_at + 5400, 1},
                              {"core_info", c.reported_at + 5 * 3600, 1}};
  int64_t now = c.reported_at + 9 * 3600;
  auto d = DeadlinesOf(c, rules, done, now);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].state, DeadlineState::kDoneOnTime);
  EXPECT_EQ(d[1].state, DeadlineState::kDoneLate);
  EXPECT_EQ(d[1].due_at, c.reported_at + 4 * 3600);  // 02:00 the next day, as stored (UTC)
  EXPECT_EQ(d[2].state, DeadlineState::kBreached);
  EXPECT_EQ(d[2].seconds_left, -3600);
  EXPECT_EQ(d[3].state, DeadlineState::kOpen);
  EXPECT_EQ(d[3].seconds_left, 15 * 3600);
}

TEST(Tracing, TheCloseContactsAreQuarantinedWhenTheLastOfThemIs) {
  std::vector<TracedContact> contacts{{2, ContactType::kClose, {}, false, nullptr},
                                      {3, ContactType::kClose, {}, false, nullptr},
                                      {4, ContactType::kSecondary, {}, false, nullptr}};
  EXPECT_FALSE(CloseQuarantinedAt(contacts, {{2, 100}}));
  EXPECT_EQ(CloseQuarantinedAt(contacts, {{2, 100}, {3, 250}}), 250);
  EXPECT_FALSE(CloseQuarantinedAt({}, {}));
}

}  // namespace
}  // namespace fangkong
