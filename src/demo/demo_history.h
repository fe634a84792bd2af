// The demo county's vaccination history, as if migrated from the provincial
// immunisation system: the 2021-2022 COVID-19 campaign (first doses, second
// doses, boosters) at each township's clinic, adverse events at realistic
// rates, follow-ups of some people who never came, and a week of fridge
// logs at every clinic (one with a warm spell that holds its lots).
// Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "registry/repository.h"
#include "vaccination/aefi.h"
#include "vaccination/fridge.h"
#include "vaccination/mobilisation.h"
#include "vaccination/repository.h"

namespace fangkong {

struct DemoHistoryRepositories {
  PersonRepository& persons;
  VaccinationRepository& vaccination;
  ColdChainRepository* cold_chain = nullptr;
  AefiRepository* aefi = nullptr;
  MobilisationRepository* mobilisation = nullptr;
};

struct DemoHistorySummary {
  int64_t doses = 0, aefi = 0, follow_ups = 0, readings = 0, holds = 0;
};

// `clinics` maps each township's code to its clinic (organisation id).
// `progress(done, total, stage)` is called as people are walked.
Result<DemoHistorySummary> AddDemoHistory(
    const std::string& county, uint64_t seed, const std::map<std::string, int64_t>& clinics,
    DemoHistoryRepositories repos,
    const std::function<void(int64_t, int64_t, const std::string&)>& progress, int64_t population);

}  // namespace fangkong
