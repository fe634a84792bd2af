// The rules of transfers between places (迁入/迁出), as tables.
#include "registry/transfer.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

User At(const std::string& region, Role role = Role::kTownshipOfficer) {
  return User{7, "u", "u", role, region, 0, true};
}

TEST(TransferRules, WhoMovesDirectlyAndWhoAsks) {
  struct Row {
    const char* user_region;
    const char* from;
    const char* to;
    std::optional<TransferAction> action;  // nullopt: refused
    const char* error_code;
    Role role = Role::kTownshipOfficer;
  };
  const Row table[] = {
      {"341881", "341881001001", "341881100001", TransferAction::kMoveDirectly, ""},  // county: both
      {"341881001", "341881001001", "341881001002", TransferAction::kMoveDirectly, ""},  // within a township
      {"341881001", "341881100001", "341881001001", TransferAction::kRequest, ""},  // into mine, from elsewhere
      {"341881001", "341881001001", "341881100001", std::nullopt, "forbidden"},  // out of mine: the other side asks
      {"341881001", "341881100001", "341881100002", std::nullopt, "forbidden"},  // neither place mine
      {"341881001", "341881001001", "341881001001", std::nullopt, "same_place"},
      {"341881001001", "341881001002", "341881001001", TransferAction::kRequest, ""},  // a village asks its neighbour
      {"341881", "341881001001", "341881100001", std::nullopt, "forbidden", Role::kLeader},  // reads only
      {"341881", "341881001001", "341881100001", std::nullopt, "forbidden", Role::kDepartmentOfficer},
      {"341881", "341881001001", "341881100001", TransferAction::kMoveDirectly, "", Role::kCountyAdmin},
  };
  for (const auto& r : table) {
    auto got = PlanTransfer(At(r.user_region, r.role), r.from, r.to);
    if (r.action) {
      ASSERT_TRUE(got) << r.user_region << " " << r.from << "->" << r.to << ": " << got.error().message;
      EXPECT_EQ(*got, *r.action) << r.user_region << " " << r.from << "->" << r.to;
    } else {
      ASSERT_FALSE(got) << r.user_region << " " << r.from << "->" << r.to;
      EXPECT_EQ(got.error().code, r.error_code);
    }
  }
}

TEST(TransferRules, TheCurrentUnitDecidesTheReceivingUnitCancels) {
  Transfer t;
  t.from_region = "341881100001";
  t.to_region = "341881001001";
  struct Row {
    const char* user_region;
    TransferState state;
    bool may_decide, may_cancel;
  };
  const Row table[] = {
      {"341881100", TransferState::kRequested, true, false},
      {"341881001", TransferState::kRequested, false, true},
      {"341881", TransferState::kRequested, true, true},
      {"341881100", TransferState::kDone, false, false},
      {"341881001", TransferState::kRefused, false, false},
      {"341882", TransferState::kRequested, false, false},
  };
  User leader = At("341881", Role::kLeader);
  EXPECT_FALSE(CheckCanDecide(leader, t)) << "a leader reads, and does not decide";
  EXPECT_FALSE(CheckCanCancel(leader, t));
  for (const auto& r : table) {
    t.state = r.state;
    EXPECT_EQ(static_cast<bool>(CheckCanDecide(At(r.user_region), t)), r.may_decide) << r.user_region;
    EXPECT_EQ(static_cast<bool>(CheckCanCancel(At(r.user_region), t)), r.may_cancel) << r.user_region;
  }
}

TEST(TransferRules, StatesReadBackFromTheirCodes) {
  for (auto s : {TransferState::kRequested, TransferState::kDone, TransferState::kRefused, TransferState::kCancelled}) {
    EXPECT_EQ(ParseTransferState(TransferStateCode(s)), s);
    EXPECT_STRNE(TransferStateZh(s), "");
  }
  EXPECT_FALSE(ParseTransferState("moved"));
}

}  // namespace
}  // namespace fangkong
