#include "vaccination/series.h"

#include <algorithm>
#include <bit>

namespace fangkong {

namespace {

// Products from `set` whose age range admits someone born on `birth` on day `on`;
// also the earliest day a too-young person reaches any of them, and whether
// any was ruled out only by its maximum age.
struct AgeFit {
  ProductSet fit = 0;
  std::optional<Date> earliest_young;
  bool too_old = false;
};

AgeFit FitByAge(const Catalogue& c, ProductSet set, Date birth, Date on) {
  AgeFit r;
  for (ProductSet s = set; s; s &= s - 1) {
    int i = std::countr_zero(s);
    const auto& p = c.product(i);
    Date from = birth.ReachesAgeMonths(p.min_age_months);
    if (on < from) {
      if (!r.earliest_young || from < *r.earliest_young) r.earliest_young = from;
      continue;
    }
    if (p.max_age_months && on >= birth.ReachesAgeMonths(p.max_age_months)) {
      r.too_old = true;
      continue;
    }
    r.fit |= ProductSet{1} << i;
  }
  return r;
}

// Chooses the status for a dose with window [earliest, latest] and candidates `fit`.
NextDose Window(NextDose d, const AgeFit& age, Date on) {
  if (!age.fit) {
    if (age.earliest_young) {
      d.status = DoseStatus::kTooYoung;
      d.earliest = std::max(d.earliest, *age.earliest_young);
      d.recommended = std::max(d.recommended, d.earliest);
    } else {
      d.status = DoseStatus::kTooOld;
    }
    return d;
  }
  d.products = age.fit;
  if (on < d.earliest) d.status = DoseStatus::kTooSoon;
  else if (d.latest && on > *d.latest) d.status = DoseStatus::kOverdue;
  else d.status = DoseStatus::kDue;
  return d;
}

}  // namespace

NextDose EvaluateNextDose(const Catalogue& c, int disease, const SeriesInput& in, Date on) {
  NextDose d;
  if (in.exempt) {
    d.status = DoseStatus::kExempt;
    return d;
  }
  // The doses of this disease, in order: the first names the series.
  int first = -1, count = 0;
  Date last;
  for (const auto& g : in.doses) {
    if (c.DiseaseOf(g.product) != disease) continue;
    if (first < 0) first = g.product;
    ++count;
    last = g.date;
  }
  d.dose_number = count + 1;
  if (first < 0) {
    d.earliest = d.recommended = in.birth_date;
    auto age = FitByAge(c, c.ProductsOf(disease), in.birth_date, on);
    if (age.fit) d.earliest = d.recommended = on;  // already of age: from today
    d = Window(d, age, on);
  } else {
    const auto& series = c.product(first);
    if (count < series.primary_doses) {
      const auto& gap = series.intervals[static_cast<size_t>(count - 1)];
      d.earliest = last.AddDays(gap.min_days);
      d.recommended = last.AddDays(gap.recommended_days);
      if (gap.max_days) d.latest = last.AddDays(gap.max_days);
      d = Window(d, FitByAge(c, c.SeriesContinuations(first), in.birth_date, on), on);
    } else {
      size_t step = static_cast<size_t>(count - series.primary_doses);
      const auto& steps = c.disease(disease).boosters;
      ProductSet boosters = c.BoostersFor(first);
      if (step >= steps.size() || !boosters) return d;  // kComplete
      d.booster = true;
      d.earliest = d.recommended = last.AddDays(steps[step].min_days_after_previous);
      Date of_age = in.birth_date.ReachesAgeMonths(steps[step].min_age_months);
      if (on < of_age) {
        d.status = DoseStatus::kTooYoung;
        d.earliest = d.recommended = std::max(d.earliest, of_age);
        return d;
      }
      d = Window(d, FitByAge(c, boosters, in.birth_date, on), on);
    }
  }
  bool open = d.status == DoseStatus::kDue || d.status == DoseStatus::kOverdue ||
              d.status == DoseStatus::kTooSoon;
  if (open && in.deferred_until && on < *in.deferred_until) {
    d.status = DoseStatus::kDeferred;
    d.earliest = std::max(d.earliest, *in.deferred_until);
  }
  return d;
}

const char* DoseStatusCode(DoseStatus s) {
  switch (s) {
    case DoseStatus::kDue: return "due";
    case DoseStatus::kOverdue: return "overdue";
    case DoseStatus::kTooSoon: return "too_soon";
    case DoseStatus::kTooYoung: return "too_young";
    case DoseStatus::kTooOld: return "too_old";
    case DoseStatus::kDeferred: return "deferred";
    case DoseStatus::kExempt: return "exempt";
    case DoseStatus::kComplete: return "complete";
  }
  return "complete";
}

std::string ExplainNextDose(const Catalogue& c, const NextDose& d, bool zh) {
  std::string n = std::to_string(d.dose_number);
  std::string what = zh ? (d.booster ? "第" + n + "剂（加强）" : "第" + n + "剂")
                        : (d.booster ? "dose " + n + " (booster)" : "dose " + n);
  std::string names;
  for (ProductSet s = d.products; s; s &= s - 1) {
    if (!names.empty()) names += zh ? "、" : ", ";
    names += c.product(std::countr_zero(s)).code;
  }
  switch (d.status) {
    case DoseStatus::kDue:
      return zh ? what + "可接种，可选产品：" + names : what + " is due; products: " + names;
    case DoseStatus::kOverdue:
      return zh ? what + "已超过推荐间隔（" + d.latest->Iso() + "），请尽快接种：" + names
                : what + " is overdue (window ended " + d.latest->Iso() + "); give as soon as possible: " + names;
    case DoseStatus::kTooSoon:
      return zh ? what + "未到最短间隔，最早可于" + d.earliest.Iso() + "接种"
                : what + " is too soon; earliest " + d.earliest.Iso();
    case DoseStatus::kTooYoung:
      return zh ? "未达到" + what + "的接种年龄，" + d.earliest.Iso() + "起可接种"
                : "too young for " + what + "; eligible from " + d.earliest.Iso();
    case DoseStatus::kTooOld:
      return zh ? "已超过所有可用产品的接种年龄上限" : "older than every product's age limit";
    case DoseStatus::kDeferred:
      return zh ? "暂缓接种至" + d.earliest.Iso() : "deferred until " + d.earliest.Iso();
    case DoseStatus::kExempt:
      return zh ? "有禁忌证，免于接种" : "permanently exempt (contraindication)";
    case DoseStatus::kComplete:
      return zh ? "已完成全程及应接种的加强免疫" : "series and due boosters complete";
  }
  return "";
}

}  // namespace fangkong
