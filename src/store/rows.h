// How values are kept in columns, and the rows several repositories read.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"
#include "vaccination/dose.h"
#include "vaccination/visit.h"

namespace fangkong::store {

// Tags are stored as ",a,b," (sorted) so "has all of these" is one LIKE pattern.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(const std::string& stored);
std::string TagsPattern(const std::vector<std::string>& wanted);  // "%,a,%,b,%"
// "王%" with LIKE wildcards in the input escaped by '\'.
std::string PrefixPattern(const std::string& prefix);

// A dose from the columns of FK_DOSE_COLUMNS, a visit from FK_VISIT_COLUMNS (vaccination_sql.h).
DoseRecord ReadDose(const db::Row& r);
Visit ReadVisit(const db::Row& r);

}  // namespace fangkong::store
