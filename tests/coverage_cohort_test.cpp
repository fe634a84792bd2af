// Coverage by age band of a county or more is read from birth-year cohorts
// (progress/coverage.h): residents kept per county and birth year, and
// cohort figures kept with every dose. On both engines it must equal
// counting every person, on days that cut birth years at the bands' edges,
// before and after a fold, and after the changes that move a resident from
// one cohort to another: a move to another county, a new birth date, a
// change of residency, an import's batch.
#include "campaign_api_fixture.h"

namespace fangkong {
namespace {

using namespace campaigntest;  // NOLINT: the campaign tests' vocabulary

class CoverageCohortTest : public CampaignApiTest {
 protected:
  // Every unit of county level or above that holds the demo county, on
  // days whose edges fall early, late and on people's birthdays.
  void ExpectCohortsAgree(const std::string& after) {
    Storage& store = *S().store;
    int64_t dosed = 0;
    for (const char* region : {"341881", "3418", "34", ""}) {
      for (const char* day :
           {"2021-01-01", "2021-06-30", "2021-12-31", "2022-03-15", "2024-02-29", "2030-01-01"}) {
        auto kept = store.coverage->ByAgeBand(region, "covid19", *Date::Parse(day));
        auto counted = store.coverage->CountedByAgeBand(region, "covid19", *Date::Parse(day));
        ASSERT_TRUE(kept && counted);
        ASSERT_EQ(kept->size(), counted->size());
        for (size_t i = 0; i < kept->size(); ++i) {
          const auto &k = (*kept)[i], &c = (*counted)[i];
          std::string at = after + ": " + region + " on " + day + " " + k.band;
          EXPECT_EQ(k.population, c.population) << at;
          EXPECT_EQ(k.first_dose, c.first_dose) << at;
          EXPECT_EQ(k.full_series, c.full_series) << at;
          EXPECT_EQ(k.booster, c.booster) << at;
          dosed += c.first_dose;
        }
      }
    }
    EXPECT_GT(dosed, 0) << after << ": the comparison needs people with doses";
  }
};

TEST_P(CoverageCohortTest, CohortsAgreeWithCountingEveryone) {
  PopulateAndCheck([&](const std::string& after) { ExpectCohortsAgree(after); });
  Storage& store = *S().store;

  Person a1 = Stored("a1");  // two doses
  a1.region_code = OtherCounty();
  ASSERT_TRUE(store.persons->Update(a1));
  ExpectCohortsAgree("a1 moved to another county");

  Person a4 = Stored("a4");  // 1990-01-01, two doses
  a4.birth_date = *Date::Parse("1989-12-31");
  ASSERT_TRUE(store.persons->Update(a4));
  ExpectCohortsAgree("a4 born a day earlier, in another year");

  Person b2 = Stored("b2");  // two doses
  b2.residency = ResidencyType::kAway;
  ASSERT_TRUE(store.persons->Update(b2));
  ExpectCohortsAgree("b2 now lives elsewhere");

  Person a6 = Stored("a6");  // away, one dose
  a6.residency = ResidencyType::kUsual;
  ASSERT_TRUE(store.persons->Update(a6));
  ExpectCohortsAgree("a6 back home");

  // Through an import's batch: a3 to the other county and born a year on,
  // b2 home again.
  Person a3 = Stored("a3"), b2_home = Stored("b2");
  a3.region_code = OtherCounty();
  a3.birth_date = *Date::Parse("1981-01-01");
  b2_home.residency = ResidencyType::kUsual;
  auto batch = store.persons->UpsertBatch({a3, b2_home}, "");
  ASSERT_TRUE(batch) << batch.error().message;
  ExpectCohortsAgree("a3 and b2 changed by a batch");
  ASSERT_TRUE(store.figures->Fold());
  ExpectCohortsAgree("folded again");

  // A new resident with a dose, back-entered.
  Person c1 = CampaignPerson("c1", "1961-06-30", villages_[0]);
  auto id = store.persons->Insert(c1);
  ASSERT_TRUE(id);
  ASSERT_TRUE(GiveCoronaVac(*id, c1.region_code, 1, "2021-06-30"));
  ExpectCohortsAgree("c1 registered and dosed");
}

INSTANTIATE_TEST_SUITE_P(Engines, CoverageCohortTest, ::testing::ValuesIn(TestEngines()));

}  // namespace
}  // namespace fangkong
