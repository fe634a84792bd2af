// Every SQL statement the SQLite store runs, by name.
#pragma once

namespace fangkong::sqlite_sql {

inline constexpr const char* kCreateMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at INTEGER NOT NULL)";
inline constexpr const char* kSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)";

inline constexpr const char* kUpsertRegion =
    "INSERT INTO regions(code, name, parent_code, level) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE name <> excluded.name";
inline constexpr const char* kFindRegion =
    "SELECT code, name, parent_code, level FROM regions WHERE code = ?1";
inline constexpr const char* kRegionChildren =
    "SELECT code, name, parent_code, level FROM regions WHERE parent_code = ?1 ORDER BY code";
inline constexpr const char* kRegionSubtree =
    "SELECT code, name, parent_code, level FROM regions WHERE code > ?1 AND code < ?2 ORDER BY code";
inline constexpr const char* kCountRegions = "SELECT COUNT(*) FROM regions";
inline constexpr const char* kLeafPopulation =
    "SELECT region_code, registered, usual, floating, away, male, female FROM region_population "
    "WHERE region_code >= ?1 AND region_code < ?2";
inline constexpr const char* kApplyPopulationDelta =
    "INSERT INTO region_population(region_code, registered, usual, floating, away, male, female) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(region_code) DO UPDATE SET "
    "registered = registered + excluded.registered, usual = usual + excluded.usual, "
    "floating = floating + excluded.floating, away = away + excluded.away, "
    "male = male + excluded.male, female = female + excluded.female";
inline constexpr const char* kRecountPopulation =
    "DELETE FROM region_population; "
    "INSERT INTO region_population(region_code, registered, usual, floating, away, male, female) "
    "SELECT region_code, COUNT(*), SUM(residency = 'usual'), SUM(residency = 'floating'), "
    "SUM(residency = 'away'), SUM(sex = 'M'), SUM(sex = 'F') FROM persons GROUP BY region_code;";

#define FK_PERSON_COLUMNS                                                                     \
  "id, doc_type, doc_number, name, sex, birth_date, phone, region_code, residency, household, " \
  "employer_id, occupation, tags, updated_at"
inline constexpr const char* kPersonById = "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE id = ?1";
inline constexpr const char* kPersonByDocument =
    "SELECT " FK_PERSON_COLUMNS
    " FROM persons WHERE doc_number = ?1 AND doc_type = 'resident_id'";
// Other documents with the same number, in index order (no sort step).
inline constexpr const char* kPersonByOtherDocument =
    "SELECT " FK_PERSON_COLUMNS " FROM persons WHERE doc_number = ?1 ORDER BY doc_type LIMIT 1";
inline constexpr const char* kPersonByExactDocument =
    "SELECT " FK_PERSON_COLUMNS ", content_hash FROM persons WHERE doc_number = ?1 AND doc_type = ?2";
#define FK_PERSON_CONDITIONS                                                 \
  " WHERE region_code >= ?1 AND region_code < ?2 "                           \
  "AND (?3 = '' OR name LIKE ?3 ESCAPE '\\') AND (?4 = '' OR tags LIKE ?4) " \
  "AND birth_date > ?5 AND birth_date <= ?6"
#define FK_PERSON_FILTER " FROM persons" FK_PERSON_CONDITIONS
// For a subtree holding much of the table: reading the table in its own
// order beats visiting the subtree's rows in region order through the index
// (sqlite_store.cpp, IsMostOfTheTable).
#define FK_PERSON_FILTER_WHOLE_TABLE " FROM persons NOT INDEXED" FK_PERSON_CONDITIONS
inline constexpr const char* kSearchPersons =
    "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER " ORDER BY region_code, id LIMIT ?7 OFFSET ?8";
inline constexpr const char* kScanPersons =
    "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER
    " AND (region_code > ?7 OR (region_code = ?7 AND id > ?8)) ORDER BY region_code, id LIMIT ?9";
inline constexpr const char* kCountPersons = "SELECT COUNT(*)" FK_PERSON_FILTER;
inline constexpr const char* kSearchPersonsWholeTable =
    "SELECT " FK_PERSON_COLUMNS FK_PERSON_FILTER_WHOLE_TABLE " ORDER BY region_code, id LIMIT ?7 OFFSET ?8";
inline constexpr const char* kCountPersonsWholeTable = "SELECT COUNT(*)" FK_PERSON_FILTER_WHOLE_TABLE;
// People in the subtree [?1, ?2) and in all, from the maintained counts.
inline constexpr const char* kSubtreeAndAllPeople =
    "SELECT COALESCE(SUM(CASE WHEN region_code >= ?1 AND region_code < ?2 THEN registered END), 0), "
    "COALESCE(SUM(registered), 0) FROM region_population";
inline constexpr const char* kInsertPerson =
    "INSERT INTO persons(doc_type, doc_number, name, sex, birth_date, phone, region_code, "
    "residency, household, employer_id, occupation, tags, content_hash, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT(doc_number, doc_type) DO NOTHING";
