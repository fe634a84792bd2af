// Every SQL statement of the mobilisation repository, PostgreSQL dialect.
// The SQLite file has the same names. A set of people is passed as one array
// parameter, not one statement per person.
#pragma once

#include "store/postgres/postgres_vaccination_sql.h"

namespace fangkong::postgres_sql {

inline constexpr const char* kDosesOfPersons =
    "SELECT " FK_PG_DOSE_COLUMNS " FROM dose_records WHERE person_id = ANY($1::bigint[]) "
    "ORDER BY person_id, given_on, id";
inline constexpr const char* kScreeningsOfPersons =
    "SELECT " FK_PG_VISIT_COLUMNS " FROM visits WHERE person_id = ANY($1::bigint[]) "
    "AND state IN ('deferred', 'exempt') ORDER BY person_id, id";

#define FK_PG_FOLLOW_UP_COLUMNS "id, person_id, disease, at, user_id, method, result, note, next_contact"
inline constexpr const char* kInsertFollowUp =
    "INSERT INTO follow_ups(person_id, disease, at, user_id, method, result, note, next_contact) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
inline constexpr const char* kFollowUpsOf =
    "SELECT " FK_PG_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE person_id = $1 ORDER BY id DESC LIMIT 200";
inline constexpr const char* kLatestFollowUps =
    "SELECT " FK_PG_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE id IN (SELECT MAX(id) FROM follow_ups "
    "WHERE disease = $2 AND person_id = ANY($1::bigint[]) GROUP BY person_id)";

}  // namespace fangkong::postgres_sql
