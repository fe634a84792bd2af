#include "vaccination/stock.h"

#include <array>

namespace fangkong {

namespace {
constexpr std::array<const char*, 7> kMoves = {"receive", "transfer_out", "transfer_in", "administer",
                                               "waste",   "expire",       "adjust"};
}  // namespace

const char* StockMoveCode(StockMove m) { return kMoves[static_cast<size_t>(m)]; }

std::optional<StockMove> ParseStockMove(std::string_view s) {
  for (size_t i = 0; i < kMoves.size(); ++i)
    if (s == kMoves[i]) return static_cast<StockMove>(i);
  return std::nullopt;
}

int StockMoveSign(StockMove m) {
  switch (m) {
    case StockMove::kReceive:
    case StockMove::kTransferIn: return +1;
    case StockMove::kAdjust: return 0;
    default: return -1;
  }
}

Error InsufficientStockError(int64_t site_id, std::string_view lot_number, int have, int want) {
  return Error::Conflict("insufficient_stock", "lot_number", lot_number,
                         "site " + std::to_string(site_id) + " holds " + std::to_string(have) +
                             " doses of lot " + std::string(lot_number) + ", not " +
                             std::to_string(want),
                         "本接种点该批号库存" + std::to_string(have) + "剂，不足" +
                             std::to_string(want) + "剂");
}

Error LotExpiredError(std::string_view lot_number, Date expiry, Date on) {
  return Error::Invalid("lot_expired", "lot_number", lot_number,
                        "lot " + std::string(lot_number) + " expired on " + expiry.Iso() +
                            " (today is " + on.Iso() + ")",
                        "批号" + std::string(lot_number) + "已于" + expiry.Iso() + "过期");
}

Error LotHeldError(std::string_view lot_number, std::string_view reason) {
  return Error::Invalid("lot_held", "lot_number", lot_number,
                        "lot " + std::string(lot_number) + " is held after a cold-chain excursion: " +
                            std::string(reason),
                        "批号" + std::string(lot_number) + "因冷链温度异常被暂停使用：" +
                            std::string(reason));
}

Error DuplicateLotError(const std::string& product, const std::string& lot_number) {
  return Error::Conflict("duplicate_lot", "lot_number", lot_number,
                         "product " + product + " already has lot " + lot_number,
                         "该疫苗产品的此批号已登记");
}

}  // namespace fangkong
