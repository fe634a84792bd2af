// The 18-character resident identity number (居民身份证号, GB 11643):
// 6-digit region of registration, 8-digit birth date, 3-digit sequence whose
// parity gives sex, and an ISO 7064 MOD 11-2 check character (0-9 or X).
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class Sex { kUnknown = 0, kMale = 1, kFemale = 2 };

struct IdentityNumber {
  std::string value;  // normalised: ASCII digits, upper-case X
  std::string region_prefix() const { return value.substr(0, 6); }
  Date birth_date;
  Sex sex = Sex::kUnknown;
};

// Normalises full-width digits, surrounding spaces and a lower-case x, then
// checks length, characters, region prefix (a plausible province code), a real
// calendar birth date not after `today`, and the check character. Errors name
// `field` and the rule that failed.
Result<IdentityNumber> ParseIdentityNumber(std::string_view text, Date today,
                                           std::string_view field = "id_number");

// The check character for the first 17 digits.
char IdentityCheckCharacter(std::string_view first17);

// Masks all but the first 4 and last 4 characters: 3301**********123X.
std::string MaskIdentityNumber(std::string_view id);
// 138****5678
std::string MaskPhone(std::string_view phone);
// Masks any other document number, keeping the first 2 and last 2.
std::string MaskDocumentNumber(std::string_view number);
// A name with only its first character shown ("张**"), for someone outside
// the reader's jurisdiction.
std::string MaskName(std::string_view utf8_name);

// An 11-digit mainland mobile number starting with 1 (after width/space normalisation).
Result<std::string> ParseMobilePhone(std::string_view text, std::string_view field = "phone");

const char* SexCode(Sex s);  // "M", "F", ""
Sex ParseSex(std::string_view s);  // accepts M/F/男/女/1/2

}  // namespace fangkong
