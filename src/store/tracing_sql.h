// Every SQL statement of the contact tracing's storage, by name (db.h;
// tracing/tracing.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_CASE_COLUMNS "id, person_id, code, kind, region_code, reported_at, recorded_by, note"
FK_SQL(kInsertCase,
       "INSERT INTO cases(person_id, code, kind, region_code, reported_at, recorded_by, note) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7)",
       db::Sql::ReturningId{});
FK_SQL(kFindCase, "SELECT " FK_CASE_COLUMNS " FROM cases WHERE id = $1");
FK_SQL(kCasesIn, "SELECT " FK_CASE_COLUMNS
                 " FROM cases WHERE region_code >= $1 AND region_code < $2 ORDER BY reported_at "
                 "DESC, id DESC");
FK_SQL(kCasesOfPeople,
       "SELECT " FK_CASE_COLUMNS
       " FROM cases WHERE person_id IN (SELECT value FROM json_each($1)) ORDER BY id",
       "SELECT " FK_CASE_COLUMNS " FROM cases WHERE person_id = ANY($1::bigint[]) ORDER BY id");
FK_SQL(kInsertCaseEvent,
       "INSERT INTO case_events(case_id, from_at, until_at, place, note) VALUES ($1, $2, $3, $4, "
       "$5)",
       db::Sql::ReturningId{});
FK_SQL(kEventsOfCase,
       "SELECT id, case_id, from_at, until_at, place, note FROM case_events WHERE case_id = $1 "
       "ORDER BY from_at, id");

#define FK_EDGE_COLUMNS                                                                        \
  "id, case_id, source_person, contact_person, type, exposure_at, place, certainty, derived, " \
  "confirmed_by, recorded_at, recorded_by"
FK_SQL(
    kInsertContact,
    "INSERT INTO contact_edges(case_id, source_person, contact_person, type, exposure_at, place, "
    "certainty, derived, confirmed_by, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, "
    "$6, $7, $8, $9, $10, $11)",
    db::Sql::ReturningId{});
FK_SQL(kContactsOfCase,
       "SELECT " FK_EDGE_COLUMNS " FROM contact_edges WHERE case_id = $1 ORDER BY id");
FK_SQL(kEdgesTouching,
       "SELECT " FK_EDGE_COLUMNS
       " FROM contact_edges WHERE source_person IN (SELECT value FROM json_each($1)) UNION "
       "SELECT " FK_EDGE_COLUMNS
       " FROM contact_edges WHERE contact_person IN (SELECT value FROM json_each($1))",
       "SELECT " FK_EDGE_COLUMNS
       " FROM contact_edges WHERE source_person = ANY($1::bigint[]) UNION SELECT " FK_EDGE_COLUMNS
       " FROM contact_edges WHERE contact_person = ANY($1::bigint[])");
FK_SQL(kFindContact, "SELECT " FK_EDGE_COLUMNS " FROM contact_edges WHERE id = $1");
FK_SQL(kConfirmContact,
       "UPDATE contact_edges SET derived = 0, confirmed_by = $2 WHERE id = $1 AND derived = 1");

FK_SQL(kTracedPeople,
       "SELECT id, name, doc_number, phone, region_code FROM persons WHERE id IN (SELECT value "
       "FROM json_each($1))",
       "SELECT id, name, doc_number, phone, region_code FROM persons WHERE id = ANY($1::bigint[])");
FK_SQL(kDeadlineRules, "SELECT code, name_zh, hours, ord FROM deadline_rules ORDER BY ord");
FK_SQL(kMilestonesOf,
       "SELECT code, done_at, done_by FROM case_milestones WHERE case_id = $1 ORDER BY done_at");
FK_SQL(kRecordMilestone,
       "INSERT INTO case_milestones(case_id, code, done_at, done_by) VALUES ($1, $2, $3, $4) ON "
       "CONFLICT(case_id, code) DO NOTHING");
FK_SQL(kCentralQuarantineTimes,
       "SELECT m.person_id, MIN(m.assigned_at) FROM measures m JOIN measure_types t ON t.code = "
       "m.type_code WHERE t.kind = 'central_quarantine' AND m.person_id IN (SELECT value FROM "
       "json_each($1)) GROUP BY m.person_id",
       "SELECT m.person_id, MIN(m.assigned_at) FROM measures m JOIN measure_types t ON t.code = "
       "m.type_code WHERE t.kind = 'central_quarantine' AND m.person_id = ANY($1::bigint[]) "
       "GROUP BY m.person_id");

}  // namespace fangkong::sql
