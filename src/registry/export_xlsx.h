// Excel export of people (libxlsxwriter), masked unless `full`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "registry/person.h"

namespace fangkong {

// Writes rows one at a time to a one-sheet .xlsx workbook with a bold
// header row. Rows go to a temporary file as they are added (libxlsxwriter's
// constant memory mode), so a sheet of a million rows is not held in memory.
class SheetWriter {
 public:
  struct Column {
    std::string header;
    double width = 14;
  };
  // Fails (kInternal) when the temporary file cannot be created.
  static Result<std::unique_ptr<SheetWriter>> Open(const std::string& sheet_name,
                                                   const std::vector<Column>& columns);
  ~SheetWriter();  // removes the temporary file
  SheetWriter(const SheetWriter&) = delete;
  SheetWriter& operator=(const SheetWriter&) = delete;

  void AddRow(const std::vector<std::string>& cells);
  int64_t rows() const { return rows_; }
  // Closes the workbook and returns its bytes; call once.
  Result<std::string> Finish();

 private:
  explicit SheetWriter(std::string path);
  std::string path_;
  struct Workbook;
  std::unique_ptr<Workbook> wb_;
  int64_t rows_ = 0;
};

// People with the import template's columns, so an exported sheet can be
// edited and imported again; masked unless `full`.
class PersonSheetWriter {
 public:
  static Result<std::unique_ptr<PersonSheetWriter>> Open(bool full);
  void Add(const Person& p);
  int64_t rows() const { return sheet_->rows(); }
  Result<std::string> Finish() { return sheet_->Finish(); }

 private:
  PersonSheetWriter(std::unique_ptr<SheetWriter> sheet, bool full)
      : sheet_(std::move(sheet)), full_(full) {}
  std::unique_ptr<SheetWriter> sheet_;
  bool full_;
};

// The whole workbook for a list of people.
Result<std::string> PersonsToXlsx(const std::vector<Person>& people, bool full);

}  // namespace fangkong
