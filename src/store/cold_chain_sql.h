// Every SQL statement of the cold-chain repository's storage (fridges,
// readings, excursions, holds), by name (db.h).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_FRIDGE_COLUMNS \
  "id, site_id, code, name, min_tenths, max_tenths, tolerance_minutes, interval_minutes"
FK_SQL(kInsertFridge,
       "INSERT INTO fridges(site_id, code, name, min_tenths, max_tenths, tolerance_minutes, "
       "interval_minutes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
       db::Sql::ReturningId{});
FK_SQL(kFindFridge, "SELECT " FK_FRIDGE_COLUMNS " FROM fridges WHERE id = $1");
FK_SQL(kFridgesOf, "SELECT " FK_FRIDGE_COLUMNS " FROM fridges WHERE site_id = $1 ORDER BY code");
FK_SQL(kClearFridgeLots, "DELETE FROM fridge_lots WHERE fridge_id = $1");
FK_SQL(kInsertFridgeLot,
       "INSERT INTO fridge_lots(fridge_id, lot_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
FK_SQL(kFridgeLots, "SELECT lot_id FROM fridge_lots WHERE fridge_id = $1 ORDER BY lot_id");

// One statement for a whole file: times and temperatures as two lists (db::IntList).
FK_SQL(kInsertReadings,
       "INSERT INTO temperature_readings(fridge_id, at, tenths) "
       "SELECT $1, a.value, t.value FROM json_each($2) a JOIN json_each($3) t ON t.key = a.key "
       "WHERE true ON CONFLICT DO NOTHING",
       "INSERT INTO temperature_readings(fridge_id, at, tenths) "
       "SELECT $1::bigint, t.at, t.tenths FROM unnest($2::bigint[], $3::int[]) AS t(at, tenths) "
       "ON CONFLICT DO NOTHING");
FK_SQL(kReadings,
       "SELECT at, tenths FROM temperature_readings WHERE fridge_id = $1 AND at >= $2 AND at <= $3 "
       "ORDER BY at");
FK_SQL(kReadingBefore,
       "SELECT at, tenths FROM temperature_readings WHERE fridge_id = $1 AND at < $2 "
       "ORDER BY at DESC LIMIT 1");

#define FK_EXCURSION_COLUMNS "id, fridge_id, kind, from_at, to_at, extreme_tenths, holds"
FK_SQL(kFindExcursion, "SELECT " FK_EXCURSION_COLUMNS
                       " FROM cold_chain_excursions "
                       "WHERE fridge_id = $1 AND kind = $2 AND from_at = $3");
FK_SQL(kInsertExcursion,
       "INSERT INTO cold_chain_excursions(fridge_id, kind, from_at, to_at, extreme_tenths, holds) "
       "VALUES ($1, $2, $3, $4, $5, $6)",
       db::Sql::ReturningId{});
FK_SQL(
    kUpdateExcursion,
    "UPDATE cold_chain_excursions SET to_at = $2, extreme_tenths = $3, holds = $4 WHERE id = $1");
FK_SQL(kExcursions, "SELECT " FK_EXCURSION_COLUMNS
                    " FROM cold_chain_excursions WHERE fridge_id = $1 "
                    "ORDER BY from_at DESC LIMIT $2");

// The lots in a fridge: those assigned to it, and those in stock at its site
// that are assigned to none of the site's fridges.
FK_SQL(kHoldFridgeLots,
       "INSERT INTO cold_chain_holds(site_id, lot_id, fridge_id, excursion_id, reason, held_at) "
       "SELECT f.site_id, l.lot_id, f.id, CAST($2 AS BIGINT), CAST($3 AS TEXT), CAST($4 AS BIGINT) "
       "FROM fridges f, ("
       "  SELECT lot_id FROM fridge_lots WHERE fridge_id = $1"
       "  UNION SELECT b.lot_id FROM stock_balances b"
       "  WHERE b.site_id = (SELECT site_id FROM fridges WHERE id = $1) AND b.doses > 0"
       "  AND NOT EXISTS (SELECT 1 FROM fridge_lots fl JOIN fridges f2 ON f2.id = fl.fridge_id"
       "                  WHERE f2.site_id = b.site_id AND fl.lot_id = b.lot_id)"
       ") l WHERE f.id = $1 ON CONFLICT DO NOTHING");

#define FK_HOLD_SELECT                                                                   \
  "SELECT h.id, h.site_id, h.lot_id, h.fridge_id, h.excursion_id, h.reason, h.held_at, " \
  "h.released_at, h.released_by, h.outcome, h.release_reason, l.product, l.lot_number, " \
  "o.region_code FROM cold_chain_holds h JOIN vaccine_lots l ON l.id = h.lot_id "        \
  "JOIN organisations o ON o.id = h.site_id "
FK_SQL(kHoldsOfExcursion, FK_HOLD_SELECT "WHERE h.excursion_id = $1 ORDER BY h.id");
FK_SQL(kFindHold, FK_HOLD_SELECT "WHERE h.id = $1");
FK_SQL(kActiveHold, FK_HOLD_SELECT
       "WHERE h.site_id = $1 AND h.lot_id = $2 AND h.released_at = 0 ORDER BY h.id LIMIT 1");
FK_SQL(kHoldsUnder, FK_HOLD_SELECT
       "WHERE o.region_code >= $1 AND o.region_code < $2 AND (CAST($3 AS "
       "INTEGER) = 0 OR h.released_at = 0) "
       "ORDER BY h.id DESC LIMIT 1000");
FK_SQL(kReleaseHold,
       "UPDATE cold_chain_holds SET released_at = $2, released_by = $3, outcome = $4, "
       "release_reason = $5 WHERE id = $1 AND released_at = 0");

}  // namespace fangkong::sql
