// One storage interface, two engines. A Store implements every module's
// repository interfaces; open one with OpenStore and hold it for the life of
// the process. All methods are thread-safe.
#pragma once

#include <memory>
#include <string>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "alerts/alert.h"
#include "registry/import_job.h"
#include "registry/repository.h"
#include "vaccination/aefi.h"
#include "vaccination/fridge.h"
#include "vaccination/mobilisation.h"
#include "vaccination/repository.h"

namespace fangkong {

class Store : public RegionRepository,
              public PersonRepository,
              public OrganisationRepository,
              public UserRepository,
              public AuditRepository,
              public ImportJobRepository,
              public UnitOfWork {
 public:
  ~Store() override = default;
  virtual std::string Engine() const = 0;  // "sqlite" or "postgresql"
  // Applies pending numbered migrations; returns how many ran.
  virtual Result<int> Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;
  // The vaccination module's storage, on the same database; lives as long as the store.
  virtual VaccinationRepository& vaccination() = 0;
  virtual ColdChainRepository& cold_chain() = 0;
  virtual AefiRepository& aefi() = 0;
  virtual AlertRepository& alerts() = 0;
  virtual MobilisationRepository& mobilisation() = 0;
};

// `target` is either a postgresql:// URL or a directory for the SQLite file
// (fangkong.db inside it). Throws std::runtime_error if it cannot be opened.
std::unique_ptr<Store> OpenStore(const std::string& target);
std::unique_ptr<Store> OpenSqliteStore(const std::string& db_path);
std::unique_ptr<Store> OpenPostgresStore(const std::string& url);

}  // namespace fangkong
