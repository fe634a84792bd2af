#include <gtest/gtest.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "core/text.h"
#include "test_support.h"

namespace fangkong {
namespace {

const Date kToday = *Date::FromYmd(2026, 11, 23);

TEST(IdentityNumber, AcceptsValidNumbersAndDerivesBirthAndSex) {
  std::string id = testing::MakeId("341881", "19800229", 123);
  auto r = ParseIdentityNumber(id, kToday);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->birth_date.Iso(), "1980-02-29");
  EXPECT_EQ(r->sex, Sex::kMale);
  auto f = ParseIdentityNumber(testing::MakeId("341881", "19900101", 124), kToday);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->sex, Sex::kFemale);
}

TEST(IdentityNumber, KnownCheckCharacters) {
  // The GB 11643 worked example.
  EXPECT_EQ(IdentityCheckCharacter("11010519491231002"), 'X');
  EXPECT_TRUE(ParseIdentityNumber("11010519491231002X", kToday));
}

struct BadId {
  std::string input;
  std::string why;
};

class BadIdentityNumbers : public ::testing::TestWithParam<BadId> {};

TEST_P(BadIdentityNumbers, AreRejectedWithAFieldError) {
  auto r = ParseIdentityNumber(GetParam().input, kToday);
  ASSERT_FALSE(r) << GetParam().why;
  EXPECT_EQ(r.error().field, "id_number");
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(r.error().message_zh.empty());
}

std::string WrongCheck() {
  std::string id = testing::MakeId("341881", "19800101", 11);
  id.back() = id.back() == '0' ? '1' : '0';
  return id;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadIdentityNumbers,
    ::testing::Values(BadId{WrongCheck(), "wrong check character"},
                      BadId{"34188119990230001" "0", "impossible date 19990230"},
                      BadId{testing::MakeId("341881", "20300101", 11), "future birth date"},
                      BadId{testing::MakeId("341881", "19800101", 11).substr(0, 17), "17 characters"},
                      BadId{testing::MakeId("341881", "19800101", 11) + "1", "19 characters"},
                      BadId{"", "empty"},
                      BadId{"99188119800101001X", "unknown province"},
                      BadId{"3418811980010100AX", "letters inside"},
                      BadId{"34188118800101001X", "before 1890"}));

TEST(IdentityNumber, NormalisesLowercaseXAndFullWidthDigits) {
  std::string id = "11010519491231002x";
  auto r = ParseIdentityNumber(id, kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, "11010519491231002X");
  // "１１０１０５１９４９１２３１００２Ｘ" typed with a Chinese IME.
  std::string full = "\xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x95"
                     "\xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x99\xEF\xBC\x91\xEF\xBC\x92"
                     "\xEF\xBC\x93\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\xB8";
  auto w = ParseIdentityNumber(full, kToday);
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->value, "11010519491231002X");
}

