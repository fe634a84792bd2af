// Every SQL statement of the quarantine sites' staff storage, by name (db.h;
// quarantine/quarantine_staff.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_STAFF_COLUMNS "id, site_id, name, phone, duty, from_day, until_day, test_every_days"
FK_SQL(kInsertQuarantineStaff,
       "INSERT INTO quarantine_staff(site_id, name, phone, duty, from_day, until_day, "
       "test_every_days) VALUES ($1, $2, $3, $4, $5, $6, $7)",
       db::Sql::ReturningId{});
FK_SQL(kFindQuarantineStaff, "SELECT " FK_STAFF_COLUMNS " FROM quarantine_staff WHERE id = $1");
FK_SQL(kQuarantineStaffOf,
       "SELECT " FK_STAFF_COLUMNS " FROM quarantine_staff WHERE site_id = $1 ORDER BY id");
FK_SQL(kInsertStaffTest,
       "INSERT INTO quarantine_staff_tests(staff_id, site_id, day, result, recorded_at, "
       "recorded_by) VALUES ($1, $2, $3, $4, $5, $6)",
       db::Sql::ReturningId{});
FK_SQL(kSetStaffTestResult,
       "UPDATE quarantine_staff_tests SET result = $3, recorded_at = $4, recorded_by = $5 WHERE "
       "staff_id = $1 AND day = $2 AND result = 'pending' RETURNING id");
FK_SQL(kStaffTestsOf,
       "SELECT id, staff_id, site_id, day, result, recorded_at, recorded_by FROM "
       "quarantine_staff_tests WHERE site_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, "
       "staff_id");

}  // namespace fangkong::sql
