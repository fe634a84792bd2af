#pragma once
#include <string_view>
#include <vector>

namespace fangkong {
// A text file compiled into the binary (migrations, the OpenAPI document).
struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};
// Every file of src/store/migrations, by name.
const std::vector<EmbeddedFile>& EmbeddedMigrations();
}  // namespace fangkong
