// Reference rows kept in memory for units of work: a site, its staff, a
// lot, a cold-chain hold are read by every administration and change
// rarely. Kept values are valid while the database's ReferenceVersion() is
// unchanged, and only a unit whose transaction has not written a reference
// table keeps what it read. Outside a unit, or on an engine that does not
// track changes (db.h), every call loads. Used only inside units of work on
// SQLite's single writer, under its lock, so it needs no lock itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

#include "core/error.h"
#include "store/db.h"

namespace fangkong::store {

template <class Key, class Value>
class ReferenceCache {
 public:
  explicit ReferenceCache(db::Database& db) : db_(db) {}

  // The kept value of `key`, or what `load()` returns (kept when allowed).
  template <class Load>
  Result<Value> Get(const Key& key, Load load) {
    auto version = db_.ReferenceVersion();
    if (!version) return load();
    if (version_ != *version) {
      rows_.clear();
      version_ = *version;
    }
    if (auto it = rows_.find(key); it != rows_.end()) return it->second;
    Result<Value> loaded = load();
    if (loaded && db_.MayKeepReferenceRows()) {
      // Keys can come from requests (a mistyped lot number): bound the memory.
      if (rows_.size() >= kMaxRows) rows_.clear();
      rows_.emplace(key, *loaded);
    }
    return loaded;
  }

 private:
  static constexpr size_t kMaxRows = 4096;
  db::Database& db_;
  uint64_t version_ = ~uint64_t{0};
  std::map<Key, Value> rows_;
};

}  // namespace fangkong::store
