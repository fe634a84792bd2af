// The storage the registry needs, stated as interfaces; src/store implements
// them for SQLite and PostgreSQL. Implementations are thread-safe. Every
// method returns an Error of kind kInternal when the database fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "registry/person.h"
#include "registry/region.h"

namespace fangkong {

class RegionRepository {
 public:
  virtual ~RegionRepository() = default;
  // Inserts or renames regions (idempotent).
  virtual Status UpsertRegions(const std::vector<Region>& regions) = 0;
  virtual Result<std::optional<Region>> FindRegion(const std::string& code) = 0;
  // The regions of the codes that exist, in one read, in code order.
  virtual Result<std::vector<Region>> FindRegions(const std::vector<std::string>& codes) = 0;
  virtual Result<std::vector<Region>> Children(const std::string& code) = 0;
  // Every region strictly below `code` (the whole country for "").
  virtual Result<std::vector<Region>> Subtree(const std::string& code) = 0;
  // Maintained counts per place of residence (leaf) within the subtree.
  virtual Result<std::vector<std::pair<std::string, PopulationCounts>>> LeafPopulation(
      const std::string& code) = 0;
  virtual Result<int64_t> CountRegions() = 0;
};

struct PersonFilter {
  std::string region;            // subtree prefix ("" = all)
  std::string name_prefix;       // 姓名 starts with
  std::string doc_number;        // exact
  std::vector<std::string> tags; // all of these
  std::optional<Date> born_after;   // birth_date > this (age below)
  std::optional<Date> born_on_or_before;  // age at least
  int64_t offset = 0;
  int64_t limit = 20;
  // Keyset paging for long walks (exports): only rows after (after_region,
  // after_id) in (region_code, id) order. An OFFSET walk re-reads every
  // earlier page.
  std::string after_region;
  int64_t after_id = 0;
  bool with_total = true;  // false skips the COUNT (total is then -1)
};

struct PersonPage {
  std::vector<Person> items;
  int64_t total = 0;
};

// The outcome of a batched upsert: one entry per input row. kOutsideScope:
// the document belongs to a person registered outside the batch's scope,
// who stays as they are (a move between places is a transfer, not an import).
enum class UpsertOutcome { kInserted, kUpdated, kUnchanged, kOutsideScope };

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual Result<std::optional<Person>> FindById(int64_t id) = 0;
  virtual Result<std::optional<Person>> FindByDocument(const std::string& doc_number) = 0;
  // Everyone stored under any of these document numbers (of any type), in no order.
  virtual Result<std::vector<Person>> FindByDocuments(const std::vector<std::string>& doc_numbers) = 0;
  virtual Result<PersonPage> Search(const PersonFilter& filter) = 0;
  // Returns the new id; a Conflict error (field id_number) if the document exists.
  virtual Result<int64_t> Insert(const Person& p) = 0;
  virtual Status Update(const Person& p) = 0;
  // Inserts new documents, updates changed ones, leaves identical ones alone,
  // all in one transaction, maintaining the population counts in it. A row
  // whose document is stored for a person outside `scope` (a region prefix;
  // "" for everywhere) changes nothing and is kOutsideScope.
  virtual Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<Person>& people,
                                                         const std::string& scope = "") = 0;
  // Rebuilds the maintained population counts from the records (for checking).
  virtual Status RecountPopulation() = 0;
};

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  // Returns the id; a Conflict error on field credit_code if another
  // organisation has the same credit code.
  virtual Result<int64_t> InsertOrganisation(const Organisation& o) = 0;
  // Replaces the fields of organisation o.id; when its industry or county
  // changes, its resident employees' department figures and counts move
  // with it in the same unit of work. NotFound if there is none; Conflict on
  // credit_code as above.
  virtual Status UpdateOrganisation(const Organisation& o) = 0;
  virtual Result<std::optional<Organisation>> FindOrganisation(int64_t id) = 0;
  // Organisations in the subtree, of `kind` unless it is empty, by place.
  virtual Result<std::vector<Organisation>> OrganisationsUnder(const std::string& region,
                                                               const std::string& kind,
                                                               int64_t limit) = 0;
};

}  // namespace fangkong
