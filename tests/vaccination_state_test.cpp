// The vaccination state from a person's doses, as a table worked out by hand
// from the shipped catalogue (CoronaVac: 2 doses 21-56 days apart, 28
// recommended; Ad5-nCoV: 1 dose; boosters from 18 years, 90 days after the
// series, and a second from 60 years, 180 days after the first).
#include "vaccination/vaccination_state.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "vaccination/mobilisation.h"

namespace fangkong {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }
std::optional<Date> O(const char* iso) { return iso ? std::optional<Date>(D(iso)) : std::nullopt; }

DoseRecord Dose(const char* product, const char* day, int number, bool booster = false) {
  DoseRecord d;
  d.person_id = 7;
  d.product = product;
  d.date = D(day);
  d.dose_number = number;
  d.booster = booster;
  return d;
}

TEST(VaccinationStateTable, FromTheDoseRecords) {
  struct Row {
    const char* name;
    const char* born;
    std::vector<DoseRecord> doses;
    int count;
    const char *first, *complete;
    int boosters;
    int next_number;
    bool next_booster;
    const char *next_earliest, *next_recommended;
  };
  const Row table[] = {
      {"nothing yet",
       "1980-05-01",
       {},
       0,
       nullptr,
       nullptr,
       0,
       1,
       false,
       "1983-05-01",
       "1983-05-01"},
      {"one of two",
       "1980-05-01",
       {Dose("CoronaVac", "2021-04-01", 1)},
       1,
       "2021-04-01",
       nullptr,
       0,
       2,
       false,
       "2021-04-22",
       "2021-04-29"},
      {"series done: a booster 90 days on",
       "1980-05-01",
       {Dose("CoronaVac", "2021-04-01", 1), Dose("CoronaVac", "2021-04-29", 2)},
       2,
       "2021-04-01",
       "2021-04-29",
       0,
       3,
       true,
       "2021-07-28",
       "2021-07-28"},
      {"a single-dose product completes at once",
       "1980-05-01",
       {Dose("Ad5-nCoV", "2021-06-01", 1)},
       1,
       "2021-06-01",
       "2021-06-01",
       0,
       2,
       true,
       "2021-08-30",
       "2021-08-30"},
      {"the records arrive out of order (a back-entry)",
       "1980-05-01",
       {Dose("CoronaVac", "2021-04-29", 2), Dose("MR", "1981-03-01", 1),
        Dose("CoronaVac", "2021-04-01", 1)},
       2,
       "2021-04-01",
       "2021-04-29",
       0,
       3,
       true,
       "2021-07-28",
       "2021-07-28"},
      {"boosted, under 60: nothing more",
       "1980-05-01",
       {Dose("CoronaVac", "2021-04-01", 1), Dose("CoronaVac", "2021-04-29", 2),
        Dose("CoronaVac", "2021-12-01", 3, true)},
       3,
       "2021-04-01",
       "2021-04-29",
       1,
       4,
       true,
       "2022-05-30",
       "2022-05-30"},
  };
  for (const auto& r : table) {
    auto s = StateFromDoses(Catalogue::Default(), "covid19", 7, D(r.born), r.doses);
    EXPECT_EQ(s.doses, r.count) << r.name;
    EXPECT_EQ(s.first_dose, O(r.first)) << r.name;
    EXPECT_EQ(s.series_complete, O(r.complete)) << r.name;
    EXPECT_EQ(s.boosters, r.boosters) << r.name;
    EXPECT_EQ(s.next_dose_number, r.next_number) << r.name;
    EXPECT_EQ(s.next_is_booster, r.next_booster) << r.name;
    EXPECT_EQ(s.next_earliest, O(r.next_earliest)) << r.name;
    EXPECT_EQ(s.next_recommended, O(r.next_recommended)) << r.name;
  }
}

