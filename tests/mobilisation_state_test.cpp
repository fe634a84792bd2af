// The mobilisation lists read from the stored vaccination states equal the
// lists found by evaluating everyone's doses, on both engines: random people
// (children too young, adults, the elderly), random dose histories,
// deferrals, exemptions and follow-ups, asked on several days, for each
// kind and for a township and a village.
#include <algorithm>
#include <random>

#include "api_fixture.h"
#include "registry/service.h"
#include "vaccination/mobilisation_service.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

std::vector<int64_t> Ids(const MobilisationList& l) {
  std::vector<int64_t> out;
  for (const auto& e : l.items) out.push_back(e.person.id);
  return out;
}

// A village of the last township with villages, which no other test fills.
std::string QuietVillage(Storage& store) {
  auto towns = store.regions->Children("341881");
  EXPECT_TRUE(towns && !towns->empty());
  for (auto t = towns->rbegin(); t != towns->rend(); ++t) {
    auto villages = store.regions->Children(t->code);
    if (villages && villages->size() >= 2) return (*villages)[villages->size() - 2].code;
  }
  ADD_FAILURE() << "no township with villages";
  return "";
}

// The list read page by page, six rows at a time, equals the whole list
// by evaluation; true when the pages crossed from those still to be
// followed to those accounted for.
bool ExpectPagesMakeTheList(MobilisationService& lists, const User& u, MobilisationKind kind,
                            const std::string& region, Date day) {
  MobilisationQuery q;
  q.kind = kind;
  q.region = region;
  q.limit = 1000;
  auto whole = lists.ListByEvaluation(u, q, day);
  EXPECT_TRUE(whole);
  if (!whole) return false;
  q.limit = 6;
  std::vector<int64_t> stitched;
  for (q.offset = 0; q.offset < whole->total + q.limit; q.offset += q.limit) {
    auto page = lists.List(u, q, day);
    EXPECT_TRUE(page);
    if (!page) return false;
    auto ids = Ids(*page);
    EXPECT_EQ(static_cast<int64_t>(ids.size()),
              std::clamp<int64_t>(whole->total - q.offset, 0, q.limit));
    stitched.insert(stitched.end(), ids.begin(), ids.end());
  }
  EXPECT_EQ(stitched, Ids(*whole)) << MobilisationKindCode(kind) << " in " << region;
  return whole->accounted > 0 && whole->accounted < whole->total;
}

