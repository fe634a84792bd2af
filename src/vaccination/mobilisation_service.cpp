#include "vaccination/mobilisation_service.h"

#include <algorithm>
#include <map>

#include "core/text.h"

namespace fangkong {

namespace {

constexpr size_t kBatch = 2000;  // people whose doses are read in one query
constexpr int64_t kMaxPeople = 2'000'000;
constexpr int64_t kMaxOffset = 100'000'000;  // past any province's list

template <typename T>
std::map<int64_t, std::vector<T>> ByPerson(std::vector<T> rows) {
  std::map<int64_t, std::vector<T>> out;
  for (auto& r : rows) out[r.person_id].push_back(std::move(r));
  return out;
}

// The order of a list: those still to be followed first (they need the
// calls most), then by village; the latest first, or for a first dose the
// oldest first (the order the stored lists are read in: mobilisation_sql.h).
auto ListOrder(MobilisationKind kind) {
  return [kind](const MobilisationEntry& a, const MobilisationEntry& b) {
    if (a.accounted != b.accounted) return !a.accounted;
    if (a.person.region_code != b.person.region_code)
      return a.person.region_code < b.person.region_code;
    if (kind == MobilisationKind::kUnvaccinated && a.person.birth_date != b.person.birth_date)
      return a.person.birth_date < b.person.birth_date;
    if (a.days_late != b.days_late) return a.days_late > b.days_late;
    return a.person.id < b.person.id;
  };
}

}  // namespace

Result<std::vector<MobilisationEntry>> MobilisationService::Evaluate(std::vector<Person> people,
                                                                     const MobilisationQuery& q,
                                                                     int disease, Date today) {
  std::vector<MobilisationEntry> found;
  if (people.empty()) return found;
  std::vector<int64_t> ids;
  ids.reserve(people.size());
  for (const auto& p : people) ids.push_back(p.id);
  auto doses = repo_.DosesOfPersons(ids);
  if (!doses) return Fail(doses.error());
  auto screenings = repo_.ScreeningsOfPersons(ids);
  if (!screenings) return Fail(screenings.error());
  auto dose_map = ByPerson(std::move(*doses));
  auto screening_map = ByPerson(std::move(*screenings));
  static const std::vector<DoseRecord> kNoDoses;
  static const std::vector<Visit> kNoVisits;
  std::vector<GivenDose> storage;
  for (auto& p : people) {
    auto d = dose_map.find(p.id);
    auto s = screening_map.find(p.id);
    SeriesInput in = SeriesInputFor(catalogue_, q.disease, p.birth_date,
                                    d == dose_map.end() ? kNoDoses : d->second,
                                    s == screening_map.end() ? kNoVisits : s->second, storage);
    NextDose next = EvaluateNextDose(catalogue_, disease, in, today);
    if (!BelongsOnList(q.kind, next, today)) continue;
    MobilisationEntry e;
    e.next = next;
    e.days_late =
        q.kind == MobilisationKind::kUnvaccinated ? 0 : today.days() - next.recommended.days();
    e.person = std::move(p);
    found.push_back(std::move(e));
  }
  ids.clear();
  for (const auto& e : found) ids.push_back(e.person.id);
  auto latest = ids.empty() ? Result<std::vector<FollowUp>>(std::vector<FollowUp>{})
                            : repo_.LatestFollowUps(ids, q.disease);
  if (!latest) return Fail(latest.error());
  std::map<int64_t, FollowUp> latest_by_person;
  for (auto& f : *latest) latest_by_person[f.person_id] = std::move(f);
  for (auto& e : found) {
    if (auto it = latest_by_person.find(e.person.id); it != latest_by_person.end()) {
      e.latest = it->second;
      e.accounted = AccountsForPerson(it->second.result);
    }
  }
  return found;
}

Result<int> MobilisationService::CheckQuery(const User& u, const MobilisationQuery& q) {
  if (u.role == Role::kDepartmentOfficer && q.employer_id == 0) {
    return Fail(Error::Forbidden("department officers list the people of an employer",
                                 "行业主管部门请按单位查看名单"));
  }
  auto disease = catalogue_.DiseaseIndex(q.disease);
  if (!disease) return Fail(UnknownDiseaseError(q.disease));
  if (q.limit < 1 || q.limit > 100000) {
    return Fail(Error::Invalid("invalid_value", "limit", std::to_string(q.limit),
                               "limit must be between 1 and 100000", "条数应在1至100000之间"));
  }
  if (q.offset < 0 || q.offset > kMaxOffset) {
    return Fail(Error::Invalid("invalid_value", "offset", std::to_string(q.offset),
                               "offset must be between 0 and 100000000",
                               "起始行应在0至100000000之间"));
  }
  return *disease;
}

Result<MobilisationList> MobilisationService::List(const User& u, const MobilisationQuery& q,
                                                   Date today) {
  auto disease = CheckQuery(u, q);
  if (!disease) return Fail(disease.error());
  // An employer's people live anywhere in the region, and are few: evaluated.
  if (q.employer_id != 0) return ListByEvaluation(u, q, today);
  return ListFromState(u, q, *disease, today);
}

Result<MobilisationList> MobilisationService::ListFromState(const User& u,
                                                            const MobilisationQuery& q, int disease,
                                                            Date today) {
  MobilisationList out;
  out.query = q;
  out.today = today;
  out.region = q.region.empty() ? u.region_code : q.region;
  auto node = registry_.RegionWithChildren(u, out.region);
  if (!node) return Fail(node.error());
  out.people = node->node.counts.registered;
  StoredListQuery stored{q.kind, q.disease, out.region, today, {}};
  if (q.kind == MobilisationKind::kUnvaccinated) {
    auto of_age = FirstDoseBirthRange(catalogue_, disease, today);
    if (!of_age) return out;  // no one is of age for any product
    stored.of_age = *of_age;
  }
  auto total = TotalOf(stored, out.people);
  if (!total) return Fail(total.error());
  out.total = *total;
  // Those with a reason are counted apart and listed last, read only when
  // the page has room for them.
  const auto reasons = AccountingResultCodes();
  auto accounted = repo_.CountReasoned(stored, reasons);
  if (!accounted) return Fail(accounted.error());
  out.accounted = *accounted;
  // The page starts among the others, or past them among those last.
  const int64_t others = out.total - out.accounted;
  if (q.offset < others) {
    auto page = repo_.PageOfList(stored, q.offset, q.limit, reasons);
    if (!page) return Fail(page.error());
    auto listed = Evaluate(std::move(*page), q, disease, today);
    if (!listed) return Fail(listed.error());
    out.items = std::move(*listed);
    std::sort(out.items.begin(), out.items.end(), ListOrder(q.kind));
  }
  if (static_cast<int64_t>(out.items.size()) < q.limit && out.accounted > 0) {
    auto last = Reasoned(out.region, q, disease, today);
    if (!last) return Fail(last.error());
    auto from =
        std::min(static_cast<size_t>(std::max<int64_t>(q.offset - others, 0)), last->size());
    for (auto e = last->begin() + static_cast<std::ptrdiff_t>(from); e != last->end(); ++e) {
      if (static_cast<int64_t>(out.items.size()) >= q.limit) break;
      out.items.push_back(std::move(*e));
    }
  }
  return out;
}

// The people of the subtree on the list whose latest follow-up gives a
// reason, in list order.
Result<std::vector<MobilisationEntry>> MobilisationService::Reasoned(const std::string& region,
                                                                     const MobilisationQuery& q,
                                                                     int disease, Date today) {
  auto follow_ups = repo_.LatestFollowUpsIn(region, q.disease);
  if (!follow_ups) return Fail(follow_ups.error());
  std::vector<int64_t> ids;
  for (const auto& f : *follow_ups)
    if (AccountsForPerson(f.result)) ids.push_back(f.person_id);
  if (ids.empty()) return std::vector<MobilisationEntry>{};
  auto people = repo_.PersonsByIds(ids);
  if (!people) return Fail(people.error());
  auto listed = Evaluate(std::move(*people), q, disease, today);
  if (!listed) return Fail(listed.error());
  std::sort(listed->begin(), listed->end(), ListOrder(q.kind));
  return listed;
}

// From the figures: everyone less those with a first dose, less the
// unvaccinated outside the ages; or the people listed on the day. Less the
// deferred and exempt.
Result<int64_t> MobilisationService::TotalOf(const StoredListQuery& q, int64_t people) {
  auto screened = repo_.CountScreened(q);
  if (!screened) return Fail(screened.error());
  // A list holds everyone registered at the place: residents and the away.
  auto everyone = [&](Figure f) -> Result<int64_t> {
    std::string key = FigureKey(q.disease, f);
    auto both = figures_.AsOfEach(
        {{key, q.region, q.today}, {key + std::string(kAwaySuffix), q.region, q.today}});
    if (!both) return Fail(both.error());
    return (*both)[0] + (*both)[1];
  };
  if (q.kind == MobilisationKind::kUnvaccinated) {
    auto vaccinated = everyone(Figure::kFirstDose);
    if (!vaccinated) return Fail(vaccinated.error());
    auto outside = repo_.CountOutsideFirstDoseAges(q);
    if (!outside) return Fail(outside.error());
    return people - *vaccinated - *outside - *screened;
  }
  Figure list = q.kind == MobilisationKind::kBooster ? Figure::kBoosterDue : Figure::kSeriesLate;
  auto listed = everyone(list);
  if (!listed) return Fail(listed.error());
  return *listed - *screened;
}

// Employees can live anywhere in the region: theirs come from the
// employer index, not from a walk of everyone filtered by employer (2.6 s
// for a county's biggest employer, bench/RESULTS.md).
Result<int64_t> MobilisationService::WalkPeople(const User& u, const MobilisationQuery& q,
                                                const std::string& region,
                                                const std::function<Status(const Person&)>& each) {
  if (q.employer_id == 0) {
    PersonQuery pq;
    pq.region = q.region;
    return registry_.ScanPersons(u, pq, kMaxPeople, each);
  }
  if (auto node = registry_.RegionWithChildren(u, region); !node) return Fail(node.error());
  auto employees = repo_.EmployeesIn(region, q.employer_id);
  if (!employees) return Fail(employees.error());
  for (const auto& p : *employees)
    if (auto s = each(p); !s) return Fail(s.error());
  return static_cast<int64_t>(employees->size());
}

Result<MobilisationList> MobilisationService::ListByEvaluation(const User& u,
                                                               const MobilisationQuery& q,
                                                               Date today) {
  auto disease = CheckQuery(u, q);
  if (!disease) return Fail(disease.error());
  MobilisationList out;
  out.query = q;
  out.today = today;
  out.region = q.region.empty() ? u.region_code : q.region;
  std::vector<Person> batch;
  std::vector<MobilisationEntry> all;
  auto add_batch = [&]() -> Status {
    auto found = Evaluate(std::move(batch), q, *disease, today);
    batch.clear();
    if (!found) return Fail(found.error());
    for (auto& e : *found) all.push_back(std::move(e));
    return {};
  };
  auto walked = WalkPeople(u, q, out.region, [&](const Person& p) -> Status {
    batch.push_back(p);
    if (batch.size() >= kBatch) return add_batch();
    return {};
  });
  if (!walked) return Fail(walked.error());
  if (auto s = add_batch(); !s) return Fail(s.error());
  out.people = *walked;
  out.total = static_cast<int64_t>(all.size());
  out.accounted = std::count_if(all.begin(), all.end(), [](const auto& e) { return e.accounted; });
  std::sort(all.begin(), all.end(), ListOrder(q.kind));
  auto from = std::min(static_cast<size_t>(q.offset), all.size());
  auto to = std::min(from + static_cast<size_t>(q.limit), all.size());
  out.items.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(from)),
                   std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(to)));
  return out;
}

