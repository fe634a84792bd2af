#include "vaccination/mobilisation.h"

#include <array>

namespace fangkong {

namespace {

struct ResultName {
  FollowUpResult result;
  const char* code;
  const char* zh;
  bool accounts;
};

constexpr std::array<ResultName, 8> kResults{{
    {FollowUpResult::kWillCome, "will_come", "答应接种", false},
    {FollowUpResult::kRefused, "refused", "拒绝接种", true},
    {FollowUpResult::kContraindication, "contraindication", "有禁忌症", true},
    {FollowUpResult::kAway, "away", "外出", true},
    {FollowUpResult::kMoved, "moved", "已迁出", true},
    {FollowUpResult::kVaccinatedElsewhere, "vaccinated_elsewhere", "外地已接种", true},
    {FollowUpResult::kUnreachable, "unreachable", "联系不上", false},
    {FollowUpResult::kOther, "other", "其他", false},
}};

const ResultName& NameOf(FollowUpResult r) {
  for (const auto& n : kResults)
    if (n.result == r) return n;
  return kResults.back();
}

}  // namespace

const char* MobilisationKindCode(MobilisationKind k) {
  switch (k) {
    case MobilisationKind::kUnvaccinated:
      return "unvaccinated";
    case MobilisationKind::kSeriesDose:
      return "series_dose";
    case MobilisationKind::kBooster:
      return "booster";
  }
  return "";
}

std::optional<MobilisationKind> ParseMobilisationKind(std::string_view s) {
  for (auto k :
       {MobilisationKind::kUnvaccinated, MobilisationKind::kSeriesDose, MobilisationKind::kBooster})
    if (s == MobilisationKindCode(k)) return k;
  return std::nullopt;
}

const char* FollowUpResultCode(FollowUpResult r) { return NameOf(r).code; }
const char* FollowUpResultZh(FollowUpResult r) { return NameOf(r).zh; }
bool AccountsForPerson(FollowUpResult r) { return NameOf(r).accounts; }

std::optional<FollowUpResult> ParseFollowUpResult(std::string_view s) {
  for (const auto& n : kResults)
    if (s == n.code) return n.result;
  return std::nullopt;
}

SeriesInput SeriesInputFor(const Catalogue& c, std::string_view disease, Date birth_date,
                           const std::vector<DoseRecord>& doses,
                           const std::vector<Visit>& screenings, std::vector<GivenDose>& storage) {
  storage.clear();
  for (const auto& d : doses) {
    if (auto p = c.ProductIndex(d.product)) storage.push_back({*p, d.date});
  }
  SeriesInput in{birth_date, storage, std::nullopt, false};
  for (const auto& v : screenings) {
    if (v.disease != disease) continue;
    if (v.state == VisitState::kExempt) in.exempt = true;
    if (v.state == VisitState::kDeferred && v.deferred_until &&
        (!in.deferred_until || *in.deferred_until < *v.deferred_until)) {
      in.deferred_until = v.deferred_until;
    }
  }
  return in;
}

bool BelongsOnList(MobilisationKind kind, const NextDose& next, Date today) {
  if (next.status != DoseStatus::kDue && next.status != DoseStatus::kOverdue) return false;
  switch (kind) {
    case MobilisationKind::kUnvaccinated:
      return next.dose_number == 1 && !next.booster;
    case MobilisationKind::kSeriesDose:
      return next.dose_number > 1 && !next.booster && today > next.recommended;
    case MobilisationKind::kBooster:
      return next.booster && today > next.recommended;
  }
  return false;
}

}  // namespace fangkong
