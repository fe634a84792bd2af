// Every SQL statement of the mobilisation repository's storage, by name
// (db.h). A set of people is passed as one list (db::IntList), not one
// statement per person: SQLite reads it with json_each, PostgreSQL as an array.
#pragma once

#include "store/vaccination_sql.h"

namespace fangkong::sql {

FK_SQL(kDosesOfPersons,
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE person_id IN (SELECT value FROM json_each($1)) "
       "ORDER BY person_id, given_on, id",
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE person_id = ANY($1::bigint[]) "
       "ORDER BY person_id, given_on, id");
FK_SQL(kScreeningsOfPersons,
       "SELECT " FK_VISIT_COLUMNS
       " FROM visits WHERE person_id IN (SELECT value FROM json_each($1)) "
       "AND state IN ('deferred', 'exempt') ORDER BY person_id, id",
       "SELECT " FK_VISIT_COLUMNS
       " FROM visits WHERE person_id = ANY($1::bigint[]) "
       "AND state IN ('deferred', 'exempt') ORDER BY person_id, id");

#define FK_FOLLOW_UP_COLUMNS \
  "id, person_id, disease, at, user_id, method, result, note, next_contact"
FK_SQL(
    kInsertFollowUp,
    "INSERT INTO follow_ups(person_id, disease, at, user_id, method, result, note, next_contact) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    db::Sql::ReturningId{});
FK_SQL(kFollowUpsOf, "SELECT " FK_FOLLOW_UP_COLUMNS
                     " FROM follow_ups WHERE person_id = $1 ORDER BY id DESC LIMIT 200");
FK_SQL(kLatestFollowUps,
       "SELECT " FK_FOLLOW_UP_COLUMNS
       " FROM follow_ups WHERE id IN (SELECT MAX(id) FROM follow_ups "
       "WHERE disease = $2 AND person_id IN (SELECT value FROM json_each($1)) GROUP BY person_id)",
       "SELECT " FK_FOLLOW_UP_COLUMNS
       " FROM follow_ups WHERE id IN (SELECT MAX(id) FROM follow_ups "
       "WHERE disease = $2 AND person_id = ANY($1::bigint[]) GROUP BY person_id)");

}  // namespace fangkong::sql
