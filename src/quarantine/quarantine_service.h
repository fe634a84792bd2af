// Quarantine sites within the user's county: the county sets sites and rooms;
// the county and townships assign their people to beds and check them out.
// A bed is taken in one transaction (QuarantineRepository::AssignBed).
#pragma once

#include <string>
#include <vector>

#include "access/user.h"
#include "quarantine/repository.h"
#include "registry/service.h"

namespace fangkong {

struct AssignBedInput {
  int64_t person_id = 0;
  int64_t room_id = 0;  // 0: the first room with a free bed
  int64_t measure_id = 0;
  std::string from, until;  // YYYY-MM-DD; empty from: today; empty until: from + 6
  std::string vehicle, escort;
  int64_t picked_up_at = 0, arrived_at = 0;
};

struct SiteView {
  QuarantineSite site;
  SiteOccupancy occupancy;
};

// The county and townships run the sites (beds, staff, tests); leaders read.
Status CheckMayRunQuarantine(const User& u);
Status CheckMayReadQuarantine(const User& u);

class QuarantineService {
 public:
  QuarantineService(RegistryService& registry, QuarantineRepository& repo);

  Result<QuarantineSite> AddSite(const User& u, QuarantineSite s);
  // A site of the user's county (404 otherwise), and all of them.
  Result<QuarantineSite> Site(const User& u, int64_t site_id);
  Result<std::vector<QuarantineSite>> SitesOfCounty(const User& u);
  Result<std::vector<Room>> AddBuilding(const User& u, int64_t site_id, const std::string& building,
                                        int floors, int rooms_per_floor, int capacity);
  // The sites of the user's county with their occupancy today.
  Result<std::vector<SiteView>> Sites(const User& u, int64_t now);
  Result<SiteView> Occupancy(const User& u, int64_t site_id, Date day, int64_t now);
  Result<RoomAssignment> Assign(const User& u, int64_t site_id, const AssignBedInput& in,
                                int64_t now);
  Result<RoomAssignment> CheckOut(const User& u, int64_t assignment_id, int64_t now);

 private:
  Result<QuarantineSite> SiteOf(const User& u, int64_t site_id);
  Result<SiteView> ViewOf(QuarantineSite site, Date day, int64_t now);

  RegistryService& registry_;
  QuarantineRepository& repo_;
};

}  // namespace fangkong
