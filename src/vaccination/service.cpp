#include "vaccination/service.h"

#include "registry/person.h"
#include "vaccination/mobilisation.h"

namespace fangkong {

Result<NextDoseView> VaccinationService::NextDoseFor(const Person& person, std::string_view disease,
                                                     Date on) {
  auto d = catalogue_.DiseaseIndex(disease);
  if (!d) {
    return Fail(UnknownDiseaseError(disease));
  }
  auto history = doses_.DosesOf(person.id);
  if (!history) return Fail(history.error());
  auto visits = doses_.VisitsOf(person.id);
  if (!visits) return Fail(visits.error());
  std::vector<GivenDose> given;
  SeriesInput in = SeriesInputFor(catalogue_, disease, person.birth_date, *history, *visits, given);
  NextDoseView view;
  view.disease = *d;
  view.on = on;
  view.next = EvaluateNextDose(catalogue_, *d, in, on);
  view.history = std::move(*history);
  return view;
}

}  // namespace fangkong
