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

struct PersonSheetWriter::Workbook {
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
};

PersonSheetWriter::PersonSheetWriter(std::string path, bool full)
    : path_(std::move(path)), full_(full), wb_(std::make_unique<Workbook>()) {}

PersonSheetWriter::~PersonSheetWriter() {
  if (wb_->wb) workbook_close(wb_->wb);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

Result<std::unique_ptr<PersonSheetWriter>> PersonSheetWriter::Open(bool full) {
  char name[] = "/tmp/fangkong-export-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return Fail(Error::Internal("cannot create a temporary file for the export"));
  close(fd);
  std::string path = std::string(name) + ".xlsx";
  std::filesystem::rename(name, path);
  std::unique_ptr<PersonSheetWriter> w(new PersonSheetWriter(path, full));
  lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = nullptr,
                                  .use_zip64 = LXW_TRUE};
  w->wb_->wb = workbook_new_opt(path.c_str(), &options);
  if (!w->wb_->wb) return Fail(Error::Internal("cannot create the workbook"));
  lxw_worksheet* ws = workbook_add_worksheet(w->wb_->wb, "人员名单");
  w->wb_->ws = ws;
  lxw_format* bold = workbook_add_format(w->wb_->wb);
  format_set_bold(bold);
  const auto& cols = PersonTemplateColumns();
  for (size_t c = 0; c < cols.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_write_string(ws, 0, col, std::string(cols[c].zh).c_str(), bold);
    worksheet_set_column(ws, col, col, c == 1 ? 22 : 14, nullptr);
  }
  return w;
}

void PersonSheetWriter::Add(const Person& p) {
  auto row = RowOf(p, full_);
  ++rows_;
  for (size_t c = 0; c < row.size(); ++c) {
    worksheet_write_string(wb_->ws, static_cast<lxw_row_t>(rows_), static_cast<lxw_col_t>(c),
                           row[c].c_str(), nullptr);
  }
}

Result<std::string> PersonSheetWriter::Finish() {
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

Result<std::string> PersonsToXlsx(const std::vector<Person>& people, bool full) {
  auto w = PersonSheetWriter::Open(full);
  if (!w) return Fail(w.error());
  for (const auto& p : people) (*w)->Add(p);
  return (*w)->Finish();
}

}  // namespace fangkong
