// The dose-series engine: for one person, one disease and one day, which dose
// is next, of which products, in which window — or why there is none. Pure
// and allocation-free, so overdue lists can run it for a whole county.
#pragma once

#include <optional>
#include <span>

#include "core/date.h"
#include "vaccination/catalogue.h"

namespace fangkong {

// A dose already given, as the engine needs it.
struct GivenDose {
  int product = 0;  // catalogue index
  Date date;
};

struct SeriesInput {
  Date birth_date;
  std::span<const GivenDose> doses;  // of any disease, in date order
  std::optional<Date> deferred_until;  // temporary deferral from screening
  bool exempt = false;                 // permanent contraindication (certificate)
};

enum class DoseStatus {
  kDue,        // may be given on the day asked about
  kOverdue,    // due, and later than the interval's maximum: give as soon as possible
  kTooSoon,    // the interval since the previous dose has not passed
  kTooYoung,   // below every eligible product's minimum age
  kTooOld,     // above every eligible product's maximum age
  kDeferred,   // temporarily deferred until a date
  kExempt,     // permanently exempt
  kComplete,   // the series and every booster the person qualifies for are done
};

struct NextDose {
  DoseStatus status = DoseStatus::kComplete;
  int dose_number = 0;  // 1-based over primary and booster doses
  bool booster = false;
  ProductSet products = 0;  // products that may be given (empty when none)
  Date earliest, recommended;
  std::optional<Date> latest;  // end of the recommended window, if any
};

// Evaluates the programme of `disease` (catalogue index) on `on`. Doses of
// other diseases in `in.doses` are skipped. A booster step the person is too
// young for (e.g. the second booster before 60) is reported as kTooYoung with
// the date they reach it.
NextDose EvaluateNextDose(const Catalogue& c, int disease, const SeriesInput& in, Date on);

const char* DoseStatusCode(DoseStatus s);  // "due", "overdue", ...
// A sentence for a clerk saying why, in Chinese or English.
std::string ExplainNextDose(const Catalogue& c, const NextDose& d, bool chinese);

}  // namespace fangkong
