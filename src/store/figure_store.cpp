// The figures' storage, written once for both engines (store/db.h).
#include <array>
#include <boost/json.hpp>
#include <mutex>
#include <unordered_map>

#include "progress/figures.h"
#include "store/figure_sql.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;

constexpr size_t kRowByRow = 16;
// Small enough that a write's pages stay a few megabytes in the savepoint.
constexpr int64_t kRowsClearedPerWrite = 50000;
// The most waiting changes summed aside (a few seconds of doses, some
// 100,000, fit well): their sums are held in memory. A rebuild's millions
// are folded in the writer.
constexpr int64_t kMostSummedAside = 300000;
constexpr char kKeySeparator = '\x1f';
// A vacuum of this many dead rows takes a few milliseconds.
constexpr int64_t kReclaimAfterChanges = 10000;

class FigureStore final : public FigureRepository {
 public:
  explicit FigureStore(db::Database& db) : db_(db) {}

  Status Append(const std::vector<FigureChange>& changes) override {
    if (changes.empty()) return {};
    if (changes.size() <= kRowByRow) {
      return db::Done(db::Write(db_, [&](Connection& c) -> Result<int64_t> {
        for (const auto& f : changes)
          if (auto r = db::Exec(c, sql::kAppendFigureChange, f.figure, f.region_code, f.day.Iso(),
                                f.delta);
              !r)
            return Fail(r.error());
        return static_cast<int64_t>(changes.size());
      }));
    }
    boost::json::array rows;
    rows.reserve(changes.size());
    for (const auto& f : changes)
      rows.push_back(boost::json::array{f.figure, f.region_code, f.day.Iso(), f.delta});
    return db::Done(db::Exec(db_, sql::kAppendFigureChanges, boost::json::serialize(rows)));
  }

  Result<int64_t> Fold() override {
    std::lock_guard one_at_a_time(fold_mu_);
    auto last = db_.dialect() == db::Dialect::kSqlite ? FoldSummedAside() : FoldWaiting();
    if (last && *last < 0) last = FoldWaiting();  // too many to sum aside
    if (!last) return last;
    // Ids restart after SQLite's table empties: then all of them are new.
    if (*last > 0) {
      unreclaimed_ += *last - (*last > last_folded_ ? last_folded_ : 0);
      last_folded_ = *last;
    }
    // PostgreSQL leaves the deleted changes' pages in the table until a
    // vacuum, and every figure read scans the table: after a demo's bulk
    // append, 12 waiting rows sat in 139 MB, and each figure took 88-157 ms
    // (bench/RESULTS.md). Under load a fold every 3 s leaves some 45,000
    // dead rows, which a vacuum clears in 3-6 ms. A vacuum that left them
    // (another transaction could still see them) is tried again at the next
    // fold, even one with nothing to fold, until the table is compact.
    if (unreclaimed_ >= kReclaimAfterChanges) {
      auto compact = db_.Reclaim("figure_changes");
      if (!compact) return Fail(compact.error());
      if (*compact) unreclaimed_ = 0;
    }
    return last;
  }

  Result<std::vector<int64_t>> AsOfEach(const std::vector<FigureAsOf>& asked) override {
    if (asked.empty()) return std::vector<int64_t>{};
    return db::Read(db_, [&](Connection& c) { return store::FiguresAsOf(c, asked); });
  }

  Status Clear() override {
    std::lock_guard one_at_a_time(fold_mu_);
    if (auto s = Empty(sql::kClearSomeFigureChanges); !s) return s;
    return Empty(sql::kClearSomeFigureCounts);
  }

  Status DiscardWaiting() override {
    std::lock_guard one_at_a_time(fold_mu_);
    return Empty(sql::kClearSomeFigureChanges);
  }

