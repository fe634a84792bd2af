// The figures' storage on both engines: a figure as of any day, for a node
// of any level, equals the sum of its changes up to that day, across year,
// month and day boundaries, before and after the changes are folded.
#include <atomic>
#include <random>
#include <thread>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

Date D(const char* iso) { return Date::Parse(iso).value(); }

TEST_P(ApiTest, AFigureAsOfADayIsTheSumOfItsChangesAtEveryLevel) {
  FigureRepository& figures = *S().store->figures;
  // A figure no other test writes, on places of two townships and a grid.
  const std::string figure = "test" + GetParam() + "/first_dose";
  const std::vector<std::string> leaves = {"341881001001", "341881001002", "341881001001001",
                                           "341881100200"};
  std::mt19937 rng(2021);
  std::vector<FigureChange> all;
  for (int i = 0; i < 400; ++i) {
    FigureChange c{figure, leaves[rng() % leaves.size()],
                   D("2020-11-15").AddDays(static_cast<int>(rng() % 900)), rng() % 5 == 0 ? -1 : 1};
    all.push_back(c);
  }
  auto expected = [&](const std::string& node, Date day) {
    int64_t n = 0;
    for (const auto& c : all)
      if (c.region_code.rfind(node, 0) == 0 && c.day <= day) n += c.delta;
    return n;
  };
  const std::vector<std::string> nodes = {
      "", "34", "3418", "341881", "341881001", "341881001001", "341881100200", "341881001001001"};
  const std::vector<Date> days = {D("2020-11-14"), D("2020-12-31"), D("2021-01-01"),
                                  D("2021-02-28"), D("2021-03-01"), D("2021-12-31"),
                                  D("2022-06-15"), D("2023-05-04"), D("2030-01-01")};
  auto check = [&](const char* when) {
    for (const auto& node : nodes) {
      for (Date day : days) {
        auto n = figures.AsOf(figure, node, day);
        ASSERT_TRUE(n) << n.error().message;
        EXPECT_EQ(*n, expected(node, day)) << when << ": " << node << " on " << day.Iso();
      }
    }
  };
  // Half appended and folded, the other half waiting: the reads add both.
  ASSERT_TRUE(figures.Append({all.begin(), all.begin() + 200}));
  ASSERT_TRUE(figures.Fold());
  ASSERT_TRUE(figures.Append({all.begin() + 200, all.end()}));
  check("half folded");
  auto folded = figures.Fold();
  ASSERT_TRUE(folded) << folded.error().message;
  check("all folded");
  auto again = figures.Fold();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0) << "nothing left to fold";
  check("folded twice");
}

// Its own suite, so its store is its own: a clear empties every figure.
class FigureClear : public ApiTest {};

TEST_P(FigureClear, EmptiesFoldedAndWaitingChangesOfAnySize) {
  FigureRepository& figures = *S().store->figures;
  // More changes than one write of a clear deletes (50,000), most waiting
  // to be folded, and a few folded into every level and grain.
  std::vector<FigureChange> all;
  for (int i = 0; i < 60000; ++i)
    all.push_back({"clear/doses", i % 2 ? "341881001001" : "341881100200",
                   D("2021-01-01").AddDays(i % 700), 1});
  ASSERT_TRUE(figures.Append({all.begin(), all.begin() + 1000}));
  ASSERT_TRUE(figures.Fold());
  ASSERT_TRUE(figures.Append({all.begin() + 1000, all.end()}));
  ASSERT_EQ(*figures.AsOf("clear/doses", "34", D("2030-01-01")), 60000);
  auto cleared = figures.Clear();
  ASSERT_TRUE(cleared) << cleared.error().message;
  for (const char* node : {"", "34", "341881", "341881001001", "341881100200"})
    EXPECT_EQ(*figures.AsOf("clear/doses", node, D("2030-01-01")), 0) << node;
  EXPECT_EQ(*figures.Fold(), 0) << "no change left to fold";
}

