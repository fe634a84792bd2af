// Every SQL statement of the vaccination state's storage, by name (db.h).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_STATE_COLUMNS                                                                        \
  "person_id, disease, doses, first_dose, last_dose, series_complete, boosters, last_booster, " \
  "next_dose_number, next_is_booster, next_earliest, next_recommended, next_latest, "        \
  "next_open_from, next_open_until, first_booster, listed_from, listed_until"
// The late lists' entry of a state listed from $17: written now when that
// day is by $19 (tomorrow) or is the day the row has entered already;
// otherwise it waits for the server's pass (0052, kEnterDueListings).
#define FK_LIST_ENTRY(entered) \
  "CASE WHEN $17 <> '' AND ($17 <= $19 OR $17 = " entered ") THEN $17 ELSE '' END"
// One row per (person, disease), replaced whole, with the person's place and
// birth date for the lists (the registry's writes keep them: registry_sql.h).
FK_SQL(kSaveState,
       "INSERT INTO vaccination_state(" FK_STATE_COLUMNS
       ", region_code, birth_date, list_entry_from, dose_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, "
       "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, (SELECT region_code FROM persons "
       "WHERE id = $1), (SELECT birth_date FROM persons WHERE id = $1), " FK_LIST_ENTRY(
           "''") ", $20) "
       "ON CONFLICT (person_id, disease) DO UPDATE SET doses = excluded.doses, "
       "first_dose = excluded.first_dose, last_dose = excluded.last_dose, "
       "series_complete = excluded.series_complete, boosters = excluded.boosters, "
       "last_booster = excluded.last_booster, next_dose_number = excluded.next_dose_number, "
       "next_is_booster = excluded.next_is_booster, next_earliest = excluded.next_earliest, "
       "next_recommended = excluded.next_recommended, next_latest = excluded.next_latest, "
       "next_open_from = excluded.next_open_from, next_open_until = excluded.next_open_until, "
       "first_booster = excluded.first_booster, listed_from = excluded.listed_from, "
       "listed_until = excluded.listed_until, region_code = excluded.region_code, "
       "birth_date = excluded.birth_date, dose_ids = excluded.dose_ids, "
       "list_entry_from = " FK_LIST_ENTRY("vaccination_state.list_entry_from"));
// The same for a person who has a row: their place and birth date are
// already there (the registry's writes keep them), so they are not looked
// up again: with the state's read, 12.5 us a dose where the upsert takes
// 15.8 (bench/RESULTS.md).
FK_SQL(kUpdateState,
       "UPDATE vaccination_state SET doses = $3, first_dose = $4, last_dose = $5, "
       "series_complete = $6, boosters = $7, last_booster = $8, next_dose_number = $9, "
       "next_is_booster = $10, next_earliest = $11, next_recommended = $12, next_latest = $13, "
       "next_open_from = $14, next_open_until = $15, first_booster = $16, listed_from = $17, "
       "listed_until = $18, dose_ids = $20, list_entry_from = " FK_LIST_ENTRY(
           "list_entry_from") " WHERE person_id = $1 AND disease = $2");
// The waiting entries listed by $1 written, $2 at a time (each batch its
// own commit, so doses wait for none long).
FK_SQL(kEnterDueListings,
       "UPDATE vaccination_state SET list_entry_from = listed_from WHERE (person_id, disease) IN "
       "(SELECT person_id, disease FROM vaccination_state WHERE list_entry_from = '' AND "
       "listed_from <> '' AND listed_from <= $1 LIMIT $2)");
// A state left without doses (its last one voided) is no state at all.
FK_SQL(kRemoveState, "DELETE FROM vaccination_state WHERE person_id = $1 AND disease = $2");
FK_SQL(kStateOf, "SELECT " FK_STATE_COLUMNS
                 ", dose_ids FROM vaccination_state WHERE person_id = $1 AND disease = $2");
FK_SQL(kStatesOf,
       "SELECT " FK_STATE_COLUMNS
       ", dose_ids FROM vaccination_state WHERE person_id IN (SELECT value FROM json_each($1)) "
       "AND disease = $2 ORDER BY person_id",
       "SELECT " FK_STATE_COLUMNS
       ", dose_ids FROM vaccination_state WHERE person_id = ANY($1::bigint[]) AND disease = $2 "
       "ORDER BY person_id");
// Doses kept apart (kKeepDoseUnlisted) that a saved state lists now.
FK_SQL(kForgetUnlisted,
       "DELETE FROM unlisted_doses WHERE dose_id IN (SELECT value FROM json_each($1))",
       "DELETE FROM unlisted_doses WHERE dose_id = ANY($1::bigint[])");

// Doses are recorded but no state is kept: after a migration that empties
// the states (0018, 0020), or on a database written before they existed.
FK_SQL(kStatesMissing,
       "SELECT CASE WHEN EXISTS (SELECT 1 FROM dose_records) AND NOT EXISTS (SELECT 1 FROM "
       "vaccination_state) THEN 1 ELSE 0 END");

}  // namespace fangkong::sql
