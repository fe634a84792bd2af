// Every SQL statement of the arrivals' storage, by name (db.h;
// arrivals/arrival.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

// People written before names had keys (migration 0036), a batch at a time.
FK_SQL(kPeopleWithoutNameKey,
       "SELECT id, name FROM persons WHERE name_key = '' AND name <> '' LIMIT 20000");
FK_SQL(kSetNameKey, "UPDATE persons SET name_key = $2 WHERE id = $1");

#define FK_REGISTERED_COLUMNS "id, name, phone, birth_date, doc_number, region_code, name_key"
FK_SQL(kPeopleByIdNumbers,
       "SELECT " FK_REGISTERED_COLUMNS
       " FROM persons WHERE doc_number IN (SELECT value FROM json_each($1))",
       "SELECT " FK_REGISTERED_COLUMNS " FROM persons WHERE doc_number = ANY($1::text[])");
FK_SQL(kPeopleByPhones,
       "SELECT " FK_REGISTERED_COLUMNS
       " FROM persons WHERE phone IN (SELECT value FROM json_each($1)) AND phone <> ''",
       "SELECT " FK_REGISTERED_COLUMNS
       " FROM persons WHERE phone = ANY($1::text[]) AND phone <> ''");
// Index-only on persons_name_key (name_key, phone, birth_date; the id comes
// with every index entry).
FK_SQL(kNameKeyEntries,
       "SELECT id, name_key, phone, birth_date FROM persons WHERE name_key IN (SELECT value FROM "
       "json_each($1))",
       "SELECT id, name_key, phone, birth_date FROM persons WHERE name_key = ANY($1::text[])");
FK_SQL(kPeopleByIds,
       "SELECT " FK_REGISTERED_COLUMNS
       " FROM persons WHERE id IN (SELECT value FROM json_each($1))",
       "SELECT " FK_REGISTERED_COLUMNS " FROM persons WHERE id = ANY($1::bigint[])");

#define FK_ARRIVAL_COLUMNS                                                                       \
  "id, person_id, id_number, name, phone, origin, arrival_day, region_code, out_of_county, "     \
  "match_kind, match_score, first_reported_at, pushed_at, grid_found_at, deadline_at, outcome, " \
  "outcome_at, outcome_by, outcome_note, measure_id"
FK_SQL(kArrivalsOfPeople,
       "SELECT " FK_ARRIVAL_COLUMNS
       " FROM arrivals WHERE person_id IN (SELECT value FROM json_each($1)) AND person_id <> 0 "
       "AND arrival_day >= $2",
       "SELECT " FK_ARRIVAL_COLUMNS
       " FROM arrivals WHERE person_id = ANY($1::bigint[]) AND person_id <> 0 AND arrival_day >= "
       "$2");
FK_SQL(kArrivalsOfIdNumbers,
       "SELECT " FK_ARRIVAL_COLUMNS
       " FROM arrivals WHERE person_id = 0 AND id_number <> '' AND id_number IN (SELECT value "
       "FROM json_each($1)) AND arrival_day >= $2",
       "SELECT " FK_ARRIVAL_COLUMNS
       " FROM arrivals WHERE person_id = 0 AND id_number <> '' AND id_number = ANY($1::text[]) "
       "AND arrival_day >= $2");
FK_SQL(kInsertArrival,
       "INSERT INTO arrivals(person_id, id_number, name, phone, origin, arrival_day, region_code, "
       "out_of_county, match_kind, match_score, first_reported_at, pushed_at, grid_found_at, "
       "deadline_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
       db::Sql::ReturningId{});
// A further report: what it adds (db.h's arrival fields; outcome untouched).
FK_SQL(
    kUpdateArrivalReports,
    "UPDATE arrivals SET id_number = $2, name = $3, phone = $4, origin = $5, "
    "first_reported_at = $6, pushed_at = $7, grid_found_at = $8, deadline_at = $9 WHERE id = $1");
FK_SQL(kInsertArrivalReport,
       "INSERT INTO arrival_reports(arrival_id, source, source_name, id_number, name, phone, "
       "origin, destination_code, arrival_day, reported_at, user_id, import_id, line) VALUES ($1, "
       "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
FK_SQL(kInsertArrivalCandidate,
       "INSERT INTO arrival_candidates(arrival_id, person_id, score) VALUES ($1, $2, $3) "
       "ON CONFLICT(arrival_id, person_id) DO NOTHING");
FK_SQL(kFindArrival, "SELECT " FK_ARRIVAL_COLUMNS " FROM arrivals WHERE id = $1");
FK_SQL(kArrivalsIn,
       "SELECT " FK_ARRIVAL_COLUMNS
       " FROM arrivals WHERE region_code >= $1 AND region_code < $2 AND arrival_day >= $3 AND "
       "arrival_day <= $4 ORDER BY arrival_day DESC, id DESC");
#define FK_REPORT_COLUMNS                                                                   \
  "id, arrival_id, source, source_name, id_number, name, phone, origin, destination_code, " \
  "arrival_day, reported_at, user_id, import_id, line"
FK_SQL(kReportsOfArrival,
       "SELECT " FK_REPORT_COLUMNS " FROM arrival_reports WHERE arrival_id = $1 ORDER BY id");
FK_SQL(kCandidatesOfArrival,
       "SELECT arrival_id, person_id, score FROM arrival_candidates WHERE arrival_id = $1 ORDER "
       "BY score DESC, person_id");
FK_SQL(kSetArrivalPerson,
       "UPDATE arrivals SET person_id = $2, region_code = $3, out_of_county = $4, match_kind = $5, "
       "match_score = $6 WHERE id = $1");
FK_SQL(kSetArrivalOutcome,
       "UPDATE arrivals SET outcome = $2, outcome_at = $3, outcome_by = $4, outcome_note = $5, "
       "measure_id = $6 WHERE id = $1 AND outcome = ''");

#define FK_IMPORT_COLUMNS                                                                         \
  "id, file_name, source_name, state, user_id, region_code, created_at, finished_at, row_count, " \
  "processed, by_id_number, linked, uncertain, unmatched, merged, out_of_county, failed, "        \
  "errors_json"
FK_SQL(kInsertArrivalImport,
       "INSERT INTO arrival_imports(file_name, source_name, state, user_id, region_code, "
       "created_at, row_count) VALUES ($1, $2, $3, $4, $5, $6, $7)",
       db::Sql::ReturningId{});
FK_SQL(kSaveArrivalImport,
       "UPDATE arrival_imports SET state = $2, finished_at = $3, processed = $4, by_id_number = "
       "$5, linked = $6, uncertain = $7, unmatched = $8, merged = $9, out_of_county = $10, failed "
       "= $11, errors_json = $12 WHERE id = $1");
FK_SQL(kFindArrivalImport, "SELECT " FK_IMPORT_COLUMNS " FROM arrival_imports WHERE id = $1");
FK_SQL(kArrivalImportsIn,
       "SELECT " FK_IMPORT_COLUMNS
       " FROM arrival_imports WHERE region_code >= $1 AND region_code < $2 ORDER BY id DESC "
       "LIMIT 50");
FK_SQL(kInterruptArrivalImports,
       "UPDATE arrival_imports SET state = 'interrupted' WHERE state = 'running'");

}  // namespace fangkong::sql
