// Every SQL statement of coverage by age band (progress/coverage.h), by name.
// The bands' birth ranges are $3-$12 (after, by) in kAgeBands' order.
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_IN_BAND(t, a, b) t "birth_date > $" #a " AND " t "birth_date <= $" #b
#define FK_EACH_BAND(sum) sum(3, 4) ", " sum(5, 6) ", " sum(7, 8) ", " sum(9, 10) ", " sum(11, 12)
// Each count is everyone's less the away's (人户分离, registered here and
// living elsewhere), who are few and found by their own partial index
// (persons_away): everyone's come from indexes and the state alone, where
// joining each state to its person to read the residency took 0.7 s for a
// county (bench/RESULTS.md).
#define FK_COUNT_BAND(a, b) \
  "COALESCE(SUM(CASE WHEN " FK_IN_BAND("", a, b) " THEN 1 ELSE 0 END), 0) AS b" #a
#define FK_LESS_AWAY(a, b) "e.b" #a " - w.b" #a
#define FK_PEOPLE_OF(extra) \
  "(SELECT " FK_EACH_BAND(FK_COUNT_BAND) " FROM persons WHERE region_code >= $1 AND " \
  "region_code < $2" extra ")"
// Residents of the subtree [$1, $2) per band.
FK_SQL(kResidentsByAgeBand, "SELECT " FK_EACH_BAND(FK_LESS_AWAY) " FROM " FK_PEOPLE_OF(
                                "") " e, " FK_PEOPLE_OF(" AND residency = 'away'") " w");
// Of them, with the disease's ($14) first dose, full series and booster by
// $13 (the state holds the person's place and birth date).
#define FK_DOSED(col, a, b)                                                                       \
  "COALESCE(SUM(CASE WHEN " FK_IN_BAND("v.", a, b) " AND v." col " <> '' AND v." col " <= $13 " \
  "THEN 1 ELSE 0 END), 0) AS " col #a
#define FK_DOSED_BAND(a, b) \
  FK_DOSED("first_dose", a, b) ", " FK_DOSED("series_complete", a, b) ", " FK_DOSED("first_booster", a, b)
#define FK_DOSED_LESS_AWAY(a, b)                                                           \
  "e.first_dose" #a " - w.first_dose" #a ", e.series_complete" #a " - w.series_complete" #a \
  ", e.first_booster" #a " - w.first_booster" #a
// The away's, to subtract: few, found by their own index.
#define FK_AWAY_DOSED                                                                         \
  "(SELECT " FK_EACH_BAND(FK_DOSED_BAND) " FROM persons p JOIN vaccination_state v ON "     \
                                         "v.person_id = p.id AND v.disease = $14 WHERE "     \
                                         "p.region_code >= $1 AND p.region_code < $2 AND "   \
                                         "p.residency = 'away') w"
// A subtree holding most people (store::HoldsMostPeople): every state read
// in the table's order, those of the subtree counted. On PostgreSQL, any
// subtree: its states are read from their index by place alone (0051).
FK_SQL(kVaccinatedByAgeBand,
       "SELECT " FK_EACH_BAND(FK_DOSED_LESS_AWAY) " FROM (SELECT " FK_EACH_BAND(
           FK_DOSED_BAND) " FROM vaccination_state v WHERE v.disease = $14 AND v.region_code >= $1 "
                          "AND v.region_code < $2) e, " FK_AWAY_DOSED);
// A smaller subtree: its people from the place index, each state by its key.
// The state has no index by place (a dose would write one more entry), so
// the read above scans every state of the store: 17.8 s for a county of a
// 10,000,000-person province, 0.16 s this way (bench/RESULTS.md).
FK_SQL(kVaccinatedOfPeopleByAgeBand,
       "SELECT " FK_EACH_BAND(FK_DOSED_LESS_AWAY) " FROM (SELECT " FK_EACH_BAND(
           FK_DOSED_BAND) " FROM persons p JOIN vaccination_state v ON v.person_id = p.id AND "
                          "v.disease = $14 WHERE p.region_code >= $1 AND p.region_code < $2) e, "
                          FK_AWAY_DOSED);

// Residents per birth year of the counties in [$1, $2) (a county or more).
FK_SQL(kCohortResidents,
       "SELECT birth_year, SUM(residents) FROM cohort_residents WHERE region_code >= $1 AND "
       "region_code < $2 GROUP BY birth_year ORDER BY birth_year");
// The residents of [$1, $2) born from $3 to $4, both included (part of a
// year at a band's edge), and of them with the disease's ($6) first dose,
// full series and booster by $5: from the birth-date index, which holds the
// place and residency, each state read by its key. SQLite is told the index:
// its planner took the place index, which reads every person of a province.
#define FK_BY_DAY(col) \
  "COALESCE(SUM(CASE WHEN v." col " <> '' AND v." col " <= $5 THEN 1 ELSE 0 END), 0)"
#define FK_RESIDENTS_BORN_BETWEEN(persons)                                                   \
  "SELECT COUNT(*), " FK_BY_DAY("first_dose") ", " FK_BY_DAY("series_complete") ", "        \
      FK_BY_DAY("first_booster") " FROM " persons " LEFT JOIN vaccination_state v ON "      \
                                 "v.person_id = p.id AND v.disease = $6 WHERE p.birth_date " \
                                 ">= $3 AND p.birth_date <= $4 AND p.region_code >= $1 AND " \
                                 "p.region_code < $2 AND p.residency <> 'away'"
FK_SQL(kResidentsBornBetween, FK_RESIDENTS_BORN_BETWEEN("persons p INDEXED BY persons_birth"),
       FK_RESIDENTS_BORN_BETWEEN("persons p"));

}  // namespace fangkong::sql
