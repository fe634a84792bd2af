// The mobilisation repository on SQLite, sharing the store's connections.
#pragma once

#include "store/sqlite/sqlite_handle.h"
#include "vaccination/mobilisation.h"

namespace fangkong::sqlite {

class Mobilisation final : public MobilisationRepository {
 public:
  explicit Mobilisation(Handle& db) : db_(db) {}

  Result<std::vector<DoseRecord>> DosesOfPersons(const std::vector<int64_t>& person_ids) override;
  Result<std::vector<Visit>> ScreeningsOfPersons(const std::vector<int64_t>& person_ids) override;
  Result<int64_t> InsertFollowUp(const FollowUp& f) override;
  Result<std::vector<FollowUp>> FollowUpsOf(int64_t person_id) override;
  Result<std::vector<FollowUp>> LatestFollowUps(const std::vector<int64_t>& person_ids,
                                                const std::string& disease) override;

 private:
  Handle& db_;
};

}  // namespace fangkong::sqlite
