#include "vaccination/site.h"

#include <array>

#include "vaccination/repository.h"

namespace fangkong {

namespace {
template <typename E, size_t N>
std::optional<E> ParseCode(const std::array<const char*, N>& codes, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (s == codes[i]) return static_cast<E>(i);
  return std::nullopt;
}
constexpr std::array<const char*, 3> kSiteTypes = {"fixed", "temporary", "mobile"};
constexpr std::array<const char*, 3> kDuties = {"vaccinator", "registrar", "doctor"};
constexpr std::array<const char*, 4> kStatuses = {"booked", "cancelled", "no_show", "attended"};
}  // namespace

const char* SiteTypeCode(SiteType t) { return kSiteTypes[static_cast<size_t>(t)]; }
std::optional<SiteType> ParseSiteType(std::string_view s) {
  return ParseCode<SiteType>(kSiteTypes, s);
}
const char* StaffDutyCode(StaffDuty d) { return kDuties[static_cast<size_t>(d)]; }
std::optional<StaffDuty> ParseStaffDuty(std::string_view s) {
  return ParseCode<StaffDuty>(kDuties, s);
}
const char* AppointmentStatusCode(AppointmentStatus s) { return kStatuses[static_cast<size_t>(s)]; }
std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view s) {
  return ParseCode<AppointmentStatus>(kStatuses, s);
}

Error SlotFullError(int64_t slot_id) {
  return Error::Conflict("slot_full", "slot_id", std::to_string(slot_id),
                         "this slot has no free places left", "该时段已约满");
}

Error DuplicateBookingError(int64_t person_id, int dose_number) {
  return Error::Conflict(
      "duplicate_booking", "person_id", std::to_string(person_id),
      "this person already holds an open booking for dose " + std::to_string(dose_number),
      "该人员已有第" + std::to_string(dose_number) + "剂的有效预约");
}

Error AppointmentNotOpenError(int64_t id, std::string_view status) {
  return Error::Conflict(
      "not_open", "status", status,
      "appointment " + std::to_string(id) + " is no longer open (" + std::string(status) + ")",
      "该预约已不是待接种状态（" + std::string(status) + "）");
}

Error DuplicateSlotError(const std::string& start_time) {
  return Error::Conflict("duplicate_slot", "start_time", start_time,
                         "the site already has a slot that day at this time",
                         "该接种点当天此时间已有时段");
}

Result<VaccinationSite> FindExistingSite(VaccinationRepository& repo, int64_t site_id) {
  auto site = repo.FindSite(site_id);
  if (!site) return Fail(site.error());
  if (!*site) return Fail(Error::NotFound("site", std::to_string(site_id)));
  return **site;
}

Result<VaccinationSite> FindSiteInJurisdiction(VaccinationRepository& repo, const User& u,
                                               int64_t site_id) {
  auto site = FindExistingSite(repo, site_id);
  if (!site) return Fail(site.error());
  if (auto s = CheckJurisdiction(u, site->region_code); !s) return Fail(s.error());
  return site;
}

}  // namespace fangkong
