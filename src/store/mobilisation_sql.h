// Every SQL statement of the mobilisation repository's storage, by name
// (db.h). A set of people is passed as one list (db::IntList), not one
// statement per person: SQLite reads it with json_each, PostgreSQL as an array.
#pragma once

#include "store/registry_sql.h"
#include "store/vaccination_sql.h"

namespace fangkong::sql {

FK_SQL(kScreeningsOfPersons,
       "SELECT " FK_VISIT_COLUMNS
       " FROM visits WHERE person_id IN (SELECT value FROM json_each($1)) "
       "AND state IN ('deferred', 'exempt') ORDER BY person_id, id",
       "SELECT " FK_VISIT_COLUMNS
       " FROM visits WHERE person_id = ANY($1::bigint[]) "
       "AND state IN ('deferred', 'exempt') ORDER BY person_id, id");

#define FK_FOLLOW_UP_COLUMNS \
  "id, person_id, disease, at, user_id, method, result, note, next_contact"
// A follow-up becomes the person's latest about the disease. Two at once
// for one person take turns on the person's row (PostgreSQL; SQLite's
// single writer does it already), so only one stays marked.
FK_SQL(kLockPersonForFollowUp, "SELECT 1 FROM persons WHERE id = $1",
       "SELECT 1 FROM persons WHERE id = $1 FOR UPDATE");
FK_SQL(kUnmarkLatestFollowUp,
       "UPDATE follow_ups SET latest = 0 WHERE person_id = $1 AND disease = $2 AND latest = 1");
FK_SQL(
    kInsertFollowUp,
    "INSERT INTO follow_ups(person_id, disease, at, user_id, method, result, note, next_contact, "
    "region_code, latest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT region_code FROM persons "
    "WHERE id = $1), 1)",
    db::Sql::ReturningId{});
FK_SQL(kFollowUpsOf, "SELECT " FK_FOLLOW_UP_COLUMNS
                     " FROM follow_ups WHERE person_id = $1 ORDER BY id DESC LIMIT 200");
// The marked (latest) follow-up of each of these people about $2.
FK_SQL(kLatestFollowUps,
       "SELECT " FK_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE person_id IN (SELECT value FROM "
       "json_each($1)) AND disease = $2 AND latest = 1",
       "SELECT " FK_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE person_id = ANY($1::bigint[]) AND "
       "disease = $2 AND latest = 1");

// The latest follow-up of a person `t` about `disease` gives a reason
// (a result among the list `codes`: db::TextList; json_each on SQLite, an
// array on PostgreSQL).
#define FK_REASON_SQLITE(codes) " f.result IN (SELECT value FROM json_each(" codes "))"
#define FK_REASON_PG(codes) " f.result = ANY(" codes "::text[])"
// By the person's follow-ups: SQLite is kept off the subtree's index of
// follow-ups by the unary + (it read all of them once per person).
#define FK_NO_REASON(t, disease, reason, plus)                                        \
  " AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.person_id = " t " AND " plus \
  "f.disease = " disease " AND " plus "f.latest = 1 AND" reason ")"
#define FK_REASONS_IN(disease, reason)                                                       \
  "follow_ups f WHERE f.disease = " disease " AND f.latest = 1 AND f.region_code >= $1 AND " \
  "f.region_code < $2 AND" reason

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
// People outside the first-dose ages, unvaccinated: the few young children
// (and the very old, where a product has an upper age), each probed by the
// state's primary key. By birth date first: SQLite is kept off the place
// index by the unary + (it walked the county's 380,000 entries for its
// 9,000 young children).
#define FK_UNVACCINATED_BORN(r, born)                                                         \
  "(SELECT COUNT(*) FROM persons p WHERE " born " AND " r "p.region_code >= $1 AND " r        \
  "p.region_code < $2 AND NOT EXISTS (SELECT 1 FROM vaccination_state s WHERE s.person_id = " \
  "p.id AND s.disease = $5))"
#define FK_OUTSIDE_FIRST_DOSE_AGES(r)                                                \
  "SELECT " FK_UNVACCINATED_BORN(r, "p.birth_date > $4") " + " FK_UNVACCINATED_BORN( \
      r, "p.birth_date <= $3")
FK_SQL(kCountOutsideFirstDoseAges, FK_OUTSIDE_FIRST_DOSE_AGES("+"), FK_OUTSIDE_FIRST_DOSE_AGES(""),
       db::Sql::PlannedWithValues{});
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
// Those with a reason ($7 the codes), driven from the marked follow-ups of
// the subtree: CROSS JOIN fixes SQLite's order, LATERAL PostgreSQL's (it
// scanned the state table instead of probing it: 117 ms on the demo).
FK_SQL(kCountReasonedUnvaccinated,
       "SELECT COUNT(*) FROM " FK_REASONS_IN("$5", FK_REASON_SQLITE("$7")) " AND EXISTS (SELECT 1 "
       "FROM persons p WHERE p.id = f.person_id AND " FK_UNVACCINATED("p.") ")",
       "SELECT COUNT(*) FROM follow_ups f CROSS JOIN LATERAL (SELECT 1 FROM persons p WHERE p.id = "
       "f.person_id AND " FK_UNVACCINATED("p.") " LIMIT 1) x WHERE f.disease = $5 AND f.latest = 1 "
       "AND f.region_code >= $1 AND f.region_code < $2 AND" FK_REASON_PG("$7"));
// In the order of the region index: by village, the oldest first.
#define FK_UNVACCINATED_PAGE(reason, plus)                                                \
  "SELECT " FK_PERSON_COLUMNS " FROM persons p WHERE " FK_UNVACCINATED("p.")                \
      FK_NO_REASON("p.id", "$5", reason, plus) " ORDER BY p.region_code, p.birth_date, p.id " \
                                               "LIMIT $7 OFFSET $9"
FK_SQL(kUnvaccinatedPage, FK_UNVACCINATED_PAGE(FK_REASON_SQLITE("$8"), "+"),
       FK_UNVACCINATED_PAGE(FK_REASON_PG("$8"), ""));

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
// place) once per follow-up instead of the primary key (651 s on the demo).
FK_SQL(kCountReasonedDueAndLate,
       "SELECT COUNT(*) FROM follow_ups f CROSS JOIN vaccination_state s ON s.person_id = "
       "f.person_id AND s.disease = $4 WHERE f.disease = $4 AND f.latest = 1 AND f.region_code >= "
       "$1 AND f.region_code < $2 AND" FK_REASON_SQLITE("$6") " AND " FK_DUE_AND_LATE("+s.")
           FK_NOT_SCREENED("s."),
       "SELECT COUNT(*) FROM follow_ups f CROSS JOIN LATERAL (SELECT 1 FROM vaccination_state s "
       "WHERE s.person_id = f.person_id AND " FK_DUE_AND_LATE("s.") FK_NOT_SCREENED("s.")
       " LIMIT 1) x WHERE f.disease = $4 AND f.latest = 1 AND f.region_code >= $1 AND "
       "f.region_code < $2 AND" FK_REASON_PG("$6"));
// By village, the latest first: the order of the index (the caller sorts
// the people it reads by the same key). The states whose entry waits (0052)
// are read apart, from their own index by day: none are listed by the day
// once the server's pass has run, so that part reads nothing then. Each
// part is cut to the page's end on its own, and on PostgreSQL the waiting
// are fenced (OFFSET 0): it cannot know that part is empty (it takes the
// two days' columns as independent) and read the county's states in place
// order for it instead, 126-148 ms for the county's boosters.
#define FK_DUE_AND_LATE_OF(states, reason, plus)                                               \
  "SELECT * FROM (SELECT s.region_code, s.next_recommended, s.person_id FROM " states         \
      FK_DUE_AND_LATE("s.") FK_NOT_SCREENED("s.")                                             \
          FK_NO_REASON("s.person_id", "$4", reason, plus) " ORDER BY 1, 2, 3 LIMIT CAST($6 AS " \
                                                          "BIGINT) + CAST($8 AS BIGINT))"
#define FK_ENTERED "vaccination_state s WHERE s.list_entry_from <> '' AND "
#define FK_WAITING(fence)                                                                  \
  "(SELECT * FROM vaccination_state WHERE list_entry_from = '' AND listed_from <> '' AND " \
  "listed_from <= $5" fence ") s WHERE "
#define FK_DUE_AND_LATE_PAGE(reason, plus, fence)                                            \
  "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id IN (SELECT l.person_id FROM ("          \
  FK_DUE_AND_LATE_OF(FK_ENTERED, reason, plus) " entered UNION ALL " FK_DUE_AND_LATE_OF(     \
      FK_WAITING(fence), reason, plus) " waiting) l ORDER BY l.region_code, "                  \
                                       "l.next_recommended, l.person_id LIMIT $6 OFFSET $8)"
FK_SQL(kDueAndLatePage, FK_DUE_AND_LATE_PAGE(FK_REASON_SQLITE("$7"), "+", ""),
       FK_DUE_AND_LATE_PAGE(FK_REASON_PG("$7"), "", " OFFSET 0"));
// The newest follow-up of each person of the subtree about $3 (marked), by
// the place the follow-ups carry (kept with the person's: registry_sql.h).
FK_SQL(kLatestFollowUpsIn,
       "SELECT " FK_FOLLOW_UP_COLUMNS " FROM follow_ups WHERE disease = $3 AND latest = 1 AND "
       "region_code >= $1 AND region_code < $2");
FK_SQL(kPersonsByIds, "SELECT " FK_PERSON_COLUMNS
                      " FROM persons WHERE id IN (SELECT value FROM json_each($1))",
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id = ANY($1::bigint[])");
// An employer's ($3) people in the subtree [$1, $2), from the employer
// index (0030); the unary + keeps SQLite off the place index, which walked
// the county's 380,000 people for an employer's 5,421 (2.6 s).
FK_SQL(kEmployeesIn,
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE employer_id = $3 AND employer_id <> 0 "
       "AND +region_code >= $1 AND +region_code < $2",
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE employer_id = $3 AND employer_id <> 0 "
       "AND region_code >= $1 AND region_code < $2");

}  // namespace fangkong::sql
