// The identity-number, phone and credit-code parsers, on any text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/credit_code.h"
#include "core/id_number.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto today = fangkong::Date::FromYmd(2026, 11, 26).value();
  if (auto id = fangkong::ParseIdentityNumber(text, today)) {
    // A number that parses has 18 characters and its own check character.
    if (id->value.size() != 18 ||
        fangkong::IdentityCheckCharacter(id->value.substr(0, 17)) != id->value[17])
      __builtin_trap();
    (void)fangkong::MaskIdentityNumber(id->value);
  }
  (void)fangkong::ParseMobilePhone(text);
  (void)fangkong::ParseCreditCode(text);
  (void)fangkong::MaskPhone(text);
  return 0;
}
