// Vaccine lots and the stock ledger: every dose that enters or leaves a site
// is a ledger line, and the stock of a lot at a site at any time is the sum of
// its lines (kept as a running balance that can never go below zero).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

struct VaccineLot {
  int64_t id = 0;
  std::string product;     // catalogue code
  std::string lot_number;  // 批号, unique per product
  Date expiry;             // last day of use
  int doses_per_vial = 1;
  bool held = false;       // cold-chain hold: not to be used until released
  std::string hold_reason;
};

enum class StockMove {
  kReceive,      // from an allocation
  kTransferOut,  // to another site
  kTransferIn,   // from another site
  kAdminister,   // a dose given
  kWaste,        // opened vial discarded, broken, ...
  kExpire,       // expired doses removed
  kAdjust,       // stock count correction (with reason)
};
const char* StockMoveCode(StockMove m);
std::optional<StockMove> ParseStockMove(std::string_view s);

struct StockLine {
  int64_t id = 0;
  int64_t site_id = 0;
  int64_t lot_id = 0;
  StockMove move = StockMove::kReceive;
  int doses = 0;  // signed: + in, - out
  int64_t at = 0;  // unix seconds
  int64_t user_id = 0;
  std::string reference;  // allocation number, other site, dose id
  std::string reason;
};

// The sign a move's doses must have: receipts and transfers in add, the rest
// (adjustments excepted, which may go either way) take away.
int StockMoveSign(StockMove m);

Error InsufficientStockError(int64_t site_id, std::string_view lot_number, int have, int want);
Error LotExpiredError(std::string_view lot_number, Date expiry, Date on);
Error LotHeldError(std::string_view lot_number, std::string_view reason);

// The Conflict for a lot number the product already has.
Error DuplicateLotError(const std::string& product, const std::string& lot_number);

}  // namespace fangkong
