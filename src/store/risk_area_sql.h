// Every SQL statement of the risk areas' storage, by name (db.h;
// risk_areas/risk_area.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

FK_SQL(kRiskRules,
       "SELECT edition, in_force_from, from_level, to_level, days FROM risk_downgrade_rules "
       "ORDER BY in_force_from, edition, from_level");
FK_SQL(kFindRiskAreaByPlace, "SELECT id FROM risk_areas WHERE region_code = $1 AND name = $2");
FK_SQL(kInsertRiskArea,
       "INSERT INTO risk_areas(region_code, name) VALUES ($1, $2) ON CONFLICT (region_code, name) "
       "DO NOTHING",
       db::Sql::ReturningId{});
FK_SQL(kFindRiskArea, "SELECT id, region_code, name FROM risk_areas WHERE id = $1");
FK_SQL(kRiskAreas, "SELECT id, region_code, name FROM risk_areas ORDER BY id");
#define FK_DECLARATION_COLUMNS \
  "id, area_id, level, from_day, last_case_on, source, note, user_id, at"
FK_SQL(kInsertRiskDeclaration,
       "INSERT INTO risk_declarations(area_id, level, from_day, last_case_on, source, note, "
       "user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
       db::Sql::ReturningId{});
FK_SQL(kRiskDeclarations,
       "SELECT " FK_DECLARATION_COLUMNS " FROM risk_declarations ORDER BY area_id, id");
FK_SQL(kRiskDeclarationsOf,
       "SELECT " FK_DECLARATION_COLUMNS " FROM risk_declarations WHERE area_id = $1 ORDER BY id");

}  // namespace fangkong::sql
