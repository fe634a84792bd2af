#include "vaccination/appointments.h"

#include "registry/person.h"

namespace fangkong {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Error NotAllowed(const char* what_en, const char* what_zh) {
  return Error::Forbidden(std::string("your role may not ") + what_en,
                          std::string("您的角色无权") + what_zh);
}

bool IsClockTime(const std::string& t) {
  return t.size() == 5 && t[2] == ':' && IsDigit(t[0]) && IsDigit(t[1]) && IsDigit(t[3]) &&
         IsDigit(t[4]) && std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

}  // namespace

Result<std::vector<VaccinationSite>> AppointmentService::Sites(const User& u,
                                                               const std::string& region) {
  std::string root = region.empty() ? u.region_code : region;
  if (auto s = CheckJurisdiction(u, root); !s) return Fail(s.error());
  return repo_.SitesUnder(root);
}

// Sites serve whoever comes, so any signed-in user may see a site's details
// and slots; only managing them is tied to the jurisdiction.
Result<VaccinationSite> AppointmentService::Site(const User&, int64_t site_id) {
  return FindExistingSite(repo_, site_id);
}

Result<std::vector<Slot>> AppointmentService::Slots(const User& u, int64_t site_id, Date day) {
  if (auto site = Site(u, site_id); !site) return Fail(site.error());
  return repo_.SlotsOf(site_id, day);
}

Result<Slot> AppointmentService::OpenSlot(const User& u, int64_t site_id, const SlotRequest& r,
                                          Date today) {
  if (!CanManageSites(u.role)) return Fail(NotAllowed("open slots", "开放预约时段"));
  auto site = Site(u, site_id);
  if (!site) return Fail(site.error());
  if (auto s = CheckJurisdiction(u, site->region_code); !s) return Fail(s.error());
  if (r.day < today) {
    return Fail(Error::Invalid("date_in_past", "date", r.day.Iso(),
                               "a slot cannot open in the past", "不能开放过去日期的时段"));
  }
  for (const auto* t : {&r.start_time, &r.end_time}) {
    if (!IsClockTime(*t)) {
      return Fail(Error::Invalid("invalid_time", t == &r.start_time ? "start_time" : "end_time", *t,
                                 "times are HH:MM on a 24-hour clock",
                                 "时间格式应为HH:MM（24小时制）"));
    }
  }
  if (r.end_time <= r.start_time) {
    return Fail(Error::Invalid("invalid_time", "end_time", r.end_time,
                               "the slot must end after it starts", "结束时间应晚于开始时间"));
  }
  if (r.capacity < 1 || r.capacity > 10000) {
    return Fail(Error::Invalid("invalid_value", "capacity", std::to_string(r.capacity),
                               "capacity must be between 1 and 10000", "可预约数应在1至10000之间"));
  }
  if (!vaccination_.catalogue().DiseaseIndex(r.disease)) {
    return Fail(UnknownDiseaseError(r.disease));
  }
  Slot slot{0, site_id, r.day, r.start_time, r.end_time, r.capacity, 0, r.disease};
  auto id = repo_.CreateSlot(slot);
  if (!id) return Fail(id.error());
  slot.id = *id;
  return slot;
}

Result<Slot> AppointmentService::BookableSlot(int64_t slot_id, Date today) {
  auto slot = repo_.FindSlot(slot_id);
  if (!slot) return Fail(slot.error());
  if (!*slot) return Fail(Error::NotFound("slot", std::to_string(slot_id)));
  if ((*slot)->day < today) {
    return Fail(Error::Invalid("booking_in_past", "slot_id", (*slot)->day.Iso(),
                               "this slot's day has passed", "该时段日期已过，不能预约"));
  }
  return **slot;
}

Result<Appointment> AppointmentService::Prepare(const User& u, int64_t person_id,
                                                const Slot& slot) {
  auto person = registry_.GetPerson(u, person_id);
  if (!person) return Fail(person.error());
  auto next = vaccination_.NextDoseFor(*person, slot.disease, slot.day);
  if (!next) return Fail(next.error());
  auto status = next->next.status;
  if (status != DoseStatus::kDue && status != DoseStatus::kOverdue) {
    const auto& c = vaccination_.catalogue();
    return Fail(Error::Invalid(
        "not_eligible", "person_id", std::to_string(person_id),
        person->name + " on " + slot.day.Iso() + ": " + ExplainNextDose(c, next->next, false),
        person->name + "（" + slot.day.Iso() + "）：" + ExplainNextDose(c, next->next, true)));
  }
  Appointment a;
  a.person_id = person_id;
  a.disease = slot.disease;
  a.dose_number = next->next.dose_number;
  a.booked_by = u.id;
  a.booked_at = NowUnixSeconds();
  return a;
}

Result<std::vector<int64_t>> AppointmentService::Book(const User& u, const BookingRequest& r,
                                                      Date today) {
  if (!CanBook(u.role)) return Fail(NotAllowed("book appointments", "预约接种"));
  if (r.person_ids.empty()) {
    return Fail(Error::Invalid("required", "person_ids", "", "name at least one person to book",
                               "请至少选择一名预约人员"));
  }
  if (r.person_ids.size() > kMaxBlockBooking) {
    return Fail(Error::Invalid("too_many", "person_ids", std::to_string(r.person_ids.size()),
                               "a block booking holds at most 500 people",
                               "批量预约每次最多500人"));
  }
  // The eligibility checks and the booking are one unit of work: no dose or
  // visit recorded meanwhile can make a booked person ineligible unseen.
  return AtomicallyReturning<std::vector<int64_t>>(unit_, [&] { return BookChecked(u, r, today); });
}

Result<std::vector<int64_t>> AppointmentService::BookChecked(const User& u,
                                                             const BookingRequest& r, Date today) {
  auto slot = BookableSlot(r.slot_id, today);
  if (!slot) return Fail(slot.error());
  std::vector<Appointment> bookings;
  bookings.reserve(r.person_ids.size());
  for (int64_t id : r.person_ids) {
    auto a = Prepare(u, id, *slot);
    if (!a) return Fail(a.error());
    a->block = r.block;
    bookings.push_back(std::move(*a));
  }
  return repo_.Book(slot->id, bookings);
}

Result<Appointment> AppointmentService::OwnAppointment(const User& u, int64_t id) {
  if (!CanBook(u.role)) return Fail(NotAllowed("change appointments", "修改预约"));
  auto a = repo_.FindAppointment(id);
  if (!a) return Fail(a.error());
  if (!*a) return Fail(Error::NotFound("appointment", std::to_string(id)));
  if (auto p = registry_.GetPerson(u, (*a)->person_id); !p) return Fail(p.error());
  return **a;
}

Status AppointmentService::Cancel(const User& u, int64_t id) {
  if (auto a = OwnAppointment(u, id); !a) return Fail(a.error());
  return repo_.CloseAppointment(id, AppointmentStatus::kCancelled);
}

Status AppointmentService::MarkNoShow(const User& u, int64_t id) {
  if (auto a = OwnAppointment(u, id); !a) return Fail(a.error());
  return repo_.CloseAppointment(id, AppointmentStatus::kNoShow);
}

Result<int64_t> AppointmentService::Reschedule(const User& u, int64_t id, int64_t new_slot,
                                               Date today) {
  // The checks and the move are one unit of work, as a booking's are.
  return AtomicallyReturning<int64_t>(unit_, [&]() -> Result<int64_t> {
    auto a = OwnAppointment(u, id);
    if (!a) return Fail(a.error());
    auto slot = BookableSlot(new_slot, today);
    if (!slot) return Fail(slot.error());
    if (slot->disease != a->disease) {
      return Fail(Error::Invalid("wrong_vaccine", "slot_id", std::to_string(new_slot),
                                 "the slot offers " + slot->disease + ", the booking is for " + a->disease,
                                 "该时段接种的疫苗与原预约不同，请选择同一疫苗的时段"));
    }
    if (a->status == AppointmentStatus::kBooked) {
      // The dose must still be due on the new day (it may be too soon, or a deferral may now apply).
      auto check = Prepare(u, a->person_id, *slot);
      if (!check) return Fail(check.error());
    }
    return repo_.Reschedule(id, new_slot);
  });
}

Result<std::vector<Appointment>> AppointmentService::AppointmentsOf(const User& u,
                                                                    int64_t person_id) {
  if (auto p = registry_.GetPerson(u, person_id); !p) return Fail(p.error());
  return repo_.AppointmentsOf(person_id);
}

}  // namespace fangkong
