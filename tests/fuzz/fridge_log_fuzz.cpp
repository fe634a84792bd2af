// The fridge data-logger CSV parser, on any text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vaccination/cold_chain.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<fangkong::Error> rejected;
  (void)fangkong::ParseLoggerCsv(text, rejected);
  return 0;
}
