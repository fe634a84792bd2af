// Mapping shared by both engines between records and the column values
// stored for them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "registry/import_job.h"
#include "registry/person.h"
#include "alerts/alert.h"
#include "vaccination/aefi.h"
#include "vaccination/dose.h"
#include "vaccination/fridge.h"
#include "vaccination/mobilisation.h"
#include "vaccination/site.h"
#include "vaccination/stock.h"
#include "vaccination/visit.h"
#include "registry/region.h"

namespace fangkong::store {

// Tags are stored as ",a,b," (sorted) so "has all of these" is one LIKE pattern.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(const std::string& stored);
std::string TagsPattern(const std::vector<std::string>& wanted);  // "%,a,%,b,%"
// "王%" with LIKE wildcards in the input escaped by '\'.
std::string PrefixPattern(const std::string& prefix);

// A person's contribution to the counts of their place.
PopulationCounts CountsOf(const Person& p);
PopulationCounts Negate(PopulationCounts c);

// Accumulates count changes per place within a transaction.
using PopulationDelta = std::map<std::string, PopulationCounts>;
void AddDelta(PopulationDelta& d, const Person& p, int sign);

// Indexes of `people` ordered by identity number; rows with the same number
// keep their input order, so the last one in a file still wins.
std::vector<size_t> DocumentOrder(const std::vector<Person>& people);

// Builds a Person from the stored column texts (both engines read text).
Person PersonFromColumns(int64_t id, const std::string& doc_type, std::string doc_number,
                         std::string name, const std::string& sex, const std::string& birth_date,
                         std::string phone, std::string region_code, const std::string& residency,
                         std::string household, int64_t employer_id, std::string occupation,
                         const std::string& tags, int64_t updated_at);

// The field error for a unique-key violation on an organisation's credit code.
Error DuplicateCreditCode(const std::string& code);

// The field error for a second dose with the same traceability code.
Error DuplicateTraceCode(const std::string& code);

// Builds a DoseRecord from the columns of FK_DOSE_COLUMNS (see ImportJobFromColumns).
template <typename IntAt, typename TextAt>
DoseRecord DoseFromColumns(IntAt i, TextAt t) {
  DoseRecord d;
  d.id = i(0);
  d.person_id = i(1);
  d.product = t(2);
  d.dose_number = static_cast<int>(i(3));
  d.booster = i(4) != 0;
  d.date = Date::Parse(t(5)).value_or(Date());
  d.administered_at = i(6);
  d.site_id = i(7);
  d.vaccinator_id = i(8);
  d.lot = t(9);
  d.trace_code = t(10);
  d.region_code = t(11);
  return d;
}

// Builds a VaccinationSite from the columns of FK_SITE_SELECT.
template <typename IntAt, typename TextAt>
VaccinationSite SiteFromColumns(IntAt i, TextAt t) {
  VaccinationSite v;
  v.org_id = i(0);
  v.name = t(1);
  v.region_code = t(2);
  v.type = ParseSiteType(t(3)).value_or(SiteType::kFixed);
  v.daily_capacity = static_cast<int>(i(4));
  v.backup_hospital_id = i(5);
  v.address = t(6);
  v.active = i(7) != 0;
  return v;
}

// Builds a Slot from the columns of FK_SLOT_COLUMNS.
template <typename IntAt, typename TextAt>
Slot SlotFromColumns(IntAt i, TextAt t) {
  Slot v;
  v.id = i(0);
  v.site_id = i(1);
  v.day = Date::Parse(t(2)).value_or(Date());
  v.start_time = t(3);
  v.end_time = t(4);
  v.capacity = static_cast<int>(i(5));
  v.booked = static_cast<int>(i(6));
  v.disease = t(7);
  return v;
}

// Builds a SiteStaff from the columns of kStaffOf.
template <typename IntAt, typename TextAt>
SiteStaff StaffFromColumns(IntAt i, TextAt t) {
  SiteStaff v;
  v.site_id = i(0);
  v.user_id = i(1);
  v.username = t(2);
  v.display_name = t(3);
  v.duty = ParseStaffDuty(t(4)).value_or(StaffDuty::kRegistrar);
  v.certificate_no = t(5);
  v.certified_until = Date::Parse(t(6));
  return v;
}

// Builds an Appointment from the columns of FK_APPOINTMENT_SELECT.
template <typename IntAt, typename TextAt>
Appointment AppointmentFromColumns(IntAt i, TextAt t) {
  Appointment a;
  a.id = i(0);
  a.slot_id = i(1);
  a.person_id = i(2);
  a.disease = t(3);
  a.dose_number = static_cast<int>(i(4));
  a.status = ParseAppointmentStatus(t(5)).value_or(AppointmentStatus::kCancelled);
  a.booked_by = i(6);
  a.booked_at = i(7);
  a.block = t(8);
  a.site_id = i(9);
  a.day = Date::Parse(t(10)).value_or(Date());
  a.start_time = t(11);
  return a;
}

// Builds a VaccineLot from the columns of FK_LOT_COLUMNS.
template <typename IntAt, typename TextAt>
VaccineLot LotFromColumns(IntAt i, TextAt t) {
  VaccineLot l;
  l.id = i(0);
  l.product = t(1);
  l.lot_number = t(2);
  l.expiry = Date::Parse(t(3)).value_or(Date());
  l.doses_per_vial = static_cast<int>(i(4));
  l.held = i(5) != 0;
  l.hold_reason = t(6);
  return l;
}

template <typename IntAt, typename TextAt>
StockLine StockLineFromColumns(IntAt i, TextAt t) {
  StockLine s;
  s.id = i(0);
  s.site_id = i(1);
  s.lot_id = i(2);
  s.move = ParseStockMove(t(3)).value_or(StockMove::kAdjust);
  s.doses = static_cast<int>(i(4));
  s.at = i(5);
  s.user_id = i(6);
  s.reference = t(7);
  s.reason = t(8);
  return s;
}

template <typename IntAt, typename TextAt>
Visit VisitFromColumns(IntAt i, TextAt t) {
  Visit v;
  v.id = i(0);
  v.person_id = i(1);
  v.site_id = i(2);
  v.appointment_id = i(3);
  v.disease = t(4);
  v.state = ParseVisitState(t(5)).value_or(VisitState::kCheckedIn);
  v.day = Date::Parse(t(6)).value_or(Date());
  v.checked_in_at = i(7);
  v.checked_in_by = i(8);
  v.temperature_tenths = static_cast<int>(i(9));
  v.screening_outcome = t(10);
  v.deferred_until = Date::Parse(t(11));
  v.screening_reason = t(12);
  v.certificate_no = t(13);
  v.screened_by = i(14);
  v.consent_at = i(15);
  v.consent_by = i(16);
  v.dose_id = i(17);
  v.administered_at = i(18);
  v.observation_until = i(19);
  v.released_at = i(20);
  v.released_by = i(21);
  v.product = t(22);
  return v;
}

Error VisitOpenError(int64_t person_id);
// A visit step lost a race: the stored visit is no longer in state `from`.
Error VisitChangedError(VisitState from);

template <typename IntAt, typename TextAt>
LotTraceRow LotTraceFromColumns(IntAt i, TextAt t) {
  return LotTraceRow{i(0), i(1), t(2), t(3), t(4), t(5), i(6),
                     Date::Parse(t(7)).value_or(Date()), static_cast<int>(i(8)), t(9)};
}

Error DuplicateLotError(const std::string& product, const std::string& lot_number);

// Ignored column names are stored tab-separated (a tab cannot be in a CSV header cell we kept).
std::string JoinColumnNames(const std::vector<std::string>& names);
std::vector<std::string> SplitColumnNames(const std::string& stored);

// Builds an ImportJob from the columns of FK_IMPORT_JOB_COLUMNS, read with
// the engine's own accessors: `i(col)` gives an int64, `t(col)` a string.
template <typename IntAt, typename TextAt>
ImportJob ImportJobFromColumns(IntAt i, TextAt t) {
  ImportJob j;
  j.id = i(0);
  j.user_id = i(1);
  j.username = t(2);
  j.region_code = t(3);
  j.file_name = t(4);
  j.state = t(5);
  j.created_at = i(6);
  j.finished_at = i(7);
  j.progress->total = i(8);
  j.report.rows = i(9);
  j.report.inserted = i(10);
  j.report.updated = i(11);
  j.report.unchanged = i(12);
  j.report.failed = i(13);
  j.report.ignored_columns = SplitColumnNames(t(14));
  if (!t(16).empty()) {
    j.error = Error{static_cast<ErrorKind>(i(15)), t(16), t(17), t(18), t(19), t(20)};
  }
  // A stored job is not running: what it got through is what it reported.
  j.progress->processed = j.report.rows;
  return j;
}

// Builds a Fridge from the columns of FK_FRIDGE_COLUMNS.
template <typename IntAt, typename TextAt>
Fridge FridgeFromColumns(IntAt i, TextAt t) {
  Fridge f;
  f.id = i(0);
  f.site_id = i(1);
  f.code = t(2);
  f.name = t(3);
  f.limits = FridgeLimits{static_cast<int>(i(4)), static_cast<int>(i(5)), static_cast<int>(i(6)),
                          static_cast<int>(i(7))};
  return f;
}

// Builds an ExcursionRecord from the columns of FK_EXCURSION_COLUMNS.
template <typename IntAt, typename TextAt>
ExcursionRecord ExcursionFromColumns(IntAt i, TextAt t) {
  ExcursionRecord e;
  e.id = i(0);
  e.fridge_id = i(1);
  e.kind = t(2) == "gap" ? ExcursionKind::kGap : ExcursionKind::kTemperature;
  e.from = i(3);
  e.to = i(4);
  e.extreme_tenths = static_cast<int>(i(5));
  e.holds = i(6) != 0;
  return e;
}

// Builds a ColdChainHold from the columns of FK_HOLD_SELECT.
template <typename IntAt, typename TextAt>
ColdChainHold HoldFromColumns(IntAt i, TextAt t) {
  ColdChainHold h;
  h.id = i(0);
  h.site_id = i(1);
  h.lot_id = i(2);
  h.fridge_id = i(3);
  h.excursion_id = i(4);
  h.reason = t(5);
  h.held_at = i(6);
  h.released_at = i(7);
  h.released_by = i(8);
  h.outcome = t(9);
  h.release_reason = t(10);
  h.product = t(11);
  h.lot_number = t(12);
  h.region_code = t(13);
  return h;
}

// The field error for a second fridge with the same code at a site.
Error DuplicateFridgeCode(const std::string& code);

// Builds an AefiReport from the columns of FK_AEFI_SELECT.
template <typename IntAt, typename TextAt>
AefiReport AefiFromColumns(IntAt i, TextAt t) {
  AefiReport r;
  r.id = i(0);
  r.dose_id = i(1);
  r.person_id = i(2);
  r.site_id = i(3);
  r.product = t(4);
  r.lot = t(5);
  r.dose_number = static_cast<int>(i(6));
  r.region_code = t(7);
  r.site_region = t(8);
  r.administered_at = i(9);
  r.onset_at = i(10);
  r.reported_at = i(11);
  r.reported_by = i(12);
  r.symptoms = SplitTags(t(13));
  r.description = t(14);
  r.severity = ParseAefiSeverity(t(15)).value_or(AefiSeverity::kMild);
  r.serious = i(16) != 0;
  r.outcome = ParseAefiOutcome(t(17)).value_or(AefiOutcome::kUnknown);
  r.classification = ParseAefiClass(t(18)).value_or(AefiClass::kPending);
  r.classified_by = i(19);
  r.classified_at = i(20);
  r.classification_note = t(21);
  r.person_name = t(22);
  r.doc_number = t(23);
  return r;
}

// Builds an Alert from the columns of FK_ALERT_COLUMNS.
template <typename IntAt, typename TextAt>
Alert AlertFromColumns(IntAt i, TextAt t) {
  return Alert{i(0), t(1), t(2), t(3), t(4), t(5), i(6), i(7), i(8)};
}

// Adds per-product (or per-lot) doses and reports into rates keyed
// "product" or "product lot".
void AddRate(std::map<std::string, AefiRate>& rates, const std::string& product, const std::string& lot,
             int64_t doses, int64_t reports, int64_t serious);

// A Conflict "already_acknowledged".
Error AlertAcknowledgedError(int64_t id);

// Builds a FollowUp from the columns of FK_FOLLOW_UP_COLUMNS.
template <typename IntAt, typename TextAt>
FollowUp FollowUpFromColumns(IntAt i, TextAt t) {
  FollowUp f;
  f.id = i(0);
  f.person_id = i(1);
  f.disease = t(2);
  f.at = i(3);
  f.user_id = i(4);
  f.method = t(5);
  f.result = ParseFollowUpResult(t(6)).value_or(FollowUpResult::kOther);
  f.note = t(7);
  f.next_contact = Date::Parse(t(8));
  return f;
}

// "[1,2,3]": ids as a JSON array (SQLite's json_each reads it).
std::string JsonIdArray(const std::vector<int64_t>& ids);

}  // namespace fangkong::store
