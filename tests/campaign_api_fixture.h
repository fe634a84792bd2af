// The campaign API tests' township, its hand-worked people and doses, and
// the calls the tests share (campaign_api_test.cpp, campaign_plan_api_test.cpp).
#pragma once

#include <map>
#include <set>

#include "api_fixture.h"

namespace fangkong::campaigntest {

using namespace apitest;  // NOLINT: the fixture's vocabulary

// A township with two villages that no other test fills: the third from the
// end (mobilisation_state_test takes the last).
inline std::vector<std::string> QuietVillages(Storage& store) {
  auto towns = store.regions->Children("341881");
  EXPECT_TRUE(towns && towns->size() > 4);
  int seen = 0;
  for (auto t = towns->rbegin(); t != towns->rend(); ++t) {
    auto villages = store.regions->Children(t->code);
    if (!villages || villages->size() < 2) continue;
    if (++seen == 3) return {(*villages)[0].code, (*villages)[1].code};
  }
  ADD_FAILURE() << "no third township with villages";
  return {};
}

struct Someone {
  const char* name;
  const char* born;
  int village;  // 0 = A, 1 = B
  const char* tag;
  bool away;
  std::vector<const char*> doses;  // CoronaVac, dose 1 then 2
};

// The township's people. Residents: A 5 (a6 is away), B 4; 9 in all.
// 60+ on 2021-07-01 or chronic: a1, a2, a3, b1 (a6 is away).
inline const std::vector<Someone> kPeople = {
    {"a1", "1950-01-01", 0, "", false, {"2021-04-10", "2021-05-10"}},
    {"a2", "1955-06-01", 0, "", false, {"2021-07-05"}},
    {"a3", "1980-01-01", 0, "chronic", false, {"2021-06-20"}},
    {"a4", "1990-01-01", 0, "", false, {"2021-04-20", "2021-05-25"}},
    {"a5", "2000-01-01", 0, "", false, {}},
    {"a6", "1940-01-01", 0, "", true, {"2021-04-15"}},
    {"b1", "1945-01-01", 1, "", false, {"2021-06-28"}},
    {"b2", "1970-01-01", 1, "", false, {"2021-05-01", "2021-06-01"}},
    {"b3", "1995-01-01", 1, "", false, {}},
    {"b4", "1988-01-01", 1, "", false, {}},
};

inline json::object Unit(const json::object& progress, const std::string& code) {
  if (std::string(progress.at("total").at("code").as_string()) == code)
    return progress.at("total").as_object();
  for (const auto& u : progress.at("units").as_array())
    if (std::string(u.at("code").as_string()) == code) return u.as_object();
  ADD_FAILURE() << "no unit " << code;
  return {};
}

inline int64_t I(const json::object& o, const char* k) { return o.at(k).to_number<int64_t>(); }
inline double D(const json::object& o, const char* k) { return o.at(k).to_number<double>(); }

class CampaignApiTest : public ApiTest {
 protected:
  std::string township_;
  std::vector<std::string> villages_;
  static inline std::map<std::string, int64_t> bureaus_;  // the township's department, by engine

  // The township's people, once per engine.
  // A person of these tests, "任务<name>", registered at `place`.
  Person CampaignPerson(const std::string& name, const char* born, const std::string& place) {
    Person p;
    p.doc_type = DocumentType::kOther;
    p.doc_number = "CAMP" + GetParam() + name;
    p.name = "任务" + name;
    p.birth_date = *Date::Parse(born);
    p.region_code = place;
    return p;
  }

  // A village of another county of the city (宣州区); the test store holds
  // the demo county's tree alone, and places are not checked by the stores.
  static std::string OtherCounty() { return "341802001001"; }

  // Populates, then `check(when)`s the kept sums before and after a fold.
  void PopulateAndCheck(const std::function<void(const std::string&)>& check) {
    Populate();
    check("populated, not folded");
    ASSERT_TRUE(S().store->figures->Fold());
    check("folded");
  }

  // Dose `number` of CoronaVac given on `day` at the test site to the
  // person living at `place`, their state and figures kept.
  Result<int64_t> GiveCoronaVac(int64_t person_id, const std::string& place, int number,
                                const char* day) {
    DoseRecord d;
    d.person_id = person_id;
    d.product = "CoronaVac";
    d.dose_number = number;
    d.date = *Date::Parse(day);
    d.site_id = TestSite(*S().store);
    d.region_code = place;
    return InsertDoseKeepingState(*S().store, d);
  }

  // A person of these tests as stored (CampaignPerson's name).
  Person Stored(const std::string& name) {
    auto p = S().store->persons->FindByDocument("CAMP" + GetParam() + name);
    EXPECT_TRUE(p && *p) << name;
    return p && *p ? **p : Person{};
  }

  void Populate() {
    Storage& store = *S().store;
    villages_ = QuietVillages(store);
    ASSERT_EQ(villages_.size(), 2u);
    township_ = villages_[0].substr(0, 9);
    // Once per store: each test suite starts its servers afresh.
    auto first = store.persons->FindByDocument(std::string("CAMP") + GetParam() + kPeople[0].name);
    ASSERT_TRUE(first);
    if (*first) return;
    // The county's education bureau and a school of the township, which
    // employs a1, a4, b3 and a6 (away).
    auto bureau = store.organisations->InsertOrganisation(
        Organisation{0, "测试教育局", OrganisationKind::kDepartment, "teacher", township_, ""});
    auto school = store.organisations->InsertOrganisation(
        Organisation{0, "测试中心小学", OrganisationKind::kSchool, "teacher", villages_[1], ""});
    ASSERT_TRUE(bureau && school);
    bureaus_[GetParam()] = *bureau;
    for (const auto& s : kPeople) {
      Person p = CampaignPerson(s.name, s.born, villages_[s.village]);
      p.residency = s.away ? ResidencyType::kAway : ResidencyType::kUsual;
      if (*s.tag) p.tags = {s.tag};
      if (std::set<std::string>{"a1", "a4", "b3", "a6"}.count(s.name)) p.employer_id = *school;
      auto id = store.persons->Insert(p);
      ASSERT_TRUE(id) << id.error().message;
      int n = 0;
      for (const char* day : s.doses) ASSERT_TRUE(GiveCoronaVac(*id, p.region_code, ++n, day));
    }
  }

  json::object CreateCampaign() {
    json::object body{
        {"name", "测试任务"},
        {"region_code", township_},
        {"phases",
         json::array{json::object{{"name", "第一步"},
                                  {"start", "2021-04-01"},
                                  {"end", "2021-06-30"},
                                  {"dose", "first"},
                                  {"target_kind", "share_of_residents"},
                                  {"target", 40}},
                     json::object{{"name", "第二步"},
                                  {"start", "2021-07-01"},
                                  {"end", "2021-12-31"},
                                  {"dose", "first"},
                                  {"target_kind", "absolute"},
                                  {"target", 3},
                                  {"groups",
                                   json::array{json::object{{"min_age", 60}},
                                               json::object{{"tags", json::array{"chronic"}}}}}}}}};
    auto r = Call("admin", "POST", "/api/v1/campaigns", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r);
  }

  json::object Progress(int64_t id, const std::string& day, const std::string& extra = "") {
    auto r = Call("admin", "GET",
                  "/api/v1/campaigns/" + std::to_string(id) + "/progress?region=" + township_ +
                      "&date=" + day + extra);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r);
  }
};

}  // namespace fangkong::campaigntest
