// The API's own cost of a request, without the network: requests dispatched
// in-process through the same router the HTTP server calls, against
// baselines measured in the same run:
//   * the router's JSON 404 for an unknown path (no authentication, no work);
//   * the store's identity-number probe alone (FindByDocument).
// The difference between the lookup through the router and the store probe
// is what the API layer (authentication, query parsing, jurisdiction, JSON)
// adds per lookup. FANGKONG_BENCH_PEOPLE sets the county's size (default 200,000).
// Run: build/bench/api_benchmark
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "api/app.h"
#include "demo/demo.h"
#include "store/storage.h"

#ifndef FANGKONG_REGION_DATA
#define FANGKONG_REGION_DATA ""
#endif

namespace fk = fangkong;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  fs::path dir;
  std::unique_ptr<fk::Storage> store;
  std::unique_ptr<fk::api::App> app;
  std::vector<std::string> ids;
  std::string bearer;
};

Fixture& Data() {
  static Fixture* f = [] {
    auto* d = new Fixture;
    d->dir = fs::temp_directory_path() / ("fangkong-api-bench-" + std::to_string(::getpid()));
    fs::create_directories(d->dir);
    d->store = std::make_unique<fk::Storage>(fk::db::OpenSqlite((d->dir / "fangkong.db").string()));
    if (!d->store->Migrate()) throw std::runtime_error("migration failed");
    fk::DemoOptions opt;
    const char* env = std::getenv("FANGKONG_BENCH_PEOPLE");
    opt.population = env ? std::atoll(env) : 200'000;
    opt.region_data_dir = FANGKONG_REGION_DATA;
    auto summary = fk::BuildDemoCounty(opt, {*d->store->regions, *d->store->persons, *d->store->organisations, *d->store->users},
                                       [](int64_t, int64_t, const std::string&) {});
    if (!summary) throw std::runtime_error(summary.error().message);
    fk::PersonFilter all;
    all.region = opt.county;
    all.limit = 200000;
    auto page = d->store->persons->Search(all);
    if (!page) throw std::runtime_error(page.error().message);
    for (const auto& p : page->items) d->ids.push_back(p.doc_number);
    // Random order, as clients ask: in stored order every probe would find
    // its pages in the CPU caches.
    std::shuffle(d->ids.begin(), d->ids.end(), std::mt19937(7));
    d->app = std::make_unique<fk::api::App>(*d->store, fk::api::AppOptions{});
    fk::api::Request login;
    login.method = "POST";
    login.path = "/api/v1/auth/login";
    login.body = R"({"username":"admin","password":"Fangkong@2026"})";
    auto r = d->app->router().Dispatch(login);
    auto at = r.body.find("\"token\":\"");
    if (r.status != 200 || at == std::string::npos) throw std::runtime_error("login: " + r.body);
    d->bearer = "Bearer " + r.body.substr(at + 9, 64);
    return d;
  }();
  return *f;
}

fk::api::Request Get(const std::string& path) {
  fk::api::Request r;
  r.method = "GET";
  r.path = path;
  r.headers["authorization"] = Data().bearer;
  r.remote = "127.0.0.1";
  return r;
}

void BM_Router404Baseline(benchmark::State& state) {
  auto& d = Data();
  for (auto _ : state) {
    auto req = Get("/api/v1/no-such-endpoint");
    auto resp = d.app->router().Dispatch(req);
    if (resp.status != 404) state.SkipWithError("expected 404");
    benchmark::DoNotOptimize(resp.body.data());
  }
}
BENCHMARK(BM_Router404Baseline);

void BM_StoreProbeBaseline(benchmark::State& state) {
  auto& d = Data();
  size_t i = 0;
  for (auto _ : state) {
    auto p = d.store->persons->FindByDocument(d.ids[i++ % d.ids.size()]);
    if (!p || !*p) state.SkipWithError("person not found");
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_StoreProbeBaseline)->ThreadRange(1, 4)->UseRealTime();

void BM_LookupThroughRouter(benchmark::State& state) {
  auto& d = Data();
  size_t i = 0;
  for (auto _ : state) {
    auto req = Get("/api/v1/persons");
    req.query["id_number"] = d.ids[i++ % d.ids.size()];
    auto resp = d.app->router().Dispatch(req);
    if (resp.status != 200) state.SkipWithError(resp.body.c_str());
    benchmark::DoNotOptimize(resp.body.data());
  }
}
BENCHMARK(BM_LookupThroughRouter)->ThreadRange(1, 4)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
