// The property the maintained state rests on, on both engines: after random
// doses, back-entries, corrections and voids, each person's stored state is
// the state recomputed from their dose records, their doses are numbered as
// the schedule counts them, and the figures of their village moved by what
// the recomputed states and doses add, on every day asked about.
#include <climits>
#include <map>
#include <random>

#include "api_fixture.h"
#include "vaccination/dose_entry_service.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

// A village of the fourth township from the end with villages, which no
// other test fills.
std::string UntouchedVillage(Storage& store) {
  auto towns = store.regions->Children("341881");
  EXPECT_TRUE(towns && towns->size() > 5);
  int seen = 0;
  for (auto t = towns->rbegin(); t != towns->rend(); ++t) {
    auto villages = store.regions->Children(t->code);
    if (!villages || villages->size() < 2) continue;
    if (++seen == 4) return (*villages)[0].code;
  }
  ADD_FAILURE() << "no fourth township with villages";
  return "";
}

const Figure kFigures[] = {Figure::kFirstDose, Figure::kFullSeries, Figure::kBooster,
                           Figure::kDoses,     Figure::kSeriesLate, Figure::kBoosterDue};

// Every figure of the village that the test can move, on each day.
using Snapshot = std::map<std::pair<std::string, int32_t>, int64_t>;
Snapshot FiguresOf(FigureRepository& figures, const std::string& village,
                   const std::vector<Date>& days) {
  Snapshot out;
  for (const auto& disease : Catalogue::Default().diseases())
    for (Figure f : kFigures)
      for (std::string suffix : {std::string(), std::string(kAwaySuffix)}) {
        std::string key = FigureKey(disease.code, f) + suffix;
        for (Date d : days) out[{key, d.days()}] = figures.AsOf(key, village, d).value();
      }
  return out;
}

// Per (region, product): the doses from the figures and counted.
using ProductDoses = std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>>;
ProductDoses ProductDosesOf(Storage& store);
void ExpectProductDosesAsCounted(Storage& store, const ProductDoses& before);

