// The unified social credit code (统一社会信用代码, GB 32100-2015) that
// identifies an employer, school or other organisation: 18 characters from
// "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z), a registering-authority
// character, a kind character, a 6-digit region code, a 9-character
// organisation code and a MOD 31 check character.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace fangkong {

// The check character for the first 17 characters (which must be valid).
char CreditCodeCheckCharacter(std::string_view first17);

// Upper-cases and checks a code; the error names `field`, the value and the
// rule broken (length, character set, check character).
Result<std::string> ParseCreditCode(std::string_view text, std::string_view field = "credit_code");

}  // namespace fangkong
