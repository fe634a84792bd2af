// The registry's operations as the API and CLI call them: every call takes the
// acting user and enforces their jurisdiction before touching a record.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "access/user.h"
#include "registry/organisation.h"
#include "registry/person.h"
#include "registry/repository.h"

namespace fangkong {

struct RegionNodeCounts {
  Region region;
  PopulationCounts counts;
};

struct RegionView {
  RegionNodeCounts node;
  std::vector<RegionNodeCounts> children;
};

// Filter as users state it; ages are converted to birth-date bounds.
struct PersonQuery {
  std::string region;
  std::string q;  // a name prefix, or an identity number
  std::string id_number;
  std::vector<std::string> tags;
  std::optional<int> age_min, age_max;
  int64_t page = 1;
  int64_t page_size = 20;
};

// An in-memory set of known residential places (villages and grids), and
// the names of every node of the tree, loaded from the region table and
// refreshed when regions change: a list of people names each row's place.
class CachedRegionDirectory : public RegionDirectory {
 public:
  explicit CachedRegionDirectory(RegionRepository& regions) : regions_(regions) {}
  bool IsResidentialPlace(std::string_view code) const override;
  std::string PlaceName(std::string_view code) const override;
  Status Reload();

 private:
  // A township's or place's name; "" when the tree does not know it.
  std::string NameOf(const std::string& code) const;
  RegionRepository& regions_;
  mutable std::shared_mutex mu_;
  std::unordered_set<std::string> places_;
  std::unordered_map<std::string, std::string> names_;  // every node
};

class RegistryService {
 public:
  RegistryService(RegionRepository& regions, PersonRepository& persons,
                  OrganisationRepository& organisations);

  Result<RegionView> RegionWithChildren(const User& u, const std::string& code);
  // Every node of the subtree at `code` with its rolled-up counts, parents first.
  Result<std::vector<RegionNodeCounts>> SubtreeCounts(const User& u, const std::string& code);

  Result<PersonPage> SearchPersons(const User& u, const PersonQuery& q);
  // Calls `each` for every person the query matches (ignoring its paging), up
  // to `max_rows`, reading the store in keyset pages; stops at the first
  // error `each` returns. Returns how many were visited.
  Result<int64_t> ScanPersons(const User& u, const PersonQuery& q, int64_t max_rows,
                              const std::function<Status(const Person&)>& each);
  Result<Person> GetPerson(const User& u, int64_t id);
  Result<Person> FindByIdNumber(const User& u, const std::string& id_number);
  Result<Person> CreatePerson(const User& u, const PersonInput& in);
  Result<Person> UpdatePerson(const User& u, int64_t id, const PersonInput& in);

  // Organisations within the user's jurisdiction; creating one needs a role
  // that may write the registry.
  Result<std::vector<Organisation>> ListOrganisations(const User& u, const std::string& region,
                                                      const std::string& kind, int64_t limit);
  Result<Organisation> CreateOrganisation(const User& u, const OrganisationInput& in);
  // Edits organisation `id`: the fields `in` gives replace the stored ones
  // (an empty industry or credit code clears it), under the same rules as
  // creating one. It must lie in the user's jurisdiction before and after.
  Result<Organisation> UpdateOrganisation(const User& u, int64_t id, const OrganisationInput& in);

  RegionDirectory& directory() { return directory_; }
  OrganisationRepository& organisations() { return organisations_; }
  Status ReloadRegions() { return directory_.Reload(); }

 private:
  Result<PersonFilter> FilterFor(const User& u, const PersonQuery& q, std::string& id);
  Result<PersonPage> ByIdentityNumber(const PersonFilter& f, const std::string& id);
  Result<int64_t> TotalOf(const PersonFilter& f, const PersonPage& page);
  Result<std::vector<RegionNodeCounts>> CountsFor(const std::vector<Region>& nodes,
                                                  const std::string& root);
  RegionRepository& regions_;
  PersonRepository& persons_;
  OrganisationRepository& organisations_;
  CachedRegionDirectory directory_;
};

}  // namespace fangkong
