// The department card of a county or more reads sums kept per employer's
// county and industry (campaign/repository.h EmployeesByIndustry): resident
// employees kept as the population is, and industry figures kept with
// every dose. On both engines they must equal counting every employee,
// before and after a fold, and after the changes that move an employee
// from one industry or county to another: a new employer, a change of
// residency, an import's batch, an employer stored after its employees
// named it, a new employee's back-entered dose, and an employer's industry
// or county edited.
#include <algorithm>

#include "campaign_api_fixture.h"

namespace fangkong {
namespace {

using namespace campaigntest;  // NOLINT: the campaign tests' vocabulary

class DepartmentFiguresTest : public CampaignApiTest {
 protected:
  // Every unit of county level or above that holds the demo county or the
  // other county, on days before, during and after the tests' doses.
  void ExpectKeptAgrees(const std::string& after) {
    CampaignRepository& campaigns = *S().store->campaigns;
    int64_t dosed = 0;
    for (const char* region : {"341881", "341802", "3418", "34", ""}) {
      for (const char* day : {"2021-04-12", "2021-05-30", "2021-06-30", "2022-03-15"}) {
        Date d = *Date::Parse(day);
        auto kept = campaigns.EmployeesByIndustry("covid19", region, d, d.AddDays(-7));
        auto counted = campaigns.CountedEmployeesByIndustry("covid19", region, d, d.AddDays(-7));
        ASSERT_TRUE(kept && counted);
        auto by_industry = [](auto& v) {
          std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.industry < b.industry; });
        };
        by_industry(*kept);
        by_industry(*counted);
        std::string at = after + ": " + region + " on " + day;
        ASSERT_EQ(kept->size(), counted->size()) << at;
        for (size_t i = 0; i < kept->size(); ++i) {
          const auto &k = (*kept)[i], &c = (*counted)[i];
          EXPECT_EQ(k.industry, c.industry) << at;
          EXPECT_EQ(k.people, c.people) << at << " " << c.industry;
          EXPECT_EQ(k.first_dose, c.first_dose) << at << " " << c.industry;
          EXPECT_EQ(k.full_series, c.full_series) << at << " " << c.industry;
          EXPECT_EQ(k.booster, c.booster) << at << " " << c.industry;
          EXPECT_EQ(k.first_dose_before, c.first_dose_before) << at << " " << c.industry;
          EXPECT_EQ(k.full_series_before, c.full_series_before) << at << " " << c.industry;
          EXPECT_EQ(k.booster_before, c.booster_before) << at << " " << c.industry;
          dosed += c.first_dose;
        }
      }
    }
    EXPECT_GT(dosed, 0) << after << ": the comparison needs employees with doses";
  }
};

TEST_P(DepartmentFiguresTest, KeptSumsAgreeWithCountingEveryEmployee) {
  PopulateAndCheck([&](const std::string& after) { ExpectKeptAgrees(after); });
  Storage& store = *S().store;

  auto hospital = store.organisations->InsertOrganisation(
      Organisation{0, "测试医院", OrganisationKind::kHospital, "medical", OtherCounty(), ""});
  ASSERT_TRUE(hospital);
  Person a1 = Stored("a1");  // the school's, two doses
  int64_t school = a1.employer_id;
  a1.employer_id = *hospital;
  ASSERT_TRUE(store.persons->Update(a1));
  ExpectKeptAgrees("a1 to a hospital of another county");

  Person a4 = Stored("a4");  // the school's, two doses
  a4.residency = ResidencyType::kAway;
  ASSERT_TRUE(store.persons->Update(a4));
  ExpectKeptAgrees("a4 now lives elsewhere");

  Person a6 = Stored("a6");  // the school's, away, one dose
  a6.residency = ResidencyType::kFloating;
  ASSERT_TRUE(store.persons->Update(a6));
  ExpectKeptAgrees("a6 back");

  // b2 names an employer not stored yet: the next organisation's number.
  auto probe = store.organisations->InsertOrganisation(
      Organisation{0, "测试村委会", OrganisationKind::kDepartment, "", villages_[1], ""});
  ASSERT_TRUE(probe);
  Person b2 = Stored("b2");  // no employer, two doses
  b2.employer_id = *probe + 1;
  ASSERT_TRUE(store.persons->Update(b2));
  ExpectKeptAgrees("b2 names an unknown employer");
  auto late = store.organisations->InsertOrganisation(
      Organisation{0, "测试工厂", OrganisationKind::kEmployer, "labour_intensive", township_, ""});
  ASSERT_TRUE(late);
  ASSERT_EQ(*late, b2.employer_id);
  ExpectKeptAgrees("b2's employer stored");

  // Through an import's batch: a1 back to the school, a3 to the hospital,
  // a4 home again.
  Person a1_back = Stored("a1"), a3 = Stored("a3"), a4_home = Stored("a4");
  a1_back.employer_id = school;
  a3.employer_id = *hospital;
  a4_home.residency = ResidencyType::kUsual;
  auto batch = store.persons->UpsertBatch({a1_back, a3, a4_home}, "");
  ASSERT_TRUE(batch) << batch.error().message;
  ExpectKeptAgrees("a1, a3 and a4 changed by a batch");
  ASSERT_TRUE(store.figures->Fold());
  ExpectKeptAgrees("folded again");

  // A new employee with a dose, back-entered.
  Person c1 = CampaignPerson("c1", "1961-06-30", villages_[0]);
  c1.employer_id = *late;
  auto id = store.persons->Insert(c1);
  ASSERT_TRUE(id);
  ASSERT_TRUE(GiveCoronaVac(*id, c1.region_code, 1, "2021-06-30"));
  ExpectKeptAgrees("c1 employed and dosed");

  // The employers edited: the school to another industry, the hospital
  // to the demo county, the factory renamed only.
  auto edit = [&](int64_t id, auto change) {
    auto o = store.organisations->FindOrganisation(id);
    ASSERT_TRUE(o && *o);
    Organisation edited = **o;
    change(edited);
    auto s = store.organisations->UpdateOrganisation(edited);
    ASSERT_TRUE(s) << s.error().message;
  };
  edit(school, [](Organisation& o) { o.industry = "medical"; });
  ExpectKeptAgrees("the school's industry edited");
  edit(*hospital, [&](Organisation& o) { o.region_code = township_; });
  ExpectKeptAgrees("the hospital moved to the demo county");
  edit(*late, [](Organisation& o) { o.name = "测试工厂（新）"; });
  ExpectKeptAgrees("the factory renamed");
  edit(school, [](Organisation& o) { o.industry = ""; });
  ExpectKeptAgrees("the school without an industry");
  ASSERT_TRUE(store.figures->Fold());
  ExpectKeptAgrees("folded after the edits");
  Organisation missing{*late + 100, "无此单位", OrganisationKind::kEmployer, "", township_, ""};
  auto s = store.organisations->UpdateOrganisation(missing);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kNotFound);

  ASSERT_TRUE(store.persons->RecountPopulation());
  ExpectKeptAgrees("recounted");
}

INSTANTIATE_TEST_SUITE_P(Engines, DepartmentFiguresTest, ::testing::ValuesIn(TestEngines()));

}  // namespace
}  // namespace fangkong
