// Mapping shared by both engines between records and the column values
// stored for them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "registry/person.h"
#include "registry/region.h"

namespace fangkong::store {

// Tags are stored as ",a,b," (sorted) so "has all of these" is one LIKE pattern.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(const std::string& stored);
std::string TagsPattern(const std::vector<std::string>& wanted);  // "%,a,%,b,%"
// "王%" with LIKE wildcards in the input escaped by '\'.
std::string PrefixPattern(const std::string& prefix);

// A person's contribution to the counts of their place.
PopulationCounts CountsOf(const Person& p);
PopulationCounts Negate(PopulationCounts c);

// Accumulates count changes per place within a transaction.
using PopulationDelta = std::map<std::string, PopulationCounts>;
void AddDelta(PopulationDelta& d, const Person& p, int sign);

// Indexes of `people` ordered by identity number; rows with the same number
// keep their input order, so the last one in a file still wins.
std::vector<size_t> DocumentOrder(const std::vector<Person>& people);

// Builds a Person from the stored column texts (both engines read text).
Person PersonFromColumns(int64_t id, const std::string& doc_type, std::string doc_number,
                         std::string name, const std::string& sex, const std::string& birth_date,
                         std::string phone, std::string region_code, const std::string& residency,
                         std::string household, int64_t employer_id, std::string occupation,
                         const std::string& tags, int64_t updated_at);

}  // namespace fangkong::store
