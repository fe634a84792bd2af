#include "vaccination/vaccination_state_rebuild.h"

#include <map>

namespace fangkong {

namespace {

// The page's stored states of one disease, by person.
Result<std::map<int64_t, VaccinationState>> Stored(VaccinationStateRepository& states,
                                                   const std::vector<int64_t>& ids,
                                                   const std::string& disease) {
  auto rows = states.StatesOf(ids, disease);
  if (!rows) return Fail(rows.error());
  std::map<int64_t, VaccinationState> out;
  for (auto& s : *rows) out.emplace(s.person_id, std::move(s));
  return out;
}

struct Repositories {
  const Catalogue& c;
  OrganisationRepository& employers;
  MobilisationRepository& doses;
  VaccinationStateRepository& states;
  FigureRepository& figures;
  // Organisations are never changed once stored: each is read once a rebuild.
  std::map<int64_t, std::optional<Organisation>> employer_rows = {};

  Result<FigurePerson> FigurePersonOf(const Person& p) {
    if (!p.IsResident() || p.employer_id == 0) return fangkong::FigurePersonOf(p, nullptr);
    auto it = employer_rows.find(p.employer_id);
    if (it == employer_rows.end()) {
      auto row = employers.FindOrganisation(p.employer_id);
      if (!row) return Fail(row.error());
      it = employer_rows.emplace(p.employer_id, std::move(*row)).first;
    }
    return fangkong::FigurePersonOf(p, it->second ? &*it->second : nullptr);
  }
};

// One page of people: their states recomputed and compared with the stored
// ones, and with `save`, written with what they and the doses add to the
// figures.
Status RebuildPage(Repositories& r, const std::vector<Person>& people, bool save,
                   StateRebuild& out) {
  std::vector<int64_t> ids;
  for (const auto& p : people) ids.push_back(p.id);
  auto given = r.doses.DosesOfPersons(ids);
  if (!given) return Fail(given.error());
  out.doses += static_cast<int64_t>(given->size());
  std::vector<int64_t> listed;  // the page's doses its saved states list
  // Each dose counts before it moves into its person's list.
  std::vector<FigureChange> changes;
  for (const auto& d : *given)
    for (auto& f : ChangesOfDose(r.c, d)) changes.push_back(std::move(f));
  std::map<int64_t, std::vector<DoseRecord>> by_person;
  for (auto& d : *given) by_person[d.person_id].push_back(std::move(d));
  for (const auto& disease : r.c.diseases()) {
    auto stored = Stored(r.states, ids, disease.code);
    if (!stored) return Fail(stored.error());
    std::vector<VaccinationState> fresh;
    for (const auto& p : people) {
      auto it = by_person.find(p.id);
      auto s = StateFromDoses(r.c, disease.code, p.id, p.birth_date,
                              it == by_person.end() ? std::vector<DoseRecord>{} : it->second);
      auto kept = stored->find(p.id);
      bool agrees =
          s.doses == 0 ? kept == stored->end() : kept != stored->end() && kept->second == s;
      if (!agrees) {
        ++out.disagreed;
        if (out.examples.size() < 10) out.examples.push_back(p.id);
      }
      if (s.doses == 0) continue;
      ++out.states;
      auto who = r.FigurePersonOf(p);
      if (!who) return Fail(who.error());
      for (auto& f : ChangesOfState(nullptr, "", s, p.region_code, *who))
        changes.push_back(std::move(f));
      listed.insert(listed.end(), s.dose_ids.begin(), s.dose_ids.end());
      fresh.push_back(std::move(s));
    }
    if (save)
      if (auto s = r.states.SaveStates(fresh); !s) return Fail(s.error());
  }
  if (!save) return {};
  if (auto s = r.states.ForgetUnlisted(listed); !s) return Fail(s.error());
  return r.figures.Append(changes);
}

// Every dose is found through some person's list (or kept apart): a dose
// that no list names would be missing from its person's history and state.
Status CountUnreached(Repositories& r, StateRebuild& out) {
  auto recorded = r.doses.DoseCount();
  if (!recorded) return Fail(recorded.error());
  out.unreached_doses = *recorded - out.doses;
  return {};
}

// Walks the registry in pages after `how.from`. The changes are folded
// every so many pages, not once at the end: a fold sorts what it folds,
// and a province's 20,000,000 doses' changes at once would hold tens of
// gigabytes (1,000,000 people's held 2.9 GB).
Result<StateRebuild> Walk(Repositories& r, PersonRepository& persons, bool save,
                          const ResumableRebuild& how) {
  StateRebuild out;
  if (save) {
    auto emptied = how.from.person_id ? r.figures.DiscardWaiting() : r.figures.Clear();
    if (!emptied) return Fail(emptied.error());
  }
  PersonFilter f;
  f.limit = how.page;
  f.with_total = false;
  f.after_region = how.from.region_code;
  f.after_id = how.from.person_id;
  for (int64_t pages = 1;; ++pages) {
    auto page = persons.Search(f);
    if (!page) return Fail(page.error());
    if (page->items.empty()) break;
    if (auto s = RebuildPage(r, page->items, save, out); !s) return Fail(s.error());
    out.people += static_cast<int64_t>(page->items.size());
    RebuildMark mark{page->items.back().region_code, page->items.back().id};
    bool last = static_cast<int64_t>(page->items.size()) < how.page;
    if (save && !last && pages % how.pages_per_fold == 0) {
      if (auto folded = r.figures.Fold(); !folded) return Fail(folded.error());
      if (how.folded && !how.folded(mark)) return out;
    }
    if (how.progress) how.progress(out.people);
    if (last) break;
    f.after_region = mark.region_code;
    f.after_id = mark.person_id;
  }
  if (save)
    if (auto folded = r.figures.Fold(); !folded) return Fail(folded.error());
  if (how.from.person_id == 0)
    if (auto s = CountUnreached(r, out); !s) return Fail(s.error());
  return out;
}

}  // namespace

Result<StateRebuild> RebuildVaccinationStates(const Catalogue& c, PersonRepository& persons,
                                              OrganisationRepository& employers,
                                              MobilisationRepository& doses,
                                              VaccinationStateRepository& states,
                                              FigureRepository& figures, bool save,
                                              const std::function<void(int64_t)>& progress) {
  Repositories r{c, employers, doses, states, figures};
  ResumableRebuild how;
  how.progress = progress;
  return Walk(r, persons, save, how);
}

Result<StateRebuild> RebuildVaccinationStatesFrom(const Catalogue& c, PersonRepository& persons,
                                                  OrganisationRepository& employers,
                                                  MobilisationRepository& doses,
                                                  VaccinationStateRepository& states,
                                                  FigureRepository& figures,
                                                  const ResumableRebuild& how) {
  Repositories r{c, employers, doses, states, figures};
  return Walk(r, persons, true, how);
}

Result<bool> RebuildIfMissing(const Catalogue& c, PersonRepository& persons,
                              OrganisationRepository& employers, MobilisationRepository& doses,
                              VaccinationStateRepository& states, FigureRepository& figures) {
  auto missing = states.Missing();
  if (!missing) return Fail(missing.error());
  if (!*missing) return false;
  auto r = RebuildVaccinationStates(c, persons, employers, doses, states, figures, true);
  if (!r) return Fail(r.error());
  return true;
}

}  // namespace fangkong
