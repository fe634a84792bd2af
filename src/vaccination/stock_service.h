// Lots and stock as site staff and the county work with them: the rules a
// ledger line must pass before it is written.
#pragma once

#include <string>
#include <vector>

#include "access/user.h"
#include "vaccination/catalogue.h"
#include "vaccination/fridge.h"
#include "vaccination/repository.h"

namespace fangkong {

struct LotRequest {
  std::string product, lot_number;
  std::string expiry;  // YYYY-MM-DD
  int doses_per_vial = 1;
};

struct StockRequest {
  StockMove move = StockMove::kReceive;  // receive, waste, expire or adjust
  std::string product, lot_number;
  int doses = 0;  // positive; for adjust, signed
  std::string reference, reason;
};

struct SiteStock {
  VaccineLot lot;
  int doses = 0;
};

class StockService {
 public:
  StockService(const Catalogue& catalogue, VaccinationRepository& repo, ColdChainRepository& cold_chain)
      : catalogue_(catalogue), repo_(repo), cold_chain_(cold_chain) {}

  // County administrators register lots as allocations arrive.
  Result<VaccineLot> RegisterLot(const User& u, const LotRequest& r);
  Result<std::vector<VaccineLot>> FindLots(const std::string& lot_number);
  // One ledger line at a site. Receiving an expired or held lot is refused;
  // waste, expiry and adjustments need a reason; nothing goes below zero.
  Result<StockLine> Record(const User& u, int64_t site_id, const StockRequest& r, Date today);
  // Out of one site and into another, both lines or neither; doses held
  // after a cold-chain excursion at the sending site stay where they are.
  Status Transfer(const User& u, int64_t from_site, int64_t to_site, const std::string& product,
                  const std::string& lot_number, int doses, Date today);
  Result<std::vector<SiteStock>> Stock(const User& u, int64_t site_id);
  Result<std::vector<StockLine>> Ledger(const User& u, int64_t site_id, int64_t lot_id);
  // The lot a product and number name; NotFound naming the lot number.
  Result<VaccineLot> Lot(const std::string& product, const std::string& lot_number);
  // The recall list of a lot: every dose of it given to people in the user's
  // jurisdiction (personal data: the caller audits the read).
  Result<std::vector<LotTraceRow>> Trace(const User& u, const std::string& lot_number);

 private:
  Result<VaccinationSite> ManagedSite(const User& u, int64_t site_id);
  const Catalogue& catalogue_;
  VaccinationRepository& repo_;
  ColdChainRepository& cold_chain_;
};

}  // namespace fangkong
