#include "vaccination/vaccination_state_rebuild.h"

#include <map>

namespace fangkong {

namespace {

constexpr int64_t kPage = 2000;
// The changes are folded every so many pages, not once at the end: a fold
// sorts what it folds, and a province's 20,000,000 doses' changes at once
// would hold tens of gigabytes (1,000,000 people's held 2.9 GB).
constexpr int64_t kPagesPerFold = 50;

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

}  // namespace

Result<StateRebuild> RebuildVaccinationStates(const Catalogue& c, PersonRepository& persons,
                                              MobilisationRepository& doses,
                                              VaccinationStateRepository& states,
                                              FigureRepository& figures, bool save,
                                              const std::function<void(int64_t)>& progress) {
  StateRebuild out;
  if (save)
    if (auto s = figures.Clear(); !s) return Fail(s.error());
  PersonFilter f;
  f.limit = kPage;
  f.with_total = false;
  for (;;) {
    auto page = persons.Search(f);
    if (!page) return Fail(page.error());
    if (page->items.empty()) break;
    std::vector<int64_t> ids;
    for (const auto& p : page->items) ids.push_back(p.id);
    auto given = doses.DosesOfPersons(ids);
    if (!given) return Fail(given.error());
    // Each dose counts before it moves into its person's list.
    std::vector<FigureChange> changes;
    for (const auto& d : *given) {
      auto product = c.ProductIndex(d.product);
      if (product) changes.push_back(DoseGiven(c.disease(c.DiseaseOf(*product)).code, d.region_code, d.date));
    }
    std::map<int64_t, std::vector<DoseRecord>> by_person;
    for (auto& d : *given) by_person[d.person_id].push_back(std::move(d));
    for (const auto& disease : c.diseases()) {
      auto stored = Stored(states, ids, disease.code);
      if (!stored) return Fail(stored.error());
      std::vector<VaccinationState> fresh;
      for (const auto& p : page->items) {
        auto it = by_person.find(p.id);
        auto s = StateFromDoses(c, disease.code, p.id, p.birth_date,
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
        for (auto& f : ChangesOfState(nullptr, "", s, p.region_code, p.IsResident())) changes.push_back(std::move(f));
        fresh.push_back(std::move(s));
      }
      if (save)
        if (auto s = states.SaveStates(fresh); !s) return Fail(s.error());
    }
    if (save)
      if (auto s = figures.Append(changes); !s) return Fail(s.error());
    out.people += static_cast<int64_t>(page->items.size());
    if (save && out.people % (kPage * kPagesPerFold) == 0)
      if (auto folded = figures.Fold(); !folded) return Fail(folded.error());
    if (progress) progress(out.people);
    if (static_cast<int64_t>(page->items.size()) < kPage) break;
    f.after_region = page->items.back().region_code;
    f.after_id = page->items.back().id;
  }
  if (save)
    if (auto folded = figures.Fold(); !folded) return Fail(folded.error());
  return out;
}

Result<bool> RebuildIfMissing(const Catalogue& c, PersonRepository& persons,
                              MobilisationRepository& doses, VaccinationStateRepository& states,
                              FigureRepository& figures) {
  auto missing = states.Missing();
  if (!missing) return Fail(missing.error());
  if (!*missing) return false;
  auto r = RebuildVaccinationStates(c, persons, doses, states, figures, true);
  if (!r) return Fail(r.error());
  return true;
}

}  // namespace fangkong
