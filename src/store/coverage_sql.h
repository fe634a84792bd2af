// Every SQL statement of coverage by age band (progress/coverage.h), by name.
// The bands' birth ranges are $3-$12 (after, by) in kAgeBands' order.
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_IN_BAND(t, a, b) t "birth_date > $" #a " AND " t "birth_date <= $" #b
#define FK_COUNT_BAND(a, b) "SUM(CASE WHEN " FK_IN_BAND("", a, b) " THEN 1 ELSE 0 END)"
// Residents of the subtree [$1, $2) per band.
FK_SQL(kResidentsByAgeBand,
       "SELECT " FK_COUNT_BAND(3, 4) ", " FK_COUNT_BAND(5, 6) ", " FK_COUNT_BAND(7, 8) ", " FK_COUNT_BAND(
           9, 10) ", " FK_COUNT_BAND(11, 12) " FROM persons WHERE region_code >= $1 AND region_code < "
                                             "$2 AND residency <> 'away'");
// Of them, with the disease's ($14) first dose, full series and booster by $13.
#define FK_DOSED(col, a, b)                                                                    \
  "SUM(CASE WHEN " FK_IN_BAND("v.", a, b) " AND v." col " <> '' AND v." col " <= $13 THEN 1 " \
  "ELSE 0 END)"
#define FK_DOSED_BAND(a, b) \
  FK_DOSED("first_dose", a, b) ", " FK_DOSED("series_complete", a, b) ", " FK_DOSED("first_booster", a, b)
FK_SQL(kVaccinatedByAgeBand,
       "SELECT " FK_DOSED_BAND(3, 4) ", " FK_DOSED_BAND(5, 6) ", " FK_DOSED_BAND(7, 8) ", " FK_DOSED_BAND(
           9, 10) ", " FK_DOSED_BAND(11, 12) " FROM vaccination_state v JOIN persons p ON p.id = "
                                             "v.person_id WHERE v.disease = $14 AND v.region_code >= "
                                             "$1 AND v.region_code < $2 AND p.residency <> 'away'");

}  // namespace fangkong::sql