TEST_P(ApiTest, MaintainedStateEqualsRecomputationAfterEntriesAndCorrections) {
  Storage& store = *S().store;
  const std::string village = UntouchedVillage(store);
  std::mt19937 rng(GetParam() == "sqlite" ? 11 : 12);
  const Date today = BeijingDay(g_clock.load());
  std::vector<Date> days;
  for (int back : {1200, 900, 700, 500, 400, 300, 200, 120, 60, 30, 7, 0})
    days.push_back(today.AddDays(-back));
  ASSERT_TRUE(store.figures->Fold());
  const Snapshot before = FiguresOf(*store.figures, village, days);
  const ProductDoses product_doses = ProductDosesOf(store);

  std::vector<Person> people;
  for (int i = 0; i < 30; ++i) {
    Person p;
    p.doc_type = DocumentType::kOther;
    p.doc_number = "ENTRY" + GetParam() + std::to_string(i);
    p.name = "补录" + std::to_string(i);
    p.birth_date = today.AddDays(-6600 - static_cast<int>(rng() % 22000));  // 18 to 78
    p.region_code = village;
    if (i % 6 == 0) p.residency = ResidencyType::kAway;
    auto id = store.persons->Insert(p);
    ASSERT_TRUE(id) << id.error().message;
    p.id = *id;
    people.push_back(p);
  }
  RegistryService registry(*store.regions, *store.persons, *store.organisations);
  DoseEntryService entries(Catalogue::Default(), registry, *store.vaccination, *store.dose_entries,
                           *store.vaccination_state, *store.figures, *store.db);
  User county{1, "admin", "admin", Role::kCountyAdmin, "341881", 0, true};
  const char* products[] = {"CoronaVac", "BBIBP-CorV", "Ad5-nCoV", "ZF2001", "MR"};
  auto random_day = [&] { return today.AddDays(-static_cast<int>(rng() % 1100)); };
  int taken = 0, refused = 0;
  for (int step = 0; step < 240; ++step) {
    const Person& p = people[rng() % people.size()];
    auto doses = store.vaccination->DosesOf(p.id);
    ASSERT_TRUE(doses);
    int op = static_cast<int>(rng() % 10);
    Result<DoseEntryResult> done = Fail(Error::Internal("no step"));
    if (op < 2) {  // a dose given at a site on its day, as the visit records it
      Date last = today.AddDays(-1100);
      for (const auto& o : *doses) last = std::max(last, o.date);
      DoseRecord d;
      d.person_id = p.id;
      d.product = products[rng() % 5];
      d.date = last.AddDays(1 + static_cast<int>(rng() % 90));
      d.region_code = village;
      if (today < d.date) continue;
      d.id = INT64_MAX;  // numbered as the visit numbers it: after the others
      auto with = *doses;
      with.push_back(d);
      for (const auto& m : Renumbered(Catalogue::Default(), p.birth_date, with)) {
        if (m.id != d.id) continue;
        d.dose_number = m.dose_number;
        d.booster = m.booster;
      }
      d.id = 0;
      auto id = InsertDoseKeepingState(store, d);
      ASSERT_TRUE(id) << id.error().message;
      ++taken;
      continue;
    } else if (op < 6 || doses->empty()) {
      BackEntryInput in{products[rng() % 5], random_day().Iso(), "", "", "外县记录"};
      done = entries.BackEnter(county, p.id, in, g_clock.load());
    } else if (op < 9) {
      const DoseRecord& d = (*doses)[rng() % doses->size()];
      DoseCorrectionInput in;
      if (rng() % 2)
        in.given_on = random_day().Iso();
      else
        in.product = products[rng() % 5];
      in.reason = "录错";
      done = entries.Correct(county, d.id, in, g_clock.load());
    } else {
      done = entries.Void(county, (*doses)[rng() % doses->size()].id, "重复录入", g_clock.load());
    }
    if (done) {
      ++taken;
    } else {
      ++refused;  // a double entry, a day before the birth, no change: each names its field
      EXPECT_FALSE(done.error().field.empty()) << done.error().message;
      EXPECT_NE(done.error().kind, ErrorKind::kInternal) << done.error().message;
    }
  }
  EXPECT_GT(taken, 150);
  ASSERT_TRUE(store.figures->Fold());

  // Every person: stored state = recomputed, numbers as counted; and what
  // the recomputed states and doses add to the village's figures.
  std::vector<FigureChange> expected;
  for (const Person& p : people) {
    auto doses = store.vaccination->DosesOf(p.id);
    ASSERT_TRUE(doses);
    EXPECT_TRUE(Renumbered(Catalogue::Default(), p.birth_date, *doses).empty()) << p.name;
    for (const auto& disease : Catalogue::Default().diseases()) {
      auto fresh = StateFromDoses(Catalogue::Default(), disease.code, p.id, p.birth_date, *doses);
      auto stored = store.vaccination_state->StateOf(p.id, disease.code);
      ASSERT_TRUE(stored);
      if (fresh.doses == 0) {
        EXPECT_FALSE(*stored) << p.name << " " << disease.code << ": a state without doses";
        continue;
      }
      ASSERT_TRUE(*stored) << p.name << " " << disease.code;
      EXPECT_EQ(**stored, fresh) << p.name << " " << disease.code;
      for (auto& f : ChangesOfState(nullptr, "", fresh, village, {p.birth_date, p.IsResident()}))
        expected.push_back(std::move(f));
    }
    for (const auto& d : *doses) {
      std::string disease = DiseaseOfProduct(Catalogue::Default(), d.product);
      if (!disease.empty()) expected.push_back(DoseGiven(disease, village, d.date));
    }
  }
  const Snapshot after = FiguresOf(*store.figures, village, days);
  int moved = 0;
  for (const auto& [key, value] : after) {
    int64_t want = before.at(key);
    for (const auto& f : expected)
      if (f.figure == key.first && f.day.days() <= key.second) want += f.delta;
    EXPECT_EQ(value, want) << key.first << " as of " << Date::FromDays(key.second).Iso();
    moved += value != before.at(key);
  }
  EXPECT_GT(moved, 20) << "the figures must move for the comparison to mean anything";
  ExpectProductDosesAsCounted(store, product_doses);
}