Result<FollowUp> MobilisationService::RecordFollowUp(const User& u, int64_t person_id,
                                                     const FollowUpInput& in, int64_t now) {
  if (u.role == Role::kLeader) {
    return Fail(
        Error::Forbidden("your role may not record follow-ups", "您的角色无权登记动员随访"));
  }
  auto person = registry_.GetPerson(u, person_id);
  if (!person) return Fail(person.error());
  if (!catalogue_.DiseaseIndex(in.disease)) {
    return Fail(UnknownDiseaseError(in.disease));
  }
  static const std::vector<std::string> kMethods = {"phone", "visit", "sms", "other"};
  if (std::find(kMethods.begin(), kMethods.end(), in.method) == kMethods.end()) {
    return Fail(Error::Invalid(in.method.empty() ? "required" : "invalid_value", "method",
                               in.method, "method must be phone, visit, sms or other",
                               "随访方式应为电话、入户、短信或其他"));
  }
  auto result = ParseFollowUpResult(in.result);
  if (!result) {
    return Fail(
        Error::Invalid(in.result.empty() ? "required" : "invalid_value", "result", in.result,
                       "not a follow-up result (will_come, refused, contraindication, away, moved, "
                       "vaccinated_elsewhere, unreachable, other)",
                       "随访结果不在可选范围内"));
  }
  if ((*result == FollowUpResult::kOther || *result == FollowUpResult::kRefused) &&
      Trim(in.note).empty()) {
    return Fail(
        Error::Invalid("required", "note", "", "say what the person said", "请填写具体情况"));
  }
  if (Utf8Length(in.note) > 500) {
    return Fail(Error::Invalid("too_long", "note", in.note, "at most 500 characters",
                               "情况说明不超过500字"));
  }
  FollowUp f;
  f.person_id = person_id;
  f.disease = in.disease;
  f.at = now;
  f.user_id = u.id;
  f.method = in.method;
  f.result = *result;
  f.note = Trim(in.note);
  if (!in.next_contact.empty()) {
    f.next_contact = Date::Parse(in.next_contact);
    if (!f.next_contact) {
      return Fail(Error::Invalid("invalid_date", "next_contact", in.next_contact,
                                 "next_contact must be a date YYYY-MM-DD",
                                 "下次随访日期应为YYYY-MM-DD"));
    }
  }
  auto id = repo_.InsertFollowUp(f);
  if (!id) return Fail(id.error());
  f.id = *id;
  return f;
}

Result<std::vector<FollowUp>> MobilisationService::FollowUps(const User& u, int64_t person_id) {
  if (auto person = registry_.GetPerson(u, person_id); !person) return Fail(person.error());
  return repo_.FollowUpsOf(person_id);
}

}  // namespace fangkong
