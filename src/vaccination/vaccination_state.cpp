#include "vaccination/vaccination_state.h"

#include <algorithm>
#include <bit>

#include "vaccination/series.h"

namespace fangkong {

namespace {

bool Open(DoseStatus s) { return s == DoseStatus::kDue || s == DoseStatus::kOverdue; }

struct OpenDays {
  std::optional<Date> from, until;
};

// The days from `after` on when the next dose is due or overdue. The status
// changes only where an interval ends or an age limit is reached, so trying
// each such day finds the window exactly (vaccination_state_test.cpp holds
// it against day-by-day evaluation).
OpenDays OpenWindow(const Catalogue& c, int disease, const SeriesInput& history, Date after,
                    Date earliest) {
  std::vector<Date> days{after, earliest};
  for (ProductSet s = c.ProductsOf(disease); s; s &= s - 1) {
    const auto& p = c.product(std::countr_zero(s));
    days.push_back(history.birth_date.ReachesAgeMonths(p.min_age_months));
    if (p.max_age_months) days.push_back(history.birth_date.ReachesAgeMonths(p.max_age_months));
  }
  for (const auto& step : c.disease(disease).boosters)
    days.push_back(history.birth_date.ReachesAgeMonths(step.min_age_months));
  std::sort(days.begin(), days.end());
  OpenDays out;
  for (Date d : days) {
    if (d < after) continue;
    bool open = Open(EvaluateNextDose(c, disease, history, d).status);
    if (!out.from && open) out.from = d;
    if (out.from && !open) {
      out.until = d;
      break;
    }
  }
  return out;
}

}  // namespace

bool DueAndLate(const VaccinationState& s, bool booster, Date today) {
  return s.next_dose_number > 1 && s.next_is_booster == booster && s.next_open_from &&
         *s.next_open_from <= today && (!s.next_open_until || today < *s.next_open_until) &&
         s.next_recommended && today > *s.next_recommended;
}

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
  SeriesInput history{birth_date, series, std::nullopt, false};
  Date on = s.last_dose.value_or(birth_date);
  NextDose next = EvaluateNextDose(c, *disease_index, history, on);
  if (next.status == DoseStatus::kComplete) return s;
  s.next_dose_number = next.dose_number;
  s.next_is_booster = next.booster;
  auto open = OpenWindow(c, *disease_index, history, on, next.earliest);
  if (open.from) next = EvaluateNextDose(c, *disease_index, history, *open.from);
  s.next_earliest = next.earliest;
  s.next_recommended = next.recommended;
  s.next_latest = next.latest;
  s.next_open_from = open.from;
  s.next_open_until = open.until;
  return s;
}

}  // namespace fangkong
