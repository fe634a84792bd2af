// Vaccination operations over the catalogue and the dose record. Callers
// check jurisdiction on the person first (RegistryService::GetPerson).
#pragma once

#include <string_view>
#include <vector>

#include "vaccination/catalogue.h"
#include "vaccination/repository.h"
#include "vaccination/series.h"

namespace fangkong {

struct Person;

struct NextDoseView {
  int disease = 0;
  Date on;
  NextDose next;
  std::vector<DoseRecord> history;  // the person's doses of every disease
};

class VaccinationService {
 public:
  // Both must outlive the service.
  VaccinationService(const Catalogue& catalogue, VaccinationRepository& doses)
      : catalogue_(catalogue), doses_(doses) {}

  const Catalogue& catalogue() const { return catalogue_; }
  // The next dose of `disease` (a catalogue code) for `person` on `on`. An
  // unknown disease is an error on field "disease". Doses of products no
  // longer in the catalogue are kept in the history but not counted. A
  // deferral or exemption recorded at screening applies.
  Result<NextDoseView> NextDoseFor(const Person& person, std::string_view disease, Date on);

 private:
  const Catalogue& catalogue_;
  VaccinationRepository& doses_;
};

}  // namespace fangkong
