// The transfer repository on both engines: stored as asked, listed by the
// subtree they leave or enter, and decided once.
#include "api_fixture.h"
#include "registry/service.h"
#include "registry/transfer_service.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

TransferFilter Where(std::string leaving, std::string entering, std::optional<TransferState> state = std::nullopt,
                     int64_t person_id = 0) {
  TransferFilter f;
  f.leaving = std::move(leaving);
  f.entering = std::move(entering);
  f.state = state;
  f.person_id = person_id;
  return f;
}

PersonFilter Named(const std::string& region, const std::string& prefix) {
  PersonFilter f;
  f.region = region;
  f.name_prefix = prefix;
  return f;
}

TEST_P(ApiTest, TransfersAreListedByTheSubtreeTheyLeaveOrEnterAndDecidedOnce) {
  ASSERT_EQ(CreatePerson("town1", NewId(501), "迁移甲", kVillage1).status, 201);
  auto person = S().store->persons->Search(Named(kVillage1, "迁移甲"));
  ASSERT_TRUE(person && !person->items.empty());
  Transfer t;
  t.person_id = person->items[0].id;
  t.from_region = kVillage1;
  t.to_region = S().other_village;
  t.reason = "投靠子女";
  t.requested_by = 3;
  t.requested_at = 1700000000;
  auto id = S().store->transfers->InsertTransfer(t);
  ASSERT_TRUE(id) << id.error().message;

  // Other tests share the server: look for this transfer among the listed.
  auto find = [&](const TransferFilter& f) -> std::optional<Transfer> {
    auto list = S().store->transfers->Transfers(f);
    EXPECT_TRUE(list);
    if (list)
      for (const auto& x : *list)
        if (x.id == *id) return x;
    return std::nullopt;
  };
  auto leaving = find(Where("341881001", "", TransferState::kRequested));
  ASSERT_TRUE(leaving);
  EXPECT_EQ(leaving->reason, "投靠子女");
  EXPECT_EQ(leaving->person_name, "迁移甲");
  EXPECT_TRUE(find(Where("", "341881100")));
  EXPECT_FALSE(find(Where("", "341881001"))) << "it leaves 341881001, it does not enter it";
  EXPECT_FALSE(find(Where("341881001", "", TransferState::kDone)));

  Transfer done = *leaving;
  done.state = TransferState::kDone;
  done.decided_by = 2;
  done.decided_at = 1700000100;
  EXPECT_EQ(S().store->transfers->CloseTransfer(done).value_or(false), true);
  done.state = TransferState::kRefused;
  EXPECT_EQ(S().store->transfers->CloseTransfer(done).value_or(true), false) << "decided once";
  auto history = S().store->transfers->Transfers(Where("", "", std::nullopt, t.person_id));
  ASSERT_TRUE(history && history->size() == 1);
  EXPECT_EQ((*history)[0].state, TransferState::kDone);
  EXPECT_EQ((*history)[0].decided_by, 2);
}

// The service on the real store: moves keep the maintained counts equal to a
// recount, a request waits for the current place, and a decision is made once.
TEST_P(ApiTest, ATransferMovesThePersonAndTheCountsTogether) {
  Storage& store = *S().store;
  RegistryService registry(*store.regions, *store.persons, *store.organisations);
  ASSERT_TRUE(registry.ReloadRegions());
  TransferService transfers(*store.persons, *store.transfers, registry.directory(), *store.db);
  User county{1, "admin", "", Role::kCountyAdmin, "341881", 0, true};
  User town1{2, "town1", "", Role::kTownshipOfficer, "341881001", 0, true};
  User town2{3, "town2", "", Role::kTownshipOfficer, "341881100", 0, true};
  auto make = [&](int seq) {
    EXPECT_EQ(CreatePerson("town1", NewId(seq), "迁" + std::to_string(seq), kVillage1).status, 201);
    auto found = store.persons->Search(Named(kVillage1, "迁" + std::to_string(seq)));
    return found && !found->items.empty() ? found->items[0].id : 0;
  };
  auto place = [&](int64_t id) { return store.persons->FindById(id).value().value().region_code; };
  auto counts_agree = [&] {
    auto kept = store.regions->LeafPopulation("341881");
    EXPECT_TRUE(store.persons->RecountPopulation());
    auto counted = store.regions->LeafPopulation("341881");
    std::map<std::string, int64_t> a, b;
    for (const auto& [c, n] : *kept) if (n.registered) a[c] = n.registered;
    for (const auto& [c, n] : *counted) if (n.registered) b[c] = n.registered;
    return a == b;
  };

  // Town 2 asks for a person of town 1; town 1 accepts.
  int64_t asked = make(511);
  auto request = transfers.Request(town2, asked, S().other_village, "随子女迁居", 100);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->state, TransferState::kRequested);
  EXPECT_EQ(place(asked), kVillage1) << "nothing moves before the current place accepts";
  EXPECT_EQ(transfers.Request(town2, asked, S().other_village, "再次", 101).error().code, "transfer_waiting");
  EXPECT_EQ(transfers.Accept(town2, request->id, 102).error().kind, ErrorKind::kForbidden);
  auto accepted = transfers.Accept(town1, request->id, 103);
  ASSERT_TRUE(accepted) << accepted.error().message;
  EXPECT_EQ(place(asked), S().other_village);
  EXPECT_TRUE(counts_agree());
  EXPECT_EQ(transfers.Accept(town1, request->id, 104).error().code, "transfer_closed");

  // Town 1 cannot push someone out; the county moves directly.
  int64_t pushed = make(513);
  EXPECT_EQ(transfers.Request(town1, pushed, S().other_village, "迁出", 105).error().kind, ErrorKind::kForbidden);
  auto direct = transfers.Request(county, pushed, S().other_village, "县级调整", 106);
  ASSERT_TRUE(direct) << direct.error().message;
  EXPECT_EQ(direct->state, TransferState::kDone);
  EXPECT_EQ(place(pushed), S().other_village);
  EXPECT_TRUE(counts_agree());

  // Refused and cancelled requests move nobody.
  int64_t stays = make(515);
  auto r1 = transfers.Request(town2, stays, S().other_village, "申请", 107);
  ASSERT_TRUE(r1);
  EXPECT_EQ(transfers.Refuse(town1, r1->id, "", 108).error().field, "note");
  ASSERT_TRUE(transfers.Refuse(town1, r1->id, "本人未同意", 109));
  auto r2 = transfers.Request(town2, stays, S().other_village, "再次申请", 110);
  ASSERT_TRUE(r2);
  ASSERT_TRUE(transfers.Cancel(town2, r2->id, 111));
  EXPECT_EQ(place(stays), kVillage1);
  auto history = store.transfers->Transfers(Where("", "", std::nullopt, stays));
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 2u);
}

}  // namespace
}  // namespace fangkong
