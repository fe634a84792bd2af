// SQLite's commit durability: FULL (survives a power cut) unless NORMAL is
// asked for (docs/security.md, "Durability").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/db.h"

namespace fangkong {
namespace {

// The setting the committing connection runs with: SQLite's synchronous
// (1 NORMAL, 2 FULL), PostgreSQL's synchronous_commit.
FK_SQL(kCommitSync, "PRAGMA synchronous", "SELECT current_setting('synchronous_commit')");

std::string WriterSync(db::Database& d) {
  std::string got;
  auto s = d.Write([&](db::Connection& c) -> Status {
    auto ran = c.Run(kCommitSync, {}, [&](const db::Row& r) { got = r.Text(0); });
    if (!ran) return Fail(ran.error());
    return {};
  });
  EXPECT_TRUE(s) << s.error().message;
  return got;
}

class DurabilityTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string File(const std::string& name) {
    std::filesystem::create_directories(dir_);
    return (dir_ / name).string();
  }
  std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("fk-durability-" + std::to_string(getpid()));
};

TEST_F(DurabilityTest, SqliteSyncsEveryCommitUnlessToldOtherwise) {
  auto full = db::OpenSqlite(File("default.db"));
  EXPECT_EQ(WriterSync(*full), "2") << "the default must survive a power cut (synchronous=FULL)";
  auto normal = db::OpenSqlite(File("normal.db"), db::Durability::kProcessCrash);
  EXPECT_EQ(WriterSync(*normal), "1");
}

}  // namespace
}  // namespace fangkong
