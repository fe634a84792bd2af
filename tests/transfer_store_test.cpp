// The transfer repository on both engines: stored as asked, listed by the
// subtree they leave or enter, and decided once.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

TEST_P(ApiTest, TransfersAreListedByTheSubtreeTheyLeaveOrEnterAndDecidedOnce) {
  ASSERT_EQ(CreatePerson("town1", NewId(501), "迁移甲", kVillage1).status, 201);
  auto person = S().store->persons->Search(PersonFilter{.region = kVillage1, .name_prefix = "迁移甲"});
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

  auto leaving = S().store->transfers->Transfers({.leaving = "341881001", .state = TransferState::kRequested});
  ASSERT_TRUE(leaving);
  ASSERT_EQ(leaving->size(), 1u);
  EXPECT_EQ((*leaving)[0].reason, "投靠子女");
  auto entering = S().store->transfers->Transfers({.entering = "341881100"});
  ASSERT_TRUE(entering);
  EXPECT_EQ(entering->size(), 1u);
  EXPECT_TRUE(S().store->transfers->Transfers({.entering = "341881001"})->empty());

  Transfer done = (*leaving)[0];
  done.state = TransferState::kDone;
  done.decided_by = 2;
  done.decided_at = 1700000100;
  EXPECT_EQ(S().store->transfers->CloseTransfer(done).value_or(false), true);
  done.state = TransferState::kRefused;
  EXPECT_EQ(S().store->transfers->CloseTransfer(done).value_or(true), false) << "decided once";
  auto history = S().store->transfers->Transfers({.person_id = t.person_id});
  ASSERT_TRUE(history && history->size() == 1);
  EXPECT_EQ((*history)[0].state, TransferState::kDone);
  EXPECT_EQ((*history)[0].decided_by, 2);
}

}  // namespace
}  // namespace fangkong
