// Fridges (cold-chain equipment) at a site, their stored temperature log, the
// excursions found in it, and the holds an excursion puts on the lots inside.
// A hold is per site and lot: a failed fridge stops that site's doses of the
// lot, not the county's. The storage interface is implemented in src/store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "vaccination/cold_chain.h"
#include "vaccination/stock.h"

namespace fangkong {

struct Fridge {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string code;  // the equipment number on the fridge, unique per site
  std::string name;
  FridgeLimits limits;
};

enum class ExcursionKind { kTemperature, kGap };
const char* ExcursionKindCode(ExcursionKind k);

struct ExcursionRecord {
  int64_t id = 0;
  int64_t fridge_id = 0;
  ExcursionKind kind = ExcursionKind::kTemperature;
  int64_t from = 0, to = 0;  // unix seconds
  int extreme_tenths = 0;    // temperature excursions only
  bool holds = false;
};

// How a county assessor ends a hold.
enum class HoldOutcome {
  kUsable,   // stability data shows the doses are still good
  kDiscard,  // the doses are destroyed: the site's balance of the lot is written off
};
const char* HoldOutcomeCode(HoldOutcome o);
std::optional<HoldOutcome> ParseHoldOutcome(std::string_view s);

struct ColdChainHold {
  int64_t id = 0;
  int64_t site_id = 0;
  int64_t lot_id = 0;
  int64_t fridge_id = 0;
  int64_t excursion_id = 0;
  std::string reason;  // what happened, in Chinese and English
  int64_t held_at = 0;
  int64_t released_at = 0;  // 0 while the hold is active
  int64_t released_by = 0;
  std::string outcome;  // usable / discard once released
  std::string release_reason;
  // For lists: joined from the lot and the site.
  std::string product, lot_number;
  std::string region_code;  // the site's place
  bool active() const { return released_at == 0; }
};

// A Conflict "not_held": someone released the hold already.
Error HoldReleasedError(int64_t hold_id);

class ColdChainRepository {
 public:
  virtual ~ColdChainRepository() = default;
  // Returns the id; a Conflict on field "code" if the site already has a
  // fridge with that code.
  virtual Result<int64_t> InsertFridge(const Fridge& f) = 0;
  virtual Result<std::optional<Fridge>> FindFridge(int64_t id) = 0;
  virtual Result<std::vector<Fridge>> FridgesOf(int64_t site_id) = 0;
  // Replaces the lots stored in the fridge. Lots in stock at a site but in
  // none of its fridges count as in every fridge there (holds err on the
  // side of caution).
  virtual Status SetFridgeLots(int64_t fridge_id, const std::vector<int64_t>& lot_ids) = 0;
  virtual Result<std::vector<int64_t>> FridgeLots(int64_t fridge_id) = 0;
  // Stores readings not stored before (the same time twice keeps the first);
  // returns how many were new.
  virtual Result<int64_t> InsertReadings(int64_t fridge_id,
                                         const std::vector<TemperatureReading>& r) = 0;
  // Readings in [from, to], oldest first, plus the last one before `from`
  // if `with_previous` (so a silence leading into the window is seen).
  virtual Result<std::vector<TemperatureReading>> Readings(int64_t fridge_id, int64_t from,
                                                           int64_t to, bool with_previous) = 0;
  // Stores an excursion unless one of its kind already starts at that time
  // (then its end and extreme are updated). When it is new and holds, every
  // lot in the fridge (see SetFridgeLots) is held at the fridge's site, in
  // the same transaction, with `reason`. Returns the holds created.
  virtual Result<std::vector<ColdChainHold>> RecordExcursion(const ExcursionRecord& e,
                                                             const std::string& reason,
                                                             int64_t now) = 0;
  virtual Result<std::vector<ExcursionRecord>> Excursions(int64_t fridge_id, int64_t limit) = 0;
  // The active hold of a lot at a site, if any.
  virtual Result<std::optional<ColdChainHold>> ActiveHold(int64_t site_id, int64_t lot_id) = 0;
  virtual Result<std::optional<ColdChainHold>> FindHold(int64_t id) = 0;
  // Holds at sites in the subtree, newest first; only active ones if asked.
  virtual Result<std::vector<ColdChainHold>> HoldsUnder(const std::string& region_prefix,
                                                        bool active_only) = 0;
  // Ends an active hold (a Conflict "not_held" if it is already released)
  // and, when `write_off` is given, writes that ledger line in the same
  // transaction (the discarded doses).
  virtual Status ReleaseHold(const ColdChainHold& released,
                             const std::optional<StockLine>& write_off) = 0;
};

// The Conflict for a second fridge with the same code at a site.
Error DuplicateFridgeCode(const std::string& code);

}  // namespace fangkong
