// Every SQL statement of the quarantine sites' storage, by name (db.h;
// quarantine/quarantine_site.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_SITE_COLUMNS "id, name, region_code, address, reserve, contact"
FK_SQL(kInsertQuarantineSite,
       "INSERT INTO quarantine_sites(name, region_code, address, reserve, contact) VALUES ($1, $2, "
       "$3, $4, $5)",
       db::Sql::ReturningId{});
FK_SQL(kFindQuarantineSite, "SELECT " FK_SITE_COLUMNS " FROM quarantine_sites WHERE id = $1");
FK_SQL(kQuarantineSites, "SELECT " FK_SITE_COLUMNS " FROM quarantine_sites ORDER BY reserve, id");
FK_SQL(kInsertRoom,
       "INSERT INTO quarantine_rooms(site_id, building, floor, number, capacity) VALUES ($1, $2, "
       "$3, $4, $5)");
FK_SQL(kRoomsOf,
       "SELECT id, site_id, building, floor, number, capacity FROM quarantine_rooms WHERE site_id "
       "= $1 ORDER BY building, floor, number");
#define FK_STAY_COLUMNS                                                                         \
  "id, site_id, room_id, person_id, measure_id, from_day, until_day, checked_out_on, vehicle, " \
  "escort, picked_up_at, arrived_at, assigned_by, assigned_at"
FK_SQL(kStaysOf, "SELECT " FK_STAY_COLUMNS " FROM quarantine_stays WHERE site_id = $1");
FK_SQL(kFindStay, "SELECT " FK_STAY_COLUMNS " FROM quarantine_stays WHERE id = $1");
// Two assignments to one room take turns on its row (PostgreSQL; SQLite's
// single writer does it already), so the second counts the first.
FK_SQL(kLockRoom, "SELECT capacity FROM quarantine_rooms WHERE id = $1",
       "SELECT capacity FROM quarantine_rooms WHERE id = $1 FOR UPDATE");
// The stays the new one [$2, $3] would share the room with.
FK_SQL(kOverlappingStays,
       "SELECT COUNT(*) FROM quarantine_stays WHERE room_id = $1 AND from_day <= $3 AND until_day "
       ">= $2 AND (checked_out_on = '' OR checked_out_on > $2)");
// The person's own stays over [$2, $3] (one bed at a time).
FK_SQL(kStaysOfPersonOverlapping,
       "SELECT COUNT(*) FROM quarantine_stays WHERE person_id = $1 AND from_day <= $3 AND "
       "until_day >= $2 AND (checked_out_on = '' OR checked_out_on > $2)");
FK_SQL(kInsertStay,
       "INSERT INTO quarantine_stays(site_id, room_id, person_id, measure_id, from_day, "
       "until_day, vehicle, escort, picked_up_at, arrived_at, assigned_by, assigned_at) VALUES "
       "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
       db::Sql::ReturningId{});
FK_SQL(kCheckOutStay,
       "UPDATE quarantine_stays SET checked_out_on = $2 WHERE id = $1 AND checked_out_on = ''");

}  // namespace fangkong::sql
