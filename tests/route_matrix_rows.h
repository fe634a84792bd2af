// The route matrix's rows: every route of the router, with what its path
// names and the roles it refuses (route_matrix_test.cpp says what is
// checked). Kept apart from the test so that each stays readable.
#pragma once

#include <span>

#include "access/user.h"

namespace fangkong::route_matrix {

// What a route's path names. kSessionEnd (logout) ends the caller's sessions,
// so the role loop leaves it to the session tests. kAnySite: a site's open
// slots and its stock are read for every site, by design (a clerk books
// residents into the nearest site, which may lie in the next township, and
// plans transfers between sites); they hold no personal data
// (docs/security.md). A transfer between places is decided by the unit the
// person leaves and cancelled by the unit that asked: its target is a
// waiting transfer leaving, or entering, the place.
enum class Names {
  kPublic,
  kSessionEnd,
  kNothing,
  kRegion,
  kPerson,
  kUser,
  kSite,
  kAnySite,
  kTransferLeaving,   // a waiting transfer out of the place: its unit decides
  kTransferEntering,  // a waiting transfer into the place: its unit may cancel
  kAppointment,       // of a person living at the place
  kVisit,             // at the place's site
  kFridge,            // at the place's site
  kHold,              // of a lot at the place's site
  kAefi,              // a dose's adverse event, of a person living at the place
  kDose,              // a dose of a person living at the place
  kAlert,             // raised at the place
  kImport,            // by a user of the place
  kMeasure,           // a health measure of a person living at the place
  kMeasureTask,       // today's log of that measure
  kArrival,           // an arrival verified at the place
  kCase,              // a case of a person living at the place
  kZone,              // a zone drawn over the place (a township or below)
  kOther
};

// Roles, as a set: the roles a route refuses (403) whatever the target.
using Roles = unsigned;
constexpr Roles kAdmin = 1u << static_cast<int>(Role::kCountyAdmin);
constexpr Roles kTown = 1u << static_cast<int>(Role::kTownshipOfficer);
constexpr Roles kVillage = 1u << static_cast<int>(Role::kVillageWorker);
constexpr Roles kSiteStaff = 1u << static_cast<int>(Role::kSiteStaff);
constexpr Roles kDept = 1u << static_cast<int>(Role::kDepartmentOfficer);
constexpr Roles kLeader = 1u << static_cast<int>(Role::kLeader);
constexpr Roles kAllButAdmin = kTown | kVillage | kSiteStaff | kDept | kLeader;
inline bool In(Roles set, Role r) { return set & (1u << static_cast<int>(r)); }

struct RouteRow {
  const char* route;  // "METHOD /pattern", as Router::Describe() gives it
  Names names;
  // The roles refused inside the caller's subtree; every other role is not
  // refused there. A write whose empty body would fail validation before the
  // role is looked at carries a valid body ({date}: a day next week).
  Roles refused = 0;
  const char* body = nullptr;
};

// Every route, in the router's order within each module.
std::span<const RouteRow> Routes();

}  // namespace fangkong::route_matrix
