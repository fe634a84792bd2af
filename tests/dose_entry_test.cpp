// The rules of doses entered after the fact and of corrections, and the
// numbering of a person's doses, as tables worked out by hand from the
// shipped catalogue (CoronaVac: 2 doses 21-56 days apart; Ad5-nCoV: 1 dose;
// a booster from 18 years, 90 days after the series; MR: measles).
#include "vaccination/dose_entry.h"

#include <gtest/gtest.h>

namespace fangkong {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

DoseRecord Dose(int64_t id, const char* product, const char* day, int number = 0,
                bool booster = false) {
  DoseRecord d;
  d.id = id;
  d.person_id = 7;
  d.product = product;
  d.date = D(day);
  d.dose_number = number;
  d.booster = booster;
  return d;
}

const Date kBorn = D("1980-03-01");
const Date kToday = D("2021-07-01");

TEST(DoseEntryTable, BackEntriesAreCheckedFieldByField) {
  const std::vector<DoseRecord> existing{Dose(1, "CoronaVac", "2021-05-01", 1)};
  struct Case {
    BackEntryInput in;
    const char* code;  // "" when taken
    const char* field;
  } cases[] = {
      {{"CoronaVac", "2021-04-01", "", "", "外县记录"}, "", ""},
      {{"", "2021-04-01", "", "", "外县记录"}, "required", "product"},
      {{"Sputnik", "2021-04-01", "", "", "外县记录"}, "unknown_product", "product"},
      {{"CoronaVac", "", "", "", "外县记录"}, "required", "given_on"},
      {{"CoronaVac", "2021-02-30", "", "", "外县记录"}, "invalid_date", "given_on"},
      {{"CoronaVac", "2021-07-02", "", "", "外县记录"}, "in_future", "given_on"},
      {{"CoronaVac", "2021-07-01", "", "", "外县记录"}, "", ""},  // today is fine
      {{"CoronaVac", "1979-12-31", "", "", "外县记录"}, "before_birth", "given_on"},
      {{"CoronaVac", "2021-04-01", "", "", ""}, "required", "source"},
      // The same disease on a day already recorded is a double entry,
      // whatever the product; another disease that day is not.
      {{"BBIBP-CorV", "2021-05-01", "", "", "外县记录"}, "duplicate_dose", "given_on"},
      {{"MR", "2021-05-01", "", "", "外县记录"}, "", ""},
  };
  for (const auto& c : cases) {
    auto d = CheckBackEntry(Catalogue::Default(), 7, kBorn, c.in, kToday, existing);
    std::string what = c.in.product + " " + c.in.given_on + " " + c.in.source;
    if (!*c.code) {
      ASSERT_TRUE(d) << what << ": " << d.error().message;
      EXPECT_EQ(d->product, c.in.product);
      EXPECT_EQ(d->date.Iso(), c.in.given_on);
      continue;
    }
    ASSERT_FALSE(d) << what;
    EXPECT_EQ(d.error().code, c.code) << what;
    EXPECT_EQ(d.error().field, c.field) << what;
  }
}

TEST(DoseEntryTable, CorrectionsNeedAReasonAndAChange) {
  const DoseRecord dose = Dose(1, "CoronaVac", "2021-05-01", 1);
  const std::vector<DoseRecord> existing{dose, Dose(2, "CoronaVac", "2021-06-01", 2)};
  struct Case {
    DoseCorrectionInput in;
    const char* code;
    const char* field;
    const char* product;  // after, when taken
    const char* day;
  } cases[] = {
      {{"", "2021-05-03", "", "录错日期"}, "", "", "CoronaVac", "2021-05-03"},
      {{"BBIBP-CorV", "", "", "录错产品"}, "", "", "BBIBP-CorV", "2021-05-01"},
      {{"", "", "B202105", "补批号"}, "", "", "CoronaVac", "2021-05-01"},
      {{"", "2021-05-03", "", ""}, "required", "reason", "", ""},
      {{"CoronaVac", "2021-05-01", "", "无变化"}, "no_change", "given_on", "", ""},
      {{"", "2021-08-01", "", "录错"}, "in_future", "given_on", "", ""},
      {{"", "1970-01-01", "", "录错"}, "before_birth", "given_on", "", ""},
      {{"XYZ", "", "", "录错"}, "unknown_product", "product", "", ""},
      // Onto the day of the person's other dose: a double record.
      {{"", "2021-06-01", "", "录错"}, "duplicate_dose", "given_on", "", ""},
  };
  for (const auto& c : cases) {
    auto d = CheckCorrection(Catalogue::Default(), kBorn, dose, c.in, kToday, existing);
    std::string what = c.in.product + " " + c.in.given_on + " " + c.in.lot + " " + c.in.reason;
    if (!*c.code) {
      ASSERT_TRUE(d) << what << ": " << d.error().message;
      EXPECT_EQ(d->product, c.product) << what;
      EXPECT_EQ(d->date.Iso(), c.day) << what;
      EXPECT_EQ(d->id, 1) << what;
      continue;
    }
    ASSERT_FALSE(d) << what;
    EXPECT_EQ(d.error().code, c.code) << what;
    EXPECT_EQ(d.error().field, c.field) << what;
  }
  EXPECT_EQ(CheckVoid("").error().field, "reason");
  EXPECT_TRUE(CheckVoid("重复录入"));
}

// What Renumbered returns: the doses to change, as (id, number, booster).
std::vector<std::tuple<int64_t, int, bool>> Moves(const std::vector<DoseRecord>& doses) {
  std::vector<std::tuple<int64_t, int, bool>> out;
  for (const auto& d : Renumbered(Catalogue::Default(), kBorn, doses))
    out.emplace_back(d.id, d.dose_number, d.booster);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DoseEntryTable, DosesAreNumberedInTheOrderGiven) {
  using M = std::vector<std::tuple<int64_t, int, bool>>;
  // Numbered right already: nothing moves.
  EXPECT_EQ(Moves({Dose(1, "CoronaVac", "2021-05-01", 1), Dose(2, "CoronaVac", "2021-06-01", 2)}),
            M{});
  // A dose entered before both: it is the first, the others move up, and
  // the third, after a complete series, is a booster.
  EXPECT_EQ(Moves({Dose(1, "CoronaVac", "2021-05-01", 1), Dose(2, "CoronaVac", "2021-06-01", 2),
                   Dose(3, "CoronaVac", "2021-03-15")}),
            (M{{1, 2, false}, {2, 3, true}, {3, 1, false}}));
  // The first voided: the second becomes the first, not a booster.
  EXPECT_EQ(
      Moves({Dose(2, "CoronaVac", "2021-06-01", 2), Dose(3, "CoronaVac", "2021-12-01", 3, true)}),
      (M{{2, 1, false}, {3, 2, false}}));
  // One-dose Ad5-nCoV: the next dose of the disease is a booster.
  EXPECT_EQ(Moves({Dose(1, "Ad5-nCoV", "2021-05-01", 1), Dose(2, "CoronaVac", "2021-10-01", 1)}),
            (M{{2, 2, true}}));
  // Each disease counts its own doses; unknown products are left alone.
  EXPECT_EQ(Moves({Dose(1, "CoronaVac", "2021-05-01", 1), Dose(2, "MR", "2021-05-02", 2),
                   Dose(3, "Retired", "2021-05-03", 9)}),
            (M{{2, 1, false}}));
  // Same day (a double entry kept by an old import): by id.
  EXPECT_EQ(Moves({Dose(5, "CoronaVac", "2021-05-01", 1), Dose(4, "CoronaVac", "2021-05-01", 2)}),
            (M{{4, 1, false}, {5, 2, false}}));
}

TEST(DoseEntryTable, KindsHaveTheirCodes) {
  EXPECT_STREQ(DoseEntryKindCode(DoseEntryKind::kBackEntry), "back_entry");
  EXPECT_STREQ(DoseEntryKindCode(DoseEntryKind::kCorrection), "correction");
  EXPECT_STREQ(DoseEntryKindCode(DoseEntryKind::kVoid), "void");
  EXPECT_EQ(DiseaseOfProduct(Catalogue::Default(), "MR"), "measles");
  EXPECT_EQ(DiseaseOfProduct(Catalogue::Default(), "Retired"), "");
}

}  // namespace
}  // namespace fangkong
