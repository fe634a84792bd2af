// Builds a synthetic county on real division codes: grids under villages,
// organisations, residents with a census-shaped age pyramid, households, a
// floating population, chronic disease among the elderly, valid identity
// numbers, and one user per role. Deterministic for a given seed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "access/user.h"
#include "registry/repository.h"
#include "registry/transfer.h"
#include "vaccination/aefi.h"
#include "vaccination/fridge.h"
#include "vaccination/mobilisation.h"
#include "vaccination/repository.h"
#include "vaccination/vaccination_state.h"

namespace fangkong {

struct DemoOptions {
  std::string county = "341881";  // 宁国市
  uint64_t seed = 20210401;
  int64_t population = 380000;
  std::string region_data_dir;
  std::string password = "Fangkong@2026";
  // When set, generated people go here (e.g. to a CSV file to import later)
  // instead of being stored; regions, organisations and users are stored anyway.
  std::function<Status(const std::vector<Person>&)> people_sink;
};

struct DemoLogin {
  std::string username, password, role_zh, region_code, region_name;
};

struct DemoSummary {
  int64_t regions = 0, grids = 0, organisations = 0, persons = 0;
  int64_t doses = 0, aefi = 0, follow_ups = 0, readings = 0, holds = 0;  // the vaccination history
  int64_t transfers = 0;
  std::vector<DemoLogin> logins;
};

struct DemoRepositories {
  RegionRepository& regions;
  PersonRepository& persons;
  OrganisationRepository& organisations;
  UserRepository& users;
  // When given, each township's vaccination clinic gets its details, staff
  // and two slots a day for the next two weeks.
  VaccinationRepository* vaccination = nullptr;
  // When given too (and people are stored), the county gets its 2021-2022
  // vaccination history, adverse events, follow-ups and fridge logs.
  ColdChainRepository* cold_chain = nullptr;
  AefiRepository* aefi = nullptr;
  MobilisationRepository* mobilisation = nullptr;
  // When given (and people are stored), transfers between the first two
  // townships (demo_transfers.h).
  TransferRepository* transfers = nullptr;
  // When given (with the history), every person's vaccination state is
  // computed from the history's doses.
  VaccinationStateRepository* vaccination_state = nullptr;
  FigureRepository* figures = nullptr;  // with vaccination_state
};

// `progress(done, total, stage)` is called as people are written.
Result<DemoSummary> BuildDemoCounty(const DemoOptions& options, DemoRepositories repos,
                                    const std::function<void(int64_t, int64_t, const std::string&)>& progress);

}  // namespace fangkong
