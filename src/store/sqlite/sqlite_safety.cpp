#include "store/sqlite/sqlite_safety.h"

#include "store/rows.h"
#include "store/sqlite/sqlite_safety_sql.h"

namespace fangkong::sqlite {

namespace {

namespace q = sqlite_sql;

AefiReport ReadAefi(Stmt& s) {
  return store::AefiFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}

Alert ReadAlert(Stmt& s) {
  return store::AlertFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); });
}

}  // namespace

Result<std::optional<DoseRecord>> Safety::FindDose(int64_t dose_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindDose);
  s.Bind(1, dose_id);
  if (s.Step() != SQLITE_ROW) return std::optional<DoseRecord>();
  return std::optional(
      store::DoseFromColumns([&](int i) { return s.Int(i); }, [&](int i) { return s.Text(i); }));
}

Result<std::string> Safety::SiteRegion(int64_t site_id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kSiteRegion);
  s.Bind(1, site_id);
  if (s.Step() != SQLITE_ROW) return Fail(Error::NotFound("site", std::to_string(site_id)));
  return s.Text(0);
}

Result<int64_t> Safety::InsertAlertLocked(Connection& w, Alert a, int64_t report_id) {
  a.reference = "aefi:" + std::to_string(report_id);
  auto s = w.Prepare(q::kInsertAlert);
  s.Bind(1, a.kind)
      .Bind(2, a.region_code)
      .Bind(3, a.title)
      .Bind(4, a.body)
      .Bind(5, a.reference)
      .Bind(6, a.created_at);
  if (s.Step() != SQLITE_ROW) return Fail(DbError(w, "storing an alert"));
  return s.Int(0);
}

Result<std::pair<int64_t, int64_t>> Safety::InsertAefi(const AefiReport& r,
                                                       const std::optional<Alert>& alert) {
  std::pair<int64_t, int64_t> ids{0, 0};
  auto done = db_.Grouped([&](Connection& w) -> Status {
    auto s = w.Prepare(q::kInsertAefi);
    s.Bind(1, r.dose_id)
        .Bind(2, r.person_id)
        .Bind(3, r.site_id)
        .Bind(4, r.product)
        .Bind(5, r.lot)
        .Bind(6, int64_t{r.dose_number})
        .Bind(7, r.region_code)
        .Bind(8, r.site_region)
        .Bind(9, r.administered_at)
        .Bind(10, r.onset_at)
        .Bind(11, r.reported_at)
        .Bind(12, r.reported_by)
        .Bind(13, store::JoinTags(r.symptoms))
        .Bind(14, r.description)
        .Bind(15, AefiSeverityCode(r.severity))
        .Bind(16, int64_t{r.serious})
        .Bind(17, AefiOutcomeCode(r.outcome))
        .Bind(18, AefiClassCode(r.classification))
        .Bind(19, r.classified_by)
        .Bind(20, r.classified_at)
        .Bind(21, r.classification_note);
    if (s.Step() != SQLITE_ROW) return Fail(DbError(w, "storing an adverse event report"));
    ids.first = s.Int(0);
    if (!alert) return {};
    auto alert_id = InsertAlertLocked(w, *alert, ids.first);
    if (!alert_id) return Fail(alert_id.error());
    ids.second = *alert_id;
    return {};
  });
  if (!done) return Fail(done.error());
  return ids;
}

Result<std::optional<AefiReport>> Safety::FindAefi(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindAefi);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<AefiReport>();
  return std::optional(ReadAefi(s));
}

Result<int64_t> Safety::UpdateAefi(const AefiReport& r, const std::optional<Alert>& alert) {
  int64_t alert_id = 0;
  auto done = db_.Grouped([&](Connection& w) -> Status {
    auto s = w.Prepare(q::kUpdateAefi);
    s.Bind(1, r.id)
        .Bind(2, AefiOutcomeCode(r.outcome))
        .Bind(3, int64_t{r.serious})
        .Bind(4, AefiClassCode(r.classification))
        .Bind(5, r.classified_by)
        .Bind(6, r.classified_at)
        .Bind(7, r.classification_note);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "updating an adverse event report"));
    if (!alert) return {};
    auto id = InsertAlertLocked(w, *alert, r.id);
    if (!id) return Fail(id.error());
    alert_id = *id;
    return {};
  });
  if (!done) return Fail(done.error());
  return alert_id;
}

Result<std::vector<AefiReport>> Safety::AefiUnder(const AefiFilter& f) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kAefiUnder);
  s.Bind(1, f.region_prefix)
      .Bind(2, f.region_prefix + ":")
      .Bind(3, f.classification ? AefiClassCode(*f.classification) : "")
      .Bind(4, int64_t{f.serious_only})
      .Bind(5, f.limit);
  std::vector<AefiReport> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadAefi(s));
  return out;
}

Result<std::vector<AefiRate>> Safety::AefiRates(const std::string& region_prefix, bool by_lot) {
  auto c = db_.Reader();
  std::map<std::string, AefiRate> rates;
  {
    auto s = c->Prepare(by_lot ? q::kDosesByLot : q::kDosesByProduct);
    s.Bind(1, region_prefix).Bind(2, region_prefix + ":");
    while (s.Step() == SQLITE_ROW) store::AddRate(rates, s.Text(0), s.Text(1), s.Int(2), 0, 0);
  }
  auto s = c->Prepare(by_lot ? q::kAefiByLot : q::kAefiByProduct);
  s.Bind(1, region_prefix).Bind(2, region_prefix + ":");
  while (s.Step() == SQLITE_ROW) store::AddRate(rates, s.Text(0), s.Text(1), 0, s.Int(2), s.Int(3));
  std::vector<AefiRate> out;
  for (auto& [key, r] : rates) out.push_back(r);
  return out;
}

Result<std::vector<Alert>> Safety::AlertsUnder(const std::string& region_prefix,
                                               bool unacknowledged_only, int64_t limit) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kAlertsUnder);
  s.Bind(1, region_prefix)
      .Bind(2, region_prefix + ":")
      .Bind(3, int64_t{unacknowledged_only})
      .Bind(4, limit);
  std::vector<Alert> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadAlert(s));
  return out;
}

Result<std::optional<Alert>> Safety::FindAlert(int64_t id) {
  auto c = db_.Reader();
  auto s = c->Prepare(q::kFindAlert);
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return std::optional<Alert>();
  return std::optional(ReadAlert(s));
}

Status Safety::AcknowledgeAlert(int64_t id, int64_t user_id, int64_t at) {
  return db_.Grouped([&](Connection& w) -> Status {
    auto s = w.Prepare(q::kAcknowledgeAlert);
    s.Bind(1, id).Bind(2, user_id).Bind(3, at);
    if (s.Step() != SQLITE_DONE) return Fail(DbError(w, "acknowledging an alert"));
    if (w.Changes() != 1) return Fail(store::AlertAcknowledgedError(id));
    return {};
  });
}

}  // namespace fangkong::sqlite
