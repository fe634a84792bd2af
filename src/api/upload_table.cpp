#include "api/upload_table.h"

#include <memory>
#include <sstream>

#include "api/json.h"
#include "api/params.h"

namespace fangkong::api {

namespace {

size_t CountLines(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A cell as the browser sent it: text, a number, or empty.
bool ToRow(const json::value& v, std::vector<std::string>& out) {
  if (!v.is_array()) return false;
  out.clear();
  for (const auto& cell : v.as_array()) {
    if (cell.is_string())
      out.emplace_back(cell.as_string());
    else if (cell.is_null())
      out.emplace_back();
    else if (cell.is_int64())
      out.push_back(std::to_string(cell.as_int64()));
    else if (cell.is_double()) {
      std::ostringstream ss;
      ss.precision(15);
      ss << cell.as_double();
      out.push_back(ss.str());
    } else
      out.push_back(json::serialize(cell));
  }
  return true;
}

Result<UploadedTable> TableFromJson(const std::string& body, UploadedTable table) {
  auto o = ParseObject(body);
  if (!o) return Fail(o.error());
  if (auto f = StringField(*o, "file_name"); f && *f) table.file_name = **f;
  auto h = o->find("header");
  auto rows_it = o->find("rows");
  if (h == o->end() || !ToRow(h->value(), table.header)) {
    return Fail(Error::Invalid("wrong_type", "header", "",
                               "header must be an array of column names", "header应为列名数组"));
  }
  if (rows_it == o->end() || !rows_it->value().is_array()) {
    return Fail(Error::Invalid("wrong_type", "rows", "", "rows must be an array of arrays",
                               "rows应为二维数组"));
  }
  auto rows = std::make_shared<json::array>(std::move(rows_it->value().as_array()));
  auto index = std::make_shared<size_t>(0);
  table.total = static_cast<int64_t>(rows->size());
  table.rows = [rows, index](int64_t& row, std::vector<std::string>& fields) {
    while (*index < rows->size()) {
      size_t i = (*index)++;
      row = static_cast<int64_t>(i) + 2;  // the header is row 1, as Excel shows it
      if (ToRow((*rows)[i], fields)) return true;
    }
    return false;
  };
  return table;
}

}  // namespace

Result<UploadedTable> TableOfUpload(const Request& r, std::string default_name) {
  UploadedTable table;
  table.file_name = r.Query("file_name") ? *r.Query("file_name") : std::move(default_name);
  if (r.Header("content-type").rfind("application/json", 0) == 0)
    return TableFromJson(r.body, std::move(table));
  auto encoding = ParseEncoding(r.Query("encoding") ? *r.Query("encoding") : "auto");
  if (!encoding) {
    return Fail(Error::Invalid("invalid_value", "encoding", *r.Query("encoding"),
                               "encoding must be auto, utf-8 or gbk", "编码应为auto、utf-8或gbk"));
  }
  auto text = DecodeUpload(r.body, *encoding);
  if (!text) return Fail(text.error());
  auto shared = std::make_shared<const std::string>(std::move(*text));
  table.rows = CsvRowSource(shared);
  int64_t line = 0;
  if (!table.rows(line, table.header)) {
    return Fail(
        Error::Invalid("empty_file", "file", table.file_name, "the file is empty", "文件为空"));
  }
  table.total = static_cast<int64_t>(CountLines(*shared));
  return table;
}

}  // namespace fangkong::api
