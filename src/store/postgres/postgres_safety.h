// The vaccine-safety repository (adverse events and alerts) on PostgreSQL,
// sharing the store's connection pool.
#pragma once

#include "alerts/alert.h"
#include "store/postgres/pg_handle.h"
#include "vaccination/aefi.h"

namespace fangkong::pg {

class Safety final : public AefiRepository, public AlertRepository {
 public:
  explicit Safety(Handle& db) : db_(db) {}

  Result<std::optional<DoseRecord>> FindDose(int64_t dose_id) override;
  Result<std::string> SiteRegion(int64_t site_id) override;
  Result<std::pair<int64_t, int64_t>> InsertAefi(const AefiReport& r,
                                                 const std::optional<Alert>& alert) override;
  Result<std::optional<AefiReport>> FindAefi(int64_t id) override;
  Result<int64_t> UpdateAefi(const AefiReport& r, const std::optional<Alert>& alert) override;
  Result<std::vector<AefiReport>> AefiUnder(const AefiFilter& f) override;
  Result<std::vector<AefiRate>> AefiRates(const std::string& region_prefix, bool by_lot) override;
  Result<std::vector<Alert>> AlertsUnder(const std::string& region_prefix, bool unacknowledged_only,
                                         int64_t limit) override;
  Result<std::optional<Alert>> FindAlert(int64_t id) override;
  Status AcknowledgeAlert(int64_t id, int64_t user_id, int64_t at) override;

 private:
  static int64_t InsertAlertIn(Connection& c, pqxx::dbtransaction& tx, const Alert& a, int64_t report_id);
  Handle& db_;
};

}  // namespace fangkong::pg
