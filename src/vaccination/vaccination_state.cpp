#include "vaccination/vaccination_state.h"

#include <algorithm>
#include <bit>
#include <tuple>

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

// The +1 (and, for a list, the -1 when it ends) a state puts into the figures.
// A resident's people figures count once more in their birth-year cohort,
// and once more in their employer's industry.
void Contributions(const VaccinationState& s, std::string_view region, int sign,
                   const FigurePerson& who, std::vector<FigureChange>& out) {
  auto add = [&](Figure f, const std::optional<Date>& day, int delta) {
    if (!day) return;
    std::string key = FigureKey(s.disease, f);
    if (!who.resident) key += kAwaySuffix;
    out.push_back({std::move(key), std::string(region), *day, sign * delta});
  };
  auto add_cohort = [&](Figure f, const std::optional<Date>& day) {
    if (!day || !who.resident) return;
    out.push_back({CohortFigureKey(s.disease, f, who.birth_date.year()),
                   std::string(CohortPlace(region)), *day, sign});
  };
  add(Figure::kFirstDose, s.first_dose, 1);
  add(Figure::kFullSeries, s.series_complete, 1);
  add(Figure::kBooster, s.first_booster, 1);
  auto add_industry = [&](Figure f, const std::optional<Date>& day) {
    if (!day || !who.resident || who.industry.empty()) return;
    out.push_back({IndustryFigureKey(s.disease, f, who.industry), who.industry_place, *day, sign});
  };
  for (auto [f, day] : {std::pair{Figure::kFirstDose, &s.first_dose},
                        {Figure::kFullSeries, &s.series_complete},
                        {Figure::kBooster, &s.first_booster}}) {
    add_cohort(f, *day);
    add_industry(f, *day);
  }
  Figure list = s.next_is_booster ? Figure::kBoosterDue : Figure::kSeriesLate;
  add(list, s.listed_from, 1);
  if (s.listed_from) add(list, s.listed_until, -1);
}

}  // namespace

FigurePerson FigurePersonOf(const Person& p, const Organisation* employer) {
  FigurePerson who{p.birth_date, p.IsResident(), "", ""};
  if (who.resident && employer && !employer->industry.empty()) {
    who.industry = employer->industry;
    who.industry_place = std::string(CohortPlace(employer->region_code));
  }
  return who;
}

Result<FigurePerson> FigurePersonOf(const Person& p, OrganisationRepository& organisations) {
  if (!p.IsResident() || p.employer_id == 0) return FigurePersonOf(p, nullptr);
  auto employer = organisations.FindOrganisation(p.employer_id);
  if (!employer) return Fail(employer.error());
  return FigurePersonOf(p, *employer ? &**employer : nullptr);
}

bool DueAndLate(const VaccinationState& s, bool booster, Date today) {
  return s.next_is_booster == booster && s.listed_from && *s.listed_from <= today &&
         (!s.listed_until || today < *s.listed_until);
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
    s.dose_ids.push_back(d.id);
  }
  std::sort(s.dose_ids.begin(), s.dose_ids.end());
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
      if (!s.first_booster) s.first_booster = dose.date;
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
  // Late from the day after the recommended one, once the window is open;
  // a first dose is never "late" (the unvaccinated list is apart).
  if (open.from && s.next_dose_number > 1) {
    s.listed_from = std::max(*open.from, next.recommended.AddDays(1));
    s.listed_until = open.until;
    if (s.listed_until && !(*s.listed_from < *s.listed_until)) s.listed_from = s.listed_until = {};
  }
  return s;
}

std::vector<FigureChange> ChangesOfState(const VaccinationState* before,
                                         std::string_view before_region,
                                         const VaccinationState& after,
                                         std::string_view after_region, const FigurePerson& who) {
  std::vector<FigureChange> all;
  if (before) Contributions(*before, before_region, -1, who, all);
  Contributions(after, after_region, +1, who, all);
  // Sum per (figure, place, day) and keep what does not cancel.
  auto key = [](const FigureChange& c) { return std::tie(c.figure, c.region_code, c.day); };
  std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  std::vector<FigureChange> out;
  for (auto& c : all) {
    if (!out.empty() && key(out.back()) == key(c))
      out.back().delta += c.delta;
    else
      out.push_back(std::move(c));
  }
  std::erase_if(out, [](const FigureChange& c) { return c.delta == 0; });
  return out;
}

FigureChange DoseGiven(std::string_view disease, std::string_view region, Date day) {
  return {FigureKey(disease, Figure::kDoses), std::string(region), day, 1};
}

std::vector<FigureChange> ChangesOfDose(const Catalogue& c, const DoseRecord& d) {
  std::vector<FigureChange> out;
  if (auto product = c.ProductIndex(d.product))
    out.push_back(DoseGiven(c.disease(c.DiseaseOf(*product)).code, d.region_code, d.date));
  out.push_back({ProductDosesKey(d.product), std::string(CohortPlace(d.region_code)), d.date, 1});
  return out;
}

}  // namespace fangkong
