// Every SQL statement of the registry's storage (regions, people,
// organisations, import jobs), by name (db.h). One text serves both engines
// unless two stand side by side.
#pragma once

#include "store/db.h"

namespace fangkong::sql {

FK_SQL(kUpsertRegion,
       "INSERT INTO regions(code, name, parent_code, level) VALUES ($1, $2, $3, $4) "
       "ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE regions.name <> excluded.name");
// A tree of tens of thousands of places is loaded (db::Connection::Load)
// into a staging table and merged in one statement.
FK_SQL(kCreateRegionStage,
       "CREATE TEMP TABLE IF NOT EXISTS region_stage (code TEXT, "
       "name TEXT, parent_code TEXT, level BIGINT)");
// Temporary tables are never vacuumed on PostgreSQL: TRUNCATE, not DELETE,
// or every batch would scan the dead rows of the batches before it.
FK_SQL(kClearRegionStage, "DELETE FROM region_stage", "TRUNCATE region_stage");
FK_SQL(kMergeRegionStage,
       "INSERT INTO regions(code, name, parent_code, level) SELECT code, name, parent_code, level "
       "FROM region_stage WHERE true "
       "ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE regions.name <> excluded.name");
#define FK_REGION_COLUMNS "SELECT code, name, parent_code, level FROM regions "
FK_SQL(kFindRegion, FK_REGION_COLUMNS "WHERE code = $1");
FK_SQL(kFindRegions,
       FK_REGION_COLUMNS "WHERE code IN (SELECT value FROM json_each($1)) ORDER BY code",
       FK_REGION_COLUMNS "WHERE code = ANY($1::text[]) ORDER BY code");
FK_SQL(kRegionChildren, FK_REGION_COLUMNS "WHERE parent_code = $1 ORDER BY code");
FK_SQL(kRegionSubtree, FK_REGION_COLUMNS "WHERE code > $1 AND code < $2 ORDER BY code");
FK_SQL(kCountRegions, "SELECT COUNT(*) FROM regions");

FK_SQL(kLeafPopulation,
       "SELECT region_code, registered, usual, floating, away, male, female FROM region_population "
       "WHERE region_code >= $1 AND region_code < $2");
FK_SQL(kApplyPopulationDelta,
       "INSERT INTO region_population AS p(region_code, registered, usual, floating, away, male, "
       "female) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(region_code) DO UPDATE SET "
       "registered = p.registered + excluded.registered, usual = p.usual + excluded.usual, "
       "floating = p.floating + excluded.floating, away = p.away + excluded.away, "
       "male = p.male + excluded.male, female = p.female + excluded.female");
FK_SQL(kDeletePopulation, "DELETE FROM region_population");
// Residents (not away) per county and birth year (progress/figures.h
// CohortPlace), kept as region_population is: coverage by age band of a
// county or more sums these instead of counting its people.
FK_SQL(kApplyCohortDelta,
       "INSERT INTO cohort_residents AS c(region_code, birth_year, residents) VALUES ($1, $2, $3) "
       "ON CONFLICT(region_code, birth_year) DO UPDATE SET residents = c.residents + "
       "excluded.residents");
FK_SQL(kDeleteCohorts, "DELETE FROM cohort_residents");
FK_SQL(kRecountCohorts,
       "INSERT INTO cohort_residents(region_code, birth_year, residents) SELECT "
       "substr(region_code, 1, 6), CAST(substr(birth_date, 1, 4) AS INTEGER), COUNT(*) FROM "
       "persons WHERE residency <> 'away' GROUP BY substr(region_code, 1, 6), "
       "CAST(substr(birth_date, 1, 4) AS INTEGER)");
FK_SQL(
    kRecountPopulation,
    "INSERT INTO region_population(region_code, registered, usual, floating, away, male, female) "
    "SELECT region_code, COUNT(*), SUM(CASE WHEN residency = 'usual' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN residency = 'floating' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN residency = 'away' THEN 1 ELSE 0 END), SUM(CASE WHEN sex = 'M' THEN 1 ELSE 0 "
    "END), "
    "SUM(CASE WHEN sex = 'F' THEN 1 ELSE 0 END) FROM persons GROUP BY region_code");

#define FK_PERSON_COLUMNS                                                                       \
  "id, doc_type, doc_number, name, sex, birth_date, phone, region_code, residency, household, " \
  "employer_id, occupation, tags, updated_at"
FK_SQL(kPersonById, "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id = $1");
// The row a single write replaces, locked on PostgreSQL until the write commits.
FK_SQL(kPersonByIdForUpdate,
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id = $1",  // the single writer holds it
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id = $1 FOR UPDATE");
// Nearly every lookup is a resident identity number: an exact index probe.
FK_SQL(kPersonByDocument, "SELECT " FK_PERSON_COLUMNS
                          " FROM persons WHERE doc_number = $1 AND doc_type = 'resident_id'");
// The stored people of many documents at once (db::TextList), for an import batch.
FK_SQL(kPersonsByDocuments,
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE doc_number IN (SELECT value FROM json_each($1))",
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE doc_number = ANY($1::text[])");
// Other documents with the same number, in index order (no sort step).
FK_SQL(kPersonByOtherDocument,
       "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE doc_number = $1 ORDER BY doc_type LIMIT 1");
#define FK_PERSON_CONDITIONS                                                 \
  " WHERE region_code >= $1 AND region_code < $2 "                           \
  "AND ($3 = '' OR name LIKE $3 ESCAPE '\\') AND ($4 = '' OR tags LIKE $4) " \
  "AND birth_date > $5 AND birth_date <= $6"
#define FK_PERSON_FILTER " FROM persons" FK_PERSON_CONDITIONS
FK_SQL(kSearchPersons,
       "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER " ORDER BY region_code, id LIMIT $7 OFFSET $8");
FK_SQL(
    kScanPersons,
    "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER
    " AND (region_code > $7 OR (region_code = $7 AND id > $8)) ORDER BY region_code, id LIMIT $9");
FK_SQL(kCountPersons, "SELECT COUNT(*)" FK_PERSON_FILTER);
// For a subtree holding much of the table, SQLite reads the table in its own
// order instead of visiting the subtree's rows in region order through the
// index (store::HoldsMostPeople, rows.h); PostgreSQL's planner
// chooses for itself.
#define FK_PERSON_FILTER_WHOLE_TABLE " FROM persons NOT INDEXED" FK_PERSON_CONDITIONS
FK_SQL(kSearchPersonsWholeTable,
       "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER_WHOLE_TABLE
       " ORDER BY region_code, id LIMIT $7 OFFSET $8",
       "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER " ORDER BY region_code, id LIMIT $7 OFFSET $8");
FK_SQL(kCountPersonsWholeTable, "SELECT COUNT(*)" FK_PERSON_FILTER_WHOLE_TABLE,
       "SELECT COUNT(*)" FK_PERSON_FILTER);
// People in the subtree [$1, $2) and in all, from the maintained counts.
FK_SQL(kSubtreeAndAllPeople,
       "SELECT COALESCE(SUM(CASE WHEN region_code >= $1 AND "
       "region_code < $2 THEN registered END), 0), "
       "COALESCE(SUM(registered), 0) FROM region_population");

#define FK_PERSON_WRITE_COLUMNS                                                             \
  "doc_type, doc_number, name, sex, birth_date, phone, region_code, residency, household, " \
  "employer_id, occupation, tags, content_hash, updated_at, name_key"
FK_SQL(kInsertPerson,
       "INSERT INTO persons(" FK_PERSON_WRITE_COLUMNS
       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
       "ON CONFLICT(doc_number, doc_type) DO NOTHING",
       db::Sql::ReturningId{});
FK_SQL(kUpdatePerson,
       "UPDATE persons SET doc_type = $1, doc_number = $2, name = $3, sex = $4, birth_date = $5, "
       "phone = $6, region_code = $7, residency = $8, household = $9, employer_id = $10, "
       "occupation = $11, tags = $12, content_hash = $13, updated_at = $14, name_key = $15 WHERE id = "
       "$16");
// Single writes and batches of people take turns, so a batch's view of the
// stored rows stays true until it commits and the population counts stay
// exact: SQLite's single writer does it already; on PostgreSQL single writes
// share an advisory lock that a batch takes alone.
FK_SQL(kLockPersonWrite, "SELECT 1", "SELECT pg_advisory_xact_lock_shared(4711001)");
FK_SQL(kLockPersonBatch, "SELECT 1", "SELECT pg_advisory_xact_lock(4711001)");
// A batch of people is loaded into a staging table (in identity-number order,
// so inserts walk the unique index from left to right), compared with the
// stored rows in one query and applied with two set statements.
FK_SQL(
    kCreatePersonStage,
    "CREATE TEMP TABLE IF NOT EXISTS person_stage (doc_type TEXT, doc_number TEXT, name TEXT, sex "
    "TEXT, "
    "birth_date TEXT, phone TEXT, region_code TEXT, residency TEXT, household TEXT, "
    "employer_id BIGINT, occupation TEXT, tags TEXT, content_hash BIGINT, updated_at BIGINT, "
    "name_key TEXT)",
    "CREATE TEMP TABLE IF NOT EXISTS person_stage (doc_type TEXT, doc_number TEXT, name TEXT, sex "
    "TEXT, "
    "birth_date TEXT, phone TEXT, region_code TEXT COLLATE \"C\", residency TEXT, household TEXT, "
    "employer_id BIGINT, occupation TEXT, tags TEXT, content_hash BIGINT, updated_at BIGINT, "
    "name_key TEXT)");
FK_SQL(kUnstagePerson, "DELETE FROM person_stage WHERE doc_number = $1 AND doc_type = $2");
FK_SQL(kClearPersonStage, "DELETE FROM person_stage", "TRUNCATE person_stage");
// CROSS JOIN makes SQLite probe persons once per staged row.
FK_SQL(
    kStagedExisting,
    "SELECT p.id, p.doc_type, p.doc_number, p.name, p.sex, p.birth_date, p.phone, p.region_code, "
    "p.residency, p.household, p.employer_id, p.occupation, p.tags, p.updated_at, p.content_hash "
    "FROM person_stage s CROSS JOIN persons p WHERE p.doc_number = s.doc_number AND p.doc_type = "
    "s.doc_type");
FK_SQL(kInsertStaged,
       "INSERT INTO persons(" FK_PERSON_WRITE_COLUMNS ") SELECT " FK_PERSON_WRITE_COLUMNS
       " FROM person_stage WHERE true ON CONFLICT(doc_number, doc_type) DO NOTHING");
FK_SQL(kUpdateStaged,
       "UPDATE persons AS p SET name = s.name, sex = s.sex, birth_date = s.birth_date, phone = "
       "s.phone, "
       "region_code = s.region_code, residency = s.residency, household = s.household, "
       "employer_id = s.employer_id, occupation = s.occupation, tags = s.tags, "
       "content_hash = s.content_hash, updated_at = s.updated_at, name_key = s.name_key FROM "
       "person_stage s "
       "WHERE p.doc_number = s.doc_number AND p.doc_type = s.doc_type AND p.content_hash <> "
       "s.content_hash");

// A person's place and birth date are copied into their vaccination state
// rows (vaccination_state_sql.h), and the place into their follow-ups, in
// the same unit of work as the person, so the mobilisation lists read a
// subtree from those alone.
FK_SQL(kCopyPlaceToState,
       "UPDATE vaccination_state SET region_code = $1, birth_date = $2 WHERE person_id = $3 "
       "AND (region_code <> $1 OR birth_date <> $2)");
FK_SQL(kCopyPlaceToFollowUps,
       "UPDATE follow_ups SET region_code = $1 WHERE person_id = $2 AND region_code <> $1");
FK_SQL(kCopyStagedPlaceToFollowUps,
       "UPDATE follow_ups SET region_code = p.region_code FROM person_stage s JOIN persons p ON "
       "p.doc_number = s.doc_number AND p.doc_type = s.doc_type WHERE follow_ups.person_id = p.id "
       "AND follow_ups.region_code <> p.region_code");
FK_SQL(kCopyPlaceToPhaseMembers,
       "UPDATE phase_members SET region_code = $1 WHERE person_id = $2 AND region_code <> $1");
FK_SQL(kCopyStagedPlaceToPhaseMembers,
       "UPDATE phase_members SET region_code = p.region_code FROM person_stage s JOIN persons p ON "
       "p.doc_number = s.doc_number AND p.doc_type = s.doc_type WHERE phase_members.person_id = p.id "
       "AND phase_members.region_code <> p.region_code");
FK_SQL(kCopyStagedPlaceToState,
       "UPDATE vaccination_state SET region_code = p.region_code, birth_date = p.birth_date "
       "FROM person_stage s JOIN persons p ON p.doc_number = s.doc_number AND p.doc_type = "
       "s.doc_type WHERE vaccination_state.person_id = p.id AND "
       "(vaccination_state.region_code <> p.region_code OR vaccination_state.birth_date <> "
       "p.birth_date)");

// The people figures of the state rows of `source` (which ends in a WHERE
// clause), named with `suffix` (an SQL text: '' for a resident's own,
// '/away', a cohort's, an industry's) and placed at `region`.
#define FK_PEOPLE_FIGURES_OF_STATE(source, region, suffix, sign)                                \
  "INSERT INTO figure_changes(figure, region_code, day, delta) SELECT v.disease || "           \
  "'/first_dose' || " suffix ", " region ", v.first_dose, " sign " FROM " source                \
  " AND v.first_dose <> '' UNION ALL SELECT v.disease || '/full_series' || " suffix ", " region \
  ", v.series_complete, " sign " FROM " source " AND v.series_complete <> '' UNION ALL SELECT " \
  "v.disease || '/booster' || " suffix ", " region ", v.first_booster, " sign " FROM " source    \
  " AND v.first_booster <> ''"
// A move takes the person's figures along (progress/figures.h): what their
// state rows add is taken from the old place and added at the new one.
#define FK_FIGURES_OF_STATE(source, region, sign, away)                                        \
  FK_PEOPLE_FIGURES_OF_STATE(source, region, away, sign) " UNION ALL SELECT v.disease || "     \
  FK_LIST_FIGURE " || " away ", " region ", v.listed_from, " sign " FROM " source               \
  " AND v.listed_from <> '' UNION ALL SELECT v.disease || " FK_LIST_FIGURE " || " away ", "     \
  region ", v.listed_until, -(" sign ") FROM " source " AND v.listed_from <> '' AND "           \
  "v.listed_until <> ''"
#define FK_LIST_FIGURE "CASE WHEN v.next_is_booster = 1 THEN '/booster_due' ELSE '/series_late' END"
// $1 the old place, $2 the new, $3 the person, $4 and $5 the old and new
// suffix of their residency ('' for a resident, '/away').
FK_SQL(kMoveFiguresOfPerson,
       FK_FIGURES_OF_STATE("vaccination_state v CROSS JOIN (SELECT $1 AS region, -1 AS sign, $4 AS "
                           "away UNION ALL SELECT $2, 1, $5) m WHERE v.person_id = $3",
                           "m.region", "m.sign", "m.away"));
// Before the staged rows replace the stored ones (whose places and
// residencies are the old).
#define FK_AWAY_OF(t) "(CASE WHEN " t ".residency = 'away' THEN '/away' ELSE '' END)"
// The staged rows (s) beside the stored (p), each state of theirs (v)
// twice: taken (m.sign -1) as stored and added (+1) as staged.
#define FK_STAGED_AND_STORED                                                                  \
  "person_stage s JOIN persons p ON p.doc_number = s.doc_number AND p.doc_type = s.doc_type " \
  "JOIN vaccination_state v ON v.person_id = p.id CROSS JOIN (SELECT -1 AS sign UNION ALL "   \
  "SELECT 1) m "
FK_SQL(kMoveFiguresOfStaged,
       FK_FIGURES_OF_STATE(FK_STAGED_AND_STORED "WHERE "
                           "(p.region_code <> s.region_code OR " FK_AWAY_OF("p") " <> " FK_AWAY_OF("s") ")",
                           "CASE WHEN m.sign < 0 THEN p.region_code ELSE s.region_code END",
                           "m.sign",
                           "CASE WHEN m.sign < 0 THEN " FK_AWAY_OF("p") " ELSE " FK_AWAY_OF("s") " END"));

// A resident's cohort figures (progress/figures.h CohortFigureKey) follow
// them to another county, birth year or residency: taken from the old
// cohort ($1 county, $2 birth year, $3 the sign) or added to the new.
#define FK_COHORT_FIGURES_OF_STATE(source, region, year, sign) \
  FK_PEOPLE_FIGURES_OF_STATE(source, region, "'/born' || " year, sign)
FK_SQL(kCohortFiguresOfPerson,
       FK_COHORT_FIGURES_OF_STATE("vaccination_state v WHERE v.person_id = $4",
                                  "CAST($1 AS TEXT)", "CAST($2 AS TEXT)", "CAST($3 AS INTEGER)"));
// Before the staged rows replace the stored ones: -1 in the old cohort and
// +1 in the new, for each side where the person is a resident.
#define FK_STAGED_SIDE(column) \
  "(CASE WHEN m.sign < 0 THEN p." column " ELSE s." column " END)"
FK_SQL(kMoveCohortFiguresOfStaged,
       FK_COHORT_FIGURES_OF_STATE(
           FK_STAGED_AND_STORED "WHERE (substr(p.region_code, 1, 6) <> substr(s.region_code, "
           "1, 6) OR substr(p.birth_date, 1, 4) <> substr(s.birth_date, 1, 4) OR " FK_AWAY_OF("p")
           " <> " FK_AWAY_OF("s") ") AND " FK_STAGED_SIDE("residency") " <> 'away'",
           "substr(" FK_STAGED_SIDE("region_code") ", 1, 6)",
           "substr(" FK_STAGED_SIDE("birth_date") ", 1, 4)", "m.sign"));

// A resident employee's industry figures (progress/figures.h
// IndustryFigureKey), at their employer's county, follow them to another
// employer or residency. The employer `o` is joined by the source; one
// with no industry counts none.
#define FK_INDUSTRY_FIGURES_OF_STATE(source, sign)                              \
  FK_PEOPLE_FIGURES_OF_STATE(source " AND o.industry <> ''",                   \
                               "substr(o.region_code, 1, 6)", "'/industry/' || o.industry", sign)
// $1 the employer, $2 the person, $3 the sign.
FK_SQL(kIndustryFiguresOfPerson,
       FK_INDUSTRY_FIGURES_OF_STATE(
           "vaccination_state v JOIN organisations o ON o.id = $1 WHERE v.person_id = $2",
           "CAST($3 AS INTEGER)"));
FK_SQL(kMoveIndustryFiguresOfStaged,
       FK_INDUSTRY_FIGURES_OF_STATE(
           FK_STAGED_AND_STORED "JOIN organisations o ON o.id = " FK_STAGED_SIDE(
               "employer_id") " WHERE (p.employer_id <> s.employer_id OR " FK_AWAY_OF("p")
                              " <> " FK_AWAY_OF("s") ") AND " FK_STAGED_SIDE("residency")
                                                     " <> 'away'",
           "m.sign"));
// The resident employees of organisation $1, with sign $2: added as a new
// one is stored (an employer's number may be entered before it is), taken
// from its old industry or county and added to its new as it is edited.
FK_SQL(kIndustryFiguresOfEmployees,
       FK_INDUSTRY_FIGURES_OF_STATE(
           "persons p JOIN vaccination_state v ON v.person_id = p.id JOIN organisations o ON "
           "o.id = p.employer_id WHERE p.employer_id = $1 AND p.residency <> 'away'",
           "CAST($2 AS INTEGER)"));
// Resident employees per employer's county and industry, kept as
// region_population is: the department card of a county or more reads
// these instead of counting the employees. $1 the employer, $2 the change.
#define FK_INDUSTRY_EMPLOYEES_UPSERT                                               \
  " ON CONFLICT(region_code, industry) DO UPDATE SET employees = i.employees + " \
  "excluded.employees"
FK_SQL(kApplyIndustryDelta,
       "INSERT INTO industry_employees AS i(region_code, industry, employees) SELECT "
       "substr(region_code, 1, 6), industry, $2 FROM organisations WHERE id = $1 AND industry "
       "<> ''" FK_INDUSTRY_EMPLOYEES_UPSERT);
#define FK_COUNT_INDUSTRY_EMPLOYEES(where, count)                                          \
  "INSERT INTO industry_employees AS i(region_code, industry, employees) SELECT "          \
  "substr(o.region_code, 1, 6), o.industry, " count " FROM persons p JOIN organisations o " \
  "ON o.id = p.employer_id WHERE " where " AND p.residency <> 'away' AND o.industry <> '' " \
  "GROUP BY substr(o.region_code, 1, 6), o.industry"
// $1 the employer, $2 the sign (its employees counted in, or out).
FK_SQL(kCountEmployeesOf,
       FK_COUNT_INDUSTRY_EMPLOYEES("p.employer_id = $1", "CAST($2 AS INTEGER) * COUNT(*)")
           FK_INDUSTRY_EMPLOYEES_UPSERT);
FK_SQL(kDeleteIndustryEmployees, "DELETE FROM industry_employees");
FK_SQL(kRecountIndustryEmployees, FK_COUNT_INDUSTRY_EMPLOYEES("p.employer_id <> 0", "COUNT(*)"));

#define FK_ORGANISATION_SELECT \
  "SELECT id, name, kind, industry, region_code, credit_code FROM organisations "
FK_SQL(kInsertOrganisation,
       "INSERT INTO organisations(name, kind, industry, "
       "region_code, credit_code) VALUES ($1, $2, $3, $4, $5)",
       db::Sql::ReturningId{});
FK_SQL(kFindOrganisation, FK_ORGANISATION_SELECT "WHERE id = $1");
FK_SQL(kUpdateOrganisation,
       "UPDATE organisations SET name = $2, kind = $3, industry = $4, region_code = $5, "
       "credit_code = $6 WHERE id = $1");
FK_SQL(kOrganisationsUnder, FK_ORGANISATION_SELECT
       "WHERE region_code >= $1 AND region_code < $2 AND ($3 = '' OR kind = $3) "
       "ORDER BY region_code, id LIMIT $4");

#define FK_IMPORT_JOB_COLUMNS                                                                   \
  "id, user_id, username, region_code, file_name, state, created_at, finished_at, total_rows, " \
  "data_rows, inserted, updated, unchanged, failed, ignored_columns, error_kind, error_code, "  \
  "error_field, error_value, error_message, error_message_zh"
FK_SQL(kInsertImportJob,
       "INSERT INTO import_jobs(user_id, username, region_code, file_name, state, "
       "created_at, total_rows) VALUES ($1, $2, $3, $4, $5, $6, $7)",
       db::Sql::ReturningId{});
FK_SQL(kSetImportJobState, "UPDATE import_jobs SET state = $2 WHERE id = $1");
FK_SQL(kFinishImportJob,
       "UPDATE import_jobs SET state = $2, finished_at = $3, data_rows = $4, inserted = $5, "
       "updated = $6, unchanged = $7, failed = $8, ignored_columns = $9, error_kind = $10, "
       "error_code = $11, error_field = $12, error_value = $13, error_message = $14, "
       "error_message_zh = $15 WHERE id = $1");
FK_SQL(
    kInsertImportError,
    "INSERT INTO import_errors(job_id, seq, row_number, column_name, field, value, code, message, "
    "message_zh) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
FK_SQL(kFindImportJob, "SELECT " FK_IMPORT_JOB_COLUMNS " FROM import_jobs WHERE id = $1");
FK_SQL(kImportErrors,
       "SELECT row_number, column_name, field, value, code, message, message_zh FROM import_errors "
       "WHERE job_id = $1 ORDER BY seq LIMIT $2");
FK_SQL(kListImportJobs, "SELECT " FK_IMPORT_JOB_COLUMNS
                        " FROM import_jobs WHERE ($1 = 0 OR user_id = $1) "
                        "AND region_code >= $2 AND region_code < $3 ORDER BY id DESC LIMIT $4");
FK_SQL(kRecordImportCounts,
       "UPDATE import_jobs SET data_rows = $2, inserted = $3, updated = $4, unchanged = $5, "
       "failed = $6 WHERE id = $1");
FK_SQL(kInterruptImports,
       "UPDATE import_jobs SET state = 'interrupted', finished_at "
       "= $1 WHERE state IN ('queued', 'running')");

}  // namespace fangkong::sql
