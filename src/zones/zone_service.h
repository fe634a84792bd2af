// Zones on a day: drawing and changing them within the user's jurisdiction,
// and for each its level and timers, its population, the people under each
// health measure inside it, and where it overlaps another zone (the stricter
// governs, and the answer says so). Drawing is the county's and the
// township's; reading, everyone's who may read measures.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/user.h"
#include "measures/repository.h"
#include "registry/repository.h"
#include "zones/repository.h"

namespace fangkong {

struct ZoneInput {
  std::string name, level, from, planned_end, last_case_on, note;
  std::vector<ZonePlace> places;
};

// A change from a day on; what is absent stays as it was.
struct ZoneChangeInput {
  std::string from, note;
  std::optional<std::string> level, planned_end, last_case_on;
  std::optional<std::vector<ZonePlace>> places;
  bool lift = false;
};

// People inside this zone who are inside `other` too, and which governs them.
struct ZoneOverlap {
  int64_t zone_id = 0;
  std::string name;
  ZoneLevel level = ZoneLevel::kPrevention;
  int64_t persons = 0;
  int64_t governed_by = 0;  // this zone's id or the other's
  std::string notice, notice_zh;
};

struct ZoneMeasureCount {
  std::string type, name_zh;
  int64_t persons = 0;
};

struct ZoneView {
  Zone zone;
  ZoneState state = ZoneState::kPlanned;
  ZoneLevel level = ZoneLevel::kPrevention;
  std::optional<ZoneVersion> version;  // in force on the day, else the newest
  std::optional<Date> next_on;
  std::optional<ZoneLevel> next_level;
  bool past_planned_end = false;
  std::vector<std::string> place_names;  // parallel to version->places
  std::vector<LevelSpan> timeline;
  int64_t population = 0;  // residents inside
  int64_t governed = 0;    // of them, those this zone governs
  std::vector<ZoneMeasureCount> measures;
  std::vector<ZoneOverlap> overlaps;
  std::vector<ZoneVersion> history;  // filled by Detail
};

struct ZonePersonLine {
  ZonePerson person;                          // masked
  std::string measure_type, measure_name_zh;  // empty: none in force
  int64_t governed_by = 0;
};
struct ZonePersonPage {
  int64_t total = 0;
  std::vector<ZonePersonLine> lines;
};

class ZoneService {
 public:
  ZoneService(ZoneRepository& repo, MeasureRepository& measures, RegionRepository& regions);

  // The zones near the user's jurisdiction on `day`; the lifted and the
  // not yet started only when `all`.
  Result<std::vector<ZoneView>> OnDay(const User& u, Date day, bool all);
  Result<ZoneView> Detail(const User& u, int64_t id, Date day);
  Result<ZoneView> Draw(const User& u, const ZoneInput& in, int64_t now);
  Result<ZoneView> Change(const User& u, int64_t id, const ZoneChangeInput& in, int64_t now);
  // The people inside on `day`, those under `measure` only when given
  // ("any": under any measure), a page at a time.
  Result<ZonePersonPage> People(const User& u, int64_t id, Date day, const std::string& measure,
                                int64_t offset, int64_t limit);
  Result<std::vector<std::string>> Households(const User& u, const std::string& code);

 private:
  // The zones with their version, level and timers on `day`.
  Result<std::vector<ZoneView>> Standings(std::vector<Zone> zones, Date day);
  // The same, with their places named and their figures counted.
  Result<std::vector<ZoneView>> Load(std::vector<Zone> zones, Date day);
  Status NamePlaces(std::vector<ZoneView>& views);
  Status Count(std::vector<ZoneView>& views, Date day);
  Status CountMeasures(std::vector<ZoneView>& views, Date day,
                       const std::vector<ZoneInForce>& in_force, const std::vector<size_t>& view_of,
                       const std::map<int64_t, std::vector<size_t>>& holding);
  Result<ZoneVersion> Validated(const User& u, ZoneVersion v, int64_t now);
  Result<ZoneView> One(const User& u, int64_t id, Date day, bool history);
  Result<Zone> Visible(const User& u, int64_t id);
  Status CheckPlaces(const User& u, const std::vector<ZonePlace>& places);

  ZoneRepository& repo_;
  MeasureRepository& measures_;
  RegionRepository& regions_;
};

Status CheckMayDrawZones(const User& u);
Status CheckMayReadZones(const User& u);

}  // namespace fangkong
