// Every SQL statement of the health measures' storage, by name (db.h;
// measures/measure.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

FK_SQL(kMeasureTypes,
       "SELECT code, edition, name, name_zh, kind, days, test_days, next_code FROM measure_types "
       "ORDER BY edition DESC, code");
FK_SQL(kInsertMeasureType,
       "INSERT INTO measure_types(code, edition, name, name_zh, kind, days, test_days, next_code) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");

#define FK_MEASURE_COLUMNS                                                                   \
  "id, person_id, type_code, region_code, start_day, end_day, source, reason, assigned_by, " \
  "assigned_at, previous_id, ended, ended_on, ended_by"
FK_SQL(kInsertMeasure,
       "INSERT INTO measures(person_id, type_code, region_code, start_day, end_day, source, "
       "reason, assigned_by, assigned_at, previous_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
       "$9, $10)",
       db::Sql::ReturningId{});
FK_SQL(kInsertMeasureRow,
       "INSERT INTO measures(person_id, type_code, region_code, start_day, end_day, source, "
       "reason, assigned_by, assigned_at, previous_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
       "$9, $10)");
FK_SQL(kFindMeasure, "SELECT " FK_MEASURE_COLUMNS " FROM measures WHERE id = $1");
FK_SQL(kMeasuresOf, "SELECT " FK_MEASURE_COLUMNS " FROM measures WHERE person_id = $1 ORDER BY id");
FK_SQL(kPlacesOfPeople,
       "SELECT id, region_code FROM persons WHERE id IN (SELECT value FROM json_each($1))",
       "SELECT id, region_code FROM persons WHERE id = ANY($1::bigint[])");
FK_SQL(kOpenMeasuresOf,
       "SELECT " FK_MEASURE_COLUMNS
       " FROM measures WHERE person_id IN (SELECT value FROM "
       "json_each($1)) AND ended = '' AND end_day >= $2 ORDER BY id",
       "SELECT " FK_MEASURE_COLUMNS
       " FROM measures WHERE person_id = ANY($1::bigint[]) AND "
       "ended = '' AND end_day >= $2 ORDER BY id");
FK_SQL(kEndMeasure,
       "UPDATE measures SET ended = $2, ended_on = $3, ended_by = $4 WHERE id = $1 AND ended = ''");
FK_SQL(kSetMeasureEnd, "UPDATE measures SET end_day = $2 WHERE id = $1");

#define FK_LOG_COLUMNS                                                                       \
  "id, measure_id, person_id, day, day_number, kind, done_at, done_by, temperature_tenths, " \
  "symptoms, result"
// One row per task logged; the unique (measure, day, kind) refuses a second.
FK_SQL(kInsertMeasureLog,
       "INSERT INTO measure_logs(measure_id, person_id, day, day_number, kind, done_at, done_by, "
       "temperature_tenths, symptoms, result) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
FK_SQL(kLogsOfMeasure, "SELECT " FK_LOG_COLUMNS
                       " FROM measure_logs WHERE measure_id = $1 ORDER BY day_number, kind");
FK_SQL(kLogsOfPerson, "SELECT " FK_LOG_COLUMNS
                      " FROM measure_logs WHERE person_id = $1 ORDER BY measure_id, "
                      "day_number, kind");
FK_SQL(kLogsOfMeasures,
       "SELECT " FK_LOG_COLUMNS
       " FROM measure_logs WHERE measure_id IN (SELECT value FROM "
       "json_each($1)) ORDER BY measure_id, day_number, kind",
       "SELECT " FK_LOG_COLUMNS
       " FROM measure_logs WHERE measure_id = ANY($1::bigint[]) ORDER BY "
       "measure_id, day_number, kind");

FK_SQL(kInsertMeasureChange,
       "INSERT INTO measure_changes(measure_id, person_id, days, reason, user_id, at) VALUES ($1, "
       "$2, $3, $4, $5, $6)");
FK_SQL(kMeasureChangesOf,
       "SELECT id, measure_id, person_id, days, reason, user_id, at FROM measure_changes WHERE "
       "person_id = $1 ORDER BY id DESC");

// A board: the measures of the subtree [$1, $2) started by day $3 and not
// over before it, or not ended and over since $4 (their tasks left undone).
FK_SQL(kBoard,
       "SELECT m.id, m.person_id, m.type_code, m.region_code, m.start_day, m.end_day, m.source, "
       "m.reason, m.assigned_by, m.assigned_at, m.previous_id, m.ended, m.ended_on, m.ended_by, "
       "p.name, p.doc_number, p.phone FROM measures m JOIN persons p ON p.id = m.person_id "
       "WHERE m.region_code >= $1 AND m.region_code < $2 AND m.start_day <= $3 AND "
       "(m.end_day >= $3 OR (m.ended = '' AND m.end_day >= $4)) "
       "ORDER BY m.region_code, m.person_id, m.id");

}  // namespace fangkong::sql
