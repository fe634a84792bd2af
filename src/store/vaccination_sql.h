// Every SQL statement of the vaccination repository's storage (doses,
// sites, slots and bookings, lots and stock, visits), by name (db.h).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

#define FK_DOSE_COLUMNS                                                                \
  "id, person_id, product, dose_number, booster, given_on, administered_at, site_id, " \
  "vaccinator_id, lot, trace_code, region_code"
FK_SQL(kInsertDose,
       "INSERT INTO dose_records(person_id, product, dose_number, booster, given_on, "
       "administered_at, site_id, vaccinator_id, lot, trace_code, region_code) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
       db::Sql::ReturningId{});
// A dose inserted without its state is kept apart until a rebuild lists it
// (DoseRepository::InsertDose).
FK_SQL(kKeepDoseUnlisted, "INSERT INTO unlisted_doses(dose_id, person_id) VALUES ($1, $2)");
// A person's doses are found by their ids: those their states list, and
// those kept apart (kKeepDoseUnlisted), then each by id. Lists, not an index
// of dose_records by person, because a dose writes its person's state row
// anyway, and a random index entry more cost 6.6% of the doses a second
// (docs/decisions.md, "A person's doses found through their states").
#define FK_LISTED_DOSE_IDS(people)                                                        \
  "SELECT dose_ids FROM vaccination_state WHERE person_id " people                        \
  " AND dose_ids <> '' UNION ALL SELECT CAST(dose_id AS TEXT) FROM unlisted_doses WHERE " \
  "person_id " people
FK_SQL(kDoseIdsOfPerson, FK_LISTED_DOSE_IDS("= $1"));
FK_SQL(kDoseIdsOfPersons, FK_LISTED_DOSE_IDS("IN (SELECT value FROM json_each($1))"),
       FK_LISTED_DOSE_IDS("= ANY($1::bigint[])"));
// The doses $1 (ids) that are of the person $2, or of the people $2: a list
// names only its person's doses, and this keeps a stray id out.
FK_SQL(kDosesOfPerson,
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE id IN (SELECT value FROM json_each($1)) "
       "AND person_id = $2 ORDER BY given_on, id",
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE id = ANY($1::bigint[]) "
       "AND person_id = $2 ORDER BY given_on, id");
FK_SQL(kDosesOfPersons,
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE id IN (SELECT value FROM json_each($1)) "
       "AND person_id IN (SELECT value FROM json_each($2)) ORDER BY person_id, given_on, id",
       "SELECT " FK_DOSE_COLUMNS
       " FROM dose_records WHERE id = ANY($1::bigint[]) "
       "AND person_id = ANY($2::bigint[]) ORDER BY person_id, given_on, id");
FK_SQL(kDoseCount, "SELECT COUNT(*) FROM dose_records");

FK_SQL(
    kUpsertSite,
    "INSERT INTO vaccination_sites(org_id, site_type, daily_capacity, backup_hospital_id, address, "
    "active) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT(org_id) DO UPDATE SET "
    "site_type = excluded.site_type, daily_capacity = excluded.daily_capacity, "
    "backup_hospital_id = excluded.backup_hospital_id, address = excluded.address, "
    "active = excluded.active");
#define FK_SITE_SELECT                                                      \
  "SELECT v.org_id, o.name, o.region_code, v.site_type, v.daily_capacity, " \
  "v.backup_hospital_id, v.address, v.active FROM vaccination_sites v "     \
  "JOIN organisations o ON o.id = v.org_id "
FK_SQL(kFindSite, FK_SITE_SELECT "WHERE v.org_id = $1");
FK_SQL(kSitesUnder, FK_SITE_SELECT
       "WHERE o.region_code >= $1 AND o.region_code < $2 ORDER BY o.region_code, o.id");
FK_SQL(kUpsertStaff,
       "INSERT INTO site_staff(site_id, user_id, duty, certificate_no, certified_until) "
       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT(site_id, user_id, duty) DO UPDATE SET "
       "certificate_no = excluded.certificate_no, certified_until = excluded.certified_until");
FK_SQL(kStaffOf,
       "SELECT st.site_id, st.user_id, u.username, u.display_name, st.duty, st.certificate_no, "
       "st.certified_until FROM site_staff st JOIN users u ON u.id = st.user_id "
       "WHERE st.site_id = $1 ORDER BY st.duty, u.username");

#define FK_SLOT_COLUMNS "id, site_id, day, start_time, end_time, capacity, booked, disease"
FK_SQL(kInsertSlot,
       "INSERT INTO slots(site_id, day, start_time, end_time, capacity, booked, disease) "
       "VALUES ($1, $2, $3, $4, $5, 0, $6)",
       db::Sql::ReturningId{});
FK_SQL(kFindSlot, "SELECT " FK_SLOT_COLUMNS " FROM slots WHERE id = $1");
FK_SQL(kSlotsOf,
       "SELECT " FK_SLOT_COLUMNS " FROM slots WHERE site_id = $1 AND day = $2 ORDER BY start_time");
// Takes n places only if they are free; no row changes when the slot is full.
FK_SQL(kTakePlaces,
       "UPDATE slots SET booked = booked + $2 WHERE id = $1 AND booked + $2 <= capacity");
FK_SQL(kGivePlaceBack, "UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0");

