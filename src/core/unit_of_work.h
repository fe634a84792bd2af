// A seam for atomic units of domain logic: the checks a service makes and
// the writes that depend on them, run as one transaction of the store that
// backs its repositories. The store implements it; tests of a service on
// doubles without transactions use ImmediateUnitOfWork.
#pragma once

#include <functional>
#include <optional>

#include "core/error.h"

namespace fangkong {

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  // Runs `work`; every repository call it makes on this thread reads one
  // consistent state that includes its own writes, and those writes are kept
  // only if `work` succeeds. Keep units short: on SQLite a unit holds the
  // single writer while it runs.
  virtual Status Atomically(const std::function<Status()>& work) = 0;
};

// Runs `work` (returning Result<T>) as one unit of `unit`: its value, its
// own error, or the store's error when the unit could not commit.
template <typename T, typename F>
Result<T> AtomicallyReturning(UnitOfWork& unit, F&& work) {
  std::optional<Result<T>> out;
  auto s = unit.Atomically([&]() -> Status {
    out = work();
    if (!*out) return Fail(out->error());
    return {};
  });
  if (!s && (!out || *out)) return Fail(s.error());
  return std::move(*out);
}

// Runs the work directly, for repositories without transactions.
class ImmediateUnitOfWork final : public UnitOfWork {
 public:
  Status Atomically(const std::function<Status()>& work) override { return work(); }
};

}  // namespace fangkong
