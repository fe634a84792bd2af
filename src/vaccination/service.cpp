#include "vaccination/service.h"

#include "registry/person.h"

namespace fangkong {

Result<NextDoseView> VaccinationService::NextDoseFor(const Person& person,
                                                     std::string_view disease, Date on) {
  auto d = catalogue_.DiseaseIndex(disease);
  if (!d) {
    return Fail(Error::Invalid("invalid_value", "disease", disease,
                               "not a disease of the vaccine catalogue", "疫苗目录中没有该疾病"));
  }
  auto history = doses_.DosesOf(person.id);
  if (!history) return Fail(history.error());
  std::vector<GivenDose> given;
  given.reserve(history->size());
  for (const auto& h : *history) {
    if (auto p = catalogue_.ProductIndex(h.product)) given.push_back({*p, h.date});
  }
  auto visits = doses_.VisitsOf(person.id);
  if (!visits) return Fail(visits.error());
  SeriesInput in{person.birth_date, given, std::nullopt, false};
  for (const auto& v : *visits) {
    if (v.disease != disease) continue;
    if (v.state == VisitState::kExempt) in.exempt = true;
    if (v.state == VisitState::kDeferred && v.deferred_until &&
        (!in.deferred_until || *in.deferred_until < *v.deferred_until)) {
      in.deferred_until = v.deferred_until;
    }
  }
  NextDoseView view;
  view.disease = *d;
  view.on = on;
  view.next = EvaluateNextDose(catalogue_, *d, in, on);
  view.history = std::move(*history);
  return view;
}

}  // namespace fangkong
