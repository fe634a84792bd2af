// Every SQL statement of the dose record's corrections, by name (db.h).
#pragma once

#include "store/db.h"
#include "store/safety_sql.h"  // kFindDose
#include "store/vaccination_sql.h"

namespace fangkong::sql {

FK_SQL(kUpdateDose,
       "UPDATE dose_records SET product = $2, given_on = $3, lot = $4, dose_number = $5, "
       "booster = $6 WHERE id = $1");
FK_SQL(kAefiOfDose, "SELECT id FROM aefi_reports WHERE dose_id = $1 ORDER BY id LIMIT 1");
FK_SQL(kDeleteDose, "DELETE FROM dose_records WHERE id = $1");
FK_SQL(kDeleteUnlistedDose, "DELETE FROM unlisted_doses WHERE dose_id = $1");

#define FK_DOSE_ENTRY_COLUMNS                                                                 \
  "id, dose_id, person_id, kind, before_product, before_given_on, before_lot, "               \
  "before_dose_number, after_product, after_given_on, after_lot, after_dose_number, reason, " \
  "user_id, at"
FK_SQL(kInsertDoseEntry,
       "INSERT INTO dose_entries(dose_id, person_id, kind, before_product, before_given_on, "
       "before_lot, before_dose_number, after_product, after_given_on, after_lot, "
       "after_dose_number, reason, user_id, at) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
       db::Sql::ReturningId{});
FK_SQL(kDoseEntriesOf,
       "SELECT " FK_DOSE_ENTRY_COLUMNS " FROM dose_entries WHERE person_id = $1 ORDER BY id DESC");

}  // namespace fangkong::sql
