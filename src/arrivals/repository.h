// The storage arrivals need (store/arrival_store.cpp implements it on both
// engines). Thread-safe; every method returns an Error of kind kInternal when
// the database fails.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arrivals/arrival.h"
#include "arrivals/matching.h"
#include "registry/import_job.h"

namespace fangkong {

// A registered person as record linkage sees them.
struct RegisteredPerson {
  LinkCandidate person;
  std::string id_number;
  std::string region_code;
  std::string name_key;  // PinyinTable::Key of the name
};

// A person under a name key, from the index alone.
struct NameKeyEntry {
  int64_t person_id = 0;
  std::string name_key, phone;
  std::string birth_date;  // YYYYMMDD
};

// A candidate kept for a worker to choose.
struct ArrivalCandidate {
  int64_t arrival_id = 0;
  int64_t person_id = 0;
  double score = 0;
};

// An upload of a pushed list, run as a job.
struct ArrivalImport {
  int64_t id = 0;
  std::string file_name, source_name;
  std::string state = "running";  // running, done, failed, interrupted
  int64_t user_id = 0;
  std::string region_code;
  int64_t created_at = 0, finished_at = 0;
  int64_t rows = 0, processed = 0;
  int64_t by_id_number = 0, linked = 0, uncertain = 0, unmatched = 0;
  int64_t merged = 0;  // rows that joined an arrival already reported
  int64_t out_of_county = 0, failed = 0;
  std::vector<ImportRowError> errors;  // the rows that failed, and kept rows with a fault
};

struct ArrivalFilter {
  std::string region_prefix;
  std::optional<Date> from, to;  // arrival dates
};

class ArrivalRepository {
 public:
  virtual ~ArrivalRepository() = default;

  // Gives every person written before names had keys their key (`key` is
  // PinyinTable::Key); returns how many. Cheap once done: an index finds them.
  virtual Result<int64_t> FillNameKeys(
      const std::function<std::string(const std::string&)>& key) = 0;
  // People by identity number, by phone, by name key (blocking for linkage).
  virtual Result<std::vector<RegisteredPerson>> PeopleByIdNumbers(
      const std::vector<std::string>& numbers) = 0;
  virtual Result<std::vector<RegisteredPerson>> PeopleByPhones(
      const std::vector<std::string>& phones) = 0;
  // The people of these name keys, as the index holds them (id, key, phone,
  // birth date: no name or place), so a common name costs no table reads.
  virtual Result<std::vector<NameKeyEntry>> NameKeyEntries(
      const std::vector<std::string>& keys) = 0;
  virtual Result<std::vector<RegisteredPerson>> PeopleByIds(const std::vector<int64_t>& ids) = 0;

  // Arrivals that reports of these people (or, unmatched, of these identity
  // numbers) may join: arrival dates from `since`.
  virtual Result<std::vector<Arrival>> ArrivalsToJoin(const std::vector<int64_t>& person_ids,
                                                      const std::vector<std::string>& id_numbers,
                                                      Date since) = 0;
  // Writes new arrivals (id 0) and updated ones with their reports and
  // candidates in one transaction; the new ids are set in `arrivals`, and
  // each report's and candidate's arrival_id indexes `arrivals` on entry.
  virtual Status SaveArrivals(std::vector<Arrival>& arrivals, std::vector<ArrivalReport>& reports,
                              const std::vector<ArrivalCandidate>& candidates) = 0;
  virtual Result<std::optional<Arrival>> FindArrival(int64_t id) = 0;
  virtual Result<std::vector<Arrival>> Arrivals(const ArrivalFilter& f) = 0;
  virtual Result<std::vector<ArrivalReport>> ReportsOf(int64_t arrival_id) = 0;
  virtual Result<std::vector<ArrivalCandidate>> CandidatesOf(int64_t arrival_id) = 0;
  // The person chosen (and where the arrival is now verified).
  virtual Status SetPerson(const Arrival& a) = 0;
  // Records the outcome; 409 outcome_recorded when one was recorded meanwhile.
  virtual Status SetOutcome(const Arrival& a) = 0;

  virtual Result<int64_t> InsertImport(const ArrivalImport& i) = 0;
  virtual Status SaveImport(const ArrivalImport& i) = 0;
  virtual Result<std::optional<ArrivalImport>> FindImport(int64_t id) = 0;
  virtual Result<std::vector<ArrivalImport>> Imports(const std::string& region_prefix) = 0;
  virtual Result<int64_t> InterruptRunningImports() = 0;
};

}  // namespace fangkong
