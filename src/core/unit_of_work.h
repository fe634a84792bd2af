// A seam for atomic units of domain logic: the checks a service makes and
// the writes that depend on them, run as one transaction of the store that
// backs its repositories. The store implements it; tests of a service on
// doubles without transactions use ImmediateUnitOfWork.
#pragma once

#include <functional>

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

// Runs the work directly, for repositories without transactions.
class ImmediateUnitOfWork final : public UnitOfWork {
 public:
  Status Atomically(const std::function<Status()>& work) override { return work(); }
};

}  // namespace fangkong
