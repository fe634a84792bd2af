// The storage of vaccine safety, on either engine: adverse event reports,
// their rates, and the alerts a serious one raises (stored with the report,
// in one transaction).
#include <map>

#include "store/rows.h"
#include "store/safety_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

AefiReport ReadAefi(const Row& r) {  // FK_AEFI_SELECT
  AefiReport a;
  a.id = r.Int(0);
  a.dose_id = r.Int(1);
  a.person_id = r.Int(2);
  a.site_id = r.Int(3);
  a.product = r.Text(4);
  a.lot = r.Text(5);
  a.dose_number = static_cast<int>(r.Int(6));
  a.region_code = r.Text(7);
  a.site_region = r.Text(8);
  a.administered_at = r.Int(9);
  a.onset_at = r.Int(10);
  a.reported_at = r.Int(11);
  a.reported_by = r.Int(12);
  a.symptoms = store::SplitTags(r.Text(13));
  a.description = r.Text(14);
  a.severity = ParseAefiSeverity(r.Text(15)).value_or(AefiSeverity::kMild);
  a.serious = r.Int(16) != 0;
  a.outcome = ParseAefiOutcome(r.Text(17)).value_or(AefiOutcome::kUnknown);
  a.classification = ParseAefiClass(r.Text(18)).value_or(AefiClass::kPending);
  a.classified_by = r.Int(19);
  a.classified_at = r.Int(20);
  a.classification_note = r.Text(21);
  a.person_name = r.Text(22);
  a.doc_number = r.Text(23);
  return a;
}

Alert ReadAlert(const Row& r) {  // FK_ALERT_COLUMNS
  return Alert{r.Int(0),  r.Text(1), r.Text(2), r.Text(3), r.Text(4),
               r.Text(5), r.Int(6),  r.Int(7),  r.Int(8)};
}

// Adds per-product (or per-lot) doses and reports into rates keyed "product" or "product lot".
void AddRate(std::map<std::string, AefiRate>& rates, const std::string& product,
             const std::string& lot, int64_t doses, int64_t reports, int64_t serious) {
  std::string key = lot.empty() ? product : product + " " + lot;
  auto& r = rates[key];
  r.key = key;
  r.doses += doses;
  r.reports += reports;
  r.serious += serious;
}

// Every dose of each product ever given to the people of a county or more,
// from the figures: a province's 20,000,000 doses counted took 14 s.
Status DosesFromFigures(Connection& c, const std::string& region,
                        const std::vector<std::string>& products,
                        std::map<std::string, AefiRate>& rates) {
  const Date ever = *Date::FromYmd(9999, 12, 31);
  std::vector<FigureAsOf> asked;
  for (const auto& p : products) asked.push_back({ProductDosesKey(p), region, ever});
  auto doses = store::FiguresAsOf(c, asked);
  if (!doses) return Fail(doses.error());
  for (size_t i = 0; i < products.size(); ++i)
    if ((*doses)[i] != 0) AddRate(rates, products[i], "", (*doses)[i], 0, 0);
  return {};
}

Result<int64_t> InsertAlert(Connection& c, Alert a, int64_t report_id) {
  a.reference = "aefi:" + std::to_string(report_id);
  return db::Insert(c, sql::kInsertAlert, a.kind, a.region_code, a.title, a.body, a.reference,
                    a.created_at);
}

class AefiStore final : public AefiRepository {
 public:
  explicit AefiStore(db::Database& db) : db_(db) {}

  Result<std::optional<DoseRecord>> FindDose(int64_t dose_id) override {
    return db::One(db_, sql::kFindDose, store::ReadDose, dose_id);
  }

  Result<std::string> SiteRegion(int64_t site_id) override {
    auto region = db::One(
        db_, sql::kSiteRegion, [](const Row& r) { return r.Text(0); }, site_id);
    if (!region) return Fail(region.error());
    if (!*region) return Fail(Error::NotFound("site", std::to_string(site_id)));
    return **region;
  }

