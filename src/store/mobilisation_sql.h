// Every SQL statement of the mobilisation repository's storage, by name
// (db.h). A set of people is passed as one list (db::IntList), not one
// statement per person: SQLite reads it with json_each, PostgreSQL as an array.
#pragma once

#include "store/registry_sql.h"
#include "store/vaccination_sql.h"

namespace fangkong::sql {

FK_SQL(kDosesOfPersons,
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE person_id IN (SELECT value FROM json_each($1)) "
       "ORDER BY person_id, given_on, id",
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE person_id = ANY($1::bigint[]) "
       "ORDER BY person_id, given_on, id");
FK_SQL(kScreeningsOfPersons,
       "SELECT " FK_VISIT_COLUMNS
       " FROM visits WHERE person_id IN (SELECT value FROM json_each($1)) "
       "AND state IN ('deferred', 'exempt') ORDER BY person_id, id",
       "SELECT " FK_VISIT_COLUMNS
       " FROM visits WHERE person_id = ANY($1::bigint[]) "
       "AND state IN ('deferred', 'exempt') ORDER BY person_id, id");

#define FK_FOLLOW_UP_COLUMNS \
  "id, person_id, disease, at, user_id, method, result, note, next_contact"
FK_SQL(
    kInsertFollowUp,
    "INSERT INTO follow_ups(person_id, disease, at, user_id, method, result, note, next_contact, "
    "region_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT region_code FROM persons WHERE "
    "id = $1))",
    db::Sql::ReturningId{});
FK_SQL(kFollowUpsOf, "SELECT " FK_FOLLOW_UP_COLUMNS
                     " FROM follow_ups WHERE person_id = $1 ORDER BY id DESC LIMIT 200");
FK_SQL(kLatestFollowUps,
       "SELECT " FK_FOLLOW_UP_COLUMNS
       " FROM follow_ups WHERE id IN (SELECT MAX(id) FROM follow_ups "
       "WHERE disease = $2 AND person_id IN (SELECT value FROM json_each($1)) GROUP BY person_id)",
       "SELECT " FK_FOLLOW_UP_COLUMNS
       " FROM follow_ups WHERE id IN (SELECT MAX(id) FROM follow_ups "
       "WHERE disease = $2 AND person_id = ANY($1::bigint[]) GROUP BY person_id)");

// Not in a list of ids (db::IntList): json_each on SQLite, an array on PostgreSQL.
#define FK_NOT_IN_SQLITE(list) " NOT IN (SELECT value FROM json_each(" list "))"
// A hashed subplan on PostgreSQL; "<> ALL(array)" compared each row with
// every element (0.6 s a county list with 7,700 people followed up).
#define FK_NOT_IN_PG(list) " NOT IN (SELECT unnest(" list "::bigint[]))"

// The stored lists of a subtree [$1, $2) (vaccination_state.h, DueAndLate;
// mobilisation.h, FirstDoseBirthRange). State rows exist only for people with
// a dose of the disease. Deferrals and exemptions are few: the counts
// subtract them, driven from their own index. The people with a follow-up
// that gives a reason are counted apart, among a list of ids, and left out
// of the page (the service puts them last).
#define FK_SCREENED(disease, day)                                               \
  "v.disease = " disease " AND v.state IN ('deferred', 'exempt') AND (v.state = " \
  "'exempt' OR v.deferred_until > " day ")"
#define FK_OF_AGE(t) \
  t "region_code >= $1 AND " t "region_code < $2 AND " t "birth_date > $3 AND " t "birth_date <= $4"
#define FK_UNVACCINATED(t)                                                              \
  FK_OF_AGE(t) " AND NOT EXISTS (SELECT 1 FROM vaccination_state s WHERE s.person_id = " \
  t "id AND s.disease = $5) AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = " \
  t "id AND " FK_SCREENED("$5", "$6") ")"
// The totals come from the figures (progress/figures.h): the unvaccinated
// are everyone less those with a first dose, less these two counts.
// People outside the first-dose ages, unvaccinated: the few young children.
// By birth date first: SQLite is kept off the place index by the unary +
// (it walked the county's 380,000 entries for its 9,000 young children).
#define FK_OUTSIDE_FIRST_DOSE_AGES(r)                                                          \
  "SELECT (SELECT COUNT(*) FROM persons WHERE birth_date > $4 AND " r "region_code >= $1 AND " \
  r "region_code < $2) + (SELECT COUNT(*) FROM persons WHERE birth_date <= $3 AND " r          \
  "region_code >= $1 AND " r "region_code < $2) - (SELECT COUNT(*) FROM vaccination_state "    \
  "WHERE disease = $5 AND birth_date > $4 AND " r "region_code >= $1 AND " r "region_code < "  \
  "$2) - (SELECT COUNT(*) FROM vaccination_state WHERE disease = $5 AND birth_date <= $3 AND " \
  r "region_code >= $1 AND " r "region_code < $2)"
FK_SQL(kCountOutsideFirstDoseAges, FK_OUTSIDE_FIRST_DOSE_AGES("+"), FK_OUTSIDE_FIRST_DOSE_AGES(""));
// The deferred and exempt among the unvaccinated of age ($6 the day),
// driven from the few screenings (SQLite probed the screenings once per
// person of the subtree instead).
#define FK_SCREENED_PEOPLE(disease, day) \
  "(SELECT DISTINCT v.person_id AS id FROM visits v WHERE " FK_SCREENED(disease, day) ") x"
FK_SQL(kCountScreenedUnvaccinated,
       "SELECT COUNT(*) FROM " FK_SCREENED_PEOPLE("$5", "$6") " CROSS JOIN persons p ON p.id = "
       "x.id WHERE " FK_OF_AGE("+p.") " AND NOT EXISTS (SELECT 1 FROM vaccination_state s WHERE "
       "s.person_id = p.id AND s.disease = $5)",
       "SELECT COUNT(*) FROM " FK_SCREENED_PEOPLE("$5", "$6") " JOIN persons p ON p.id = x.id "
       "WHERE " FK_OF_AGE("p.") " AND NOT EXISTS (SELECT 1 FROM vaccination_state s WHERE "
       "s.person_id = p.id AND s.disease = $5)");
// Driven from the list of ids ($7): CROSS JOIN fixes SQLite's order (it
// walked the whole list's index instead: 238 ms for 7,700 ids on the demo).
FK_SQL(kCountUnvaccinatedAmong,
       "SELECT COUNT(*) FROM json_each($7) j CROSS JOIN persons p ON p.id = j.value WHERE "
       FK_UNVACCINATED("p."),
       "SELECT COUNT(*) FROM unnest($7::bigint[]) AS j(value) JOIN persons p ON p.id = j.value "
       "WHERE " FK_UNVACCINATED("p."));
// In the order of the region index: by village, the oldest first.
#define FK_UNVACCINATED_PAGE(not_in)                                                \
  "SELECT " FK_PERSON_COLUMNS " FROM persons p WHERE " FK_UNVACCINATED("p.") " AND " \
  "p.id" not_in " ORDER BY p.region_code, p.birth_date, p.id LIMIT $7"
FK_SQL(kUnvaccinatedPage, FK_UNVACCINATED_PAGE(FK_NOT_IN_SQLITE("$8")),
       FK_UNVACCINATED_PAGE(FK_NOT_IN_PG("$8")));

// $3 is 1 for boosters, 0 for later primary doses; $4 the disease, $5 the day.
#define FK_DUE_AND_LATE(t)                                                                    \
  t "disease = $4 AND " t "next_is_booster = $3 AND " t "region_code >= $1 AND " t             \
  "region_code < $2 AND " t "listed_from <> '' AND " t "listed_from <= $5 AND (" t             \
  "listed_until = '' OR " t "listed_until > $5)"
#define FK_NOT_SCREENED(t) \
  " AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = " t "person_id AND " FK_SCREENED("$4", "$5") ")"
// The deferred and exempt among those listed on the day.
FK_SQL(kCountScreenedDueAndLate,
       "SELECT COUNT(*) FROM " FK_SCREENED_PEOPLE("$4", "$5") " CROSS JOIN vaccination_state s ON "
       "s.person_id = x.id AND s.disease = $4 WHERE " FK_DUE_AND_LATE("+s."),
       "SELECT COUNT(*) FROM " FK_SCREENED_PEOPLE("$4", "$5") " JOIN vaccination_state s ON "
       "s.person_id = x.id AND s.disease = $4 WHERE " FK_DUE_AND_LATE("s."));
// The unary + keeps SQLite from probing the list's index (disease, kind,
// place) once per id instead of the primary key (651 s on the demo).
FK_SQL(kCountDueAndLateAmong,
       "SELECT COUNT(*) FROM json_each($6) j CROSS JOIN vaccination_state s ON s.person_id = "
       "j.value AND s.disease = $4 WHERE " FK_DUE_AND_LATE("+s.") FK_NOT_SCREENED("s."),
       "SELECT COUNT(*) FROM unnest($6::bigint[]) AS j(value) JOIN vaccination_state s ON "
       "s.person_id = j.value AND s.disease = $4 WHERE " FK_DUE_AND_LATE("s.") FK_NOT_SCREENED("s."));
// By village, the latest first: the order of the index (the caller sorts
// the people it reads by the same key).
#define FK_DUE_AND_LATE_PAGE(not_in)                                                       \
  "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id IN (SELECT s.person_id FROM "         \
  "vaccination_state s WHERE " FK_DUE_AND_LATE("s.") FK_NOT_SCREENED("s.") " AND s.person_id" \
  not_in " ORDER BY s.region_code, s.next_recommended, s.person_id LIMIT $6)"
FK_SQL(kDueAndLatePage, FK_DUE_AND_LATE_PAGE(FK_NOT_IN_SQLITE("$7")),
       FK_DUE_AND_LATE_PAGE(FK_NOT_IN_PG("$7")));
// The newest follow-up of each person of the subtree about $3, by the place
// the follow-ups carry (kept with the person's: registry_sql.h).
FK_SQL(kLatestFollowUpsIn,
       "SELECT " FK_FOLLOW_UP_COLUMNS " FROM follow_ups f WHERE f.disease = $3 AND f.region_code "
       ">= $1 AND f.region_code < $2 AND f.id = (SELECT MAX(g.id) FROM follow_ups g WHERE "
       "g.person_id = f.person_id AND g.disease = $3)");
FK_SQL(kPersonsByIds, "SELECT " FK_PERSON_COLUMNS
                      " FROM persons WHERE id IN (SELECT value FROM json_each($1))",
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id = ANY($1::bigint[])");

}  // namespace fangkong::sql
