#include "registry/export_xlsx.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/id_number.h"
#include "registry/import.h"

namespace fangkong {

namespace {

// The template row (what an import reads back), masked unless `full`.
std::vector<std::string> RowOf(const Person& p, bool full) {
  auto row = PersonTemplateRow(p);
  if (!full) {
    bool rid = p.doc_type == DocumentType::kResidentId;
    row[1] = rid ? MaskIdentityNumber(p.doc_number) : MaskDocumentNumber(p.doc_number);
    if (!p.phone.empty()) row[5] = MaskPhone(p.phone);
  }
  return row;
}

}  // namespace

Result<std::string> PersonsToXlsx(const std::vector<Person>& people, bool full) {
  char name[] = "/tmp/fangkong-export-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return Fail(Error::Internal("cannot create a temporary file for the export"));
  close(fd);
  std::string path = std::string(name) + ".xlsx";
  std::filesystem::rename(name, path);
  lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = nullptr,
                                  .use_zip64 = LXW_TRUE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) return Fail(Error::Internal("cannot create the workbook"));
  lxw_worksheet* ws = workbook_add_worksheet(wb, "人员名单");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const auto& cols = PersonTemplateColumns();
  for (size_t c = 0; c < cols.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), std::string(cols[c].zh).c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 22 : 14, nullptr);
  }
  for (size_t r = 0; r < people.size(); ++r) {
    auto row = RowOf(people[r], full);
    for (size_t c = 0; c < row.size(); ++c) {
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                             row[c].c_str(), nullptr);
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    return Fail(Error::Internal(std::string("cannot write the workbook: ") + lxw_strerror(err)));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

}  // namespace fangkong