// The next step's window opens when both the interval and the age allow it:
// a second booster 180 days on, but not before the 60th birthday.
TEST(VaccinationStateTable, TheWindowOpensWithTheAge) {
  auto s = StateFromDoses(Catalogue::Default(), "covid19", 7, D("1980-05-01"),
                          {Dose("CoronaVac", "2021-04-01", 1), Dose("CoronaVac", "2021-04-29", 2),
                           Dose("CoronaVac", "2021-12-01", 3, true)});
  EXPECT_EQ(s.next_open_from, O("2040-05-01"));
  EXPECT_EQ(s.next_open_until, std::nullopt);
  EXPECT_FALSE(DueAndLate(s, true, D("2039-12-31")));
  EXPECT_TRUE(DueAndLate(s, true, D("2040-05-02")));
  auto second = StateFromDoses(Catalogue::Default(), "covid19", 7, D("1980-05-01"),
                               {Dose("CoronaVac", "2021-04-01", 1)});
  EXPECT_EQ(second.next_open_from, O("2021-04-22"));
  EXPECT_FALSE(DueAndLate(second, false, D("2021-04-29"))) << "on the recommended day: not late";
  EXPECT_TRUE(DueAndLate(second, false, D("2021-04-30")));
  EXPECT_FALSE(DueAndLate(second, true, D("2021-04-30"))) << "not a booster";
}

}  // namespace
}  // namespace fangkong

namespace fangkong {
namespace {

// What the stored lists ask of a row (DueAndLate) equals evaluating the
// person's doses on the day, for random histories, birth dates and days:
// the stored window is exact, so the lists may be read from it.
TEST(VaccinationStateProperty, TheStoredWindowAnswersAsTheEvaluation) {
  const Catalogue& c = Catalogue::Default();
  int disease = *c.DiseaseIndex("covid19");
  std::mt19937 rng(20210630);
  const char* products[] = {"CoronaVac", "BBIBP-CorV", "Ad5-nCoV", "ZF2001"};
  int checked = 0, on_lists = 0;
  for (int trial = 0; trial < 400; ++trial) {
    Date born = D("1945-01-01").AddDays(static_cast<int>(rng() % 27000));
    Date day = std::max(D("2021-03-01"), born.ReachesAgeMonths(36));
    std::vector<DoseRecord> doses;
    std::vector<GivenDose> given;
    int n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
      day = day.AddDays(14 + static_cast<int>(rng() % 300));
      const char* product = products[rng() % 4];
      doses.push_back(Dose(product, "2021-01-01", i + 1, i >= 2));
      doses.back().date = day;
      given.push_back(GivenDose{*c.ProductIndex(product), day});
    }
    auto s = StateFromDoses(c, "covid19", 1, born, doses);
    for (int k = 0; k < 40; ++k) {
      Date today = day.AddDays(static_cast<int>(rng() % 9000));
      NextDose next =
          EvaluateNextDose(c, disease, SeriesInput{born, given, std::nullopt, false}, today);
      for (auto kind : {MobilisationKind::kSeriesDose, MobilisationKind::kBooster}) {
        bool listed = BelongsOnList(kind, next, today);
        on_lists += listed;
        ++checked;
        ASSERT_EQ(DueAndLate(s, kind == MobilisationKind::kBooster, today), listed)
            << "trial " << trial << " born " << born.Iso() << " on " << today.Iso();
        if (listed) {
          EXPECT_EQ(s.next_recommended, next.recommended);
        }
      }
    }
  }
  EXPECT_GT(on_lists, checked / 10) << "the trials must put people on the lists";
}

}  // namespace
}  // namespace fangkong

