#include "vaccination/dose_entry_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace fangkong {

namespace {

Status CheckMayEnterDoses(const User& u) {
  if (CanEnterDoses(u.role)) return {};
  return Fail(Error::Forbidden("your role may not enter or correct dose records",
                               "您的角色不能补录或更正接种记录"));
}

// What the doses add to the figures, counted per (figure, place, day)
// (ChangesOfDose): what a change of the records adds is the difference of
// two such counts.
using DoseCounts = std::map<std::tuple<std::string, std::string, int32_t>, int>;

DoseCounts CountDoses(const Catalogue& c, const std::vector<DoseRecord>& doses) {
  DoseCounts out;
  for (const auto& d : doses)
    for (const auto& f : ChangesOfDose(c, d))
      out[{f.figure, f.region_code, f.day.days()}] += f.delta;
  return out;
}

void AddDoseChanges(const DoseCounts& before, const DoseCounts& after,
                    std::vector<FigureChange>& out) {
  std::map<DoseCounts::key_type, int> delta;
  for (const auto& [k, n] : before) delta[k] -= n;
  for (const auto& [k, n] : after) delta[k] += n;
  for (const auto& [k, n] : delta) {
    if (n == 0) continue;
    const auto& [figure, region, day] = k;
    out.push_back({figure, region, Date::FromDays(day), n});
  }
}

}  // namespace

DoseEntryService::DoseEntryService(const Catalogue& catalogue, RegistryService& registry,
                                   DoseRepository& doses, DoseEntryRepository& entries,
                                   VaccinationStateRepository& states, FigureRepository& figures,
                                   UnitOfWork& unit)
    : catalogue_(catalogue),
      registry_(registry),
      doses_(doses),
      entries_(entries),
      states_(states),
      figures_(figures),
      unit_(unit) {}

Result<DoseEntryService::Subject> DoseEntryService::SubjectOf(const User& u, int64_t person_id) {
  auto person = registry_.GetPerson(u, person_id);
  if (!person) return Fail(person.error());
  auto doses = doses_.DosesOf(person_id);
  if (!doses) return Fail(doses.error());
  return Subject{std::move(*person), std::move(*doses)};
}

Result<std::pair<DoseEntryService::Subject, DoseRecord>> DoseEntryService::SubjectOfDose(
    const User& u, int64_t dose_id) {
  auto dose = entries_.FindDose(dose_id);
  if (!dose) return Fail(dose.error());
  if (!*dose) return Fail(Error::NotFound("dose", std::to_string(dose_id)));
  auto subject = SubjectOf(u, (*dose)->person_id);
  if (!subject) return Fail(subject.error());
  return std::pair{std::move(*subject), std::move(**dose)};
}

Status DoseEntryService::Keep(const Person& p, const std::vector<DoseRecord>& before,
                              std::vector<DoseRecord>& after) {
  for (const auto& m : Renumbered(catalogue_, p.birth_date, after))
    for (auto& d : after)
      if (d.id == m.id) d = m;
  // One write for every dose that is not as stored: the corrected one, the
  // renumbered ones, and a new one's number.
  std::vector<DoseRecord> changed;
  for (const auto& d : after) {
    auto was = std::find_if(before.begin(), before.end(),
                            [&](const DoseRecord& b) { return b.id == d.id; });
    if (was == before.end() || was->product != d.product || was->date != d.date ||
        was->lot != d.lot || was->dose_number != d.dose_number || was->booster != d.booster)
      changed.push_back(d);
  }
  if (auto s = entries_.UpdateDoses(changed); !s) return Fail(s.error());
  std::set<std::string> diseases;
  for (const std::vector<DoseRecord>* list : {&before, &std::as_const(after)})
    for (const auto& d : *list) diseases.insert(DiseaseOfProduct(catalogue_, d.product));
  diseases.erase("");
  std::vector<FigureChange> changes;
  auto who = FigurePersonOf(p, registry_.organisations());
  if (!who) return Fail(who.error());
  for (const auto& disease : diseases) {
    auto stored = states_.StateOf(p.id, disease);
    if (!stored) return Fail(stored.error());
    auto fresh = StateFromDoses(catalogue_, disease, p.id, p.birth_date, after);
    if (*stored ? **stored == fresh : fresh.doses == 0) continue;
    if (auto s = states_.SaveStates({fresh}); !s) return Fail(s.error());
    for (auto& f :
         ChangesOfState(*stored ? &**stored : nullptr, p.region_code, fresh, p.region_code, *who))
      changes.push_back(std::move(f));
  }
  AddDoseChanges(CountDoses(catalogue_, before), CountDoses(catalogue_, after), changes);
  return figures_.Append(changes);
}

