// Transfers between the demo's first two townships, so the transfer page has
// work on it at once: requests waiting for each township, moves already made
// (the people and the counts moved with them) and a refusal.
#pragma once

#include <string>

#include "access/user.h"
#include "registry/repository.h"
#include "registry/transfer.h"

namespace fangkong {

// Uses the users town01 and town02 (made by the demo) as the clerks who ask
// and decide. Returns the number of transfers written; 0 when the demo has
// no second township.
Result<int64_t> AddDemoTransfers(PersonRepository& persons, TransferRepository& transfers,
                                 UserRepository& users, int64_t now);

}  // namespace fangkong