#define FK_APPOINTMENT_SELECT                                                              \
  "SELECT a.id, a.slot_id, a.person_id, a.disease, a.dose_number, a.status, a.booked_by, " \
  "a.booked_at, a.block, s.site_id, s.day, s.start_time FROM appointments a "              \
  "JOIN slots s ON s.id = a.slot_id "
FK_SQL(kInsertAppointment,
       "INSERT INTO appointments(slot_id, person_id, disease, dose_number, status, booked_by, "
       "booked_at, block) VALUES ($1, $2, $3, $4, 'booked', $5, $6, $7)",
       db::Sql::ReturningId{});
FK_SQL(kFindAppointment, FK_APPOINTMENT_SELECT "WHERE a.id = $1");
FK_SQL(kAppointmentsOf,
       FK_APPOINTMENT_SELECT "WHERE a.person_id = $1 ORDER BY s.day, s.start_time, a.id");
// Returns the slot only when the booking was open.
FK_SQL(kCloseAppointment,
       "UPDATE appointments SET status = $2 WHERE id = $1 AND status = 'booked' RETURNING slot_id");

#define FK_LOT_COLUMNS "id, product, lot_number, expiry, doses_per_vial, held, hold_reason"
FK_SQL(kInsertLot,
       "INSERT INTO vaccine_lots(product, lot_number, expiry, doses_per_vial, held, hold_reason) "
       "VALUES ($1, $2, $3, $4, 0, '')",
       db::Sql::ReturningId{});
FK_SQL(kFindLot, "SELECT " FK_LOT_COLUMNS " FROM vaccine_lots WHERE id = $1");
FK_SQL(kLotsByNumber,
       "SELECT " FK_LOT_COLUMNS " FROM vaccine_lots WHERE lot_number = $1 ORDER BY product");
FK_SQL(kSetLotHold, "UPDATE vaccine_lots SET held = $2, hold_reason = $3 WHERE id = $1");
FK_SQL(kInsertStockLine,
       "INSERT INTO stock_ledger(site_id, lot_id, move, doses, at, user_id, reference, reason) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
// Changes a balance only if it stays at or above zero (the CHECK on doses
// backs this); no row changes when it would not, or when there is no row yet.
FK_SQL(kAddToBalance,
       "UPDATE stock_balances SET doses = doses + $3 WHERE site_id = $1 AND lot_id = $2 "
       "AND doses + $3 >= 0");
FK_SQL(kInsertBalance, "INSERT INTO stock_balances(site_id, lot_id, doses) VALUES ($1, $2, $3)");
FK_SQL(kBalance, "SELECT doses FROM stock_balances WHERE site_id = $1 AND lot_id = $2");
FK_SQL(kStockAt,
       "SELECT l.id, l.product, l.lot_number, l.expiry, l.doses_per_vial, "
       "l.held, l.hold_reason, b.doses "
       "FROM stock_balances b JOIN vaccine_lots l ON l.id = b.lot_id WHERE "
       "b.site_id = $1 AND b.doses > 0 "
       "ORDER BY l.product, l.expiry, l.lot_number");
FK_SQL(kLedger,
       "SELECT id, site_id, lot_id, move, doses, at, user_id, reference, reason FROM stock_ledger "
       "WHERE site_id = $1 AND ($2 = 0 OR lot_id = $2) ORDER BY id DESC LIMIT $3");

#define FK_VISIT_COLUMNS                                                                        \
  "id, person_id, site_id, appointment_id, disease, state, day, checked_in_at, checked_in_by, " \
  "temperature_tenths, screening_outcome, deferred_until, screening_reason, certificate_no, "   \
  "screened_by, consent_at, consent_by, dose_id, administered_at, observation_until, "          \
  "released_at, released_by, product"
FK_SQL(kInsertVisit,
       "INSERT INTO visits(person_id, site_id, appointment_id, disease, state, day, checked_in_at, "
       "checked_in_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
       db::Sql::ReturningId{});
FK_SQL(kFindVisit, "SELECT " FK_VISIT_COLUMNS " FROM visits WHERE id = $1");
// Writes a step only if the stored state is still the one the step started from.
FK_SQL(kSaveVisit,
       "UPDATE visits SET state = $2, temperature_tenths = $3, screening_outcome = $4, "
       "deferred_until = $5, screening_reason = $6, certificate_no = $7, screened_by = $8, "
       "consent_at = $9, consent_by = $10, dose_id = $11, administered_at = $12, "
       "observation_until = $13, released_at = $14, released_by = $15, product = $17 "
       "WHERE id = $1 AND state = $16");
FK_SQL(kVisitsOf, "SELECT " FK_VISIT_COLUMNS " FROM visits WHERE person_id = $1 ORDER BY id");
FK_SQL(kVisitsAt,
       "SELECT " FK_VISIT_COLUMNS " FROM visits WHERE site_id = $1 AND day = $2 ORDER BY id");
FK_SQL(kAttendAppointment,
       "UPDATE appointments SET status = 'attended' WHERE id = $1 AND status = 'booked'");

FK_SQL(kDosesOfLot,
       "SELECT d.id, d.person_id, p.name, p.doc_number, p.phone, d.region_code, d.site_id, "
       "d.given_on, "
       "d.dose_number, d.product FROM dose_records d JOIN persons p ON p.id = d.person_id "
       "WHERE d.lot = $1 AND d.region_code >= $2 AND d.region_code < $3 "
       "ORDER BY d.site_id, d.given_on, d.id");

}  // namespace fangkong::sql
