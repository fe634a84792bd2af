// Excel export of people (libxlsxwriter), masked unless `full`.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "registry/person.h"

namespace fangkong {

// Returns the bytes of an .xlsx workbook with the import template's columns,
// so an exported sheet can be edited and imported again.
Result<std::string> PersonsToXlsx(const std::vector<Person>& people, bool full);

}  // namespace fangkong
