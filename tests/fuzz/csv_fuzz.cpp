// The upload decoder (UTF-8 or GBK/GB18030, BOM) and the CSV reader, on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/text.h"
#include "registry/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (auto encoding : {fangkong::TextEncoding::kAuto, fangkong::TextEncoding::kUtf8,
                        fangkong::TextEncoding::kGb18030}) {
    auto text = fangkong::DecodeUpload(bytes, encoding);
    if (!text) continue;
    fangkong::CsvReader reader(*text);
    std::vector<std::string> fields;
    while (reader.Next(fields)) {
    }
  }
  return 0;
}
