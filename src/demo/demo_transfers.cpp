#include "demo/demo_transfers.h"

#include <array>

namespace fangkong {

namespace {

struct Clerk {
  int64_t id = 0;
  std::string township;
};

Result<Clerk> ClerkNamed(UserRepository& users, const std::string& name) {
  auto found = users.FindUserByName(name);
  if (!found) return Fail(found.error());
  if (!*found) return Clerk{};
  return Clerk{(*found)->first.id, (*found)->first.region_code};
}

Result<std::vector<Person>> PeopleOf(PersonRepository& persons, const std::string& township) {
  PersonFilter f;
  f.region = township;
  f.limit = 12;
  f.with_total = false;
  auto page = persons.Search(f);
  if (!page) return Fail(page.error());
  return page->items;
}

}  // namespace

Result<int64_t> AddDemoTransfers(PersonRepository& persons, TransferRepository& transfers,
                                 UserRepository& users, int64_t now) {
  auto first = ClerkNamed(users, "town01");
  auto second = ClerkNamed(users, "town02");
  if (!first) return Fail(first.error());
  if (!second) return Fail(second.error());
  if (!first->id || !second->id) return 0;
  auto here = PeopleOf(persons, first->township);
  auto there = PeopleOf(persons, second->township);
  if (!here) return Fail(here.error());
  if (!there) return Fail(there.error());
  if (here->size() < 8 || there->size() < 2) return 0;

  constexpr int64_t kDay = 86400;
  const std::array<const char*, 4> reasons{"随子女迁居", "购房迁入", "工作调动", "婚嫁迁入"};
  int64_t written = 0;
  // `who` moves from where they live to `to`, asked by `asker` `days` ago;
  // `decider` (0: still waiting) decides as `state`.
  auto add = [&](const Person& who, const std::string& to, const Clerk& asker, int days,
                 TransferState state, int64_t decider, const std::string& note) -> Status {
    Transfer t;
    t.person_id = who.id;
    t.from_region = who.region_code;
    t.to_region = to;
    t.reason = reasons[static_cast<size_t>(written) % reasons.size()];
    t.requested_by = asker.id;
    t.requested_at = now - days * kDay;
    t.state = state;
    if (state != TransferState::kRequested) {
      t.decided_by = decider;
      t.decided_at = t.requested_at + kDay / 2;
      t.decision_note = note;
    }
    if (state == TransferState::kDone) {
      Person moved = who;
      moved.region_code = to;
      if (auto s = persons.Update(moved); !s) return s;  // the counts move with the person
    }
    auto id = transfers.InsertTransfer(t);
    if (!id) return Fail(id.error());
    ++written;
    return {};
  };
  const std::string& to_second = (*there)[0].region_code;
  const std::string& to_first = (*here)[0].region_code;
  // Township 2 asks for four people of township 1, who decides.
  for (size_t i = 1; i <= 4; ++i)
    if (auto s = add((*here)[i], to_second, *second, static_cast<int>(i), TransferState::kRequested,
                     0, "");
        !s)
      return Fail(s.error());
  // Township 1 asks for two of township 2.
  for (size_t i = 0; i < 2; ++i)
    if (auto s = add((*there)[i], to_first, *first, static_cast<int>(i) + 1,
                     TransferState::kRequested, 0, "");
        !s)
      return Fail(s.error());
  // Moves already made, and a refusal.
  for (size_t i = 5; i <= 6; ++i)
    if (auto s = add((*here)[i], to_second, *second, static_cast<int>(i) + 5, TransferState::kDone,
                     first->id, "");
        !s)
      return Fail(s.error());
  if (auto s = add((*here)[7], to_second, *second, 9, TransferState::kRefused, first->id,
                   "经核实本人仍在本地居住");
      !s)
    return Fail(s.error());
  return written;
}

}  // namespace fangkong
