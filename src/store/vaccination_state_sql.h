// Every SQL statement of the vaccination state's storage, by name (db.h).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_STATE_COLUMNS                                                                        \
  "person_id, disease, doses, first_dose, last_dose, series_complete, boosters, last_booster, " \
  "next_dose_number, next_is_booster, next_earliest, next_recommended, next_latest"
// One row per (person, disease), replaced whole.
FK_SQL(kSaveState,
       "INSERT INTO vaccination_state(" FK_STATE_COLUMNS
       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
       "ON CONFLICT (person_id, disease) DO UPDATE SET doses = excluded.doses, "
       "first_dose = excluded.first_dose, last_dose = excluded.last_dose, "
       "series_complete = excluded.series_complete, boosters = excluded.boosters, "
       "last_booster = excluded.last_booster, next_dose_number = excluded.next_dose_number, "
       "next_is_booster = excluded.next_is_booster, next_earliest = excluded.next_earliest, "
       "next_recommended = excluded.next_recommended, next_latest = excluded.next_latest");
FK_SQL(kStateOf,
       "SELECT " FK_STATE_COLUMNS " FROM vaccination_state WHERE person_id = $1 AND disease = $2");
FK_SQL(
    kStatesOf,
    "SELECT " FK_STATE_COLUMNS
    " FROM vaccination_state WHERE person_id IN (SELECT value FROM json_each($1)) AND disease = $2 "
    "ORDER BY person_id",
    "SELECT " FK_STATE_COLUMNS
    " FROM vaccination_state WHERE person_id = ANY($1::bigint[]) AND disease = $2 ORDER BY "
    "person_id");

}  // namespace fangkong::sql
