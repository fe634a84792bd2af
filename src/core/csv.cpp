#include "core/csv.h"

namespace fangkong {

bool CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  bool quoted = false;
  bool field_started_quoted = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_started_quoted) {
      quoted = field_started_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      field_started_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      break;
    } else {
      field.push_back(c);
    }
  }
  fields.push_back(std::move(field));
  return true;
}

std::string CsvEscape(std::string_view f) {
  if (f.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(f);
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace fangkong
