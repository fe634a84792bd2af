// The visit at the site, with storage: check-in by identity number, the
// screening, consent, the administration with every check the "three checks,
// seven verifications" ask of the system, and release after observation.
#pragma once

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "access/user.h"
#include "core/unit_of_work.h"
#include "registry/repository.h"
#include "vaccination/fridge.h"
#include "vaccination/repository.h"
#include "vaccination/service.h"
#include "vaccination/vaccination_state.h"

namespace fangkong {

struct AdministerInput {
  std::string trace_code;  // scanned from the dose's package
  std::string lot_number;
  std::string product;  // may be empty when the lot number names one product
};

// A visit step's answer: the visit and its person, read where the step read
// them (inside the step's unit of work, so no second read after it commits).
struct VisitWithPerson {
  Visit visit;
  Person person;
};

class VisitService {
 public:
  // All must outlive the service. `unit` is the store behind the repositories.
  VisitService(const Catalogue& catalogue, VaccinationService& vaccination,
               VaccinationRepository& repo, ColdChainRepository& cold_chain,
               PersonRepository& persons, OrganisationRepository& organisations,
               VaccinationStateRepository& states, FigureRepository& figures, UnitOfWork& unit);

  // Sites serve whoever comes, so check-in finds the person by the full
  // identity number in the whole registry (not only the user's subtree);
  // the user must work at or over the site. Refuses people not due a dose
  // today (saying why) and people with an open visit.
  Result<VisitWithPerson> CheckIn(const User& u, int64_t site_id, const std::string& id_number,
                                  int64_t now);
  Result<VisitWithPerson> Get(const User& u, int64_t visit_id);
  Result<VisitWithPerson> Screen(const User& u, int64_t visit_id, const ScreeningInput& in,
                                 int64_t now);
  Result<VisitWithPerson> Consent(const User& u, int64_t visit_id, const std::string& product,
                                  int64_t now);
  // Every check must pass: the visit is consented; the user is a vaccinator
  // of this site certified today; the traceability code has the product's
  // format and was never used; the lot exists, is of the consented product,
  // not expired, not held after a cold-chain excursion, and in stock here;
  // the person is due this dose of this product today. The checks, the
  // dose they allow and the person's vaccination state are one unit of
  // work, so nothing they read can change before the dose is stored.
  Result<VisitWithPerson> Administer(const User& u, int64_t visit_id, const AdministerInput& in,
                                     int64_t now);
  Result<VisitWithPerson> Release(const User& u, int64_t visit_id, int64_t now);
  // The day's visits at a site, for the console board.
  Result<std::vector<Visit>> Board(const User& u, int64_t site_id, Date day);
  // The person of a visit the caller has already been allowed to see.
  Result<Person> PersonOf(const Visit& v);

 private:
  Result<VaccinationSite> WorkSite(const User& u, int64_t site_id);
  Result<Visit> OwnVisit(const User& u, int64_t visit_id);
  Result<VaccineLot> LotFor(const AdministerInput& in);
  Status CheckVaccinator(const User& u, int64_t site_id, Date today);
  Result<VisitWithPerson> WithPerson(Result<Visit> v);
  Result<VisitWithPerson> AdministerChecked(const User& u, int64_t visit_id,
                                            const AdministerInput& in, int64_t now);

  const Catalogue& catalogue_;
  VaccinationService& vaccination_;
  VaccinationRepository& repo_;
  ColdChainRepository& cold_chain_;
  PersonRepository& persons_;
  OrganisationRepository& organisations_;
  VaccinationStateRepository& states_;
  FigureRepository& figures_;
  UnitOfWork& unit_;
  std::map<std::string, std::regex> trace_formats_;  // by product, compiled once
};

}  // namespace fangkong
