// The demo's zones, drawn by the township around its cases: around the case
// reported three hours ago a lockdown building inside a control grid inside
// a prevention village (the overlaps show who governs whom); around the
// index case a week ago a lockdown building the rules have since lowered to
// control; and a control zone around the third case, lifted yesterday.
#pragma once

#include "access/user.h"
#include "registry/repository.h"
#include "tracing/repository.h"
#include "zones/zone_service.h"

namespace fangkong {

Result<int64_t> AddDemoZones(ZoneService& zones, ZoneRepository& repo, TracingRepository& tracing,
                             PersonRepository& persons, const User& town_officer, int64_t now);

}  // namespace fangkong
