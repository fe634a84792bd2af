// Arrivals within the user's jurisdiction: reports taken in (pushed lists by
// the county, a grid worker's or checkpoint's find, a resident's own report),
// matched to the registry (by identity number, else by record linkage on name
// and phone), folded into one arrival per journey and sent to the township to
// verify; then a person chosen among candidates, an outcome and the measure
// applied, the figures per township and the list for other jurisdictions.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/user.h"
#include "arrivals/repository.h"
#include "measures/measure_service.h"
#include "registry/repository.h"

namespace fangkong {

// What taking reports in did, row by row summed.
struct IntakeCounts {
  int64_t by_id_number = 0, linked = 0, uncertain = 0, unmatched = 0;
  int64_t merged = 0;  // joined an arrival reported before
  int64_t out_of_county = 0;
  std::vector<int64_t> arrival_ids;  // per report, in order
};

// Reports matched to the registry, not yet folded (intake.cpp).
struct MatchedReports;
struct MatchedReportsDeleter {
  void operator()(MatchedReports* m) const;
};
using MatchedBatch = std::unique_ptr<MatchedReports, MatchedReportsDeleter>;

struct ArrivalListFilter {
  std::string region;  // empty: the user's jurisdiction
  std::optional<ArrivalStatus> status;
  std::optional<Date> from, to;  // arrival dates
};

struct ArrivalView {
  Arrival arrival;
  ArrivalStatus status = ArrivalStatus::kToVerify;
};

struct CandidateView {
  RegisteredPerson person;
  double score = 0;
};

struct ArrivalDetail {
  ArrivalView view;
  std::vector<ArrivalReport> reports;
  std::vector<CandidateView> candidates;
};

struct OutcomeInput {
  std::string outcome;  // found, not_found, left_county, wrong_data
  std::string note;
  std::string measure_type;  // when found: the measure applied (measure_types code)
  std::string measure_start;
};

class ArrivalService {
 public:
  // The repositories and `measures` must outlive this object.
  ArrivalService(ArrivalRepository& repo, RegionRepository& regions, MeasureService& measures,
                 UnitOfWork& unit);

  // Matches, folds and dispatches `reports` for the jurisdiction `county`
  // (a region code); `deadline_hours` after its first push a pushed arrival
  // is overdue. No report is dropped.
  Result<IntakeCounts> Take(const std::string& county, std::vector<ArrivalReport> reports,
                            int deadline_hours, int64_t now);
  // Take in two halves. Match only reads (the registry), so several batches
  // may be matched at once on other threads; Fold joins each to the
  // arrivals reported before and writes them, one batch at a time, in the
  // order the reports came.
  Result<MatchedBatch> Match(std::vector<ArrivalReport> reports, int64_t now);
  Result<IntakeCounts> Fold(const std::string& county, MatchedBatch batch, int deadline_hours,
                            int64_t now);
  // A grid worker's or checkpoint's report (source grid or checkpoint).
  Result<ArrivalView> Record(const User& u, ArrivalReport r, int64_t now);
  // A resident's own report, without a login: checked in full; the county is
  // that of the destination, which must be a known township or village.
  Result<ArrivalView> SelfReport(ArrivalReport r, int64_t now);

  Result<std::vector<ArrivalView>> List(const User& u, const ArrivalListFilter& f, int64_t now);
  Result<ArrivalDetail> Detail(const User& u, int64_t id, int64_t now);
  // A worker names the person: one of the candidates, or anyone in the
  // registry within the user's jurisdiction.
  Result<ArrivalView> Choose(const User& u, int64_t id, int64_t person_id, int64_t now);
  Result<ArrivalView> RecordOutcome(const User& u, int64_t id, const OutcomeInput& in, int64_t now);
  // Per township of the user's jurisdiction (per village for a township user).
  Result<std::vector<ArrivalFigures>> Figures(const User& u, std::optional<Date> from,
                                              std::optional<Date> to, int64_t now);
  // The arrivals of people who live elsewhere, for their jurisdictions (协查).
  Result<std::vector<Arrival>> OutOfCounty(const User& u, std::optional<Date> from,
                                           std::optional<Date> to);

  Result<std::vector<ArrivalImport>> Imports(const User& u);
  ArrivalRepository& repo() { return repo_; }

 private:
  Status FillNameKeysOnce();
  Result<ArrivalView> Visible(const User& u, int64_t id, int64_t now);

  ArrivalRepository& repo_;
  RegionRepository& regions_;
  MeasureService& measures_;
  UnitOfWork& unit_;
  std::mutex keys_mu_;
  bool keys_filled_ = false;
  std::mutex take_mu_;  // one intake at a time, so two reports of a journey fold
};

// Access: the county, townships and villages work arrivals; leaders read.
Status CheckMayWorkArrivals(const User& u);
Status CheckMayReadArrivals(const User& u);
// Only the county takes in pushed lists.
Status CheckMayImportArrivals(const User& u);

}  // namespace fangkong
