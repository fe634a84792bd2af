// The storage zones need (store/zone_store.cpp implements it on both
// engines). Thread-safe; every method returns an Error of kind kInternal
// when the database fails.
#pragma once

#include <string>
#include <vector>

#include "zones/zone.h"

namespace fangkong {

// Someone living inside a place, as far as zones care.
struct ZoneResident {
  int64_t person_id = 0;
  std::string region_code;
  std::string household;
};

// A measure in force on a day, with where its person lives.
struct ZoneMeasure {
  int64_t person_id = 0;
  std::string type;  // MeasureType::code
  std::string region_code;
  std::string household;
};

// A person of a zone's list, as the list shows them.
struct ZonePerson {
  int64_t id = 0;
  std::string name, id_number, phone, region_code, household;
};

class ZoneRepository {
 public:
  virtual ~ZoneRepository() = default;
  virtual Result<std::vector<DowngradeRule>> DowngradeRules() = 0;

  // The zone with its first version: the zone's id.
  virtual Result<int64_t> InsertZone(const Zone& z, const ZoneVersion& first) = 0;
  virtual Result<int64_t> InsertVersion(const ZoneVersion& v) = 0;
  // Widens the zone's node when a version reaches outside it.
  virtual Status SetZoneNode(int64_t zone_id, const std::string& region_code) = 0;
  virtual Result<std::optional<Zone>> FindZone(int64_t id) = 0;
  // The zones whose node lies in, or holds, the subtree of `region`.
  virtual Result<std::vector<Zone>> ZonesNear(const std::string& region) = 0;
  virtual Result<std::vector<ZoneVersion>> VersionsOf(const std::vector<int64_t>& zone_ids) = 0;

  // The residents (not those registered here but living elsewhere) of the
  // subtree of `region`, in person order.
  virtual Result<std::vector<ZoneResident>> ResidentsIn(const std::string& region) = 0;
  // The households of a place with anyone living in them.
  virtual Result<std::vector<std::string>> HouseholdsAt(const std::string& region_code) = 0;
  // The measures in force on `day` of people living in the subtree.
  virtual Result<std::vector<ZoneMeasure>> MeasuresIn(const std::string& region, Date day) = 0;
  virtual Result<std::vector<ZonePerson>> People(const std::vector<int64_t>& ids) = 0;
  // The cases of people living in the subtree, by report day (Beijing).
  virtual Result<std::vector<ZoneCase>> CasesIn(const std::string& region) = 0;
};

}  // namespace fangkong
