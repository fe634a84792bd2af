// Excel export of people (libxlsxwriter), masked unless `full`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "registry/person.h"

namespace fangkong {

// Writes people one at a time to an .xlsx workbook with the import
// template's columns, so an exported sheet can be edited and imported again.
// Rows go to a temporary file as they are added (libxlsxwriter's constant
// memory mode), so an export of a million people does not hold them all.
class PersonSheetWriter {
 public:
  // Fails (kInternal) when the temporary file cannot be created.
  static Result<std::unique_ptr<PersonSheetWriter>> Open(bool full);
  ~PersonSheetWriter();  // removes the temporary file
  PersonSheetWriter(const PersonSheetWriter&) = delete;
  PersonSheetWriter& operator=(const PersonSheetWriter&) = delete;

  void Add(const Person& p);
  int64_t rows() const { return rows_; }
  // Closes the workbook and returns its bytes; call once.
  Result<std::string> Finish();

 private:
  PersonSheetWriter(std::string path, bool full);
  std::string path_;
  bool full_;
  struct Workbook;
  std::unique_ptr<Workbook> wb_;
  int64_t rows_ = 0;
};

// The whole workbook for a list of people.
Result<std::string> PersonsToXlsx(const std::vector<Person>& people, bool full);

}  // namespace fangkong
