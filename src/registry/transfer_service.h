// Transfers of people between places (迁入/迁出), from request to decision.
// The person's place, the population counts and the transfer's record change
// in one unit of work: a move is never half made.
#pragma once

#include <string>
#include <vector>

#include "core/unit_of_work.h"
#include "registry/repository.h"
#include "registry/service.h"
#include "registry/transfer.h"

namespace fangkong {

// A person as the receiving unit sees them before a transfer: enough to be
// sure it is the right person, no more.
struct PersonToReceive {
  int64_t person_id = 0;
  std::string masked_name;   // "张*"
  std::string region_code;   // where the person is registered now
  bool in_jurisdiction = false;  // already the caller's: a direct move
};

enum class TransferDirection { kEntering, kLeaving };

class TransferService {
 public:
  // All must outlive the service; `unit` is the store behind the repositories.
  TransferService(PersonRepository& persons, TransferRepository& transfers, const RegionDirectory& regions,
                  UnitOfWork& unit)
      : persons_(persons), transfers_(transfers), regions_(regions), unit_(unit) {}

  // Moves the person at once when the user's jurisdiction covers both
  // places (a done transfer), otherwise asks the current place (a
  // requested one). One waiting request per person.
  Result<Transfer> Request(const User& u, int64_t person_id, const std::string& to_region,
                           const std::string& reason, int64_t now);
  // The current place's decisions; the receiving place may cancel.
  Result<Transfer> Accept(const User& u, int64_t transfer_id, int64_t now);
  Result<Transfer> Refuse(const User& u, int64_t transfer_id, const std::string& note, int64_t now);
  Result<Transfer> Cancel(const User& u, int64_t transfer_id, int64_t now);

  // Finds by identity number someone the caller may ask to receive, even when
  // registered elsewhere; the caller audits the lookup.
  Result<PersonToReceive> FindToReceive(const User& u, const std::string& id_number);
  // Transfers entering or leaving the caller's jurisdiction, newest first.
  Result<std::vector<Transfer>> List(const User& u, TransferDirection d, std::optional<TransferState> state,
                                     int64_t limit);
  // One person's moves, for a person in the caller's jurisdiction.
  Result<std::vector<Transfer>> History(const User& u, int64_t person_id);
  // An edit on the person's own form that changes their place: the
  // registry's checks cover both places, and the move is kept as a done
  // transfer in the same unit of work as the edit.
  Result<Person> UpdateKeepingHistory(RegistryService& registry, const User& u, int64_t id, const PersonInput& in,
                                      int64_t now);

 private:
  // Records the decision on a waiting transfer, moving the person when it is
  // kDone, all in one unit of work.
  Result<Transfer> Decide(const User& u, int64_t id, TransferState to, const std::string& note, int64_t now);
  Status Move(int64_t person_id, const std::string& from, const std::string& to);

  PersonRepository& persons_;
  TransferRepository& transfers_;
  const RegionDirectory& regions_;
  UnitOfWork& unit_;
};

}  // namespace fangkong
