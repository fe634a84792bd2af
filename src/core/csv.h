// RFC 4180 CSV reading over decoded UTF-8 text, keeping the line number each
// record starts on so import reports can point at it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fangkong {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}
  // Reads the next record into `fields`; false at end of input. Quoted fields
  // may hold commas, doubled quotes and line breaks.
  bool Next(std::vector<std::string>& fields);
  // 1-based line on which the last record returned started.
  size_t line() const { return record_line_; }
  // Bytes consumed so far (for progress).
  size_t position() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
};

// Quotes a field for writing when it holds a comma, quote or line break.
std::string CsvEscape(std::string_view field);

}  // namespace fangkong
