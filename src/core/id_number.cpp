#include "core/id_number.h"

#include "core/text.h"

namespace fangkong {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Province-level prefixes of GB/T 2260 (plus 71/81/82 for Taiwan, Hong Kong, Macao).
bool IsKnownProvince(std::string_view two) {
  static constexpr std::string_view kProvinces[] = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
      "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
      "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  for (auto p : kProvinces)
    if (p == two) return true;
  return false;
}

Error IdError(std::string_view field, std::string_view value, std::string code, std::string en,
              std::string zh) {
  return Error::Invalid(std::move(code), std::string(field), value, std::move(en), std::move(zh));
}

}  // namespace

char IdentityCheckCharacter(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kChars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kChars[sum % 11];
}

Result<IdentityNumber> ParseIdentityNumber(std::string_view text, Date today,
                                           std::string_view field) {
  std::string v = NormalizeAsciiWidth(text);
  if (!v.empty() && v.back() == 'x') v.back() = 'X';
  if (v.empty()) {
    return Fail(IdError(field, text, "required", "identity number is required", "身份证号不能为空"));
  }
  if (v.size() != 18) {
    return Fail(IdError(field, text, "invalid_id_number",
                        "identity number must have 18 characters, got " +
                            std::to_string(Utf8Length(v)),
                        "身份证号应为18位，实际为" + std::to_string(Utf8Length(v)) + "位"));
  }
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(v[i])) {
      return Fail(IdError(field, text, "invalid_id_number",
                          "the first 17 characters of an identity number must be digits",
                          "身份证号前17位必须是数字"));
    }
  }
  if (!IsDigit(v[17]) && v[17] != 'X') {
    return Fail(IdError(field, text, "invalid_id_number",
                        "the last character of an identity number must be a digit or X",
                        "身份证号最后一位必须是数字或X"));
  }
  if (!IsKnownProvince(v.substr(0, 2))) {
    return Fail(IdError(field, text, "invalid_id_number",
                        "identity number starts with an unknown province code " + v.substr(0, 2),
                        "身份证号前两位不是有效的省级行政区划代码：" + v.substr(0, 2)));
  }
  auto birth = Date::Parse(std::string_view(v).substr(6, 8));
  if (!birth) {
    return Fail(IdError(field, text, "invalid_id_number",
                        "identity number contains an impossible birth date " + v.substr(6, 8),
                        "身份证号中的出生日期不存在：" + v.substr(6, 8)));
  }
  if (*birth > today) {
    return Fail(IdError(field, text, "invalid_id_number",
                        "identity number contains a birth date in the future " + birth->Iso(),
                        "身份证号中的出生日期晚于今天：" + birth->Iso()));
  }
  if (birth->year() < 1890) {
    return Fail(IdError(field, text, "invalid_id_number",
                        "identity number contains a birth year before 1890",
                        "身份证号中的出生年份早于1890年"));
  }
  char expected = IdentityCheckCharacter(v);
  if (v[17] != expected) {
    return Fail(IdError(field, text, "invalid_id_number",
                        std::string("identity number check character is wrong (expected ") +
                            expected + ")",
                        std::string("身份证号校验码错误（应为") + expected + "）"));
  }
  IdentityNumber id;
  id.birth_date = *birth;
  id.sex = ((v[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;
  id.value = std::move(v);
  return id;
}

std::string MaskIdentityNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view p) {
  if (p.size() < 7) return std::string(p.size(), '*');
  return std::string(p.substr(0, 3)) + std::string(p.size() - 7, '*') +
         std::string(p.substr(p.size() - 4));
}

std::string MaskDocumentNumber(std::string_view n) {
  if (n.size() <= 4) return std::string(n.size(), '*');
  return std::string(n.substr(0, 2)) + std::string(n.size() - 4, '*') +
         std::string(n.substr(n.size() - 2));
}

std::string MaskName(std::string_view name) {
  size_t first = Utf8FirstCharLength(name);
  size_t rest = Utf8Length(name.substr(first));
  return std::string(name.substr(0, first)) + std::string(rest, '*');
}

Result<std::string> ParseMobilePhone(std::string_view text, std::string_view field) {
  std::string v = NormalizeAsciiWidth(text);
  std::string digits;
  for (char c : v) {
    if (c == ' ' || c == '-') continue;
    digits.push_back(c);
  }
  if (digits.rfind("+86", 0) == 0) digits = digits.substr(3);
  bool ok = digits.size() == 11 && digits[0] == '1';
  for (char c : digits) ok = ok && IsDigit(c);
  if (!ok) {
    return Fail(Error::Invalid("invalid_phone", std::string(field), text,
                               "mobile phone must be 11 digits starting with 1",
                               "手机号应为以1开头的11位数字"));
  }
  return digits;
}

const char* SexCode(Sex s) {
  switch (s) {
    case Sex::kMale: return "M";
    case Sex::kFemale: return "F";
    default: return "";
  }
}

Sex ParseSex(std::string_view s) {
  if (s == "M" || s == "m" || s == "男" || s == "1" || s == "male") return Sex::kMale;
  if (s == "F" || s == "f" || s == "女" || s == "2" || s == "female") return Sex::kFemale;
  return Sex::kUnknown;
}

}  // namespace fangkong
