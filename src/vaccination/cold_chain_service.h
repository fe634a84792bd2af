// The cold chain as sites and the county CDC work it: fridges registered at a
// site, logger files uploaded, excursions turned into holds on the lots in
// the fridge, and a county assessor releasing each hold (usable, or discarded
// with the doses written off).
#pragma once

#include <string>
#include <vector>

#include "access/user.h"
#include "vaccination/fridge.h"
#include "vaccination/repository.h"

namespace fangkong {

struct FridgeRequest {
  std::string code, name;
  double min_celsius = 2.0, max_celsius = 8.0;
  int tolerance_minutes = 30;
  int interval_minutes = 5;
};

// What an upload did, for the person who sent the file.
struct ReadingsUpload {
  int64_t fridge_id = 0;
  int64_t rows = 0;    // readable rows in the file
  int64_t stored = 0;  // new readings stored
  int64_t already_stored = 0;
  int64_t duplicates = 0;  // repeated times inside the file
  bool was_unsorted = false;
  std::vector<Error> rejected;
  std::vector<ExcursionRecord> excursions;  // found around the uploaded period
  std::vector<ColdChainHold> holds;         // created by this upload
};

class ColdChainService {
 public:
  // Both must outlive the service.
  ColdChainService(VaccinationRepository& vaccination, ColdChainRepository& repo)
      : vaccination_(vaccination), repo_(repo) {}

  Result<Fridge> AddFridge(const User& u, int64_t site_id, const FridgeRequest& r);
  Result<std::vector<Fridge>> Fridges(const User& u, int64_t site_id);
  // The lots stored in the fridge: they must be in stock at its site.
  Status AssignLots(const User& u, int64_t fridge_id, const std::vector<int64_t>& lot_ids);
  // A logger CSV (UTF-8 or GB18030). Readings are stored once however often
  // the file is sent; the period it covers (with a day either side) is
  // analysed against the fridge's limits and new excursions that last
  // longer than the tolerance hold the fridge's lots. A file with no
  // readable row is an error naming the file.
  // A logger holds at most a few months of readings: well under this.
  static constexpr uint64_t kMaxLogBytes = 32ull << 20;
  Result<ReadingsUpload> UploadReadings(const User& u, int64_t fridge_id, const std::string& file,
                                        int64_t now);
  Result<std::vector<TemperatureReading>> Readings(const User& u, int64_t fridge_id, int64_t from,
                                                   int64_t to);
  Result<std::vector<ExcursionRecord>> Excursions(const User& u, int64_t fridge_id);
  Result<std::vector<ColdChainHold>> Holds(const User& u, bool active_only);
  // County administrators assess and release holds.
  Result<ColdChainHold> Release(const User& u, int64_t hold_id, HoldOutcome outcome,
                                const std::string& reason, int64_t now);

 private:
  Result<VaccinationSite> ManagedSite(const User& u, int64_t site_id);
  Result<Fridge> ManagedFridge(const User& u, int64_t fridge_id);
  VaccinationRepository& vaccination_;
  ColdChainRepository& repo_;
};

// "2026-11-20 03:15 至 04:10 温度超出 2.0–8.0 °C（最高 11.2 °C）" and the English.
std::string DescribeExcursion(const ExcursionRecord& e, const FridgeLimits& l,
                              const std::string& fridge_code);

}  // namespace fangkong
