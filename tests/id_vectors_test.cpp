// Identity numbers against vectors made by an independent implementation
// (tests/vectors/make_id_vectors.py, from GB 11643-1999 and ISO 7064), not by
// the code under test: valid ones parse to their birth date and sex, and
// each invalid one fails for the one rule it breaks.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/csv.h"
#include "core/id_number.h"

namespace fangkong {
namespace {

struct Vector {
  std::string number, valid, rule, birth_date, sex, note;
};

std::vector<Vector> LoadVectors() {
  std::ifstream in(FANGKONG_TEST_VECTORS "/id_numbers.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  CsvReader reader(all);
  std::vector<std::string> f;
  std::vector<Vector> out;
  reader.Next(f);  // header
  while (reader.Next(f))
    if (f.size() == 6) out.push_back({f[0], f[1], f[2], f[3], f[4], f[5]});
  return out;
}

// What the parser's message says for each rule the generator breaks.
const std::map<std::string, std::string> kRuleMessages = {
    {"length", "18 characters"},
    {"digits", "first 17 characters"},
    {"last_character", "digit or X"},
    {"province", "province code"},
    {"birth_date", "impossible birth date"},
    {"future_birth", "in the future"},
    {"before_1890", "before 1890"},
    {"check_character", "check character"},
};

TEST(IdentityVectors, EachValidVectorParsesToItsBirthDateAndSex) {
  Date today = Date::FromYmd(2026, 11, 26).value();
  int checked = 0;
  for (const auto& v : LoadVectors()) {
    if (v.valid != "valid") continue;
    auto id = ParseIdentityNumber(v.number, today);
    ASSERT_TRUE(id) << v.number << " (" << v.note << "): " << id.error().message;
    EXPECT_EQ(id->birth_date.Iso(), v.birth_date) << v.number;
    EXPECT_EQ(id->sex, v.sex == "M" ? Sex::kMale : Sex::kFemale) << v.number;
    EXPECT_EQ(IdentityCheckCharacter(v.number.substr(0, 17)), v.number[17]) << v.number;
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST(IdentityVectors, EachInvalidVectorFailsForTheOneRuleItBreaks) {
  Date today = Date::FromYmd(2026, 11, 26).value();
  std::map<std::string, int> rules;
  for (const auto& v : LoadVectors()) {
    if (v.valid != "invalid") continue;
    auto id = ParseIdentityNumber(v.number, today);
    ASSERT_FALSE(id) << v.number << " (" << v.note << ") was accepted";
    EXPECT_EQ(id.error().code, "invalid_id_number") << v.number;
    EXPECT_EQ(id.error().field, "id_number");
    ASSERT_TRUE(kRuleMessages.count(v.rule)) << v.rule;
    EXPECT_NE(id.error().message.find(kRuleMessages.at(v.rule)), std::string::npos)
        << v.number << " (" << v.note << ") should break " << v.rule
        << ", got: " << id.error().message;
    ++rules[v.rule];
  }
  EXPECT_EQ(rules.size(), kRuleMessages.size()) << "every rule has a vector";
}

}  // namespace
}  // namespace fangkong
