// Drawing a zone and changing it from a day on (widening, narrowing,
// relevelling, extending, lifting): each change is a new version, so the
// zone on any past day stays as it was.
#include <algorithm>

#include "core/day_field.h"
#include "zones/zone_service.h"

namespace fangkong {

namespace {

Result<ZoneLevel> LevelField(const std::string& text) {
  if (auto l = ParseZoneLevel(text)) return *l;
  return Fail(Error::Invalid("invalid_level", "level", text,
                             "a zone is lockdown, control or prevention",
                             "区域类别应为封控区、管控区或防范区"));
}

}  // namespace

Status ZoneService::CheckPlaces(const User& u, const std::vector<ZonePlace>& places) {
  for (size_t i = 0; i < places.size(); ++i) {
    const auto& p = places[i];
    std::string field = "places[" + std::to_string(i) + "]";
    if (auto s = CheckJurisdiction(u, p.code); !s) {
      return Fail(Error::Forbidden("place " + p.code + " lies outside your jurisdiction",
                                   "地点" + p.code + "不在您的管辖范围内"));
    }
    auto region = regions_.FindRegion(p.code);
    if (!region) return Fail(region.error());
    if (!*region) {
      return Fail(Error::Invalid("unknown_place", field + ".code", p.code,
                                 "the place is not on the administrative tree",
                                 "行政区划中没有该地点"));
    }
    if (!p.IsBuilding()) continue;
    auto households = repo_.HouseholdsAt(p.code);
    if (!households) return Fail(households.error());
    for (const auto& h : p.households) {
      if (!std::binary_search(households->begin(), households->end(), h)) {
        return Fail(Error::Invalid("unknown_household", field + ".households", h,
                                   "nobody in the registry lives in this household at " + p.code,
                                   "户号" + h + "在该地点没有登记人员"));
      }
    }
  }
  return {};
}

Result<ZoneVersion> ZoneService::Validated(const User& u, ZoneVersion v, int64_t now) {
  for (auto& p : v.places) {
    std::sort(p.households.begin(), p.households.end());
    p.households.erase(std::unique(p.households.begin(), p.households.end()), p.households.end());
  }
  if (auto s = CheckZoneVersion(v, BeijingDay(now)); !s) return Fail(s.error());
  if (auto s = CheckPlaces(u, v.places); !s) return Fail(s.error());
  v.user_id = u.id;
  v.at = now;
  return v;
}

Result<ZoneView> ZoneService::Draw(const User& u, const ZoneInput& in, int64_t now) {
  if (auto s = CheckMayDrawZones(u); !s) return Fail(s.error());
  if (auto s = CheckZoneName(in.name); !s) return Fail(s.error());
  Date today = BeijingDay(now);
  ZoneVersion v;
  auto level = LevelField(in.level);
  if (!level) return Fail(level.error());
  v.level = *level;
  auto from = DayFieldOr(in.from, "from", today);
  if (!from) return Fail(from.error());
  v.from = *from;
  if (in.planned_end.empty()) {
    return Fail(Error::Invalid("missing_field", "planned_end", "", "a zone has a planned end",
                               "请填写计划解除日期"));
  }
  auto end = DayFieldOr(in.planned_end, "planned_end", today);
  if (!end) return Fail(end.error());
  v.planned_end = *end;
  if (!in.last_case_on.empty()) {
    auto last = DayFieldOr(in.last_case_on, "last_case_on", today);
    if (!last) return Fail(last.error());
    v.last_case = *last;
  }
  v.note = in.note;
  v.places = in.places;
  auto checked = Validated(u, std::move(v), now);
  if (!checked) return Fail(checked.error());
  Zone z{0, in.name, CommonNode(checked->places), u.id, now};
  auto id = repo_.InsertZone(z, *checked);
  if (!id) return Fail(id.error());
  return One(u, *id, std::max(today, checked->from), false);
}

Result<ZoneView> ZoneService::Change(const User& u, int64_t id, const ZoneChangeInput& in,
                                     int64_t now) {
  if (auto s = CheckMayDrawZones(u); !s) return Fail(s.error());
  auto z = Visible(u, id);
  if (!z) return Fail(z.error());
  if (auto s = CheckJurisdiction(u, z->region_code); !s) return Fail(s.error());
  auto versions = repo_.VersionsOf({id});
  if (!versions) return Fail(versions.error());
  auto ordered = InOrder(std::move(*versions));
  if (ordered.empty()) return Fail(Error::NotFound("zone", std::to_string(id)));
  Date today = BeijingDay(now);
  ZoneVersion v = ordered.back();
  for (auto it = ordered.rbegin(); it != ordered.rend(); ++it)
    if (!it->lifted) {
      v = *it;
      break;
    }
  auto from = DayFieldOr(in.from, "from", today);
  if (!from) return Fail(from.error());
  if (*from < ordered.back().from) {
    return Fail(
        Error::Invalid("invalid_date", "from", from->Iso(),
                       "a change takes effect on or after the zone's last change (" +
                           ordered.back().from.Iso() + ")",
                       "调整生效日期不能早于上次调整（" + ordered.back().from.Iso() + "）"));
  }
  v.id = 0;
  v.from = *from;
  v.lifted = in.lift;
  v.note = in.note;
  if (in.level) {
    auto level = LevelField(*in.level);
    if (!level) return Fail(level.error());
    v.level = *level;
  }
  if (in.planned_end) {
    auto end = DayFieldOr(*in.planned_end, "planned_end", today);
    if (!end) return Fail(end.error());
    v.planned_end = *end;
  }
  if (in.last_case_on) {
    auto last = DayFieldOr(*in.last_case_on, "last_case_on", today);
    if (!last) return Fail(last.error());
    v.last_case = *last;
  } else if (v.last_case && *v.last_case > v.from) {
    v.last_case.reset();
  }
  if (in.places) v.places = *in.places;
  auto checked = Validated(u, std::move(v), now);
  if (!checked) return Fail(checked.error());
  std::vector<ZonePlace> reach = checked->places;
  reach.push_back(ZonePlace{z->region_code, "", {}});
  if (std::string node = CommonNode(reach); node != z->region_code) {
    if (auto s = repo_.SetZoneNode(id, node); !s) return Fail(s.error());
  }
  if (auto vid = repo_.InsertVersion(*checked); !vid) return Fail(vid.error());
  return One(u, id, std::max(today, checked->from), false);
}

}  // namespace fangkong
