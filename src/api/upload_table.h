// An uploaded table, as imports take it: CSV bytes (Content-Type text/csv,
// ?encoding=auto|utf-8|gbk) or JSON {"file_name","header":[...],"rows":[[...]]}
// from an .xlsx the browser read. Person imports and pushed arrival lists
// share it.
#pragma once

#include <string>
#include <vector>

#include "api/http.h"
#include "registry/import.h"

namespace fangkong::api {

struct UploadedTable {
  std::string file_name;
  std::vector<std::string> header;
  RowSource rows;     // the data rows, with their line in the file
  int64_t total = 0;  // an estimate of the rows, for progress
};

// 422 with the field named when the body is not such a table, or is empty.
Result<UploadedTable> TableOfUpload(const Request& r, std::string default_name);

}  // namespace fangkong::api
