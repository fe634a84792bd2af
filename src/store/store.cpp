#include "store/store.h"

#include <filesystem>

namespace fangkong {

std::unique_ptr<Store> OpenStore(const std::string& target) {
  if (target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0) {
    return OpenPostgresStore(target);
  }
  std::filesystem::create_directories(target);
  return OpenSqliteStore((std::filesystem::path(target) / "fangkong.db").string());
}

}  // namespace fangkong
