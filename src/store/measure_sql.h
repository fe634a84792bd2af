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
FK_SQL(kFindMeasure, "SELECT " FK_MEASURE_COLUMNS " FROM measures WHERE id = $1");
FK_SQL(kMeasuresOf, "SELECT " FK_MEASURE_COLUMNS " FROM measures WHERE person_id = $1 ORDER BY id");
FK_SQL(kEndMeasure,
       "UPDATE measures SET ended = $2, ended_on = $3, ended_by = $4 WHERE id = $1 AND ended = ''");
FK_SQL(kSetMeasureEnd, "UPDATE measures SET end_day = $2 WHERE id = $1");

#define FK_TASK_COLUMNS                                                                      \
  "t.id, t.measure_id, t.person_id, t.region_code, t.day, t.day_number, t.kind, t.done_at, " \
  "t.done_by, t.temperature_tenths, t.symptoms, t.result"
// A measure's tasks as one JSON array of [measure, person, place, day,
// day number, kind], parsed once by each engine.
FK_SQL(kInsertTasks,
       "INSERT INTO measure_tasks(measure_id, person_id, region_code, day, day_number, kind) "
       "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, "
       "'$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, "
       "'$[5]') FROM json_each($1) ORDER BY key",
       "INSERT INTO measure_tasks(measure_id, person_id, region_code, day, day_number, kind) "
       "SELECT (e->>0)::bigint, (e->>1)::bigint, e->>2, e->>3, (e->>4)::integer, e->>5 FROM "
       "jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, n) ORDER BY n");
FK_SQL(kFindTask, "SELECT " FK_TASK_COLUMNS " FROM measure_tasks t WHERE t.id = $1");
FK_SQL(kTasksOfMeasure, "SELECT " FK_TASK_COLUMNS
                        " FROM measure_tasks t WHERE t.measure_id = $1 ORDER BY t.day, "
                        "t.kind");
FK_SQL(kTasksOfPerson, "SELECT " FK_TASK_COLUMNS
                       " FROM measure_tasks t WHERE t.person_id = $1 ORDER BY t.day, "
                       "t.kind");
// Only a task not yet done takes a log: two workers logging it at once get
// one row changed between them.
FK_SQL(kLogTask,
       "UPDATE measure_tasks SET done_at = $2, done_by = $3, temperature_tenths = $4, symptoms = "
       "$5, result = $6 WHERE id = $1 AND done_at = 0");
FK_SQL(kDropOpenTasksFrom,
       "DELETE FROM measure_tasks WHERE measure_id = $1 AND day >= $2 AND done_at = 0");

FK_SQL(kInsertMeasureChange,
       "INSERT INTO measure_changes(measure_id, person_id, days, reason, user_id, at) VALUES ($1, "
       "$2, $3, $4, $5, $6)");
FK_SQL(kMeasureChangesOf,
       "SELECT id, measure_id, person_id, days, reason, user_id, at FROM measure_changes WHERE "
       "person_id = $1 ORDER BY id DESC");

// A board: the tasks of day $3 in the subtree [$1, $2), and the earlier ones
// not done of measures in force (the partial index measure_tasks_open).
FK_SQL(kBoard,
       "SELECT " FK_TASK_COLUMNS
       ", m.id, m.person_id, m.type_code, m.region_code, m.start_day, "
       "m.end_day, m.source, m.reason, m.assigned_by, m.assigned_at, m.previous_id, m.ended, "
       "m.ended_on, m.ended_by, p.name, p.doc_number, p.phone FROM measure_tasks t "
       "JOIN measures m ON m.id = t.measure_id JOIN persons p ON p.id = t.person_id "
       "WHERE t.region_code >= $1 AND t.region_code < $2 AND t.day = $3 "
       "UNION ALL "
       "SELECT " FK_TASK_COLUMNS
       ", m.id, m.person_id, m.type_code, m.region_code, m.start_day, "
       "m.end_day, m.source, m.reason, m.assigned_by, m.assigned_at, m.previous_id, m.ended, "
       "m.ended_on, m.ended_by, p.name, p.doc_number, p.phone FROM measure_tasks t "
       "JOIN measures m ON m.id = t.measure_id JOIN persons p ON p.id = t.person_id "
       "WHERE t.region_code >= $1 AND t.region_code < $2 AND t.day < $3 AND t.done_at = 0 "
       "AND m.ended = '' "
       "ORDER BY 4, 3, 5, 7");

}  // namespace fangkong::sql
