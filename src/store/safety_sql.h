// Every SQL statement of the vaccine-safety repository (adverse events and
// alerts), by name (db.h).
#pragma once

#include "store/vaccination_sql.h"

namespace fangkong::sql {

FK_SQL(kFindDose, "SELECT " FK_DOSE_COLUMNS " FROM dose_records WHERE id = $1");
FK_SQL(kSiteRegion, "SELECT region_code FROM organisations WHERE id = $1");

FK_SQL(
    kInsertAefi,
    "INSERT INTO aefi_reports(dose_id, person_id, site_id, product, lot, dose_number, region_code, "
    "site_region, administered_at, onset_at, reported_at, reported_by, symptoms, description, "
    "severity, "
    "serious, outcome, classification, classified_by, classified_at, classification_note) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
    "$21)",
    db::Sql::ReturningId{});
#define FK_AEFI_SELECT                                                                          \
  "SELECT a.id, a.dose_id, a.person_id, a.site_id, a.product, a.lot, a.dose_number, "           \
  "a.region_code, a.site_region, a.administered_at, a.onset_at, a.reported_at, a.reported_by, " \
  "a.symptoms, a.description, a.severity, a.serious, a.outcome, a.classification, "             \
  "a.classified_by, a.classified_at, a.classification_note, p.name, p.doc_number "              \
  "FROM aefi_reports a JOIN persons p ON p.id = a.person_id "
FK_SQL(kFindAefi, FK_AEFI_SELECT "WHERE a.id = $1");
FK_SQL(
    kUpdateAefi,
    "UPDATE aefi_reports SET outcome = $2, serious = $3, classification = $4, classified_by = $5, "
    "classified_at = $6, classification_note = $7 WHERE id = $1");
FK_SQL(kAefiUnder, FK_AEFI_SELECT
       "WHERE ((a.region_code >= $1 AND a.region_code < $2) OR "
       "(a.site_region >= $1 AND a.site_region < $2)) "
       "AND (CAST($3 AS TEXT) = '' OR a.classification = $3) AND (CAST($4 "
       "AS INTEGER) = 0 OR a.serious = 1) ORDER BY a.id DESC LIMIT $5");
// Rates: doses and reports of people placed in the subtree, per product (and lot).
FK_SQL(
    kDosesByProduct,
    "SELECT product, '', COUNT(*) FROM dose_records WHERE region_code >= $1 AND region_code < $2 "
    "GROUP BY product");
FK_SQL(
    kDosesByLot,
    "SELECT product, lot, COUNT(*) FROM dose_records WHERE region_code >= $1 AND region_code < $2 "
    "GROUP BY product, lot");
FK_SQL(kAefiByProduct,
       "SELECT product, '', COUNT(*), SUM(serious) FROM aefi_reports "
       "WHERE region_code >= $1 AND region_code < $2 GROUP BY product");
FK_SQL(kAefiByLot,
       "SELECT product, lot, COUNT(*), SUM(serious) FROM aefi_reports "
       "WHERE region_code >= $1 AND region_code < $2 GROUP BY product, lot");

FK_SQL(kInsertAlert,
       "INSERT INTO alerts(kind, region_code, title, body, reference, created_at) "
       "VALUES ($1, $2, $3, $4, $5, $6)",
       db::Sql::ReturningId{});
#define FK_ALERT_COLUMNS \
  "id, kind, region_code, title, body, reference, created_at, acknowledged_by, acknowledged_at"
FK_SQL(kFindAlert, "SELECT " FK_ALERT_COLUMNS " FROM alerts WHERE id = $1");
FK_SQL(kAlertsUnder,
       "SELECT " FK_ALERT_COLUMNS
       " FROM alerts WHERE region_code >= $1 AND region_code < $2 "
       "AND (CAST($3 AS INTEGER) = 0 OR acknowledged_at = 0) ORDER BY id DESC LIMIT $4");
FK_SQL(kAcknowledgeAlert,
       "UPDATE alerts SET acknowledged_by = $2, acknowledged_at = "
       "$3 WHERE id = $1 AND acknowledged_at = 0");

}  // namespace fangkong::sql
