// Every SQL statement of the transfer repository's storage, by name (db.h).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

// The person's and the requester's names come with each transfer, for lists.
#define FK_TRANSFER_COLUMNS                                                                    \
  "id, person_id, from_region, to_region, state, reason, requested_by, requested_at, "      \
  "decided_by, decided_at, decision_note, "                                                 \
  "COALESCE((SELECT name FROM persons WHERE persons.id = person_transfers.person_id), ''), " \
  "COALESCE((SELECT display_name FROM users WHERE users.id = person_transfers.requested_by), '')"
FK_SQL(kInsertTransfer,
       "INSERT INTO person_transfers(person_id, from_region, to_region, state, reason, requested_by, "
       "requested_at, decided_by, decided_at, decision_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
       db::Sql::ReturningId{});
// The single writer holds it on SQLite; PostgreSQL locks the row.
FK_SQL(kFindTransferForUpdate, "SELECT " FK_TRANSFER_COLUMNS " FROM person_transfers WHERE id = $1",
       "SELECT " FK_TRANSFER_COLUMNS " FROM person_transfers WHERE id = $1 FOR UPDATE");
FK_SQL(kTransfersOfPerson,
       "SELECT " FK_TRANSFER_COLUMNS " FROM person_transfers WHERE person_id = $1 ORDER BY id DESC LIMIT $2");
// A subtree is a code range: [prefix, prefix + ":"), ':' sorting after every digit.
FK_SQL(kTransfersLeaving,
       "SELECT " FK_TRANSFER_COLUMNS " FROM person_transfers WHERE ($1 = '' OR state = $1) "
       "AND from_region >= $2 AND from_region < $3 ORDER BY id DESC LIMIT $4");
FK_SQL(kTransfersEntering,
       "SELECT " FK_TRANSFER_COLUMNS " FROM person_transfers WHERE ($1 = '' OR state = $1) "
       "AND to_region >= $2 AND to_region < $3 ORDER BY id DESC LIMIT $4");
FK_SQL(kCloseTransfer,
       "UPDATE person_transfers SET state = $2, decided_by = $3, decided_at = $4, decision_note = $5 "
       "WHERE id = $1 AND state = 'requested'");

}  // namespace fangkong::sql