namespace fangkong {
namespace {

// Whatever order the records come in (back-entries, a later correction of
// an earlier day), the state is the same: it depends on the doses alone, so
// keeping it by recomputation after each change equals recomputing it later.
TEST(VaccinationStateProperty, TheOrderOfTheRecordsDoesNotMatter) {
  std::mt19937 rng(20210401);
  const char* products[] = {"CoronaVac", "BBIBP-CorV", "Ad5-nCoV", "ZF2001", "MR"};
  for (int trial = 0; trial < 500; ++trial) {
    Date born = D("1950-01-01").AddDays(static_cast<int>(rng() % 25000));
    Date day = D("2021-03-01");
    std::vector<DoseRecord> doses;
    int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      day = day.AddDays(14 + static_cast<int>(rng() % 200));
      DoseRecord d;
      d.product = products[rng() % 5];
      d.date = day;
      d.dose_number = i + 1;
      d.booster = i >= 2 && rng() % 2;
      doses.push_back(d);
    }
    auto whole = StateFromDoses(Catalogue::Default(), "covid19", 1, born, doses);
    EXPECT_EQ(whole.doses,
              static_cast<int>(std::count_if(doses.begin(), doses.end(), [](const DoseRecord& d) {
                return std::string_view(d.product) != "MR";
              })));
    std::shuffle(doses.begin(), doses.end(), rng);
    EXPECT_EQ(StateFromDoses(Catalogue::Default(), "covid19", 1, born, doses), whole)
        << "trial " << trial;
    // Kept one record at a time, in the shuffled order: the last state is the whole one.
    std::vector<DoseRecord> so_far;
    VaccinationState kept;
    for (const auto& d : doses) {
      so_far.push_back(d);
      kept = StateFromDoses(Catalogue::Default(), "covid19", 1, born, so_far);
    }
    if (!doses.empty()) {
      EXPECT_EQ(kept, whole) << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace fangkong

namespace fangkong {
namespace {

// What each new state adds to the figures, worked out by hand (CoronaVac:
// second dose recommended 28 days on, so late from the 29th; a booster 90
// days after the series, late from the 91st).
TEST(FigureChangesTable, EachStateChangesTheFiguresOfItsDays) {
  const Catalogue& c = Catalogue::Default();
  const std::string v1 = "341881001001", v2 = "341881001002";
  auto one = StateFromDoses(c, "covid19", 7, D("1980-05-01"), {Dose("CoronaVac", "2021-04-01", 1)});
  auto two =
      StateFromDoses(c, "covid19", 7, D("1980-05-01"),
                     {Dose("CoronaVac", "2021-04-01", 1), Dose("CoronaVac", "2021-04-29", 2)});
  const FigurePerson who{D("1980-05-01"), true};
  EXPECT_EQ(
      ChangesOfState(nullptr, "", one, v1, who),
      (std::vector<FigureChange>{{"covid19/first_dose", v1, D("2021-04-01"), 1},
                                 {"covid19/first_dose/born1980", "341881", D("2021-04-01"), 1},
                                 {"covid19/series_late", v1, D("2021-04-30"), 1}}));
  EXPECT_EQ(
      ChangesOfState(&one, v1, two, v1, who),
      (std::vector<FigureChange>{{"covid19/booster_due", v1, D("2021-07-29"), 1},
                                 {"covid19/full_series", v1, D("2021-04-29"), 1},
                                 {"covid19/full_series/born1980", "341881", D("2021-04-29"), 1},
                                 {"covid19/series_late", v1, D("2021-04-30"), -1}}));
  EXPECT_TRUE(ChangesOfState(&two, v1, two, v1, who).empty());
  // A move inside the county leaves the cohort where it is.
  EXPECT_EQ(ChangesOfState(&two, v1, two, v2, who),
            (std::vector<FigureChange>{{"covid19/booster_due", v1, D("2021-07-29"), -1},
                                       {"covid19/booster_due", v2, D("2021-07-29"), 1},
                                       {"covid19/first_dose", v1, D("2021-04-01"), -1},
                                       {"covid19/first_dose", v2, D("2021-04-01"), 1},
                                       {"covid19/full_series", v1, D("2021-04-29"), -1},
                                       {"covid19/full_series", v2, D("2021-04-29"), 1}}));
  // Someone registered here but living elsewhere (away) is in no cohort.
  EXPECT_EQ(ChangesOfState(nullptr, "", one, v1, {D("1980-05-01"), false}),
            (std::vector<FigureChange>{{"covid19/first_dose/away", v1, D("2021-04-01"), 1},
                                       {"covid19/series_late/away", v1, D("2021-04-30"), 1}}));
  // A resident employee counts once more in their employer's industry, at
  // the employer's county, whichever county they live in; a move of their
  // home leaves it there.
  const FigurePerson teacher{D("1980-05-01"), true, "education", "341802"};
  EXPECT_EQ(ChangesOfState(&one, v1, two, v2, teacher),
            (std::vector<FigureChange>{
                {"covid19/booster_due", v2, D("2021-07-29"), 1},
                {"covid19/first_dose", v1, D("2021-04-01"), -1},
                {"covid19/first_dose", v2, D("2021-04-01"), 1},
                {"covid19/full_series", v2, D("2021-04-29"), 1},
                {"covid19/full_series/born1980", "341881", D("2021-04-29"), 1},
                {"covid19/full_series/industry/education", "341802", D("2021-04-29"), 1},
                {"covid19/series_late", v1, D("2021-04-30"), -1}}));
}

// Whose industry a person counts in: a resident's employer's, at its county.
TEST(FigurePersonTable, AResidentCountsInTheirEmployersIndustry) {
  Person p;
  p.birth_date = D("1990-02-03");
  p.employer_id = 5;
  const Organisation school{5, "一中", OrganisationKind::kSchool, "education", "341881102", ""};
  const Organisation bureau{6, "县卫健委", OrganisationKind::kDepartment, "", "341881", ""};
  struct Case {
    ResidencyType residency;
    const Organisation* employer;
    std::string industry, place;
  } cases[] = {
      {ResidencyType::kUsual, &school, "education", "341881"},
      {ResidencyType::kFloating, &school, "education", "341881"},
      {ResidencyType::kAway, &school, "", ""},
      {ResidencyType::kUsual, &bureau, "", ""},
      {ResidencyType::kUsual, nullptr, "", ""},
  };
  for (const auto& c : cases) {
    p.residency = c.residency;
    FigurePerson who = FigurePersonOf(p, c.employer);
    EXPECT_EQ(who.industry, c.industry);
    EXPECT_EQ(who.industry_place, c.place);
    EXPECT_EQ(who.birth_date, p.birth_date);
    EXPECT_EQ(who.resident, c.residency != ResidencyType::kAway);
  }
}

// Kept dose by dose in any order, the changes add up, on every day, to what
// the last state says: the lists' figures equal DueAndLate, the people
// figures their days.
TEST(FigureChangesProperty, TheChangesAddUpToTheLastState) {
  const Catalogue& c = Catalogue::Default();
  std::mt19937 rng(1949);
  const char* products[] = {"CoronaVac", "BBIBP-CorV", "Ad5-nCoV", "ZF2001"};
  for (int trial = 0; trial < 300; ++trial) {
    Date born = D("1940-01-01").AddDays(static_cast<int>(rng() % 28000));
    Date day = std::max(D("2021-03-01"), born.ReachesAgeMonths(216));
    std::vector<DoseRecord> doses;
    int n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
      day = day.AddDays(14 + static_cast<int>(rng() % 300));
      doses.push_back(Dose(products[rng() % 4], "2021-01-01", i + 1, i >= 2));
      doses.back().date = day;
    }
    std::shuffle(doses.begin(), doses.end(), rng);
    std::vector<FigureChange> sum;
    std::optional<VaccinationState> before;
    std::vector<DoseRecord> so_far;
    for (const auto& d : doses) {
      so_far.push_back(d);
      auto after = StateFromDoses(c, "covid19", 1, born, so_far);
      for (auto& f : ChangesOfState(before ? &*before : nullptr, "v", after, "v", {born, true}))
        sum.push_back(f);
      before = after;
    }
    auto as_of = [&](const std::string& figure, Date t) {
      int total = 0;
      for (const auto& f : sum)
        if (f.figure == figure && f.day <= t) total += f.delta;
      return total;
    };
    for (int k = 0; k < 30; ++k) {
      Date t = D("2021-01-01").AddDays(static_cast<int>(rng() % 12000));
      ASSERT_EQ(as_of("covid19/series_late", t), DueAndLate(*before, false, t) ? 1 : 0) << trial;
      ASSERT_EQ(as_of("covid19/booster_due", t), DueAndLate(*before, true, t) ? 1 : 0) << trial;
      ASSERT_EQ(as_of("covid19/first_dose", t), before->first_dose <= t ? 1 : 0) << trial;
      ASSERT_EQ(as_of("covid19/full_series", t),
                before->series_complete && *before->series_complete <= t ? 1 : 0)
          << trial;
      const std::string cohort = "/born" + std::to_string(born.year());
      ASSERT_EQ(as_of("covid19/first_dose" + cohort, t), as_of("covid19/first_dose", t)) << trial;
      ASSERT_EQ(as_of("covid19/full_series" + cohort, t), as_of("covid19/full_series", t)) << trial;
      ASSERT_EQ(as_of("covid19/booster" + cohort, t), as_of("covid19/booster", t)) << trial;
    }
  }
}

}  // namespace
}  // namespace fangkong