Result<DoseEntryResult> DoseEntryService::BackEnter(const User& u, int64_t person_id,
                                                    const BackEntryInput& in, int64_t now) {
  if (auto s = CheckMayEnterDoses(u); !s) return Fail(s.error());
  return AtomicallyReturning<DoseEntryResult>(unit_, [&]() -> Result<DoseEntryResult> {
    auto subject = SubjectOf(u, person_id);
    if (!subject) return Fail(subject.error());
    const Person& p = subject->person;
    auto dose = CheckBackEntry(catalogue_, p.id, p.birth_date, in, BeijingDay(now), subject->doses);
    if (!dose) return Fail(dose.error());
    dose->region_code = p.region_code;
    dose->vaccinator_id = u.id;  // who entered it; the giver is in the source
    dose->administered_at = now;
    std::vector<DoseRecord> after = subject->doses;
    after.push_back(*dose);
    auto id = doses_.InsertListedDose(*dose);  // Keep saves the state that lists it
    if (!id) return Fail(id.error());
    after.back().id = *id;
    if (auto s = Keep(p, subject->doses, after); !s) return Fail(s.error());
    DoseEntryResult out;
    out.dose = after.back();
    out.entry = DoseEntry{0,         *id,  p.id, DoseEntryKind::kBackEntry, std::nullopt, out.dose,
                          in.source, u.id, now};
    auto entry = entries_.InsertEntry(out.entry);
    if (!entry) return Fail(entry.error());
    out.entry.id = *entry;
    return out;
  });
}

Result<DoseEntryResult> DoseEntryService::Correct(const User& u, int64_t dose_id,
                                                  const DoseCorrectionInput& in, int64_t now) {
  if (auto s = CheckMayEnterDoses(u); !s) return Fail(s.error());
  return AtomicallyReturning<DoseEntryResult>(unit_, [&]() -> Result<DoseEntryResult> {
    auto found = SubjectOfDose(u, dose_id);
    if (!found) return Fail(found.error());
    auto& [subject, dose] = *found;
    auto corrected = CheckCorrection(catalogue_, subject.person.birth_date, dose, in,
                                     BeijingDay(now), subject.doses);
    if (!corrected) return Fail(corrected.error());
    std::vector<DoseRecord> after = subject.doses;
    for (auto& d : after)
      if (d.id == dose_id) d = *corrected;
    if (auto s = Keep(subject.person, subject.doses, after); !s) return Fail(s.error());
    DoseEntryResult out;
    for (const auto& d : after)
      if (d.id == dose_id) out.dose = d;
    out.entry = DoseEntry{0,    dose_id,  subject.person.id, DoseEntryKind::kCorrection,
                          dose, out.dose, in.reason,         u.id,
                          now};
    auto entry = entries_.InsertEntry(out.entry);
    if (!entry) return Fail(entry.error());
    out.entry.id = *entry;
    return out;
  });
}

Result<DoseEntryResult> DoseEntryService::Void(const User& u, int64_t dose_id,
                                               const std::string& reason, int64_t now) {
  if (auto s = CheckMayEnterDoses(u); !s) return Fail(s.error());
  if (auto s = CheckVoid(reason); !s) return Fail(s.error());
  return AtomicallyReturning<DoseEntryResult>(unit_, [&]() -> Result<DoseEntryResult> {
    auto found = SubjectOfDose(u, dose_id);
    if (!found) return Fail(found.error());
    auto& [subject, dose] = *found;
    if (auto s = entries_.DeleteDose(dose_id); !s) return Fail(s.error());
    std::vector<DoseRecord> after;
    for (const auto& d : subject.doses)
      if (d.id != dose_id) after.push_back(d);
    if (auto s = Keep(subject.person, subject.doses, after); !s) return Fail(s.error());
    DoseEntryResult out;
    out.entry = DoseEntry{
        0, dose_id, subject.person.id, DoseEntryKind::kVoid, dose, std::nullopt, reason, u.id, now};
    auto entry = entries_.InsertEntry(out.entry);
    if (!entry) return Fail(entry.error());
    out.entry.id = *entry;
    return out;
  });
}

Result<std::vector<DoseEntry>> DoseEntryService::HistoryOf(const User& u, int64_t person_id) {
  auto person = registry_.GetPerson(u, person_id);
  if (!person) return Fail(person.error());
  return entries_.EntriesOf(person_id);
}

}  // namespace fangkong