 private:
  // Folds the waiting changes into the sums; the id of the last one folded.
  Result<int64_t> FoldWaiting() {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto last = db::Count(c, sql::kLastFigureChange);
      if (!last) return Fail(last.error());
      if (*last == 0) return 0;
      if (auto r = db::Exec(c, sql::kFoldChangesByPlace, *last); !r) return Fail(r.error());
      return SumUpFold(c, *last);
    });
  }

  // The same, the changes summed on a reader first; -1 when there are more
  // than kMostSummedAside. The sums hold every change up to `last`: the
  // single writer gives ids in order, and nothing else deletes changes while
  // fold_mu_ is held.
  Result<int64_t> FoldSummedAside() {
    int64_t last = 0;
    boost::json::array sums;
    auto read = db::Read(db_, [&](Connection& c) -> Status {
      auto waiting = db::Count(c, sql::kLastFigureChange);
      auto first = db::Count(c, sql::kFirstFigureChange);
      if (!waiting || !first) return Fail((waiting ? first : waiting).error());
      last = *waiting;
      if (last - *first >= kMostSummedAside) last = -1;
      if (last <= 0) return {};
      auto summed = SumWaiting(c, last);
      if (!summed) return Fail(summed.error());
      sums = std::move(*summed);
      return {};
    });
    if (!read) return Fail(read.error());
    if (last <= 0) return last;
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      if (auto r = db::Exec(c, sql::kAddFoldSums, boost::json::serialize(sums)); !r)
        return Fail(r.error());
      return SumUpFold(c, last);
    });
  }

  // The changes up to `last` summed per figure, place and day, as
  // kAddFoldSums takes them. The three texts are joined by a separator none
  // of them holds.
  static Result<boost::json::array> SumWaiting(Connection& c, int64_t last) {
    std::unordered_map<std::string, int64_t> sums;
    std::string key;
    auto read = c.Run(sql::kWaitingChanges, std::array<db::Value, 1>{last}, [&](const db::Row& r) {
      key = r.Text(0);
      key += kKeySeparator;
      key += r.Text(1);
      key += kKeySeparator;
      key += r.Text(2);
      sums[key] += r.Int(3);
    });
    if (!read) return Fail(read.error());
    boost::json::array out;
    out.reserve(sums.size());
    for (const auto& [k, n] : sums) {
      auto place = k.find(kKeySeparator), day = k.find(kKeySeparator, place + 1);
      out.push_back(boost::json::array{k.substr(0, place), k.substr(place + 1, day - place - 1),
                                       k.substr(day + 1), n});
    }
    return out;
  }

  // Deletes the changes up to `last`, now in figure_fold, and adds the
  // fold's rows, rolled up each level, to the sums.
  Result<int64_t> SumUpFold(Connection& c, int64_t last) {
    if (auto r = db::Exec(c, sql::kDeleteFoldedChanges, last); !r) return Fail(r.error());
    const int levels[] = {1000, 12, 9, 6, 4, 2, 0};  // the grids, then each level up
    for (size_t i = 1; i < std::size(levels); ++i)
      if (auto r = db::Exec(c, sql::kRollUpFold, levels[i], levels[i - 1]); !r)
        return Fail(r.error());
    for (auto [grain, length] : {std::pair{2, 10}, std::pair{1, 7}, std::pair{0, 4}})
      if (auto r = db::Exec(c, sql::kFoldIntoCounts, grain, length); !r) return Fail(r.error());
    if (auto r = db::Exec(c, sql::kEmptyFold); !r) return Fail(r.error());
    return last;
  }

  // Runs `clear` (a delete of at most $1 rows) until a write deletes fewer.
  Status Empty(const db::Sql& clear) {
    for (;;) {
      auto deleted = db::Exec(db_, clear, kRowsClearedPerWrite);
      if (!deleted) return Fail(deleted.error());
      if (*deleted < kRowsClearedPerWrite) return {};
    }
  }

  db::Database& db_;
  std::mutex fold_mu_;
  // Both under fold_mu_: the last change folded, and how many folded
  // changes' rows a vacuum has yet to clear.
  int64_t last_folded_ = 0;
  int64_t unreclaimed_ = 0;
};

}  // namespace

namespace store {

Result<std::vector<int64_t>> FiguresAsOf(db::Connection& c, const std::vector<FigureAsOf>& asked) {
  if (asked.empty()) return std::vector<int64_t>{};
  boost::json::array rows;
  rows.reserve(asked.size());
  for (const auto& a : asked) rows.push_back(boost::json::array{a.figure, a.region, a.day.Iso()});
  auto sums = db::All(
      c, sql::kFiguresAsOf, [](const db::Row& r) { return r.Int(0); },
      boost::json::serialize(rows));
  if (!sums) return Fail(sums.error());
  if (sums->size() != asked.size()) return Fail(Error::Internal("figures: a sum per figure asked"));
  return sums;
}

}  // namespace store

std::unique_ptr<FigureRepository> NewFigureStore(db::Database& db) {
  return std::make_unique<FigureStore>(db);
}

}  // namespace fangkong
