// The mobilisation repository on PostgreSQL, sharing the store's pool.
#pragma once

#include "store/postgres/pg_handle.h"
#include "vaccination/mobilisation.h"

namespace fangkong::pg {

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

}  // namespace fangkong::pg