INSTANTIATE_TEST_SUITE_P(Engines, FigureClear, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

// The pages figure_changes spans: every figure read scans them all.
FK_SQL(kTestOnlyFigureChangePages, "SELECT COUNT(*) FROM dbstat WHERE name = 'figure_changes'",
       "SELECT pg_relation_size('figure_changes') / current_setting('block_size')::integer");

int64_t FigureChangePages(db::Database& db) {
  return *db::Read(db, [](db::Connection& c) { return db::Count(c, kTestOnlyFigureChangePages); });
}

// Its own suite, so no other test's changes wait in its table.
class FigureChangesFolded : public ApiTest {};

// A bulk append (a demo, a rebuild) folded leaves the changes' table small:
// PostgreSQL kept the dead rows' pages, and figure reads took 0.1 s each.
// More than SQLite's fold sums aside on a reader, so its writer folds them.
TEST_P(FigureChangesFolded, LeaveTheirTableSmallAfterABulkAppend) {
  FigureRepository& figures = *S().store->figures;
  auto pages = [&] { return FigureChangePages(*S().store->db); };
  std::vector<FigureChange> bulk;
  for (int i = 0; i < 320000; ++i)
    bulk.push_back({"bulk/doses", i % 2 ? "341881001001" : "341881100200",
                    D("2021-01-01").AddDays(i % 700), 1});
  ASSERT_TRUE(figures.Append(bulk));
  const int64_t full = pages();
  ASSERT_GT(full, 100) << "the bulk fills many pages";
  auto folded = figures.Fold();
  ASSERT_TRUE(folded) << folded.error().message;
  // An autovacuum's ANALYZE of a table just filled holds a snapshot that
  // may still see the changes: later folds clear them (the test below).
  for (int i = 0; i < 50 && pages() > 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_TRUE(figures.Fold());
  }
  EXPECT_LE(pages(), 2) << "of " << full << " pages";
  EXPECT_EQ(*figures.AsOf("bulk/doses", "341881", D("2030-01-01")), 320000);
}

// A transaction that could still see the folded changes keeps their rows
// past the fold's vacuum; a later fold, with nothing new, clears them.
TEST_P(FigureChangesFolded, AreClearedByALaterFoldOnceNoSnapshotHoldsThem) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite's deletes free their pages at once";
  FigureRepository& figures = *S().store->figures;
  auto pages = [&] { return FigureChangePages(*S().store->db); };
  PGconn* reader = PQconnectdb(testing::PostgresUrl().c_str());
  PQclear(PQexec(reader, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1"));
  std::vector<FigureChange> changes;
  for (int i = 0; i < 20000; ++i)
    changes.push_back({"held/doses", "341881001001", D("2021-01-01").AddDays(i % 300), 1});
  ASSERT_TRUE(figures.Append(changes));
  ASSERT_TRUE(figures.Fold());
  const int64_t held = pages();
  EXPECT_GT(held, 2) << "the reader's snapshot keeps the folded rows";
  PQclear(PQexec(reader, "COMMIT"));
  PQfinish(reader);
  ASSERT_TRUE(figures.Fold());
  EXPECT_LE(pages(), 2) << "of " << held << " pages";
  EXPECT_EQ(*figures.AsOf("held/doses", "341881", D("2030-01-01")), 20000);
}

INSTANTIATE_TEST_SUITE_P(Engines, FigureChangesFolded, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

// Its own suite: its figure's every change is its own.
class FigureFoldDuringDoses : public ApiTest {};

// Folds run while doses append their changes, as under a day's load: each
// change is folded once, none lost between the sums and the delete.
TEST_P(FigureFoldDuringDoses, LosesNoChangeAppendedWhileItRuns) {
  FigureRepository& figures = *S().store->figures;
  constexpr int kDoses = 300, kAppenders = 3;
  std::atomic<int> appending = kAppenders;
  std::vector<std::thread> appenders;
  for (int t = 0; t < kAppenders; ++t) {
    appenders.emplace_back([&, t] {
      for (int i = 0; i < kDoses; ++i) {
        // A dose's five or six changes, on days across a month's end.
        std::vector<FigureChange> dose;
        for (int k = 0; k < 5 + i % 2; ++k)
          dose.push_back({"during/doses", k % 2 ? "341881001001" : "341881100200",
                          D("2021-05-30").AddDays((t + i + k) % 4), 1});
        EXPECT_TRUE(figures.Append(dose));
      }
      --appending;
    });
  }
  int folds = 0;
  while (appending > 0) {
    auto folded = figures.Fold();
    ASSERT_TRUE(folded) << folded.error().message;
    ++folds;
  }
  for (auto& a : appenders) a.join();
  const int64_t total = kAppenders * kDoses / 2 * 11;  // 5 + 6 a pair of doses
  EXPECT_EQ(*figures.AsOf("during/doses", "341881", D("2021-06-30")), total) << "waiting";
  ASSERT_TRUE(figures.Fold());
  EXPECT_EQ(*figures.AsOf("during/doses", "341881", D("2021-06-30")), total)
      << "after " << folds << " folds during the appends";
  EXPECT_EQ(*figures.AsOf("during/doses", "341881", D("2021-05-31")),
            *figures.AsOf("during/doses", "341881100200", D("2021-05-31")) +
                *figures.AsOf("during/doses", "341881001001", D("2021-05-31")));
}

INSTANTIATE_TEST_SUITE_P(Engines, FigureFoldDuringDoses, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
