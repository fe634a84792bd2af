// Mobilisation (动员): the lists a township or village works to get everyone
// vaccinated — the unvaccinated who should be (应种未种), people late for a
// series dose, people due a booster — per village, grid or employer, with
// the log of follow-up attempts. A list is cleared when everyone on it is
// vaccinated (and so drops off) or has a recorded reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/person.h"
#include "vaccination/catalogue.h"
#include "vaccination/dose.h"
#include "vaccination/series.h"
#include "vaccination/visit.h"

namespace fangkong {

enum class MobilisationKind {
  kUnvaccinated,  // due a first dose and never vaccinated (应种未种)
  kSeriesDose,    // past the recommended day of a later primary dose (e.g. the second)
  kBooster,       // past the recommended day of a booster
};
const char* MobilisationKindCode(MobilisationKind k);
std::optional<MobilisationKind> ParseMobilisationKind(std::string_view s);

// What a follow-up attempt found out.
enum class FollowUpResult {
  kWillCome,             // 答应接种
  kRefused,              // 拒绝接种
  kContraindication,     // 有禁忌症
  kAway,                 // 外出务工/就学
  kMoved,                // 已迁出
  kVaccinatedElsewhere,  // 外地已接种
  kUnreachable,          // 联系不上
  kOther,
};
const char* FollowUpResultCode(FollowUpResult r);
const char* FollowUpResultZh(FollowUpResult r);
std::optional<FollowUpResult> ParseFollowUpResult(std::string_view s);
// A reason that accounts for someone not being vaccinated; "will come",
// "unreachable" and "other" do not: the person still has to be followed.
bool AccountsForPerson(FollowUpResult r);
// The codes of the results that do.
std::vector<std::string> AccountingResultCodes();

struct FollowUp {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string disease;
  int64_t at = 0;
  int64_t user_id = 0;
  std::string method;  // phone, visit, sms, other
  FollowUpResult result = FollowUpResult::kOther;
  std::string note;
  std::optional<Date> next_contact;
};

// The birth dates of the people of age for a first dose of `disease` on
// `today` (core/date.h's BirthRange). None when no product admits anyone.
// The products' age ranges of a disease must overlap or meet (the
// catalogue's test holds it), so the range is one.
std::optional<BirthRange> FirstDoseBirthRange(const Catalogue& c, int disease, Date today);

// A list read from the stored states (vaccination_state.h): the subtree
// whose codes start with `region`, on `today`.
struct StoredListQuery {
  MobilisationKind kind = MobilisationKind::kUnvaccinated;
  std::string disease, region;
  Date today;
  BirthRange of_age;  // the unvaccinated: of age for a first dose
};

class MobilisationRepository {
 public:
  virtual ~MobilisationRepository() = default;
  // Doses of these people, by person and date (DoseRepository::DosesOf).
  virtual Result<std::vector<DoseRecord>> DosesOfPersons(
      const std::vector<int64_t>& person_ids) = 0;
  // How many doses are recorded, of everyone.
  virtual Result<int64_t> DoseCount() = 0;
  // Their visits that ended in a deferral or exemption.
  virtual Result<std::vector<Visit>> ScreeningsOfPersons(
      const std::vector<int64_t>& person_ids) = 0;
  virtual Result<int64_t> InsertFollowUp(const FollowUp& f) = 0;
  // Newest first.
  virtual Result<std::vector<FollowUp>> FollowUpsOf(int64_t person_id) = 0;
  // The newest follow-up per person about `disease`.
  virtual Result<std::vector<FollowUp>> LatestFollowUps(const std::vector<int64_t>& person_ids,
                                                        const std::string& disease) = 0;
  // The latest follow-up about `disease` of each person of the subtree.
  virtual Result<std::vector<FollowUp>> LatestFollowUpsIn(const std::string& region,
                                                          const std::string& disease) = 0;
  // The totals are figures (progress/figures.h) less these counts: the
  // unvaccinated outside the first-dose ages (`of_age`), and the deferred
  // and exempt who would be on the list.
  virtual Result<int64_t> CountOutsideFirstDoseAges(const StoredListQuery& q) = 0;
  virtual Result<int64_t> CountScreened(const StoredListQuery& q) = 0;
  // Those on it whose latest follow-up's result is one of `reasons` (codes).
  virtual Result<int64_t> CountReasoned(const StoredListQuery& q,
                                        const std::vector<std::string>& reasons) = 0;
  // `limit` of the others from the `offset`-th, by village: the oldest
  // first for a first dose, the latest first for the others.
  virtual Result<std::vector<Person>> PageOfList(const StoredListQuery& q, int64_t offset,
                                                 int64_t limit,
                                                 const std::vector<std::string>& reasons) = 0;
  virtual Result<std::vector<Person>> PersonsByIds(const std::vector<int64_t>& ids) = 0;
  // The people of an employer registered in the subtree `region`.
  virtual Result<std::vector<Person>> EmployeesIn(const std::string& region,
                                                  int64_t employer_id) = 0;
};

// The series input for a person from their doses and screening outcomes.
SeriesInput SeriesInputFor(const Catalogue& c, std::string_view disease, Date birth_date,
                           const std::vector<DoseRecord>& doses,
                           const std::vector<Visit>& screenings, std::vector<GivenDose>& storage);

// Whether the next dose puts the person on a list of `kind` on `today`: a
// first dose due for the unvaccinated; a later primary dose or a booster
// whose recommended day has passed for the other two.
bool BelongsOnList(MobilisationKind kind, const NextDose& next, Date today);

}  // namespace fangkong
