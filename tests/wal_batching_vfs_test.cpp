// The WAL-batching VFS (store/sqlite/wal_batching_vfs.h) must keep SQLite's
// guarantees while it holds frames back: another connection sees every
// commit as soon as it returns, a transaction larger than the page cache
// (whose pages SQLite spills to the WAL and reads back) and larger than the
// VFS's buffer commits whole, a rolled-back spill leaves nothing, and the
// file stays intact through checkpoints and reopening.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/sqlite/sqlite_db.h"

namespace fangkong::sqlite {
namespace {

int64_t Scalar(Connection& c, const char* sql) {
  auto s = c.Prepare(sql);
  return s.Step() == SQLITE_ROW ? s.Int(0) : -1;
}

std::string IntegrityCheck(Connection& c) {
  auto s = c.Prepare("PRAGMA integrity_check");
  return s.Step() == SQLITE_ROW ? s.Text(0) : "no answer";
}

class WalBatchingVfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("fk-walvfs-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Inserts `n` rows of 3,000 bytes each, keys from `first`, in the open transaction.
  static void InsertRows(Connection& c, int first, int n) {
    for (int k = first; k < first + n; ++k) {
      auto s = c.Prepare("INSERT INTO t(k, v) VALUES (?1, randomblob(3000))");
      s.Bind(1, int64_t{k});
      ASSERT_EQ(s.Step(), SQLITE_DONE) << c.LastError();
    }
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(WalBatchingVfsTest, AnotherConnectionSeesEveryCommitAtOnce) {
  Connection writer(path_), reader(path_);
  ASSERT_EQ(writer.Exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB)"), "");
  for (int i = 1; i <= 60; ++i) {
    InsertRows(writer, i, 1);  // autocommit: one commit each
    ASSERT_EQ(Scalar(reader, "SELECT COUNT(*) FROM t"), i);
  }
  EXPECT_EQ(IntegrityCheck(reader), "ok");
}

TEST_F(WalBatchingVfsTest, ATransactionLargerThanCacheAndBufferCommitsWhole) {
  Connection writer(path_), reader(path_);
  ASSERT_EQ(writer.Exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB); PRAGMA cache_size=20"), "");
  ASSERT_EQ(writer.Exec("BEGIN"), "");
  InsertRows(writer, 0, 3000);  // ~9 MB: spilled to the WAL, past the 4 MiB buffer
  // Reading every row back reads the spilled pages from the WAL.
  EXPECT_EQ(Scalar(writer, "SELECT SUM(length(v)) FROM t"), int64_t{3000} * 3000);
  EXPECT_EQ(Scalar(reader, "SELECT COUNT(*) FROM t"), 0);  // not committed yet
  ASSERT_EQ(writer.Exec("COMMIT"), "");
  EXPECT_EQ(Scalar(reader, "SELECT SUM(length(v)) FROM t"), int64_t{3000} * 3000);
  EXPECT_EQ(IntegrityCheck(reader), "ok");
}

TEST_F(WalBatchingVfsTest, ARolledBackSpillLeavesNothingAndTheFileStaysIntact) {
  {
    Connection writer(path_), reader(path_);
    ASSERT_EQ(writer.Exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB); PRAGMA cache_size=20"),
              "");
    InsertRows(writer, 0, 10);
    ASSERT_EQ(writer.Exec("BEGIN"), "");
    InsertRows(writer, 10, 2000);
    ASSERT_EQ(writer.Exec("ROLLBACK"), "");
    EXPECT_EQ(Scalar(writer, "SELECT COUNT(*) FROM t"), 10);
    EXPECT_EQ(Scalar(reader, "SELECT COUNT(*) FROM t"), 10);
    InsertRows(writer, 10, 500);
    EXPECT_EQ(Scalar(reader, "SELECT COUNT(*) FROM t"), 510);
    ASSERT_EQ(reader.Exec("PRAGMA wal_checkpoint(TRUNCATE)"), "");
    InsertRows(writer, 510, 5);  // a new WAL from its start
    EXPECT_EQ(Scalar(reader, "SELECT COUNT(*) FROM t"), 515);
  }
  Connection reopened(path_);
  EXPECT_EQ(Scalar(reopened, "SELECT COUNT(*) FROM t"), 515);
  EXPECT_EQ(IntegrityCheck(reopened), "ok");
}

}  // namespace
}  // namespace fangkong::sqlite