// Fails with SQLITE_CONSTRAINT_UNIQUE when the document exists.
inline constexpr const char* kInsertNewPerson =
    "INSERT INTO persons(doc_type, doc_number, name, sex, birth_date, phone, region_code, "
    "residency, household, employer_id, occupation, tags, content_hash, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
inline constexpr const char* kUpdatePerson =
    "UPDATE persons SET doc_type = ?1, doc_number = ?2, name = ?3, sex = ?4, birth_date = ?5, "
    "phone = ?6, region_code = ?7, residency = ?8, household = ?9, employer_id = ?10, "
    "occupation = ?11, tags = ?12, content_hash = ?13, updated_at = ?14 WHERE id = ?15";

inline constexpr const char* kInsertOrganisation =
    "INSERT INTO organisations(name, kind, industry, region_code, credit_code) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr const char* kFindOrganisation =
    "SELECT id, name, kind, industry, region_code, credit_code FROM organisations WHERE id = ?1";
inline constexpr const char* kOrganisationsUnder =
    "SELECT id, name, kind, industry, region_code, credit_code FROM organisations "
    "WHERE region_code >= ?1 AND region_code < ?2 AND (?3 = '' OR kind = ?3) "
    "ORDER BY region_code, id LIMIT ?4";

inline constexpr const char* kInsertUser =
    "INSERT INTO users(username, display_name, role, region_code, org_id, active, password_hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(username) DO NOTHING";
inline constexpr const char* kUpdateUser =
    "UPDATE users SET display_name = ?2, role = ?3, region_code = ?4, org_id = ?5, active = ?6 "
    "WHERE id = ?1";
inline constexpr const char* kSetPassword = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
#define FK_USER_COLUMNS "id, username, display_name, role, region_code, org_id, active"
inline constexpr const char* kUserByName =
    "SELECT " FK_USER_COLUMNS ", password_hash FROM users WHERE username = ?1";
inline constexpr const char* kUserById = "SELECT " FK_USER_COLUMNS " FROM users WHERE id = ?1";
inline constexpr const char* kUsersUnder =
    "SELECT " FK_USER_COLUMNS " FROM users WHERE region_code >= ?1 AND region_code < ?2 "
    "ORDER BY region_code, username";
inline constexpr const char* kInsertSession =
    "INSERT INTO sessions(token_digest, user_id, expires_at) VALUES (?1, ?2, ?3)";
inline constexpr const char* kFindSession =
    "SELECT token_digest, user_id, expires_at FROM sessions WHERE token_digest = ?1";
inline constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_digest = ?1";

inline constexpr const char* kInsertAudit =
    "INSERT INTO audit_log(at, user_id, username, action, target, detail, rows) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
#define FK_AUDIT_FILTER \
  " FROM audit_log WHERE (?1 = '' OR username = ?1) AND (?2 = '' OR action = ?2) AND at >= ?3"
inline constexpr const char* kQueryAudit =
    "SELECT id, at, user_id, username, action, target, detail, rows" FK_AUDIT_FILTER
    " ORDER BY id DESC LIMIT ?4 OFFSET ?5";
inline constexpr const char* kCountAudit = "SELECT COUNT(*)" FK_AUDIT_FILTER;

#define FK_IMPORT_JOB_COLUMNS                                                               \
  "id, user_id, username, region_code, file_name, state, created_at, finished_at, total_rows, " \
  "data_rows, inserted, updated, unchanged, failed, ignored_columns, error_kind, error_code, "  \
  "error_field, error_value, error_message, error_message_zh"
inline constexpr const char* kInsertImportJob =
    "INSERT INTO import_jobs(user_id, username, region_code, file_name, state, created_at, "
    "total_rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
inline constexpr const char* kSetImportJobState = "UPDATE import_jobs SET state = ?2 WHERE id = ?1";
inline constexpr const char* kFinishImportJob =
    "UPDATE import_jobs SET state = ?2, finished_at = ?3, data_rows = ?4, inserted = ?5, "
    "updated = ?6, unchanged = ?7, failed = ?8, ignored_columns = ?9, error_kind = ?10, "
    "error_code = ?11, error_field = ?12, error_value = ?13, error_message = ?14, "
    "error_message_zh = ?15 WHERE id = ?1";
inline constexpr const char* kInsertImportError =
    "INSERT INTO import_errors(job_id, seq, row_number, column_name, field, value, code, message, "
    "message_zh) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
inline constexpr const char* kFindImportJob =
    "SELECT " FK_IMPORT_JOB_COLUMNS " FROM import_jobs WHERE id = ?1";
inline constexpr const char* kImportErrors =
    "SELECT row_number, column_name, field, value, code, message, message_zh FROM import_errors "
    "WHERE job_id = ?1 ORDER BY seq LIMIT ?2";
inline constexpr const char* kListImportJobs =
    "SELECT " FK_IMPORT_JOB_COLUMNS " FROM import_jobs WHERE (?1 = 0 OR user_id = ?1) "
    "AND region_code >= ?2 AND region_code < ?3 ORDER BY id DESC LIMIT ?4";
inline constexpr const char* kInterruptImports =
    "UPDATE import_jobs SET state = 'interrupted', finished_at = ?1 "
    "WHERE state IN ('queued', 'running')";

}  // namespace fangkong::sqlite_sql
