// Mobilisation lists as townships and villages work them: who in a village,
// grid or employer should come for which dose, what each follow-up found,
// and whether the list is cleared.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "access/user.h"
#include "progress/figures.h"
#include "registry/service.h"
#include "vaccination/mobilisation.h"

namespace fangkong {

struct MobilisationQuery {
  MobilisationKind kind = MobilisationKind::kUnvaccinated;
  std::string disease = "covid19";
  std::string region;       // village or grid (any node); empty: the user's jurisdiction
  int64_t employer_id = 0;  // only this employer's people (within the region)
  int64_t offset = 0;       // rows of the whole list skipped, in list order
  int64_t limit = 100;      // rows returned (a page); the counts cover everyone
};

struct MobilisationEntry {
  Person person;
  NextDose next;
  int days_late = 0;  // since the recommended day (0 for a first dose due)
  std::optional<FollowUp> latest;
  bool accounted = false;  // the latest follow-up gives a reason
};

struct MobilisationList {
  MobilisationQuery query;
  std::string region;  // the subtree walked
  Date today;
  int64_t people = 0;  // everyone walked: the subtree's people, or the employer's
  int64_t total = 0, accounted = 0;
  bool cleared() const { return total == accounted; }
  std::vector<MobilisationEntry> items;  // `limit` from the `offset`-th, in list order
};

struct FollowUpInput {
  std::string disease = "covid19";
  std::string method, result, note, next_contact;
};

class MobilisationService {
 public:
  // All must outlive the service.
  MobilisationService(const Catalogue& catalogue, RegistryService& registry,
                      MobilisationRepository& repo, FigureRepository& figures)
      : catalogue_(catalogue), registry_(registry), repo_(repo), figures_(figures) {}

  // The list of a subtree, read from the stored states; an employer's list
  // by evaluation (personal data: the caller audits). Entries: those still
  // to be followed first, then by village, the latest (or, for a first
  // dose, the oldest) first.
  Result<MobilisationList> List(const User& u, const MobilisationQuery& q, Date today);
  // The same list by evaluating everyone's doses: the reference the stored
  // lists are tested and measured against.
  Result<MobilisationList> ListByEvaluation(const User& u, const MobilisationQuery& q, Date today);
  Result<FollowUp> RecordFollowUp(const User& u, int64_t person_id, const FollowUpInput& in,
                                  int64_t now);
  Result<std::vector<FollowUp>> FollowUps(const User& u, int64_t person_id);

 private:
  Result<int> CheckQuery(const User& u, const MobilisationQuery& q);
  Result<MobilisationList> ListFromState(const User& u, const MobilisationQuery& q, int disease,
                                         Date today);
  Result<int64_t> TotalOf(const StoredListQuery& q, int64_t people);
  // Calls `each` for every person the evaluated list reads (everyone of
  // the subtree, or an employer's people in it); returns how many.
  Result<int64_t> WalkPeople(const User& u, const MobilisationQuery& q, const std::string& region,
                             const std::function<Status(const Person&)>& each);
  Result<std::vector<MobilisationEntry>> Reasoned(const std::string& region,
                                                  const MobilisationQuery& q, int disease,
                                                  Date today);
  // The entries of `people` on the list, with their newest follow-up.
  Result<std::vector<MobilisationEntry>> Evaluate(std::vector<Person> people,
                                                  const MobilisationQuery& q, int disease,
                                                  Date today);
  const Catalogue& catalogue_;
  RegistryService& registry_;
  MobilisationRepository& repo_;
  FigureRepository& figures_;
};

}  // namespace fangkong
