#include "store/postgres/postgres_safety.h"

#include "store/postgres/postgres_safety_sql.h"
#include "store/rows.h"

namespace fangkong::pg {

namespace {

namespace q = postgres_sql;

AefiReport ReadAefi(const pqxx::row& r) {
  return store::AefiFromColumns([&](int i) { return Int(r[i]); }, [&](int i) { return Str(r[i]); });
}

Alert ReadAlert(const pqxx::row& r) {
  return store::AlertFromColumns([&](int i) { return Int(r[i]); },
                                 [&](int i) { return Str(r[i]); });
}

}  // namespace

Result<std::optional<DoseRecord>> Safety::FindDose(int64_t dose_id) {
  return db_.Read<std::optional<DoseRecord>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindDose, dose_id);
    if (r.empty()) return std::optional<DoseRecord>();
    return std::optional(store::DoseFromColumns([&](int i) { return Int(r[0][i]); },
                                                [&](int i) { return Str(r[0][i]); }));
  });
}

Result<std::string> Safety::SiteRegion(int64_t site_id) {
  auto found = db_.Read<std::optional<std::string>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kSiteRegion, site_id);
    return r.empty() ? std::optional<std::string>() : std::optional(Str(r[0][0]));
  });
  if (!found) return Fail(found.error());
  if (!*found) return Fail(Error::NotFound("site", std::to_string(site_id)));
  return **found;
}

int64_t Safety::InsertAlertIn(Connection& c, pqxx::dbtransaction& tx, const Alert& a, int64_t report_id) {
  return Int(Run(c, tx, q::kInsertAlert, a.kind, a.region_code, a.title, a.body,
                 "aefi:" + std::to_string(report_id), a.created_at)[0][0]);
}

Result<std::pair<int64_t, int64_t>> Safety::InsertAefi(const AefiReport& r,
                                                       const std::optional<Alert>& alert) {
  using Ids = std::pair<int64_t, int64_t>;
  return db_.Write<Ids>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<Ids> {
    int64_t id = Int(Run(c, tx, q::kInsertAefi, r.dose_id, r.person_id, r.site_id, r.product, r.lot,
                         r.dose_number, r.region_code, r.site_region, r.administered_at, r.onset_at,
                         r.reported_at, r.reported_by, store::JoinTags(r.symptoms), r.description,
                         std::string(AefiSeverityCode(r.severity)), static_cast<int>(r.serious),
                         std::string(AefiOutcomeCode(r.outcome)),
                         std::string(AefiClassCode(r.classification)), r.classified_by,
                         r.classified_at, r.classification_note)[0][0]);
    return Ids{id, alert ? InsertAlertIn(c, tx, *alert, id) : 0};
  });
}

Result<std::optional<AefiReport>> Safety::FindAefi(int64_t id) {
  return db_.Read<std::optional<AefiReport>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindAefi, id);
    return r.empty() ? std::optional<AefiReport>() : std::optional(ReadAefi(r[0]));
  });
}

Result<int64_t> Safety::UpdateAefi(const AefiReport& r, const std::optional<Alert>& alert) {
  return db_.Write<int64_t>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<int64_t> {
    Run(c, tx, q::kUpdateAefi, r.id, std::string(AefiOutcomeCode(r.outcome)),
        static_cast<int>(r.serious), std::string(AefiClassCode(r.classification)), r.classified_by,
        r.classified_at, r.classification_note);
    return alert ? InsertAlertIn(c, tx, *alert, r.id) : 0;
  });
}

Result<std::vector<AefiReport>> Safety::AefiUnder(const AefiFilter& f) {
  return db_.Read<std::vector<AefiReport>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<AefiReport> out;
    std::string cls = f.classification ? AefiClassCode(*f.classification) : "";
    for (const auto& r : Run(c, tx, q::kAefiUnder, f.region_prefix, f.region_prefix + ":", cls,
                             static_cast<int>(f.serious_only), f.limit)) {
      out.push_back(ReadAefi(r));
    }
    return out;
  });
}

Result<std::vector<AefiRate>> Safety::AefiRates(const std::string& region_prefix, bool by_lot) {
  return db_.Read<std::vector<AefiRate>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::map<std::string, AefiRate> rates;
    for (const auto& r : Run(c, tx, by_lot ? q::kDosesByLot : q::kDosesByProduct, region_prefix,
                             region_prefix + ":")) {
      store::AddRate(rates, Str(r[0]), Str(r[1]), Int(r[2]), 0, 0);
    }
    for (const auto& r : Run(c, tx, by_lot ? q::kAefiByLot : q::kAefiByProduct, region_prefix,
                             region_prefix + ":")) {
      store::AddRate(rates, Str(r[0]), Str(r[1]), 0, Int(r[2]), Int(r[3]));
    }
    std::vector<AefiRate> out;
    for (auto& [key, rate] : rates) out.push_back(rate);
    return out;
  });
}

Result<std::vector<Alert>> Safety::AlertsUnder(const std::string& region_prefix,
                                               bool unacknowledged_only, int64_t limit) {
  return db_.Read<std::vector<Alert>>([&](Connection& c, pqxx::dbtransaction& tx) {
    std::vector<Alert> out;
    for (const auto& r : Run(c, tx, q::kAlertsUnder, region_prefix, region_prefix + ":",
                             static_cast<int>(unacknowledged_only), limit)) {
      out.push_back(ReadAlert(r));
    }
    return out;
  });
}

Result<std::optional<Alert>> Safety::FindAlert(int64_t id) {
  return db_.Read<std::optional<Alert>>([&](Connection& c, pqxx::dbtransaction& tx) {
    auto r = Run(c, tx, q::kFindAlert, id);
    return r.empty() ? std::optional<Alert>() : std::optional(ReadAlert(r[0]));
  });
}

Status Safety::AcknowledgeAlert(int64_t id, int64_t user_id, int64_t at) {
  auto r = db_.Write<bool>([&](Connection& c, pqxx::dbtransaction& tx) -> Result<bool> {
    if (Run(c, tx, q::kAcknowledgeAlert, id, user_id, at).affected_rows() != 1) {
      return Fail(store::AlertAcknowledgedError(id));
    }
    return true;
  });
  if (!r) return Fail(r.error());
  return {};
}

}  // namespace fangkong::pg
