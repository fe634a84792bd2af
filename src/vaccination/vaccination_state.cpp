#include "vaccination/vaccination_state.h"

#include <algorithm>

#include "vaccination/series.h"

namespace fangkong {

VaccinationState StateFromDoses(const Catalogue& c, std::string_view disease, int64_t person_id,
                                Date birth_date, const std::vector<DoseRecord>& doses) {
  VaccinationState s;
  s.person_id = person_id;
  s.disease = std::string(disease);
  auto disease_index = c.DiseaseIndex(disease);
  if (!disease_index) return s;
  std::vector<std::pair<GivenDose, bool>> given;  // the dose, and whether it was a booster
  for (const auto& d : doses) {
    auto product = c.ProductIndex(d.product);
    if (!product || c.DiseaseOf(*product) != *disease_index) continue;
    given.push_back({GivenDose{*product, d.date}, d.booster});
  }
  std::stable_sort(given.begin(), given.end(),
                   [](const auto& a, const auto& b) { return a.first.date < b.first.date; });
  std::vector<GivenDose> series;
  for (const auto& [dose, booster] : given) {
    series.push_back(dose);
    ++s.doses;
    if (!s.first_dose) s.first_dose = dose.date;
    s.last_dose = dose.date;
    if (booster) {
      ++s.boosters;
      s.last_booster = dose.date;
      continue;
    }
    // The primary series is complete once what comes next is a booster, or nothing.
    NextDose after = EvaluateNextDose(
        c, *disease_index, SeriesInput{birth_date, series, std::nullopt, false}, dose.date);
    if (!s.series_complete && (after.booster || after.status == DoseStatus::kComplete))
      s.series_complete = dose.date;
  }
  Date on = s.last_dose.value_or(birth_date);
  NextDose next =
      EvaluateNextDose(c, *disease_index, SeriesInput{birth_date, series, std::nullopt, false}, on);
  if (next.status != DoseStatus::kComplete) {
    s.next_dose_number = next.dose_number;
    s.next_is_booster = next.booster;
    s.next_earliest = next.earliest;
    s.next_recommended = next.recommended;
    s.next_latest = next.latest;
  }
  return s;
}

}  // namespace fangkong
