// Every SQL statement of the zones' storage, by name (db.h; zones/zone.h
// says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

FK_SQL(kInsertZone,
       "INSERT INTO zones(name, region_code, created_by, created_at) VALUES ($1, $2, $3, $4)",
       db::Sql::ReturningId{});
FK_SQL(kSetZoneNode, "UPDATE zones SET region_code = $2 WHERE id = $1");
#define FK_ZONE_COLUMNS "id, name, region_code, created_by, created_at"
FK_SQL(kFindZone, "SELECT " FK_ZONE_COLUMNS " FROM zones WHERE id = $1");
// Zones in the subtree [$1, $2), or at one of the nodes $3 above it.
FK_SQL(
    kZonesNear,
    "SELECT " FK_ZONE_COLUMNS
    " FROM zones WHERE (region_code >= $1 AND region_code < $2) OR region_code IN (SELECT "
    "value FROM json_each($3)) ORDER BY id",
    "SELECT " FK_ZONE_COLUMNS
    " FROM zones WHERE (region_code >= $1 AND region_code < $2) OR region_code = ANY($3::text[]) "
    "ORDER BY id");

#define FK_ZONE_VERSION_COLUMNS \
  "id, zone_id, from_day, lifted, level, places, planned_end, last_case_on, note, user_id, at"
FK_SQL(kInsertZoneVersion,
       "INSERT INTO zone_versions(zone_id, from_day, lifted, level, places, planned_end, "
       "last_case_on, note, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
       db::Sql::ReturningId{});
FK_SQL(kZoneVersionsOf,
       "SELECT " FK_ZONE_VERSION_COLUMNS
       " FROM zone_versions WHERE zone_id IN (SELECT value FROM json_each($1)) ORDER BY zone_id, "
       "id",
       "SELECT " FK_ZONE_VERSION_COLUMNS
       " FROM zone_versions WHERE zone_id = ANY($1::bigint[]) ORDER BY zone_id, id");

// Residents of the subtree [$1, $2): all but those living elsewhere.
FK_SQL(kZoneResidents,
       "SELECT id, region_code, household FROM persons WHERE region_code >= $1 AND region_code < "
       "$2 AND residency <> 'away' ORDER BY id");
FK_SQL(kZonePeople,
       "SELECT id, name, doc_number, phone, region_code, household FROM persons WHERE id IN "
       "(SELECT value FROM json_each($1)) ORDER BY id",
       "SELECT id, name, doc_number, phone, region_code, household FROM persons WHERE id = "
       "ANY($1::bigint[]) ORDER BY id");
FK_SQL(kHouseholdsAt,
       "SELECT DISTINCT household FROM persons WHERE region_code = $1 AND household <> '' ORDER BY "
       "household");
// Measures of the subtree [$1, $2) in force on day $3 (measures.h: InForce).
FK_SQL(kZoneMeasures,
       "SELECT m.person_id, m.type_code, p.region_code, p.household FROM measures m JOIN persons "
       "p ON p.id = m.person_id WHERE m.region_code >= $1 AND m.region_code < $2 AND m.start_day "
       "<= $3 AND m.end_day >= $3 AND (m.ended = '' OR m.ended_on > $3) ORDER BY m.person_id");
FK_SQL(kZoneCases,
       "SELECT c.region_code, p.household, c.reported_at FROM cases c JOIN persons p ON p.id = "
       "c.person_id WHERE c.region_code >= $1 AND c.region_code < $2 ORDER BY c.reported_at");

}  // namespace fangkong::sql
