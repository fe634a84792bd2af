// Next-dose evaluations per second, single-threaded (target: at least
// 1,000,000/s), over a mix of histories like a county's: unvaccinated adults
// and children, half-way primary series, complete series due a booster, and
// the fully boosted. Baseline in the same run: computing each person's age
// (Date::AgeOn), the least work any eligibility check must do.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "vaccination/series.h"
#include "vaccination/vaccination_state.h"

namespace fk = fangkong;

namespace {

struct Person {
  fk::Date born;
  std::vector<fk::GivenDose> doses;
};

const std::vector<Person>& People() {
  static const std::vector<Person> people = [] {
    const auto& c = fk::Catalogue::Default();
    const char* series[] = {"BBIBP-CorV", "CoronaVac", "WIBP", "ZF2001", "Ad5-nCoV", "KCONVAC"};
    std::mt19937 rng(7);
    std::vector<Person> out;
    fk::Date start = fk::Date::Parse("2021-03-01").value();
    for (int i = 0; i < 100000; ++i) {
      Person p;
      p.born = fk::Date::Parse("1940-01-01").value().AddDays(static_cast<int>(rng() % 30000));
      int product = c.ProductIndex(series[rng() % 6]).value();
      int n = static_cast<int>(rng() % 5);  // 0..4 doses
      fk::Date d = start.AddDays(static_cast<int>(rng() % 200));
      for (int k = 0; k < n; ++k) {
        p.doses.push_back({product, d});
        d = d.AddDays(28 + static_cast<int>(rng() % 150));
      }
      out.push_back(std::move(p));
    }
    return out;
  }();
  return people;
}

void BM_AgeBaseline(benchmark::State& state) {
  const auto& people = People();
  fk::Date on = fk::Date::Parse("2022-06-01").value();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(people[i].born.AgeOn(on));
    if (++i == people.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AgeBaseline);

void BM_NextDose(benchmark::State& state) {
  const auto& c = fk::Catalogue::Default();
  int covid = c.DiseaseIndex("covid19").value();
  const auto& people = People();
  fk::Date on = fk::Date::Parse("2022-06-01").value();
  size_t i = 0;
  for (auto _ : state) {
    fk::SeriesInput in{people[i].born, people[i].doses, std::nullopt, false};
    benchmark::DoNotOptimize(fk::EvaluateNextDose(c, covid, in, on));
    if (++i == people.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NextDose);

// A person's whole state from their doses (vaccination_state.h), which the
// visit computes twice per dose (before and after) inside the writer's
// unit of work.
void BM_StateFromDoses(benchmark::State& state) {
  const auto& c = fk::Catalogue::Default();
  std::vector<std::vector<fk::DoseRecord>> records;
  for (const auto& p : People()) {
    auto& r = records.emplace_back();
    for (const auto& d : p.doses) {
      fk::DoseRecord x;
      x.product = c.product(d.product).code;
      x.date = d.date;
      x.dose_number = static_cast<int>(r.size()) + 1;
      x.booster = r.size() >= 2;
      r.push_back(x);
    }
  }
  const auto& people = People();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fk::StateFromDoses(c, "covid19", 1, people[i].born, records[i]));
    if (++i == people.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StateFromDoses);

}  // namespace

BENCHMARK_MAIN();
