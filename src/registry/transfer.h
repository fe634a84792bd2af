// Transfers of a person between places (迁入/迁出): the receiving unit asks,
// the current unit accepts or refuses, or a user whose jurisdiction covers
// both places moves the person at once. Every transfer is kept as history;
// the person's place and the population counts change in the same unit of
// work as the transfer that moves them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "access/user.h"
#include "core/error.h"

namespace fangkong {

enum class TransferState { kRequested, kDone, kRefused, kCancelled };
const char* TransferStateCode(TransferState s);
const char* TransferStateZh(TransferState s);  // 待确认, 已迁移, 不同意, 已撤回
std::optional<TransferState> ParseTransferState(std::string_view s);

struct Transfer {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string from_region, to_region;  // the person's place before, and asked for
  TransferState state = TransferState::kRequested;
  std::string reason;  // why the person moves (required)
  int64_t requested_by = 0, requested_at = 0;
  int64_t decided_by = 0, decided_at = 0;  // 0 while requested
  std::string decision_note;               // required when refused
  // Read with the transfer, for lists; not stored with it.
  std::string person_name, requested_by_name;
};

// Which transfers to list: those leaving or entering a subtree (a region
// prefix; "" for any), in a state, or of one person; newest first.
struct TransferFilter {
  std::string leaving, entering;
  std::optional<TransferState> state;
  int64_t person_id = 0;
  int64_t limit = 100;
};

// Stored transfers. Thread-safe; every method returns an Error of kind
// kInternal when the database fails.
class TransferRepository {
 public:
  virtual ~TransferRepository() = default;
  virtual Result<int64_t> InsertTransfer(const Transfer& t) = 0;
  // Inside a unit of work, locked against another decision until it commits.
  virtual Result<std::optional<Transfer>> FindTransferForUpdate(int64_t id) = 0;
  virtual Result<std::vector<Transfer>> Transfers(const TransferFilter& f) = 0;
  // Records the decision in `decided` if the transfer still waits; false
  // when another decision came first.
  virtual Result<bool> CloseTransfer(const Transfer& decided) = 0;
};

// Moving people between places is the residence tree's work: county,
// township and village staff; others are Forbidden.
Status CheckMayMovePeople(const User& u);

// What a user asking to move a person from `from` to `to` may do.
enum class TransferAction {
  kMoveDirectly,  // the user's jurisdiction covers both places
  kRequest,       // it covers the new place only: the current unit decides
};
// Forbidden when the user's jurisdiction does not cover the new place;
// Invalid when the places are the same.
Result<TransferAction> PlanTransfer(const User& u, const std::string& from, const std::string& to);

// Accepting or refusing needs a jurisdiction over the person's current
// place, and a transfer still waiting.
Status CheckCanDecide(const User& u, const Transfer& t);
// Cancelling: the receiving side (a jurisdiction over the new place), while
// the transfer still waits.
Status CheckCanCancel(const User& u, const Transfer& t);

}  // namespace fangkong
