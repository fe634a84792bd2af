#include "registry/export_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

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

struct SheetWriter::Workbook {
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
};

SheetWriter::SheetWriter(std::string path)
    : path_(std::move(path)), wb_(std::make_unique<Workbook>()) {}

SheetWriter::~SheetWriter() {
  if (wb_->wb) workbook_close(wb_->wb);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

Result<std::unique_ptr<SheetWriter>> SheetWriter::Open(const std::string& sheet_name,
                                                       const std::vector<Column>& columns) {
  char name[] = "/tmp/fangkong-export-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return Fail(Error::Internal("cannot create a temporary file for the export"));
  close(fd);
  std::string path = std::string(name) + ".xlsx";
  std::filesystem::rename(name, path);
  std::unique_ptr<SheetWriter> w(new SheetWriter(path));
  lxw_workbook_options options = {
      .constant_memory = LXW_TRUE, .tmpdir = nullptr, .use_zip64 = LXW_TRUE};
  w->wb_->wb = workbook_new_opt(path.c_str(), &options);
  if (!w->wb_->wb) return Fail(Error::Internal("cannot create the workbook"));
  lxw_worksheet* ws = workbook_add_worksheet(w->wb_->wb, sheet_name.c_str());
  if (!ws) return Fail(Error::Internal("cannot add the worksheet " + sheet_name));
  w->wb_->ws = ws;
  lxw_format* bold = workbook_add_format(w->wb_->wb);
  format_set_bold(bold);
  for (size_t c = 0; c < columns.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_write_string(ws, 0, col, columns[c].header.c_str(), bold);
    worksheet_set_column(ws, col, col, columns[c].width, nullptr);
  }
  return w;
}

void SheetWriter::AddRow(const std::vector<std::string>& cells) {
  ++rows_;
  for (size_t c = 0; c < cells.size(); ++c) {
    worksheet_write_string(wb_->ws, static_cast<lxw_row_t>(rows_), static_cast<lxw_col_t>(c),
                           cells[c].c_str(), nullptr);
  }
}

Result<std::string> SheetWriter::Finish() {
  lxw_error err = workbook_close(wb_->wb);
  wb_->wb = nullptr;
  if (err != LXW_NO_ERROR) {
    return Fail(Error::Internal(std::string("cannot write the workbook: ") + lxw_strerror(err)));
  }
  std::ifstream in(path_, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::unique_ptr<PersonSheetWriter>> PersonSheetWriter::Open(bool full) {
  std::vector<SheetWriter::Column> columns;
  const auto& cols = PersonTemplateColumns();
  for (size_t c = 0; c < cols.size(); ++c)
    columns.push_back({std::string(cols[c].zh), c == 1 ? 22.0 : 14.0});
  auto sheet = SheetWriter::Open("人员名单", columns);
  if (!sheet) return Fail(sheet.error());
  return std::unique_ptr<PersonSheetWriter>(new PersonSheetWriter(std::move(*sheet), full));
}

void PersonSheetWriter::Add(const Person& p) { sheet_->AddRow(RowOf(p, full_)); }

Result<std::string> PersonsToXlsx(const std::vector<Person>& people, bool full) {
  auto w = PersonSheetWriter::Open(full);
  if (!w) return Fail(w.error());
  for (const auto& p : people) (*w)->Add(p);
  return (*w)->Finish();
}

}  // namespace fangkong