TEST(CreditCode, AcceptsTheStandardsExampleAndRejectsEachBrokenRule) {
  auto ok = ParseCreditCode("91350100m000100y43");  // the example of GB 32100, lower-cased
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(*ok, "91350100M000100Y43");
  EXPECT_EQ(CreditCodeCheckCharacter("91350100M000100Y4"), '3');
  struct Case {
    const char* input;
    const char* rule;
  } cases[] = {{"91350100M000100Y4", "18 characters"},
               {"91350100M000100Y44", "check character"},
               {"91350100M0001O0Y43", "not allowed"},
               {"913501A0M000100Y43", "region code"}};
  for (const auto& c : cases) {
    auto r = ParseCreditCode(c.input);
    ASSERT_FALSE(r) << c.input;
    EXPECT_EQ(r.error().field, "credit_code");
    EXPECT_EQ(r.error().value, c.input);
    EXPECT_NE(r.error().message.find(c.rule), std::string::npos) << r.error().message;
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

TEST(Masking, KeepsOnlyTheEnds) {
  EXPECT_EQ(MaskIdentityNumber("33010219800101123X"), "3301**********123X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  const std::pair<const char*, const char*> names[] = {
      {"张三", "张*"}, {"欧阳娜娜", "欧***"}, {"Li", "L*"}, {"", ""}, {"王", "王"}};
  for (const auto& [name, masked] : names) EXPECT_EQ(MaskName(name), masked) << name;
}

TEST(Phone, ValidatesMobileNumbers) {
  EXPECT_EQ(*ParseMobilePhone("138 1234 5678"), "13812345678");
  EXPECT_EQ(*ParseMobilePhone("+8613812345678"), "13812345678");
  EXPECT_FALSE(ParseMobilePhone("1381234567"));
  EXPECT_FALSE(ParseMobilePhone("23812345678"));
  EXPECT_EQ(ParseMobilePhone("abc").error().field, "phone");
}

TEST(Date, ParsesOnlyRealDates) {
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_FALSE(Date::Parse("2023-02-29"));
  EXPECT_FALSE(Date::Parse("19990230"));
  EXPECT_FALSE(Date::Parse("2024-2-9"));
  EXPECT_EQ(Date::Parse("20240229")->Iso(), "2024-02-29");
}

TEST(Date, IsoTextIsZeroPaddedAndRoundTrips) {
  struct Case {
    int y;
    unsigned m, d;
    const char* text;
  } cases[] = {{1900, 1, 1, "1900-01-01"},  {1970, 1, 1, "1970-01-01"},
               {2000, 2, 29, "2000-02-29"}, {2021, 12, 31, "2021-12-31"},
               {9, 7, 4, "0009-07-04"},     {9999, 12, 31, "9999-12-31"}};
  for (const auto& c : cases) EXPECT_EQ(Date::FromYmd(c.y, c.m, c.d)->Iso(), c.text);
  // Every day of two centuries reads back as itself.
  for (Date d = *Date::Parse("1920-01-01"); d < *Date::Parse("2120-01-01"); d = d.AddDays(1))
    ASSERT_EQ(Date::Parse(d.Iso()), d) << d.Iso();
}

TEST(Date, AgeCountsCompletedYears) {
  Date born = *Date::Parse("2000-02-29");
  EXPECT_EQ(born.AgeOn(*Date::Parse("2018-02-28")), 17);
  EXPECT_EQ(born.AgeOn(*Date::Parse("2018-03-01")), 18);
  EXPECT_EQ(born.AddYears(1).Iso(), "2001-02-28");
}

TEST(RegionCode, LevelsParentsAndSubtrees) {
  auto v = RegionCode::Parse("341881001001");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->level(), RegionLevel::kVillage);
  EXPECT_EQ(v->Parent()->str(), "341881001");
  EXPECT_EQ(RegionCode::Parse("34")->Parent()->str(), "");
  EXPECT_TRUE(RegionCode::Parse("341881")->Contains(*v));
  EXPECT_FALSE(RegionCode::Parse("341882")->Contains(*v));
  EXPECT_FALSE(RegionCode::Parse("3418810"));
  EXPECT_FALSE(RegionCode::Parse("34a881"));
  EXPECT_EQ(RegionCode::Parse("34a881").error().field, "region");
}

TEST(Csv, QuotesNewlinesAndLineNumbers) {
  CsvReader r("a,b\n\"x,1\",\"he said \"\"hi\"\"\"\n\"multi\nline\",2\r\nlast,3");
  std::vector<std::string> f;
  ASSERT_TRUE(r.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(r.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"x,1", "he said \"hi\""}));
  EXPECT_EQ(r.line(), 2u);
  ASSERT_TRUE(r.Next(f));
  EXPECT_EQ(f[0], "multi\nline");
  ASSERT_TRUE(r.Next(f));
  EXPECT_EQ(r.line(), 5u);
  EXPECT_EQ(f, (std::vector<std::string>{"last", "3"}));
  EXPECT_FALSE(r.Next(f));
}

TEST(Text, EncodingsAndWidth) {
  EXPECT_TRUE(IsValidUtf8("王小明"));
  auto gbk = Utf8ToGb18030("王小明");
  ASSERT_TRUE(gbk);
  EXPECT_FALSE(IsValidUtf8(*gbk));
  EXPECT_EQ(*Gb18030ToUtf8(*gbk), "王小明");
  EXPECT_EQ(StripBom("\xEF\xBB\xBF" "abc"), "abc");
  EXPECT_EQ(NormalizeAsciiWidth("\xE3\x80\x80 \xEF\xBC\x91\xEF\xBC\x92 "), "12");
  EXPECT_EQ(Utf8Length("王a"), 2u);
  std::string big(10 * 1024 * 1024, 'a');
  EXPECT_LT(TruncateForDisplay(big).size(), 200u);
}

TEST(Text, SplitNonEmptyDropsEmptyPieces) {
  using V = std::vector<std::string>;
  EXPECT_EQ(SplitNonEmpty(",diabetes,,pregnant,", ','), (V{"diabetes", "pregnant"}));
  EXPECT_EQ(SplitNonEmpty("/api/v1/persons/{id}", '/'), (V{"api", "v1", "persons", "{id}"}));
  EXPECT_EQ(SplitNonEmpty("慢性病", ','), (V{"慢性病"}));
  EXPECT_TRUE(SplitNonEmpty(",,", ',').empty());
  EXPECT_TRUE(SplitNonEmpty("", ',').empty());
}

}  // namespace
}  // namespace fangkong
