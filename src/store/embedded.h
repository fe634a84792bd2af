#pragma once
#include <string_view>
#include <vector>

namespace fangkong {
// A text file compiled into the binary (migrations, the OpenAPI document).
struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};
const std::vector<EmbeddedFile>& SqliteMigrations();
const std::vector<EmbeddedFile>& PostgresMigrations();
}  // namespace fangkong
