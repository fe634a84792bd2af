// Sites, slots and appointments as users work with them: every rule a
// booking must pass before the repository takes its places.
#pragma once

#include <string>
#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "registry/service.h"
#include "vaccination/repository.h"
#include "vaccination/service.h"

namespace fangkong {

struct BookingRequest {
  int64_t slot_id = 0;
  std::vector<int64_t> person_ids;  // one person, or a block for a village, employer or department
  std::string block;                // the block's label
};

struct SlotRequest {
  Date day;
  std::string start_time, end_time;  // HH:MM
  int capacity = 0;
  std::string disease = "covid19";
};

inline constexpr size_t kMaxBlockBooking = 500;

class AppointmentService {
 public:
  // All must outlive the service. `unit` is the store behind the repositories.
  AppointmentService(RegistryService& registry, VaccinationService& vaccination,
                     VaccinationRepository& repo, UnitOfWork& unit)
      : registry_(registry), vaccination_(vaccination), repo_(repo), unit_(unit) {}

  // Sites in the user's jurisdiction (or the given subtree of it).
  Result<std::vector<VaccinationSite>> Sites(const User& u, const std::string& region);
  Result<VaccinationSite> Site(const User& u, int64_t site_id);
  Result<std::vector<Slot>> Slots(const User& u, int64_t site_id, Date day);
  // Opens a slot: not in the past, times HH:MM with start before end, capacity 1-10000.
  Result<Slot> OpenSlot(const User& u, int64_t site_id, const SlotRequest& r, Date today);

  // Books every person or none. Rules: the slot exists and is not in the
  // past; each person is in the user's jurisdiction and due a dose of the
  // slot's disease on the slot's day (the error names the person and says
  // why not); then places and one-open-booking-per-dose are enforced by the
  // repository (slot_full, duplicate_booking).
  Result<std::vector<int64_t>> Book(const User& u, const BookingRequest& r, Date today);
  Status Cancel(const User& u, int64_t appointment_id);
  Status MarkNoShow(const User& u, int64_t appointment_id);
  Result<int64_t> Reschedule(const User& u, int64_t appointment_id, int64_t new_slot, Date today);
  Result<std::vector<Appointment>> AppointmentsOf(const User& u, int64_t person_id);

 private:
  Result<Slot> BookableSlot(int64_t slot_id, Date today);
  Result<Appointment> Prepare(const User& u, int64_t person_id, const Slot& slot);
  Result<std::vector<int64_t>> BookChecked(const User& u, const BookingRequest& r, Date today);
  Result<Appointment> OwnAppointment(const User& u, int64_t id);

  RegistryService& registry_;
  VaccinationService& vaccination_;
  VaccinationRepository& repo_;
  UnitOfWork& unit_;
};

}  // namespace fangkong