// The adverse-event rates of a county or more divide by the product
// figures (figures.h ProductDosesKey). What the doses given, back-entered,
// corrected and voided add to them equals what they add to the dose records
// counted, folded or not (other tests of the store write doses by hand,
// without figures, so the changes are compared, not the totals).
FK_SQL(kTestOnlyDosesByProduct,
       "SELECT product, COUNT(*) FROM dose_records WHERE region_code >= $1 AND region_code < $2 "
       "GROUP BY product");

ProductDoses ProductDosesOf(Storage& store) {
  std::vector<std::string> products;
  for (const auto& p : Catalogue::Default().products()) products.push_back(p.code);
  ProductDoses out;
  for (const std::string region : {"341881", "3418", "34", ""}) {
    auto rates = store.aefi->AefiRates(region, false, products);
    EXPECT_TRUE(rates);
    if (rates)
      for (const auto& r : *rates) out[{region, r.key}].first = r.doses;
    auto rows = db::All(
        *store.db, kTestOnlyDosesByProduct,
        [](const db::Row& r) { return std::pair(r.Text(0), r.Int(1)); }, region, region + ":");
    EXPECT_TRUE(rows);
    if (rows)
      for (const auto& [product, n] : *rows) out[{region, product}].second = n;
  }
  return out;
}

void ExpectProductDosesAsCounted(Storage& store, const ProductDoses& before) {
  for (bool fold : {false, true}) {
    if (fold) {
      ASSERT_TRUE(store.figures->Fold());
    }
    int changed = 0;
    for (const auto& [key, now] : ProductDosesOf(store)) {
      auto was = before.count(key) ? before.at(key) : std::pair<int64_t, int64_t>{0, 0};
      EXPECT_EQ(now.first - was.first, now.second - was.second)
          << key.first << " " << key.second << (fold ? ", folded" : "");
      changed += now.second != was.second;
    }
    EXPECT_GE(changed, 8) << "the comparison needs doses of several products";
  }
}

FK_SQL(kTestOnlyStatePlace,
       "SELECT region_code FROM vaccination_state WHERE person_id = $1 AND disease = 'covid19'");
FK_SQL(
    kTestOnlyListEntry,
    "SELECT list_entry_from FROM vaccination_state WHERE person_id = $1 AND disease = 'covid19'");

// Its own suite, so the states it writes by hand meet no other test's.
class StateUpdates : public ApiTest {
 protected:
  // A person of village 1 created through the API, found by name: their id,
  // 0 when either step failed.
  int64_t NewPersonId(int n, const std::string& name) {
    EXPECT_EQ(CreatePerson("town1", NewId(n), name, kVillage1).status, 201);
    PersonFilter named;
    named.region = kVillage1;
    named.name_prefix = name;
    auto found = S().store->persons->Search(named);
    EXPECT_TRUE(found && found->items.size() == 1);
    return found && found->items.size() == 1 ? found->items[0].id : 0;
  }
  // A column of the person's covid19 state (`column` selects it), "none"
  // without a row.
  std::string StateColumn(const db::Sql& column, int64_t id) {
    return db::One(
               *S().store->db, column, [](const db::Row& r) { return r.Text(0); }, id)
        .value()
        .value_or("none");
  }
};