  Result<std::pair<int64_t, int64_t>> InsertAefi(const AefiReport& r,
                                                 const std::optional<Alert>& alert) override {
    return db::Write(db_, [&](Connection& c) -> Result<std::pair<int64_t, int64_t>> {
      auto id = db::Insert(c, sql::kInsertAefi, r.dose_id, r.person_id, r.site_id, r.product, r.lot,
                           r.dose_number, r.region_code, r.site_region, r.administered_at,
                           r.onset_at, r.reported_at, r.reported_by, store::JoinTags(r.symptoms),
                           r.description, AefiSeverityCode(r.severity), r.serious,
                           AefiOutcomeCode(r.outcome), AefiClassCode(r.classification),
                           r.classified_by, r.classified_at, r.classification_note);
      if (!id) return Fail(id.error());
      std::pair<int64_t, int64_t> ids{*id, 0};
      if (!alert) return ids;
      auto alert_id = InsertAlert(c, *alert, ids.first);
      if (!alert_id) return Fail(alert_id.error());
      ids.second = *alert_id;
      return ids;
    });
  }

  Result<std::optional<AefiReport>> FindAefi(int64_t id) override {
    return db::One(db_, sql::kFindAefi, ReadAefi, id);
  }

  Result<int64_t> UpdateAefi(const AefiReport& r, const std::optional<Alert>& alert) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto done = db::Exec(c, sql::kUpdateAefi, r.id, AefiOutcomeCode(r.outcome), r.serious,
                           AefiClassCode(r.classification), r.classified_by, r.classified_at,
                           r.classification_note);
      if (!done) return Fail(done.error());
      if (!alert) return int64_t{0};
      return InsertAlert(c, *alert, r.id);
    });
  }

  Result<std::vector<AefiReport>> AefiUnder(const AefiFilter& f) override {
    return db::All(db_, sql::kAefiUnder, ReadAefi, f.region_prefix, f.region_prefix + ":",
                   f.classification ? AefiClassCode(*f.classification) : "", f.serious_only,
                   f.limit);
  }

  Result<std::vector<AefiRate>> AefiRates(const std::string& region_prefix, bool by_lot,
                                          const std::vector<std::string>& products) override {
    return db::Read(db_, [&](Connection& c) -> Result<std::vector<AefiRate>> {
      std::map<std::string, AefiRate> rates;
      const std::string end = region_prefix + ":";
      const db::Value range[] = {region_prefix, end};
      auto add_doses = [&](const Row& r) { AddRate(rates, r.Text(0), r.Text(1), r.Int(2), 0, 0); };
      if (auto s = !by_lot && region_prefix.size() <= kCohortPlaceLength
                       ? DosesFromFigures(c, region_prefix, products, rates)
                       : db::Done(c.Run(by_lot ? sql::kDosesByLot : sql::kDosesByProduct, range,
                                        add_doses));
          !s)
        return Fail(s.error());
      auto reports =
          c.Run(by_lot ? sql::kAefiByLot : sql::kAefiByProduct, range,
                [&](const Row& r) { AddRate(rates, r.Text(0), r.Text(1), 0, r.Int(2), r.Int(3)); });
      if (!reports) return Fail(reports.error());
      std::vector<AefiRate> out;
      for (auto& [key, r] : rates) out.push_back(r);
      return out;
    });
  }

 private:
  db::Database& db_;
};

class AlertStore final : public AlertRepository {
 public:
  explicit AlertStore(db::Database& db) : db_(db) {}

  Result<std::vector<Alert>> AlertsUnder(const std::string& region_prefix, bool unacknowledged_only,
                                         int64_t limit) override {
    return db::All(db_, sql::kAlertsUnder, ReadAlert, region_prefix, region_prefix + ":",
                   unacknowledged_only, limit);
  }

  Result<std::optional<Alert>> FindAlert(int64_t id) override {
    return db::One(db_, sql::kFindAlert, ReadAlert, id);
  }

  Status AcknowledgeAlert(int64_t id, int64_t user_id, int64_t at) override {
    return db::ChangedSome(db::Exec(db_, sql::kAcknowledgeAlert, id, user_id, at),
                           AlertAcknowledgedError(id));
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<AefiRepository> NewAefiStore(db::Database& db) {
  return std::make_unique<AefiStore>(db);
}
std::unique_ptr<AlertRepository> NewAlertStore(db::Database& db) {
  return std::make_unique<AlertStore>(db);
}

}  // namespace fangkong
