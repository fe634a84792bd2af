#include "arrivals/arrival_service.h"

#include <algorithm>

#include "core/id_number.h"
#include "core/region_code.h"

namespace fangkong {

namespace {

std::string CountyOf(const std::string& code) { return code.substr(0, 6); }

Error NotAllowed() {
  return Error::Forbidden("your role may not work on arrivals", "您的角色无权处理排查人员");
}

Status CheckWorkerReport(const ArrivalReport& r, Date today) {
  if (r.name.empty() && r.id_number.empty()) {
    return Fail(Error::Invalid("name_required", "name", "", "give the name or the identity number",
                               "请填写姓名或身份证号"));
  }
  if (r.id_number.empty() && r.phone.empty()) {
    return Fail(Error::Invalid("contact_required", "phone", "",
                               "give the identity number or the phone, to find the person",
                               "请填写身份证号或手机号，以便匹配人员"));
  }
  if (!r.id_number.empty()) {
    if (auto id = ParseIdentityNumber(r.id_number, today); !id) return Fail(id.error());
  }
  if (!r.phone.empty()) {
    if (auto phone = ParseMobilePhone(r.phone); !phone) return Fail(phone.error());
  }
  if (!r.arrival_date || *r.arrival_date > today.AddDays(1) ||
      *r.arrival_date < today.AddDays(-30)) {
    return Fail(Error::Invalid(
        "invalid_arrival_date", "arrival_date", r.arrival_date ? r.arrival_date->Iso() : "",
        "the arrival date is within the last 30 days", "抵达日期应在近30天内"));
  }
  return {};
}

}  // namespace

Status CheckMayWorkArrivals(const User& u) {
  return CanManageMeasures(u.role) ? Status{} : Fail(NotAllowed());
}
Status CheckMayReadArrivals(const User& u) {
  return CanReadMeasures(u.role) ? Status{} : Fail(NotAllowed());
}
Status CheckMayImportArrivals(const User& u) {
  if (u.role != Role::kCountyAdmin) {
    return Fail(
        Error::Forbidden("only the county takes in pushed lists", "只有县级用户可以导入推送名单"));
  }
  return {};
}

ArrivalService::ArrivalService(ArrivalRepository& repo, RegionRepository& regions,
                               MeasureService& measures, UnitOfWork& unit)
    : repo_(repo), regions_(regions), measures_(measures), unit_(unit) {}

Status ArrivalService::FillNameKeysOnce() {
  std::lock_guard lock(keys_mu_);
  if (keys_filled_) return {};
  auto filled =
      repo_.FillNameKeys([](const std::string& name) { return PinyinTable::Default().Key(name); });
  if (!filled) return Fail(filled.error());
  keys_filled_ = true;
  return {};
}

Result<ArrivalView> ArrivalService::Record(const User& u, ArrivalReport r, int64_t now) {
  if (auto s = CheckMayWorkArrivals(u); !s) return Fail(s.error());
  if (r.source != ArrivalSource::kGrid && r.source != ArrivalSource::kCheckpoint) {
    return Fail(Error::Invalid("invalid_source", "source", ArrivalSourceCode(r.source),
                               "a worker records a grid or checkpoint find",
                               "来源应为网格排查或交通卡口"));
  }
  if (auto s = CheckWorkerReport(r, BeijingDay(now)); !s) return Fail(s.error());
  // A grid worker found the person in their own grid unless they say where.
  if (r.destination_code.empty() && u.region_code.size() >= 9) r.destination_code = u.region_code;
  if (!r.destination_code.empty()) {
    if (auto s = CheckJurisdiction(u, r.destination_code); !s) return Fail(s.error());
  }
  r.user_id = u.id;
  r.reported_at = now;
  auto taken = Take(CountyOf(u.region_code), {r}, kDefaultDeadlineHours, now);
  if (!taken) return Fail(taken.error());
  auto a = repo_.FindArrival(taken->arrival_ids.at(0));
  if (!a) return Fail(a.error());
  if (!*a) return Fail(Error::Internal("a recorded arrival vanished"));
  return ArrivalView{**a, StatusOf(**a, now)};
}

Result<ArrivalView> ArrivalService::SelfReport(ArrivalReport r, int64_t now) {
  r.source = ArrivalSource::kSelfReport;
  r.user_id = 0;
  r.reported_at = now;
  if (auto s = CheckSelfReport(r, BeijingDay(now)); !s) return Fail(s.error());
  auto place = regions_.FindRegion(r.destination_code);
  if (!place) return Fail(place.error());
  if (!*place) {
    return Fail(Error::Invalid("unknown_destination", "destination_code", r.destination_code,
                               "no such township or village in the county",
                               "本县没有该乡镇或村（社区）"));
  }
  auto taken = Take(CountyOf(r.destination_code), {r}, kDefaultDeadlineHours, now);
  if (!taken) return Fail(taken.error());
  auto a = repo_.FindArrival(taken->arrival_ids.at(0));
  if (!a) return Fail(a.error());
  if (!*a) return Fail(Error::Internal("a reported arrival vanished"));
  return ArrivalView{**a, StatusOf(**a, now)};
}

Result<std::vector<ArrivalView>> ArrivalService::List(const User& u, const ArrivalListFilter& f,
                                                      int64_t now) {
  if (auto s = CheckMayReadArrivals(u); !s) return Fail(s.error());
  std::string region = f.region.empty() ? u.region_code : f.region;
  if (auto s = CheckJurisdiction(u, region); !s) return Fail(s.error());
  auto all = repo_.Arrivals(ArrivalFilter{region, f.from, f.to});
  if (!all) return Fail(all.error());
  std::vector<ArrivalView> out;
  for (auto& a : *all) {
    ArrivalStatus s = StatusOf(a, now);
    if (!f.status || *f.status == s) out.push_back(ArrivalView{std::move(a), s});
  }
  return out;
}

Result<ArrivalView> ArrivalService::Visible(const User& u, int64_t id, int64_t now) {
  auto a = repo_.FindArrival(id);
  if (!a) return Fail(a.error());
  if (!*a || !CheckJurisdiction(u, (*a)->region_code))
    return Fail(Error::NotFound("arrival", std::to_string(id)));
  return ArrivalView{**a, StatusOf(**a, now)};
}

Result<ArrivalDetail> ArrivalService::Detail(const User& u, int64_t id, int64_t now) {
  if (auto s = CheckMayReadArrivals(u); !s) return Fail(s.error());
  auto v = Visible(u, id, now);
  if (!v) return Fail(v.error());
  ArrivalDetail d{std::move(*v), {}, {}};
  auto reports = repo_.ReportsOf(id);
  if (!reports) return Fail(reports.error());
  d.reports = std::move(*reports);
  auto candidates = repo_.CandidatesOf(id);
  if (!candidates) return Fail(candidates.error());
  std::vector<int64_t> ids;
  for (const auto& c : *candidates) ids.push_back(c.person_id);
  auto people = repo_.PeopleByIds(ids);
  if (!people) return Fail(people.error());
  for (const auto& c : *candidates)
    for (const auto& p : *people)
      if (p.person.person_id == c.person_id) d.candidates.push_back(CandidateView{p, c.score});
  return d;
}

Result<ArrivalView> ArrivalService::Choose(const User& u, int64_t id, int64_t person_id,
                                           int64_t now) {
  if (auto s = CheckMayWorkArrivals(u); !s) return Fail(s.error());
  auto v = Visible(u, id, now);
  if (!v) return Fail(v.error());
  Arrival& a = v->arrival;
  if (a.outcome != ArrivalOutcome::kNone) {
    return Fail(Error::Conflict("outcome_recorded", "outcome", ArrivalOutcomeCode(a.outcome),
                                "the arrival is verified already", "该人员已核查完毕"));
  }
  auto people = repo_.PeopleByIds({person_id});
  if (!people) return Fail(people.error());
  if (people->empty()) return Fail(Error::NotFound("person", std::to_string(person_id)));
  const RegisteredPerson& p = people->front();
  std::string county = CountyOf(u.region_code);
  a.person_id = person_id;
  a.match = MatchKind::kChosen;
  a.match_score = 1.0;
  a.out_of_county = p.region_code.rfind(county, 0) != 0;
  if (!a.out_of_county) {
    if (auto s = CheckJurisdiction(u, p.region_code); !s) return Fail(s.error());
    a.region_code = p.region_code;
  }
  if (auto s = repo_.SetPerson(a); !s) return Fail(s.error());
  v->status = StatusOf(a, now);
  return *v;
}

Result<ArrivalView> ArrivalService::RecordOutcome(const User& u, int64_t id, const OutcomeInput& in,
                                                  int64_t now) {
  if (auto s = CheckMayWorkArrivals(u); !s) return Fail(s.error());
  auto v = Visible(u, id, now);
  if (!v) return Fail(v.error());
  Arrival& a = v->arrival;
  auto outcome = ParseArrivalOutcome(in.outcome);
  if (auto s = CheckOutcome(a, outcome.value_or(ArrivalOutcome::kNone), in.note); !s)
    return Fail(s.error());
  if (!in.measure_type.empty() && *outcome != ArrivalOutcome::kFound) {
    return Fail(Error::Invalid("measure_needs_found", "measure_type", in.measure_type,
                               "a measure is applied to a person who was found",
                               "只有已找到的人员才能落实管控措施"));
  }
  a.outcome = *outcome;
  a.outcome_at = now;
  a.outcome_by = u.id;
  a.outcome_note = in.note;
  // The measure and the outcome are one unit: a refused measure records
  // nothing, and a verified arrival always names its measure.
  auto s = unit_.Atomically([&]() -> Status {
    if (!in.measure_type.empty()) {
      auto m = measures_.Assign(u,
                                AssignMeasureInput{a.person_id, in.measure_type, in.measure_start,
                                                   "arrival", "排查 #" + std::to_string(a.id)},
                                now);
      if (!m) return Fail(m.error());
      a.measure_id = m->measure.id;
    }
    return repo_.SetOutcome(a);
  });
  if (!s) return Fail(s.error());
  v->status = StatusOf(a, now);
  return *v;
}

Result<std::vector<ArrivalFigures>> ArrivalService::Figures(const User& u, std::optional<Date> from,
                                                            std::optional<Date> to, int64_t now) {
  if (auto s = CheckMayReadArrivals(u); !s) return Fail(s.error());
  auto all = repo_.Arrivals(ArrivalFilter{u.region_code, from, to});
  if (!all) return Fail(all.error());
  size_t length = u.region_code.size() < 9 ? 9 : 12;
  return FiguresBy(*all, length, now);
}

Result<std::vector<Arrival>> ArrivalService::OutOfCounty(const User& u, std::optional<Date> from,
                                                         std::optional<Date> to) {
  if (auto s = CheckMayReadArrivals(u); !s) return Fail(s.error());
  if (!CanExport(u.role)) {
    return Fail(Error::Forbidden("your role may not export", "您的角色无权导出"));
  }
  auto all = repo_.Arrivals(ArrivalFilter{u.region_code, from, to});
  if (!all) return Fail(all.error());
  std::erase_if(*all, [](const Arrival& a) {
    return !a.out_of_county || a.outcome != ArrivalOutcome::kNone;
  });
  return *all;
}

Result<std::vector<ArrivalImport>> ArrivalService::Imports(const User& u) {
  if (auto s = CheckMayReadArrivals(u); !s) return Fail(s.error());
  return repo_.Imports(u.region_code);
}

}  // namespace fangkong
