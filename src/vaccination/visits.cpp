#include "vaccination/visits.h"

#include "core/text.h"
#include "registry/person.h"

namespace fangkong {

namespace {

Error Check(const char* code, const char* field, std::string_view value, std::string en,
            std::string zh) {
  return Error::Invalid(code, field, value, std::move(en), std::move(zh));
}

}  // namespace

VisitService::VisitService(const Catalogue& catalogue, VaccinationService& vaccination,
                           VaccinationRepository& repo, ColdChainRepository& cold_chain,
                           PersonRepository& persons, OrganisationRepository& organisations,
                           VaccinationStateRepository& states, FigureRepository& figures,
                           UnitOfWork& unit)
    : catalogue_(catalogue),
      vaccination_(vaccination),
      repo_(repo),
      cold_chain_(cold_chain),
      persons_(persons),
      organisations_(organisations),
      states_(states),
      figures_(figures),
      unit_(unit) {
  for (const auto& p : catalogue_.products())
    trace_formats_.emplace(p.code, std::regex(p.trace_code_pattern));
}

Result<VaccinationSite> VisitService::WorkSite(const User& u, int64_t site_id) {
  if (!CanManageSites(u.role)) {
    return Fail(
        Error::Forbidden("your role does not work at vaccination sites", "您的角色不能办理接种"));
  }
  return FindSiteInJurisdiction(repo_, u, site_id);
}

Result<Visit> VisitService::OwnVisit(const User& u, int64_t visit_id) {
  auto v = repo_.FindVisit(visit_id);
  if (!v) return Fail(v.error());
  if (!*v) return Fail(Error::NotFound("visit", std::to_string(visit_id)));
  if (auto site = WorkSite(u, (*v)->site_id); !site) return Fail(site.error());
  return **v;
}

Result<Person> VisitService::PersonOf(const Visit& v) {
  auto p = persons_.FindById(v.person_id);
  if (!p) return Fail(p.error());
  if (!*p) return Fail(Error::NotFound("person", std::to_string(v.person_id)));
  return **p;
}

Result<VisitWithPerson> VisitService::WithPerson(Result<Visit> v) {
  if (!v) return Fail(v.error());
  auto p = PersonOf(*v);
  if (!p) return Fail(p.error());
  return VisitWithPerson{std::move(*v), std::move(*p)};
}

Result<VisitWithPerson> VisitService::CheckIn(const User& u, int64_t site_id,
                                              const std::string& id_number, int64_t now) {
  auto site = WorkSite(u, site_id);
  if (!site) return Fail(site.error());
  std::string number = NormalizeAsciiWidth(Trim(id_number));
  if (!number.empty() && number.back() == 'x') number.back() = 'X';
  if (number.empty()) {
    return Fail(Check("required", "id_number", "", "type or scan the identity number",
                      "请输入或扫描证件号码"));
  }
  auto person = persons_.FindByDocument(number);
  if (!person) return Fail(person.error());
  if (!*person) {
    return Fail(Error::NotFound("person", number));
  }
  Date today = BeijingDay(now);
  Visit v;
  v.person_id = (*person)->id;
  v.site_id = site_id;
  v.day = today;
  v.checked_in_at = now;
  v.checked_in_by = u.id;
  auto booked = repo_.AppointmentsOf(v.person_id);
  if (!booked) return Fail(booked.error());
  for (const auto& a : *booked) {
    if (a.status == AppointmentStatus::kBooked && a.site_id == site_id && a.day == today) {
      v.appointment_id = a.id;
      v.disease = a.disease;
    }
  }
  auto next = vaccination_.NextDoseFor(**person, v.disease, today);
  if (!next) return Fail(next.error());
  auto status = next->next.status;
  if (status != DoseStatus::kDue && status != DoseStatus::kOverdue) {
    return Fail(Check("not_eligible", "id_number", number,
                      (*person)->name + ": " + ExplainNextDose(catalogue_, next->next, false),
                      (*person)->name + "：" + ExplainNextDose(catalogue_, next->next, true)));
  }
  auto id = repo_.InsertVisit(v);
  if (!id) return Fail(id.error());
  v.id = *id;
  return VisitWithPerson{std::move(v), std::move(**person)};
}

Result<VisitWithPerson> VisitService::Get(const User& u, int64_t visit_id) {
  return WithPerson(OwnVisit(u, visit_id));
}

Result<VisitWithPerson> VisitService::Screen(const User& u, int64_t visit_id,
                                             const ScreeningInput& in, int64_t now) {
  auto v = OwnVisit(u, visit_id);
  if (!v) return Fail(v.error());
  auto next = fangkong::Screen(*v, in, u.id, BeijingDay(now));
  if (!next) return Fail(next.error());
  if (auto s = repo_.SaveVisit(*next, v->state); !s) return Fail(s.error());
  return WithPerson(std::move(next));
}

Result<VisitWithPerson> VisitService::Consent(const User& u, int64_t visit_id,
                                              const std::string& product, int64_t now) {
  auto v = OwnVisit(u, visit_id);
  if (!v) return Fail(v.error());
  if (!product.empty() && !catalogue_.ProductIndex(product)) {
    return Fail(Check("invalid_value", "product", product, "not a product of the vaccine catalogue",
                      "疫苗目录中没有该产品"));
  }
  auto next = fangkong::Consent(*v, u.id, now, product);
  if (!next) return Fail(next.error());
  if (auto s = repo_.SaveVisit(*next, v->state); !s) return Fail(s.error());
  return WithPerson(std::move(next));
}

Status VisitService::CheckVaccinator(const User& u, int64_t site_id, Date today) {
  auto staff = repo_.StaffOf(site_id);
  if (!staff) return Fail(staff.error());
  for (const auto& s : *staff) {
    if (s.user_id != u.id || s.duty != StaffDuty::kVaccinator) continue;
    if (s.CertifiedOn(today)) return {};
    return Fail(Check("uncertified_vaccinator", "vaccinator", u.username,
                      "your vaccinator certificate " + s.certificate_no + " expired on " +
                          (s.certified_until ? s.certified_until->Iso() : "?"),
                      "您的接种资质证书" + s.certificate_no + "已于" +
                          (s.certified_until ? s.certified_until->Iso() : "?") + "过期，不能接种"));
  }
  return Fail(Check("uncertified_vaccinator", "vaccinator", u.username,
                    "only a certified vaccinator of this site may record a dose",
                    "只有本接种点具备资质的接种人员才能登记接种"));
}

Result<VaccineLot> VisitService::LotFor(const AdministerInput& in) {
  auto lots = repo_.LotsByNumber(in.lot_number);
  if (!lots) return Fail(lots.error());
  if (lots->empty()) {
    return Fail(Check("unknown_lot", "lot_number", in.lot_number, "no such lot has been received",
                      "系统中没有该批号"));
  }
  if (in.product.empty() && lots->size() == 1) return lots->front();
  for (const auto& l : *lots)
    if (l.product == in.product) return l;
  return Fail(Check("unknown_lot", "lot_number", in.lot_number,
                    "lot " + in.lot_number + " is not a lot of " +
                        (in.product.empty() ? "one product" : in.product),
                    "批号" + in.lot_number + "与所选疫苗产品不符"));
}

Result<VisitWithPerson> VisitService::Administer(const User& u, int64_t visit_id,
                                                 const AdministerInput& in, int64_t now) {
  return AtomicallyReturning<VisitWithPerson>(
      unit_, [&] { return AdministerChecked(u, visit_id, in, now); });
}

Result<VisitWithPerson> VisitService::AdministerChecked(const User& u, int64_t visit_id,
                                                        const AdministerInput& in, int64_t now) {
  auto v = OwnVisit(u, visit_id);
  if (!v) return Fail(v.error());
  if (v->state != VisitState::kConsented) return Fail(VisitStateError(*v, "administer", "接种"));
  Date today = BeijingDay(now);
  if (auto s = CheckVaccinator(u, v->site_id, today); !s) return Fail(s.error());
  auto lot = LotFor(in);
  if (!lot) return Fail(lot.error());
  if (!v->product.empty() && lot->product != v->product) {
    return Fail(Check("wrong_product", "lot_number", in.lot_number,
                      "lot " + lot->lot_number + " is " + lot->product +
                          ", but the person consented to " + v->product,
                      "批号" + lot->lot_number + "为" + lot->product + "，与受种者同意接种的" +
                          v->product + "不符"));
  }
  auto format = trace_formats_.find(lot->product);
  if (format == trace_formats_.end() || !IsTraceCodeOf(in.trace_code, format->second)) {
    return Fail(Check("invalid_trace_code", "trace_code", in.trace_code,
                      "not a traceability code of " + lot->product, "追溯码格式不正确"));
  }
  if (lot->expiry < today) return Fail(LotExpiredError(lot->lot_number, lot->expiry, today));
  if (lot->held) return Fail(LotHeldError(lot->lot_number, lot->hold_reason));
  auto hold = cold_chain_.ActiveHold(v->site_id, lot->id);
  if (!hold) return Fail(hold.error());
  if (*hold) return Fail(LotHeldError(lot->lot_number, (*hold)->reason));
  // Stock is checked where it is taken: the administration's transaction
  // refuses the dose (insufficient_stock) if the site has none of this lot.
  auto person = PersonOf(*v);
  if (!person) return Fail(person.error());
  auto next = vaccination_.NextDoseFor(*person, v->disease, today);
  if (!next) return Fail(next.error());
  int product = *catalogue_.ProductIndex(lot->product);
  bool due = next->next.status == DoseStatus::kDue || next->next.status == DoseStatus::kOverdue;
  if (!due || !(next->next.products & (ProductSet{1} << product))) {
    std::string why_en = due ? lot->product + " is not a product for this dose"
                             : ExplainNextDose(catalogue_, next->next, false);
    std::string why_zh = due ? lot->product + "不是本剂次可用的疫苗产品"
                             : ExplainNextDose(catalogue_, next->next, true);
    return Fail(Check("not_eligible", "product", lot->product, person->name + ": " + why_en,
                      person->name + "：" + why_zh));
  }
  DoseRecord dose;
  dose.person_id = v->person_id;
  dose.product = lot->product;
  dose.dose_number = next->next.dose_number;
  dose.booster = next->next.booster;
  dose.date = today;
  dose.administered_at = now;
  dose.site_id = v->site_id;
  dose.vaccinator_id = u.id;
  dose.lot = lot->lot_number;
  dose.trace_code = in.trace_code;
  dose.region_code = person->region_code;
  StockLine line{0, v->site_id, lot->id, StockMove::kAdminister, -1, now, u.id, "", ""};
  Visit done = *v;
  done.state = VisitState::kAdministered;
  done.administered_at = now;
  done.observation_until = now + kObservationSeconds;
  done.product = lot->product;
  // The dose first, for its id, which the person's state lists (the
  // history is read through the states' lists, dose.h InsertListedDose).
  auto id = repo_.InsertListedDose(dose);
  if (!id) return Fail(id.error());
  dose.id = *id;
  done.dose_id = *id;
  // The person's state before and after, from the doses read above for the
  // eligibility check and this one: the stored state equals the one computed
  // from the doses (vaccination_state_rebuild checks it), and reading neither
  // again saves two queries inside the single writer (bench/RESULTS.md).
  // They are written before the stock line, which locks the site's balance
  // row until the commit: on PostgreSQL every dose of the site waits for
  // that lock, so nothing else should run while it is held.
  auto doses = std::move(next->history);
  VaccinationState before =
      StateFromDoses(catalogue_, v->disease, v->person_id, person->birth_date, doses);
  doses.push_back(dose);
  auto state = StateFromDoses(catalogue_, v->disease, v->person_id, person->birth_date, doses);
  auto saved = before.doses ? states_.UpdateStates({state}) : states_.SaveStates({state});
  if (!saved) return Fail(saved.error());
  auto who = FigurePersonOf(*person, organisations_);
  if (!who) return Fail(who.error());
  auto changes = ChangesOfState(before.doses ? &before : nullptr, person->region_code, state,
                                person->region_code, *who);
  for (auto& f : ChangesOfDose(catalogue_, dose)) changes.push_back(std::move(f));
  if (auto s = figures_.Append(changes); !s) return Fail(s.error());
  if (auto r = repo_.RecordAdministration(done, line); !r) return Fail(r.error());
  return VisitWithPerson{std::move(done), std::move(*person)};
}

Result<VisitWithPerson> VisitService::Release(const User& u, int64_t visit_id, int64_t now) {
  auto v = OwnVisit(u, visit_id);
  if (!v) return Fail(v.error());
  auto next = fangkong::Release(*v, u.id, now);
  if (!next) return Fail(next.error());
  if (auto s = repo_.SaveVisit(*next, v->state); !s) return Fail(s.error());
  return WithPerson(std::move(next));
}

Result<std::vector<Visit>> VisitService::Board(const User& u, int64_t site_id, Date day) {
  if (auto site = WorkSite(u, site_id); !site) return Fail(site.error());
  return repo_.VisitsAt(site_id, day);
}

}  // namespace fangkong
