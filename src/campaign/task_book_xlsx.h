// A task book as the office prints it (libxlsxwriter): a title, one row per
// unit, people and doses per period, the total row; A4 landscape, one page
// wide, the header rows repeated on every page.
#pragma once

#include <string>

#include "campaign/campaign_service.h"

namespace fangkong {

// The workbook's bytes; kInternal when the temporary file fails.
Result<std::string> TaskBookToXlsx(const TaskBook& book);

}  // namespace fangkong
