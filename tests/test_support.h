// Helpers shared by the test programs.
#pragma once

#include <cstdio>
#include <string>

#include "core/id_number.h"

namespace fangkong::testing {

// A valid identity number for region `prefix`, birth date and sequence (odd = male).
inline std::string MakeId(const std::string& prefix, const std::string& yyyymmdd, int seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%s%03d", prefix.c_str(), yyyymmdd.c_str(), seq % 1000);
  std::string id = buf;
  id.push_back(IdentityCheckCharacter(id));
  return id;
}

// Engines to run contract tests on: always SQLite, PostgreSQL when
// FANGKONG_TEST_PG holds a server URL (./test starts one).
inline std::string PostgresUrl() {
  const char* url = std::getenv("FANGKONG_TEST_PG");
  return url ? url : "";
}

}  // namespace fangkong::testing
