// Where vaccination happens: sites (fixed clinics, temporary sites, mobile
// teams) with their staff and certification, the slots they publish, and the
// appointments people hold in them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class SiteType { kFixed, kTemporary, kMobile };
const char* SiteTypeCode(SiteType t);  // fixed, temporary, mobile
std::optional<SiteType> ParseSiteType(std::string_view s);

// A site is an organisation of kind vaccination_site with these details.
struct VaccinationSite {
  int64_t org_id = 0;
  std::string name;         // the organisation's
  std::string region_code;  // the organisation's
  SiteType type = SiteType::kFixed;
  int daily_capacity = 0;
  int64_t backup_hospital_id = 0;  // organisation (hospital) for emergencies
  std::string address;
  bool active = true;
};

// Duties at a site. Only a vaccinator with a certificate valid on the day may
// record a dose.
enum class StaffDuty { kVaccinator, kRegistrar, kDoctor };
const char* StaffDutyCode(StaffDuty d);
std::optional<StaffDuty> ParseStaffDuty(std::string_view s);

struct SiteStaff {
  int64_t site_id = 0;
  int64_t user_id = 0;
  std::string username, display_name;  // filled when read
  StaffDuty duty = StaffDuty::kVaccinator;
  std::string certificate_no;
  std::optional<Date> certified_until;
  bool CertifiedOn(Date day) const { return certified_until && day <= *certified_until; }
};

// A session a site opens on a day, with the places it offers.
struct Slot {
  int64_t id = 0;
  int64_t site_id = 0;
  Date day;
  std::string start_time, end_time;  // "08:30"
  int capacity = 0;
  int booked = 0;  // open bookings
  std::string disease = "covid19";
  int free() const { return capacity - booked; }
};

enum class AppointmentStatus { kBooked, kCancelled, kNoShow, kAttended };
const char* AppointmentStatusCode(AppointmentStatus s);
std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view s);

struct Appointment {
  int64_t id = 0;
  int64_t slot_id = 0;
  int64_t person_id = 0;
  std::string disease = "covid19";
  int dose_number = 0;
  AppointmentStatus status = AppointmentStatus::kBooked;
  int64_t booked_by = 0;  // user
  int64_t booked_at = 0;  // unix seconds
  std::string block;      // label of a group booking (village, employer, department), or ""
  // Filled when read, from the slot.
  int64_t site_id = 0;
  Date day;
  std::string start_time;
};

// The conflicts of booking, named the same on both storage engines.
Error SlotFullError(int64_t slot_id);
Error DuplicateBookingError(int64_t person_id, int dose_number);
Error AppointmentNotOpenError(int64_t id, std::string_view status);
Error DuplicateSlotError(const std::string& start_time);

}  // namespace fangkong
