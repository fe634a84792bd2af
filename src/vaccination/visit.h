// The visit at the site, as a state machine with every step recorded:
// check-in → screening (proceed, temporary deferral, permanent exemption) →
// informed consent → administration → 30-minute observation → release.
// The step rules here are pure; VisitService adds storage and the checks
// that need it.
#pragma once

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace fangkong {

enum class VisitState { kCheckedIn, kScreened, kDeferred, kExempt, kConsented, kAdministered, kReleased };
const char* VisitStateCode(VisitState s);
std::optional<VisitState> ParseVisitState(std::string_view s);
bool IsOpen(VisitState s);  // checked in, screened, consented or administered

enum class ScreeningOutcome { kProceed, kDefer, kExempt };
std::optional<ScreeningOutcome> ParseScreeningOutcome(std::string_view s);

inline constexpr int kObservationSeconds = 30 * 60;
inline constexpr int kFeverTenths = 373;  // 37.3 °C and above: no vaccination today

struct Visit {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t site_id = 0;
  int64_t appointment_id = 0;  // 0 when the person walked in
  std::string disease = "covid19";
  VisitState state = VisitState::kCheckedIn;
  Date day;
  int64_t checked_in_at = 0, checked_in_by = 0;
  int temperature_tenths = 0;  // 366 = 36.6 °C
  std::string screening_outcome;  // proceed, defer, exempt
  std::optional<Date> deferred_until;
  std::string screening_reason, certificate_no;
  int64_t screened_by = 0;
  int64_t consent_at = 0, consent_by = 0;
  int64_t dose_id = 0, administered_at = 0, observation_until = 0;
  int64_t released_at = 0, released_by = 0;
  std::string product;  // the product consented to ("" = any the person may have)
};

struct ScreeningInput {
  double temperature = 0;  // °C
  ScreeningOutcome outcome = ScreeningOutcome::kProceed;
  std::optional<Date> deferred_until;
  std::string reason, certificate_no;
};

// Each returns the visit after the step, or the rule the step breaks.
// Screening: only a checked-in visit; temperature 34.0-43.0 °C; a fever
// (≥ 37.3) cannot proceed; a deferral needs a later date and a reason; an
// exemption needs a reason and its certificate number.
Result<Visit> Screen(Visit v, const ScreeningInput& in, int64_t user_id, Date today);
// Consent: only after a screening that said proceed; `product` is the one
// the person agreed to (may be empty).
Result<Visit> Consent(Visit v, int64_t user_id, int64_t now, std::string product);
// Release: only an administered visit, and not before the observation ends.
Result<Visit> Release(Visit v, int64_t user_id, int64_t now);

Error VisitStateError(const Visit& v, const char* step_en, const char* step_zh);

// Whether a scanned traceability code has its product's format: at most
// kMaxTraceCodeLength ASCII letters and digits (what a scanner sends), then
// the product's pattern. The length comes first: std::regex matches by
// recursion, and a megabyte-long "code" would exhaust a thread's stack.
inline constexpr size_t kMaxTraceCodeLength = 64;
bool IsTraceCodeOf(std::string_view code, const std::regex& format);

// The Conflict for a second dose with the same traceability code.
Error DuplicateTraceCode(const std::string& code);
// The Conflict for a check-in of a person whose visit is still open.
Error VisitOpenError(int64_t person_id);
// A visit step lost a race: the stored visit is no longer in state `from`.
Error VisitChangedError(VisitState from);

}  // namespace fangkong
