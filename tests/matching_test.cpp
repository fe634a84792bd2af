// Record linkage of pushed arrivals (arrivals/matching.h) and the Mandarin
// readings behind it (arrivals/pinyin.h), by table.
#include "arrivals/matching.h"

#include <gtest/gtest.h>

#include <random>

namespace fangkong {
namespace {

const PinyinTable& Pinyin() { return PinyinTable::Default(); }

TEST(Pinyin, TheBuiltInTableReadsNamesWithoutTones) {
  EXPECT_GT(Pinyin().size(), 20000u);
  EXPECT_EQ(Pinyin().Key("张伟"), "zhang wei");
  EXPECT_EQ(Pinyin().Key("章炜"), "zhang wei");
  EXPECT_EQ(Pinyin().Key("吕"), "lv");
  EXPECT_EQ(Pinyin().Key("买买提·艾力"), "mai mai ti ai li");
  EXPECT_EQ(Pinyin().Key("A张"), "a zhang");
  EXPECT_EQ(WithoutTones("zhāng"), "zhang");
  EXPECT_EQ(WithoutTones("lǜ"), "lv");
}

TEST(Pinyin, ATableReadsItsLines) {
  PinyinTable t("5F20 zhāng\n7AE0 zhāng\nbad line\nZZZZ x\n");
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.Syllable(U'张'), "zhang");
  EXPECT_EQ(t.Syllable(U'伟'), "伟");  // not in this table: itself
}

TEST(Matching, PhoneDistanceCountsTheUsualSlips) {
  struct Row {
    const char* a;
    const char* b;
    int distance;
  } rows[] = {{"13812345678", "13812345678", 0},
              {"13812345678", "13812345687", 1},  // swapped
              {"13812345678", "1381234567", 1},   // missing
              {"13812345678", "13812345679", 1},  // wrong
              {"138-1234-5678", "13812345678", 0},
              {"13812345678", "13821345687", 2},
              {"13812345678", "", 99},
              {"13812345678", "15987654321", 9}};
  for (const auto& r : rows) EXPECT_EQ(PhoneDistance(r.a, r.b), r.distance) << r.a << " " << r.b;
}

TEST(Matching, NamesAgreeBySoundWhenTheCharactersDiffer) {
  struct Row {
    const char* a;
    const char* b;
    NameAgreement agreement;
  } rows[] = {{"张伟", "张伟", NameAgreement::kSame},
              {"张伟", "章炜", NameAgreement::kSoundsSame},
              {"李娜", "李纳", NameAgreement::kSoundsSame},
              {"王小明", "王晓明", NameAgreement::kSoundsSame},
              {"王小明", "王大明", NameAgreement::kOneSyllable},
              {"张伟", "张强", NameAgreement::kOneSyllable},
              {"张伟", "李伟", NameAgreement::kDifferent},  // two characters: the surname holds
              {"张伟", "张伟强", NameAgreement::kDifferent},
              {"", "", NameAgreement::kDifferent}};
  for (const auto& r : rows)
    EXPECT_EQ(CompareNames(r.a, r.b, Pinyin()), r.agreement) << r.a << " " << r.b;
}

TEST(Matching, OnlyACertainLinkIsTakenWithoutAPerson) {
  LinkCandidate zhang{1, "张伟", "13812345678", "19800101"};
  LinkCandidate other_zhang{2, "张伟", "13700000000", "19900505"};
  LinkCandidate neighbour{3, "李强", "13812345678", "19700303"};
  struct Row {
    const char* what;
    PushedPerson row;
    std::vector<LinkCandidate> candidates;
    LinkDecision decision;
    int64_t best;  // 0: none
  } rows[] = {
      {"same name and phone",
       {"", "张伟", "13812345678"},
       {zhang, other_zhang},
       LinkDecision::kCertain,
       1},
      {"a homophone and the same phone",
       {"", "章炜", "13812345678"},
       {zhang},
       LinkDecision::kCertain,
       1},
      {"two digits swapped",
       {"", "张伟", "13812345687"},
       {zhang, other_zhang},
       LinkDecision::kCertain,
       1},
      {"a bad identity number with the right birth date",
       {"34188119800101XXXX", "张伟", ""},
       {zhang, other_zhang},
       LinkDecision::kUncertain,
       1},
      {"a common name and no phone: a person chooses",
       {"", "张伟", ""},
       {zhang, other_zhang},
       LinkDecision::kUncertain,
       1},
      {"a homophone and a slipped digit: shown, not taken",
       {"", "章炜", "13812345679"},
       {zhang},
       LinkDecision::kUncertain,
       1},
      {"a shared phone only",
       {"", "王芳", "13812345678"},
       {neighbour},
       LinkDecision::kUncertain,
       3},
      {"nothing in common",
       {"", "王芳", "15900000000"},
       {zhang, neighbour},
       LinkDecision::kNone,
       0},
  };
  for (const auto& r : rows) {
    auto l = Link(r.row, r.candidates, Pinyin());
    EXPECT_EQ(l.decision, r.decision) << r.what;
    if (r.best) {
      ASSERT_FALSE(l.candidates.empty()) << r.what;
      EXPECT_EQ(l.candidates.front().candidate.person_id, r.best) << r.what;
    } else {
      EXPECT_TRUE(l.candidates.empty()) << r.what;
    }
  }
}

TEST(Matching, PhonesWithinSoManyEdits) {
  struct Row {
    const char* a;
    const char* b;
    int edits;
    bool want;
  };
  const Row rows[] = {
      {"13812345678", "13812345678", 0, true},  {"13812345678", "13812354678", 1, true},
      {"13812345678", "1381234567", 1, true},   {"13812345678", "138123456", 1, false},
      {"13812345678", "13899995678", 2, false}, {"", "13812345678", 2, false}};
  for (const auto& r : rows) EXPECT_EQ(PhoneWithin(r.a, r.b, r.edits), r.want) << r.a << " " << r.b;
}

// The quick refusals (lengths, digit counts) never refuse what the full
// table accepts: phones slipped one and two edits from each other, and
// unrelated ones, against the distance itself.
TEST(Matching, PhonesWithinAgreesWithTheDistance) {
  std::mt19937 rng(7);
  auto digit = [&] { return static_cast<char>('0' + rng() % 10); };
  auto slip = [&](std::string s) {
    size_t i = rng() % s.size();
    switch (rng() % 4) {
      case 0:
        s[i] = digit();
        break;
      case 1:
        s.insert(s.begin() + static_cast<long>(i), digit());
        break;
      case 2:
        s.erase(i, 1);
        break;
      default:
        if (i + 1 < s.size()) std::swap(s[i], s[i + 1]);
    }
    return s;
  };
  int near = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string a = "1";
    for (int i = 0; i < 10; ++i) a += digit();
    std::string b = n % 3 == 0 ? a : slip(a);
    if (n % 3 != 2) b = slip(b);
    if (n % 5 == 0) b = "1" + std::string(10, '0'), b[3 + rng() % 8] = digit();
    for (int edits : {0, 1, 2, 3}) {
      bool want = PhoneDistance(a, b) <= edits;
      near += want;
      ASSERT_EQ(PhoneWithin(a, b, edits), want) << a << " " << b << " " << edits;
    }
  }
  EXPECT_GT(near, 20000);  // the table holds pairs on both sides of each limit
}

}  // namespace
}  // namespace fangkong
