// Reference rows kept in memory for units of work on SQLite: a site, its
// staff, a lot, a cold-chain hold are read by every administration and change
// rarely. Kept values are valid while the handle's ReferenceVersion() is
// unchanged (sqlite_handle.h), and only a unit whose transaction has not
// written a reference table keeps what it read. Outside a unit every call
// loads. Used only on the writer under its lock, so it needs no lock itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

#include "core/error.h"
#include "store/sqlite/sqlite_handle.h"

namespace fangkong::sqlite {

template <class Key, class Value>
class ReferenceCache {
 public:
  explicit ReferenceCache(Handle& db) : db_(db) {}

  // The kept value of `key`, or what `load()` returns (kept when allowed).
  template <class Load>
  Result<Value> Get(const Key& key, Load load) {
    if (!db_.InWork()) return load();
    if (version_ != db_.ReferenceVersion()) {
      rows_.clear();
      version_ = db_.ReferenceVersion();
    }
    if (auto it = rows_.find(key); it != rows_.end()) return it->second;
    Result<Value> loaded = load();
    if (loaded && !db_.ReferenceWrittenInTransaction()) {
      // Keys can come from requests (a mistyped lot number): bound the memory.
      if (rows_.size() >= kMaxRows) rows_.clear();
      rows_.emplace(key, *loaded);
    }
    return loaded;
  }

 private:
  static constexpr size_t kMaxRows = 4096;
  Handle& db_;
  uint64_t version_ = ~uint64_t{0};
  std::map<Key, Value> rows_;
};

}  // namespace fangkong::sqlite
