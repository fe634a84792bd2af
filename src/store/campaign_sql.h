// Every SQL statement of the campaign repository's storage, by name (db.h;
// campaign/repository.h says what they hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

FK_SQL(kInsertCampaign,
       "INSERT INTO campaigns(name, disease, region_code, created_by, created_at) "
       "VALUES ($1, $2, $3, $4, $5)",
       db::Sql::ReturningId{});
FK_SQL(kInsertPhase,
       "INSERT INTO campaign_phases(campaign_id, number, name, start_day, end_day, dose, "
       "target_kind, target, declared_population, groups) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
       db::Sql::ReturningId{});
// A phase's members as one JSON array of [person id, place].
FK_SQL(kInsertPhaseMembers,
       "INSERT INTO phase_members(phase_id, person_id, region_code) SELECT $1, "
       "json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($2)",
       "INSERT INTO phase_members(phase_id, person_id, region_code) SELECT $1, (e->>0)::bigint, "
       "e->>1 FROM jsonb_array_elements($2::jsonb) AS t(e)");
FK_SQL(kCountPhaseMembers, "SELECT COUNT(*) FROM phase_members WHERE phase_id = $1");
FK_SQL(kDeletePhaseMembers, "DELETE FROM phase_members WHERE phase_id = $1");
#define FK_CAMPAIGN_SELECT \
  "SELECT id, name, disease, region_code, created_by, created_at FROM campaigns "
FK_SQL(kFindCampaign, FK_CAMPAIGN_SELECT "WHERE id = $1");
FK_SQL(kAllCampaigns, FK_CAMPAIGN_SELECT "ORDER BY id DESC");
FK_SQL(kPhasesOfCampaign,
       "SELECT id, number, name, start_day, end_day, dose, target_kind, target, "
       "declared_population, groups FROM campaign_phases WHERE campaign_id = $1 ORDER BY number");
FK_SQL(kMembersByUnit,
       "SELECT substr(region_code, 1, $4), COUNT(*) FROM phase_members WHERE phase_id = $1 AND "
       "region_code >= $2 AND region_code < $3 GROUP BY substr(region_code, 1, $4)");
// Members with the counting dose ($5: the state's column by the phase's
// dose) given on or before $6.
FK_SQL(kCountedByUnit,
       "SELECT substr(m.region_code, 1, $4), COUNT(*) FROM phase_members m JOIN vaccination_state "
       "v ON v.person_id = m.person_id AND v.disease = $7 WHERE m.phase_id = $1 AND "
       "m.region_code >= $2 AND m.region_code < $3 AND CASE $5 WHEN 'first' THEN v.first_dose "
       "WHEN 'full_series' THEN v.series_complete ELSE v.first_booster END BETWEEN '0' AND $6 "
       "GROUP BY substr(m.region_code, 1, $4)");

// The department tree's figures: employees by their employer's industry,
// from the employers of the region (persons_employer, migration 0030) and
// each one's stored state. "employer_id <> 0" is the partial index's own
// condition: without it the planners cannot use the index and read every
// person of the store (a county of the 10,000,000 province: 5.3 s, 107 ms
// with it; bench/RESULTS.md).
#define FK_STATE_BY(column, day) \
  "SUM(CASE WHEN v." column " BETWEEN '0' AND " day " THEN 1 ELSE 0 END)"
FK_SQL(kEmployeesByIndustry,
       "SELECT e.industry, COUNT(*), " FK_STATE_BY("first_dose", "$4") ", " FK_STATE_BY(
           "series_complete", "$4") ", " FK_STATE_BY("first_booster", "$4") ", " FK_STATE_BY("first_dose", "$5") ", " FK_STATE_BY("series_complete", "$5") ", " FK_STATE_BY("first_booster", "$5") " FROM organisations e JOIN persons p ON p.employer_id = e.id "
       "LEFT JOIN vaccination_state v ON v.person_id = p.id AND v.disease = $1 WHERE "
       "e.region_code >= $2 AND e.region_code < $3 AND e.industry <> '' AND p.residency IN "
       "('usual', 'floating') AND p.employer_id <> 0 GROUP BY e.industry ORDER BY e.industry");

// The kept sums of the same (store/registry_sql.h FK_INDUSTRY_EMPLOYEES_UPSERT)
// for a county or more: the employees of each industry; their figures are
// read from figure_counts.
FK_SQL(kIndustryEmployees,
       "SELECT industry, SUM(employees) FROM industry_employees WHERE region_code >= $1 AND "
       "region_code < $2 GROUP BY industry HAVING SUM(employees) <> 0 ORDER BY industry");

FK_SQL(kInsertTaskBook,
       "INSERT INTO task_books(campaign_id, phase, version, note, created_by, created_at) "
       "VALUES ($1, $2, $3, $4, $5, $6)",
       db::Sql::ReturningId{});
FK_SQL(kInsertTaskBookOverride,
       "INSERT INTO task_book_overrides(task_book_id, region_code, target) VALUES ($1, $2, $3)");
FK_SQL(kTaskBookVersions,
       "SELECT t.id, t.campaign_id, t.phase, t.version, t.note, t.created_by, t.created_at, "
       "COALESCE((SELECT display_name FROM users WHERE users.id = t.created_by), '') FROM "
       "task_books t WHERE t.campaign_id = $1 AND t.phase = $2 ORDER BY t.version");
FK_SQL(kTaskBookOverrides,
       "SELECT region_code, target FROM task_book_overrides WHERE task_book_id = $1");

FK_SQL(kInsertDailyReport,
       "INSERT INTO daily_reports(campaign_id, day, phase, taken_at, taken_by, body) "
       "VALUES ($1, $2, $3, $4, $5, $6)",
       db::Sql::ReturningId{});
FK_SQL(kFindDailyReport,
       "SELECT r.id, r.campaign_id, r.day, r.phase, r.taken_at, r.taken_by, COALESCE((SELECT "
       "display_name FROM users WHERE users.id = r.taken_by), ''), r.body FROM daily_reports r "
       "WHERE r.campaign_id = $1 AND r.day = $2");
FK_SQL(kDailyReportDays,
       "SELECT day FROM daily_reports WHERE campaign_id = $1 ORDER BY day DESC");

FK_SQL(kInsertSupply,
       "INSERT INTO supply_plans(campaign_id, phase, region_code, arrives_on, doses, note, "
       "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
       db::Sql::ReturningId{});
FK_SQL(kSuppliesOf,
       "SELECT id, campaign_id, phase, region_code, arrives_on, doses, note, created_by, "
       "created_at FROM supply_plans WHERE campaign_id = $1 AND phase = $2 ORDER BY arrives_on, id");

}  // namespace fangkong::sql