TEST_P(ApiTest, StoredListsEqualTheEvaluationOfEveryone) {
  Storage& store = *S().store;
  const std::string village = QuietVillage(store);
  const std::string township = village.substr(0, 9);
  std::mt19937 rng(GetParam() == "sqlite" ? 7 : 8);
  Date today = BeijingDay(g_clock.load());
  const char* products[] = {"CoronaVac", "BBIBP-CorV", "Ad5-nCoV", "ZF2001", "MR"};
  const char* results[] = {"will_come", "refused", "away", "unreachable", "moved"};
  int64_t site = TestSite(store);
  for (int i = 0; i < 160; ++i) {
    Person p;
    p.doc_type = DocumentType::kOther;
    p.doc_number = "LIST" + GetParam() + std::to_string(i);
    p.name = "名单" + std::to_string(i);
    p.birth_date = today.AddDays(-static_cast<int>(rng() % 33000));
    p.region_code = village;
    // Some live elsewhere (人户分离): they stay on their place's lists.
    if (i % 5 == 0) p.residency = ResidencyType::kAway;
    auto id = store.persons->Insert(p);
    ASSERT_TRUE(id) << id.error().message;
    Date day = std::max(today.AddDays(-900), p.birth_date.ReachesAgeMonths(36));
    int doses = static_cast<int>(rng() % 4);
    // A third dosed in the last weeks or months: listed beyond tomorrow,
    // their list entries wait (0052) until the pass below.
    if (i % 6 == 0) day = std::max(day, today.AddDays(-15));
    if (i % 6 == 3) day = std::max(day, today.AddDays(-80));
    for (int n = 1; n <= doses && day < today; ++n) {
      DoseRecord d;
      d.person_id = *id;
      d.product = products[rng() % 5];
      d.dose_number = n;
      d.booster = n >= 3;
      d.date = day;
      d.site_id = site;
      d.region_code = village;
      ASSERT_TRUE(InsertDoseKeepingState(store, d));
      day = day.AddDays(20 + static_cast<int>(rng() % 250));
    }
    if (rng() % 10 == 0) {
      Visit v;
      v.person_id = *id;
      v.site_id = site;
      v.day = today.AddDays(-5);
      v.state = rng() % 2 ? VisitState::kExempt : VisitState::kDeferred;
      v.deferred_until = today.AddDays(static_cast<int>(rng() % 60) - 20);
      ASSERT_TRUE(store.vaccination->InsertVisit(v));
    }
    // A quarter followed up, some twice: the latest result counts.
    for (int n = rng() % 4 == 0 ? 1 + static_cast<int>(rng() % 2) : 0; n > 0; --n) {
      FollowUp f;
      f.person_id = *id;
      f.disease = "covid19";
      f.at = g_clock.load();
      f.method = "phone";
      f.result = *ParseFollowUpResult(results[rng() % 5]);
      ASSERT_TRUE(store.mobilisation->InsertFollowUp(f));
    }
  }
  RegistryService registry(*store.regions, *store.persons, *store.organisations);
  MobilisationService lists(Catalogue::Default(), registry, *store.mobilisation, *store.figures);
  User county{1, "admin", "admin", Role::kCountyAdmin, "341881", 0, true};
  int compared = 0, listed = 0, paged = 0;
  auto compare_all = [&](const std::vector<std::string>& places) {
    for (auto kind : {MobilisationKind::kUnvaccinated, MobilisationKind::kSeriesDose,
                      MobilisationKind::kBooster}) {
      for (int ahead : {0, 40, 400}) {
        for (const std::string& region : places) {
          for (int64_t limit : {7, 1000}) {
            MobilisationQuery q;
            q.kind = kind;
            q.region = region;
            q.limit = limit;
            auto stored = lists.List(county, q, today.AddDays(ahead));
            auto evaluated = lists.ListByEvaluation(county, q, today.AddDays(ahead));
            ASSERT_TRUE(stored && evaluated);
            std::string what = std::string(MobilisationKindCode(kind)) + " in " + region + " +" +
                               std::to_string(ahead) + " days, limit " + std::to_string(limit);
            EXPECT_EQ(stored->total, evaluated->total) << what;
            EXPECT_EQ(stored->accounted, evaluated->accounted) << what;
            EXPECT_EQ(stored->people, evaluated->people) << what;
            EXPECT_EQ(Ids(*stored), Ids(*evaluated)) << what;
            ++compared;
            listed += static_cast<int>(stored->total);
          }
          paged += ExpectPagesMakeTheList(lists, county, kind, region, today.AddDays(ahead));
        }
      }
    }
  };
  compare_all({village, township});
  EXPECT_EQ(compared, 36);
  // The changes folded into the sums, and the list entries that waited
  // (those listed beyond tomorrow, 0052) written as the server's pass would
  // on their days: the same lists.
  auto folded = store.figures->Fold();
  ASSERT_TRUE(folded) << folded.error().message;
  EXPECT_GT(*folded, 0);
  auto entered = store.vaccination_state->EnterDueListings(today.AddDays(500), 7);
  ASSERT_TRUE(entered) << entered.error().message;
  EXPECT_GT(*entered, 20) << "the lists ahead must have read waiting entries";
  compare_all({village, township});
  // People move, one by one and in an import batch: their figures go along.
  auto villages = store.regions->Children(township);
  ASSERT_TRUE(villages && villages->size() >= 2);
  const std::string other =
      (*villages)[0].code != village ? (*villages)[0].code : (*villages)[1].code;
  PersonFilter all;
  all.region = village;
  all.limit = 200;
  auto people = store.persons->Search(all);
  ASSERT_TRUE(people);
  std::vector<Person> batch;
  for (size_t i = 0; i < people->items.size(); i += 3) {
    Person moved = people->items[i];
    moved.region_code = other;
    // The next one stays but leaves, or comes back (人户分离): their
    // figures change sides.
    std::optional<Person> turned;
    if (i + 1 < people->items.size()) {
      turned = people->items[i + 1];
      turned->residency = turned->IsResident() ? ResidencyType::kAway : ResidencyType::kUsual;
    }
    if (i % 2) {
      ASSERT_TRUE(store.persons->Update(moved));
      if (turned) {
        ASSERT_TRUE(store.persons->Update(*turned));
      }
    } else {
      batch.push_back(moved);
      if (turned) batch.push_back(*turned);
    }
  }
  auto upserted = store.persons->UpsertBatch(batch, "341881");
  ASSERT_TRUE(upserted) << upserted.error().message;
  compare_all({village, other, township});
  EXPECT_EQ(compared, 36 * 2 + 54);
  EXPECT_GT(listed, 500) << "the lists must hold people to compare";
  EXPECT_GT(paged, 10) << "pages must cross from those to follow to those accounted for";
}

}  // namespace
}  // namespace fangkong
