// The rebuild of every vaccination state and figure from the dose records,
// on both engines: cut off after a fold and resumed, with changes appended
// past the cut that were never folded, it ends with the figures and states
// the doses give, as a rebuild in one go does.
#include <random>

#include "api_fixture.h"
#include "vaccination/vaccination_state_rebuild.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

// Its own suite, so its store is its own: a rebuild empties every figure.
class RebuildTest : public ApiTest {
 protected:
  // 120 people in two villages of two townships, with 0-3 doses each.
  void AddPeople() {
    Storage& store = *S().store;
    std::mt19937 rng(GetParam() == "sqlite" ? 11 : 12);
    const char* products[] = {"CoronaVac", "BBIBP-CorV", "ZF2001", "MR"};
    int64_t site = TestSite(store);
    for (int i = 0; i < 120; ++i) {
      Person p;
      p.doc_type = DocumentType::kOther;
      p.doc_number = "REBUILD" + std::to_string(i);
      p.name = "重算" + std::to_string(i);
      p.birth_date = D("2021-06-01").AddDays(-static_cast<int>(rng() % 30000));
      p.region_code = kVillages[i % 2];
      auto id = store.persons->Insert(p);
      ASSERT_TRUE(id) << id.error().message;
      Date day = std::max(D("2021-03-01"), p.birth_date.ReachesAgeMonths(36));
      for (int n = 1, doses = static_cast<int>(rng() % 4); n <= doses; ++n) {
        DoseRecord d;
        d.person_id = *id;
        d.product = products[rng() % 4];
        d.dose_number = n;
        d.booster = n >= 3;
        d.date = day;
        d.site_id = site;
        d.region_code = p.region_code;
        ASSERT_TRUE(InsertDoseKeepingState(store, d));
        day = day.AddDays(21 + static_cast<int>(rng() % 200));
      }
    }
  }

  // Every figure of covid19 at the county, the townships and the villages,
  // on a few days.
  std::vector<int64_t> Figures() {
    std::vector<int64_t> out;
    for (Figure f : {Figure::kFirstDose, Figure::kFullSeries, Figure::kBooster, Figure::kDoses})
      for (const char* node : {"341881", "341881001", "341881100", kVillages[0], kVillages[1]})
        for (const char* day : {"2021-06-30", "2022-01-15", "2024-01-01"}) {
          auto n = S().store->figures->AsOf(FigureKey("covid19", f), node, D(day));
          EXPECT_TRUE(n);
          out.push_back(n ? *n : -1);
        }
    return out;
  }

  Result<StateRebuild> Rebuild(const ResumableRebuild& how) {
    Storage& s = *S().store;
    return RebuildVaccinationStatesFrom(Catalogue::Default(), *s.persons, *s.organisations,
                                        *s.mobilisation, *s.vaccination_state, *s.figures, how);
  }

  static Date D(const char* iso) { return Date::Parse(iso).value(); }
  static constexpr const char* kVillages[] = {"341881001001", "341881100200"};
};

TEST_P(RebuildTest, ACutOffRebuildResumesToTheFiguresTheDosesGive) {
  AddPeople();
  Storage& store = *S().store;
  ASSERT_TRUE(store.figures->Fold());
  const std::vector<int64_t> kept = Figures();
  ASSERT_GT(kept.back(), 0) << "the people have doses";

  // Pages of 20 people, a fold after each; cut off at the second fold.
  ResumableRebuild how;
  how.page = 20;
  how.pages_per_fold = 1;
  RebuildMark mark;
  int folds = 0;
  how.folded = [&](const RebuildMark& m) {
    mark = m;
    return ++folds < 2;
  };
  auto first = Rebuild(how);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->people, 40);
  // The page after the cut had been appended when the process died.
  ASSERT_TRUE(store.figures->Append(
      {{FigureKey("covid19", Figure::kDoses), kVillages[0], D("2021-06-01"), 1000}}));

  ResumableRebuild rest;
  rest.from = mark;
  rest.page = 20;
  rest.pages_per_fold = 1;
  auto second = Rebuild(rest);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(first->people + second->people, 120) << "each person read once";
  EXPECT_EQ(Figures(), kept);
  auto check = RebuildVaccinationStates(Catalogue::Default(), *store.persons, *store.organisations,
                                        *store.mobilisation, *store.vaccination_state,
                                        *store.figures, false);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->disagreed, 0);
}

FK_SQL(kTestOnlyUnlistedDoses, "SELECT COUNT(*) FROM unlisted_doses WHERE person_id = $1");
FK_SQL(kTestOnlyListOnly, "UPDATE vaccination_state SET dose_ids = $2 WHERE person_id = $1");

// A person's doses are found through their states' lists (dose.h): doses
// inserted without their state (a migrated history) are kept apart until a
// rebuild lists them, a dose of a product no disease claims stays apart,
// and the check finds a dose that no list names.
TEST_P(RebuildTest, ListsEveryDoseKeptApartAndFindsADoseNoListNames) {
  Storage& store = *S().store;
  Person p;
  p.doc_type = DocumentType::kOther;
  p.doc_number = "LISTS1";
  p.name = "名单";
  p.birth_date = D("1980-05-01");
  p.region_code = kVillages[0];
  auto person = store.persons->Insert(p);
  ASSERT_TRUE(person) << person.error().message;
  std::vector<DoseRecord> history;
  for (auto [product, day] : {std::pair{"CoronaVac", "2021-04-01"},
                              {"CoronaVac", "2021-04-29"},
                              {"RETIRED-X", "2021-05-10"}}) {
    DoseRecord d;
    d.person_id = *person;
    d.product = product;
    d.dose_number = static_cast<int>(history.size()) + 1;
    d.date = D(day);
    d.region_code = p.region_code;
    history.push_back(d);
  }
  ASSERT_TRUE(store.vaccination->InsertDoses(history));
  auto apart = [&] {
    return *db::Read(*store.db, [&](db::Connection& c) {
      return db::Count(c, kTestOnlyUnlistedDoses, *person);
    });
  };
  auto doses = store.vaccination->DosesOf(*person);
  ASSERT_TRUE(doses);
  ASSERT_EQ(doses->size(), 3u) << "found while kept apart";
  EXPECT_EQ(apart(), 3);

  auto rebuild = [&](bool save) {
    return RebuildVaccinationStates(Catalogue::Default(), *store.persons, *store.organisations,
                                    *store.mobilisation, *store.vaccination_state, *store.figures,
                                    save);
  };
  auto saved = rebuild(true);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->unreached_doses, 0);
  EXPECT_EQ(apart(), 1) << "only the dose no disease claims stays apart";
  auto state = store.vaccination_state->StateOf(*person, "covid19");
  ASSERT_TRUE(state && *state);
  EXPECT_EQ((*state)->dose_ids, (std::vector<int64_t>{(*doses)[0].id, (*doses)[1].id}));
  auto after = store.vaccination->DosesOf(*person);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->size(), 3u) << "the history is whole, listed or apart";
  auto check = rebuild(false);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->disagreed, 0);
  EXPECT_EQ(check->unreached_doses, 0);

  // A list that lost its second dose: the history and the check both show it.
  ASSERT_TRUE(store.db->Write([&](db::Connection& c) {
    return db::Done(db::Exec(c, kTestOnlyListOnly, *person, std::to_string((*doses)[0].id)));
  }));
  EXPECT_EQ(store.vaccination->DosesOf(*person)->size(), 2u);
  check = rebuild(false);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->unreached_doses, 1);
  EXPECT_GE(check->disagreed, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, RebuildTest, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
