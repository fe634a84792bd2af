// Transfers of people between places (迁入/迁出), from request to decision.
// The person's place, the population counts and the transfer's record change
// in one unit of work: a move is never half made.
#pragma once

#include <string>
#include <vector>

#include "core/unit_of_work.h"
#include "registry/repository.h"
#include "registry/transfer.h"

namespace fangkong {

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
