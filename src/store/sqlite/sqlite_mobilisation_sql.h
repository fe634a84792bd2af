// Every SQL statement of the mobilisation repository, SQLite dialect. The
// PostgreSQL file has the same names. A set of people is passed as one JSON
// array (json_each), not one statement per person.
#pragma once

#include "store/sqlite/sqlite_vaccination_sql.h"

namespace fangkong::sqlite_sql {

inline constexpr const char* kDosesOfPersons =
    "SELECT " FK_DOSE_COLUMNS " FROM dose_records WHERE person_id IN (SELECT value FROM json_each(?1)) "
    "ORDER BY person_id, given_on, id";
inline constexpr const char* kScreeningsOfPersons =
    "SELECT " FK_VISIT_COLUMNS " FROM visits WHERE person_id IN (SELECT value FROM json_each(?1)) "
    "AND state IN ('deferred', 'exempt') ORDER BY person_id, id";

#define FK_FOLLOW_UP_COLUMNS "id, person_id, disease, at, user_id, method, result, note, next_contact"
inline constexpr const char* kInsertFollowUp =
    "INSERT INTO follow_ups(person_id, disease, at, user_id, method, result, note, next_contact) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
inline constexpr const char* kFollowUpsOf =
    "SELECT " FK_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE person_id = ?1 ORDER BY id DESC LIMIT 200";
inline constexpr const char* kLatestFollowUps =
    "SELECT " FK_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE id IN (SELECT MAX(id) FROM follow_ups "
    "WHERE disease = ?2 AND person_id IN (SELECT value FROM json_each(?1)) GROUP BY person_id)";

}  // namespace fangkong::sqlite_sql
