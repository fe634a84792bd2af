// Adverse events as sites, townships and the county CDC work them: a report
// against a dose by someone whose jurisdiction covers the person or the
// site, follow-up of the outcome, the county's classification, rates, and
// the alert a serious case raises.
#pragma once

#include <string>
#include <vector>

#include "access/user.h"
#include "vaccination/aefi.h"
#include "vaccination/catalogue.h"

namespace fangkong {

struct AefiInput {
  int64_t dose_id = 0;
  std::string onset;  // "YYYY-MM-DD HH:MM" Beijing time
  std::vector<std::string> symptoms;
  std::string description;
  std::string severity, outcome;
  bool serious = false;
};

struct AefiUpdate {
  std::optional<std::string> outcome;
  std::optional<std::string> classification;  // county administrators only
  std::string note;
};

class AefiService {
 public:
  // All must outlive the service.
  AefiService(AefiRepository& repo, AlertNotifier& notifier, const Catalogue& catalogue)
      : repo_(repo), notifier_(notifier), catalogue_(catalogue) {}

  // Validates and stores a report; a serious one (see IsSerious) also stores
  // an alert for the site's place and tells the notifier.
  Result<AefiReport> Report(const User& u, const AefiInput& in, int64_t now);
  Result<AefiReport> Get(const User& u, int64_t id);
  Result<AefiReport> Update(const User& u, int64_t id, const AefiUpdate& in, int64_t now);
  Result<std::vector<AefiReport>> List(const User& u, AefiFilter f);
  Result<std::vector<AefiRate>> Rates(const User& u, bool by_lot);

 private:
  Status CanSee(const User& u, const std::string& person_region, const std::string& site_region);
  AefiRepository& repo_;
  AlertNotifier& notifier_;
  const Catalogue& catalogue_;
};

}  // namespace fangkong
