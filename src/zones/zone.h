// Zones (三区): lockdown (封控区), control (管控区) and prevention (防范区)
// zones drawn around an outbreak as sets of places of the tree (townships,
// villages, grids) or named buildings inside one (a building is the
// households living in it). A zone's history is a list of versions, each
// from a day on: its level, its places, its planned end. Within a version the
// level falls by the same downgrade rules as risk areas (lockdown to control
// after 7 days without a new case, control to prevention after 3 more; data,
// risk_downgrade_rules), counted from the last case inside the zone; a new
// case inside it sets it back to its declared level. Where zones overlap,
// the stricter zone governs the people in both. Everything here is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "risk_areas/risk_area.h"

namespace fangkong {

enum class ZoneLevel { kPrevention = 0, kControl = 1, kLockdown = 2 };
const char* ZoneLevelCode(ZoneLevel l);
const char* ZoneLevelZh(ZoneLevel l);
// "lockdown", "control", "prevention" or 封控区/管控区/防范区 (封控/管控/防范).
std::optional<ZoneLevel> ParseZoneLevel(std::string_view s);
// The downgrade rules speak of risk levels: lockdown is high, control medium,
// prevention low.
RiskLevel AsRiskLevel(ZoneLevel l);
ZoneLevel AsZoneLevel(RiskLevel l);

// A place of the tree (its whole subtree), or a named building in a village
// or grid: the households (户号) living in it.
struct ZonePlace {
  std::string code;
  std::string building;                 // empty: the whole place
  std::vector<std::string> households;  // a building's, sorted
  bool IsBuilding() const { return !building.empty(); }
};
// Whether a person living at `region_code` in `household` is inside.
bool Covers(const ZonePlace& p, std::string_view region_code, std::string_view household);
// Whether two places share anyone: one place inside the other, or two
// buildings of one place sharing a household.
bool Overlap(const ZonePlace& a, const ZonePlace& b);

struct Zone {
  int64_t id = 0;
  std::string name;         // e.g. "西津社区封控区"
  std::string region_code;  // the smallest node holding all its places, ever
  int64_t created_by = 0;
  int64_t created_at = 0;
};

// The zone from `from` on, until the next version.
struct ZoneVersion {
  int64_t id = 0;
  int64_t zone_id = 0;
  Date from;
  bool lifted = false;  // the zone is lifted (解封) from `from`
  ZoneLevel level = ZoneLevel::kLockdown;
  std::vector<ZonePlace> places;
  Date planned_end;               // the last day planned
  std::optional<Date> last_case;  // the newest case inside, as declared
  std::string note;
  int64_t user_id = 0;
  int64_t at = 0;
};

// A new version's own rules: 1-200 places, each a township (9 digits),
// village (12) or grid (15) code, a building only in a village or grid with
// a name of 1-40 characters and 1-500 households, no place twice; a planned
// end on or after its day; its day no more than 30 days ahead; a last case
// not after its day. A zone's name is 2-60 characters.
Status CheckZoneName(std::string_view name);
Status CheckZoneVersion(const ZoneVersion& v, Date today);
// The code of the smallest node holding every place (at least the county).
std::string CommonNode(const std::vector<ZonePlace>& places);

// The versions in day order (a later version of one day replaces the
// earlier), and the version in force on `day` (none before the first).
std::vector<ZoneVersion> InOrder(std::vector<ZoneVersion> versions);
const ZoneVersion* VersionOn(const std::vector<ZoneVersion>& ordered, Date day);

// A case inside the zone: where its person lives and the day it was reported.
struct ZoneCase {
  std::string region_code;
  std::string household;
  Date reported;
};

// The zone's levels from its first version on: each version's level, falling
// by the rules from its last case (declared, or the newest case inside its
// places by its day), raised again to that level by each later case inside.
// A lifted version ends the timeline.
std::vector<LevelSpan> ZoneTimeline(const std::vector<ZoneVersion>& ordered,
                                    const std::vector<ZoneCase>& cases,
                                    const std::vector<DowngradeRule>& rules);

// Where a zone stands on a day.
enum class ZoneState { kPlanned, kInForce, kLifted };
const char* ZoneStateCode(ZoneState s);
struct ZoneStanding {
  ZoneState state = ZoneState::kPlanned;
  ZoneLevel level = ZoneLevel::kPrevention;  // in force
  const ZoneVersion* version = nullptr;      // in force
  std::optional<Date> next_on;               // the next change by the rules
  std::optional<ZoneLevel> next_level;
  bool past_planned_end = false;  // in force after its planned end
};
ZoneStanding StandingOn(const std::vector<ZoneVersion>& ordered,
                        const std::vector<LevelSpan>& timeline, Date day);

// A zone in force, for deciding who governs whom.
struct ZoneInForce {
  int64_t zone_id = 0;
  ZoneLevel level = ZoneLevel::kPrevention;
  const std::vector<ZonePlace>* places = nullptr;
};
// Of the zones holding a person, the one that governs them: the strictest,
// the older zone between equals; 0 when none holds them.
int64_t GoverningZone(const std::vector<ZoneInForce>& zones, std::string_view region_code,
                      std::string_view household);

}  // namespace fangkong
