// A scanned traceability code against every product's format in the
// catalogue, and against a format that repeats without bound.
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string_view>
#include <vector>

#include "vaccination/catalogue.h"
#include "vaccination/visit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::regex> formats = [] {
    std::vector<std::regex> v{std::regex("^[0-9A-Z]+$")};
    for (const auto& p : fangkong::Catalogue::Default().products())
      v.emplace_back(p.trace_code_pattern);
    return v;
  }();
  std::string_view code(reinterpret_cast<const char*>(data), size);
  for (const auto& f : formats) (void)fangkong::IsTraceCodeOf(code, f);
  return 0;
}
