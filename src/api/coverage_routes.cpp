// Coverage by age band (分年龄段接种率), independent of any campaign.
#include "api/campaign_routes.h"
#include "api/params.h"

namespace fangkong::api {

void AddCoverageRoutes(Router& router, CampaignRouteContext ctx) {
  router.Add("GET", "/api/v1/coverage", ctx.authed([ctx](Request& r, const User& u) {
    std::string region =
        r.Query("region") && !r.Query("region")->empty() ? *r.Query("region") : u.region_code;
    if (auto s = CheckJurisdiction(u, region); !s)
      return ctx.denied(u, s.error(), "region:" + region);
    std::string by = r.Query("by") && !r.Query("by")->empty() ? *r.Query("by") : "age_band";
    if (by != "age_band") {
      return ErrorResponse(Error::Invalid("invalid_value", "by", by, "by is age_band",
                                          "分组方式应为age_band（年龄段）"));
    }
    std::string disease =
        r.Query("disease") && !r.Query("disease")->empty() ? *r.Query("disease") : "covid19";
    auto day = DateParam(r, "date", BeijingDay(ctx.now()));
    if (!day) return ErrorResponse(day.error());
    auto bands = ctx.coverage.ByAgeBand(region, disease, *day);
    if (!bands) return ErrorResponse(bands.error());
    auto share = [](int64_t a, int64_t b) {
      return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
    };
    json::array items;
    for (const auto& b : *bands) {
      items.push_back(json::object{{"band", b.band},
                                   {"population", b.population},
                                   {"first_dose", b.first_dose},
                                   {"full_series", b.full_series},
                                   {"booster", b.booster},
                                   {"coverage_first", share(b.first_dose, b.population)},
                                   {"coverage_full", share(b.full_series, b.population)},
                                   {"coverage_booster", share(b.booster, b.population)}});
    }
    return JsonResponse(200, json::object{{"region", region},
                                          {"date", day->Iso()},
                                          {"disease", disease},
                                          {"by", by},
                                          {"items", std::move(items)}});
  }));
}

}  // namespace fangkong::api
