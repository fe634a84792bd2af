// The demo's arrivals: three pushed lists of 2,000 rows in all, with the
// errors such lists have (identity numbers missing or with a wrong check
// digit, names written with characters that sound the same, phone digits
// swapped, people not in the registry, the same person on two lists), some
// of them found by grid workers before the push, verified over three days
// by the townships with the measures they applied, a few overdue. Taken in
// through the service, as a real list is.
#pragma once

#include "arrivals/arrival_imports.h"
#include "registry/repository.h"

namespace fangkong {

struct DemoArrivals {
  int64_t rows = 0, arrivals = 0, verified = 0, measures = 0;
};

// The name with its last character written as another that sounds the same
// (张伟 -> 张炜), as a list typed from a call has it; the name itself when
// its last character is not one of the demo's given names.
std::string WrittenBySound(const std::string& name);
// Given-name characters WrittenBySound changes.
std::vector<std::string> CharactersWrittenBySound();

Result<DemoArrivals> AddDemoArrivals(ArrivalService& service, ArrivalImports& imports,
                                     PersonRepository& persons, RegionRepository& regions,
                                     const User& county_admin, int64_t now);

}  // namespace fangkong