// A second dose updates the person's row (visits.cpp), leaving the place the
// registry keeps; a row missing after all is inserted with its place.
TEST_P(StateUpdates, ReplaceTheRowOrInsertAMissingOne) {
  const int64_t id = NewPersonId(777, "状态甲");
  ASSERT_NE(id, 0);
  auto& states = *S().store->vaccination_state;
  auto place = [&] { return StateColumn(kTestOnlyStatePlace, id); };
  VaccinationState s;
  s.person_id = id;
  s.disease = "covid19";
  s.doses = 1;
  s.first_dose = Date::Parse("2021-05-01");
  s.last_dose = s.first_dose;
  ASSERT_TRUE(states.UpdateStates({s})) << "no row yet: inserted";
  EXPECT_EQ(states.StateOf(id, "covid19").value(), s);
  EXPECT_EQ(place(), kVillage1);
  s.doses = 2;
  s.last_dose = Date::Parse("2021-05-29");
  s.series_complete = s.last_dose;
  ASSERT_TRUE(states.UpdateStates({s}));
  EXPECT_EQ(states.StateOf(id, "covid19").value(), s);
  EXPECT_EQ(place(), kVillage1);
  s.doses = 0;
  ASSERT_TRUE(states.UpdateStates({s}));
  EXPECT_FALSE(states.StateOf(id, "covid19").value()) << "no doses, no row";
}

// A state listed beyond tomorrow is stored with its list entry waiting
// (0052); one listed by tomorrow, or already entered on its day, has it
// written; the pass writes the waiting by the day it is given, no further.
TEST_P(StateUpdates, AListingBeyondTomorrowWaitsForThePass) {
  Date today = Date::TodayBeijing();
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(NewPersonId(780 + i, "候列" + std::to_string(i)));
    ASSERT_NE(ids.back(), 0);
  }
  auto entry = [&](int64_t id) { return StateColumn(kTestOnlyListEntry, id); };
  auto& states = *S().store->vaccination_state;
  auto listed = [&](int64_t id, Date from) {
    VaccinationState s;
    s.person_id = id;
    s.disease = "covid19";
    s.doses = 1;
    s.first_dose = s.last_dose = today.AddDays(-21);
    s.next_dose_number = 2;
    s.listed_from = from;
    return s;
  };
  // Whatever waits already written, so the counts below are these three.
  ASSERT_TRUE(states.EnterDueListings(today.AddDays(4000)));
  ASSERT_TRUE(states.SaveStates({listed(ids[0], today.AddDays(1)), listed(ids[1], today.AddDays(2)),
                                 listed(ids[2], today.AddDays(30))}));
  EXPECT_EQ(entry(ids[0]), today.AddDays(1).Iso()) << "listed by tomorrow: entered";
  EXPECT_EQ(entry(ids[1]), "") << "listed the day after: waits";
  EXPECT_EQ(entry(ids[2]), "");
  auto entered = states.EnterDueListings(today.AddDays(2), 1);
  ASSERT_TRUE(entered) << entered.error().message;
  EXPECT_EQ(*entered, 1) << "by the day given, no further";
  EXPECT_EQ(entry(ids[1]), today.AddDays(2).Iso());
  EXPECT_EQ(entry(ids[2]), "");
  // An update listing on the same day keeps the entry; a later day waits.
  auto same = listed(ids[1], today.AddDays(2));
  same.doses = 2;
  ASSERT_TRUE(states.UpdateStates({same, listed(ids[0], today.AddDays(9))}));
  EXPECT_EQ(entry(ids[1]), today.AddDays(2).Iso());
  EXPECT_EQ(entry(ids[0]), "");
  auto rest = states.EnterDueListings(today.AddDays(30), 1);
  ASSERT_TRUE(rest);
  EXPECT_EQ(*rest, 2) << "batch by batch, all of them";
  EXPECT_EQ(entry(ids[2]), today.AddDays(30).Iso());
  auto unlisted = listed(ids[2], today);
  unlisted.listed_from.reset();
  ASSERT_TRUE(states.UpdateStates({unlisted}));
  EXPECT_EQ(entry(ids[2]), "") << "not listed, no entry";
}

INSTANTIATE_TEST_SUITE_P(Engines, StateUpdates, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
