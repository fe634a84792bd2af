// The benchmarks' people: `n` residents with valid identity numbers of the
// demo county, born over 55 years, written through the registry's batch
// upsert, each placed by `place(i)`. Returns their ids in order.
#pragma once

#include <sqlite3.h>

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/id_number.h"
#include "store/storage.h"

namespace fangkong::bench {

inline std::vector<int64_t> InsertPeople(Storage& store, const std::string& db_file, int64_t n,
                                         const std::string& name,
                                         const std::function<std::string(int64_t)>& place) {
  std::vector<Person> batch;
  Date base = Date::Parse("1950-01-01").value();
  for (int64_t i = 0; i < n; ++i) {
    Person p;
    Date born = base.AddDays(static_cast<int>(i % 20000));
    char date[9];
    std::snprintf(date, sizeof date, "%04d%02u%02u", born.year(), born.month(), born.day());
    std::string id17 = "341881" + std::string(date) + std::to_string(100 + i / 20000 % 900);
    p.doc_number = id17 + IdentityCheckCharacter(id17);
    p.name = name;
    p.birth_date = born;
    p.sex = i % 2 ? Sex::kMale : Sex::kFemale;
    p.region_code = place(i);
    batch.push_back(std::move(p));
    if (batch.size() == 20000 || i + 1 == n) {
      if (!store.persons->UpsertBatch(batch)) throw std::runtime_error("people failed");
      batch.clear();
    }
  }
  std::vector<int64_t> ids;
  sqlite3* db = nullptr;
  sqlite3_open(db_file.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT id FROM persons ORDER BY id", -1, &s, nullptr);
  while (sqlite3_step(s) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return ids;
}

}  // namespace fangkong::bench
