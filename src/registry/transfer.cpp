#include "registry/transfer.h"

namespace fangkong {

namespace {

struct StateName {
  TransferState state;
  const char* code;
  const char* zh;
};
constexpr StateName kStates[] = {{TransferState::kRequested, "requested", "待确认"},
                                 {TransferState::kDone, "done", "已迁移"},
                                 {TransferState::kRefused, "refused", "不同意"},
                                 {TransferState::kCancelled, "cancelled", "已撤回"}};

Status CheckWaiting(const Transfer& t) {
  if (t.state == TransferState::kRequested) return {};
  return Fail(Error::Conflict("transfer_closed", "state", TransferStateCode(t.state),
                              "the transfer is already " + std::string(TransferStateCode(t.state)),
                              "该迁移申请已处理，不能再次操作"));
}

}  // namespace

Status CheckMayMovePeople(const User& u) {
  if (u.role == Role::kCountyAdmin || u.role == Role::kTownshipOfficer || u.role == Role::kVillageWorker) return {};
  return Fail(Error::Forbidden("only county, township and village staff move people between places",
                               "只有县、乡镇（街道）和村（社区）工作人员可以办理人员迁移"));
}

const char* TransferStateCode(TransferState s) { return kStates[static_cast<int>(s)].code; }
const char* TransferStateZh(TransferState s) { return kStates[static_cast<int>(s)].zh; }

std::optional<TransferState> ParseTransferState(std::string_view s) {
  for (const auto& n : kStates)
    if (s == n.code) return n.state;
  return std::nullopt;
}

Result<TransferAction> PlanTransfer(const User& u, const std::string& from, const std::string& to) {
  if (auto s = CheckMayMovePeople(u); !s) return Fail(s.error());
  if (from == to) {
    return Fail(Error::Invalid("same_place", "to_region", to, "the person already lives there",
                               "该人员已登记在此地"));
  }
  if (auto s = CheckJurisdiction(u, to); !s) {
    return Fail(Error::Forbidden("you can only move people into your own jurisdiction (" + u.region_code + ")",
                                 "只能将人员迁入本辖区（" + u.region_code + "）"));
  }
  return CheckJurisdiction(u, from) ? TransferAction::kMoveDirectly : TransferAction::kRequest;
}

Status CheckCanDecide(const User& u, const Transfer& t) {
  if (auto s = CheckMayMovePeople(u); !s) return s;
  if (auto s = CheckJurisdiction(u, t.from_region); !s) {
    return Fail(Error::Forbidden("only the unit where the person is registered accepts or refuses",
                                 "只有人员现登记地可以确认或拒绝迁出"));
  }
  return CheckWaiting(t);
}

Status CheckCanCancel(const User& u, const Transfer& t) {
  if (auto s = CheckMayMovePeople(u); !s) return s;
  if (auto s = CheckJurisdiction(u, t.to_region); !s) {
    return Fail(Error::Forbidden("only the receiving unit cancels its request", "只有申请迁入的单位可以撤回申请"));
  }
  return CheckWaiting(t);
}

}  // namespace fangkong
