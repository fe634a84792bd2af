#include "vaccination/mobilisation.h"

#include <array>
#include <bit>

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

std::vector<std::string> AccountingResultCodes() {
  std::vector<std::string> out;
  for (const auto& n : kResults)
    if (n.accounts) out.push_back(n.code);
  return out;
}

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

namespace {

// The first day in [lo, hi] for which `holds` is true, `holds` false then
// true as the day grows; hi + 1 when it never holds.
template <typename Pred>
Date FirstDay(Date lo, Date hi, Pred holds) {
  int a = 0, b = hi.days() - lo.days() + 1;
  while (a < b) {
    int mid = a + (b - a) / 2;
    if (holds(lo.AddDays(mid))) b = mid;
    else a = mid + 1;
  }
  return lo.AddDays(a);
}

}  // namespace

std::optional<BirthRange> FirstDoseBirthRange(const Catalogue& c, int disease, Date today) {
  // Ages are at most a lifetime: no one is born more than 150 years before today.
  const Date oldest = today.AddDays(-150 * 366), youngest = today;
  std::optional<BirthRange> hull;
  for (ProductSet s = c.ProductsOf(disease); s; s &= s - 1) {
    const auto& p = c.product(std::countr_zero(s));
    // Of age: born on or before the last day whose min-age birthday is today or earlier.
    Date too_young_from = FirstDay(
        oldest, youngest, [&](Date b) { return today < b.ReachesAgeMonths(p.min_age_months); });
    Date young_enough_from =
        p.max_age_months ? FirstDay(oldest, youngest,
                                    [&](Date b) { return today < b.ReachesAgeMonths(p.max_age_months); })
                         : oldest;
    if (!(young_enough_from < too_young_from)) continue;
    BirthRange r{young_enough_from.AddDays(-1), too_young_from.AddDays(-1)};
    if (!hull) hull = r;
    hull->born_after = std::min(hull->born_after, r.born_after);
    hull->born_on_or_before = std::max(hull->born_on_or_before, r.born_on_or_before);
  }
  return hull;
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
