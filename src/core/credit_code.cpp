#include "core/credit_code.h"

#include <array>

namespace fangkong {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

Error Invalid(std::string_view field, std::string_view value, std::string en, std::string zh) {
  return Error::Invalid("invalid_credit_code", std::string(field), value, std::move(en),
                        std::move(zh));
}

}  // namespace

char CreditCodeCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) {
    auto v = kAlphabet.find(first17[i]);
    sum += static_cast<int>(v == std::string_view::npos ? 0 : v) * kWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return kAlphabet[static_cast<size_t>(check)];
}

Result<std::string> ParseCreditCode(std::string_view text, std::string_view field) {
  std::string code(text);
  for (char& c : code)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (code.size() != 18) {
    return Fail(Invalid(field, text, "a unified social credit code has 18 characters, not " +
                                         std::to_string(code.size()),
                        "统一社会信用代码应为18位，实际为" + std::to_string(code.size()) + "位"));
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (kAlphabet.find(code[i]) == std::string_view::npos) {
      return Fail(Invalid(field, text,
                          "character " + std::to_string(i + 1) +
                              " is not allowed (digits and capital letters except I, O, S, V, Z)",
                          "第" + std::to_string(i + 1) + "位字符无效（只能是数字和除I、O、S、V、Z外的大写字母）"));
    }
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return Fail(Invalid(field, text, "characters 3 to 8 are a region code and must be digits",
                          "第3至8位为行政区划码，应为数字"));
    }
  }
  char want = CreditCodeCheckCharacter(code.substr(0, 17));
  if (code[17] != want) {
    return Fail(Invalid(field, text, std::string("wrong check character (expected ") + want + ")",
                        std::string("统一社会信用代码校验位错误（应为") + want + "）"));
  }
  return code;
}

}  // namespace fangkong
