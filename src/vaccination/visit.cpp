#include "vaccination/visit.h"

#include <array>
#include <cmath>

namespace fangkong {

namespace {
constexpr std::array<const char*, 7> kStates = {"checked_in", "screened",     "deferred", "exempt",
                                                "consented",  "administered", "released"};
constexpr std::array<const char*, 7> kStatesZh = {"已登记", "已预检", "暂缓接种", "禁忌免种",
                                                  "已知情同意", "已接种（留观中）", "已离开"};
constexpr std::array<const char*, 3> kOutcomes = {"proceed", "defer", "exempt"};
}  // namespace

const char* VisitStateCode(VisitState s) { return kStates[static_cast<size_t>(s)]; }

std::optional<VisitState> ParseVisitState(std::string_view s) {
  for (size_t i = 0; i < kStates.size(); ++i)
    if (s == kStates[i]) return static_cast<VisitState>(i);
  return std::nullopt;
}

bool IsOpen(VisitState s) {
  return s == VisitState::kCheckedIn || s == VisitState::kScreened || s == VisitState::kConsented ||
         s == VisitState::kAdministered;
}

std::optional<ScreeningOutcome> ParseScreeningOutcome(std::string_view s) {
  for (size_t i = 0; i < kOutcomes.size(); ++i)
    if (s == kOutcomes[i]) return static_cast<ScreeningOutcome>(i);
  return std::nullopt;
}

Error VisitStateError(const Visit& v, const char* step_en, const char* step_zh) {
  size_t i = static_cast<size_t>(v.state);
  return Error::Conflict("visit_state", "state", kStates[i],
                         std::string("cannot ") + step_en + " a visit that is " + kStates[i],
                         std::string("当前状态为“") + kStatesZh[i] + "”，不能" + step_zh);
}

Result<Visit> Screen(Visit v, const ScreeningInput& in, int64_t user_id, Date today) {
  if (v.state != VisitState::kCheckedIn) return Fail(VisitStateError(v, "screen", "进行预检"));
  if (!(in.temperature >= 34.0 && in.temperature <= 43.0)) {
    return Fail(Error::Invalid("invalid_temperature", "temperature", std::to_string(in.temperature),
                               "body temperature must be between 34.0 and 43.0 °C",
                               "体温应在34.0至43.0℃之间，请复测"));
  }
  int tenths = static_cast<int>(std::lround(in.temperature * 10));
  if (tenths >= kFeverTenths && in.outcome == ScreeningOutcome::kProceed) {
    return Fail(Error::Invalid("fever", "temperature", std::to_string(tenths / 10) + "." + std::to_string(tenths % 10),
                               "a temperature of 37.3 °C or more defers vaccination",
                               "体温≥37.3℃，应暂缓接种"));
  }
  if (in.outcome == ScreeningOutcome::kDefer) {
    if (!in.deferred_until || *in.deferred_until <= today) {
      return Fail(Error::Invalid("invalid_date", "deferred_until",
                                 in.deferred_until ? in.deferred_until->Iso() : "",
                                 "a deferral needs a date after today", "暂缓接种须填写今天之后的日期"));
    }
  }
  if (in.outcome != ScreeningOutcome::kProceed && in.reason.empty()) {
    return Fail(Error::Invalid("required", "reason", "", "a deferral or exemption needs its reason",
                               "暂缓或免种须填写原因"));
  }
  if (in.outcome == ScreeningOutcome::kExempt && in.certificate_no.empty()) {
    return Fail(Error::Invalid("required", "certificate_no", "",
                               "an exemption needs its contraindication certificate number",
                               "免种须填写禁忌证明编号"));
  }
  v.temperature_tenths = tenths;
  v.screening_outcome = kOutcomes[static_cast<size_t>(in.outcome)];
  v.screening_reason = in.reason;
  v.certificate_no = in.certificate_no;
  v.screened_by = user_id;
  v.deferred_until = in.outcome == ScreeningOutcome::kDefer ? in.deferred_until : std::nullopt;
  v.state = in.outcome == ScreeningOutcome::kProceed ? VisitState::kScreened
            : in.outcome == ScreeningOutcome::kDefer ? VisitState::kDeferred
                                                      : VisitState::kExempt;
  return v;
}

Result<Visit> Consent(Visit v, int64_t user_id, int64_t now, std::string product) {
  if (v.state != VisitState::kScreened) return Fail(VisitStateError(v, "record consent for", "签署知情同意"));
  v.state = VisitState::kConsented;
  v.consent_at = now;
  v.consent_by = user_id;
  v.product = std::move(product);
  return v;
}

Result<Visit> Release(Visit v, int64_t user_id, int64_t now) {
  if (v.state != VisitState::kAdministered) return Fail(VisitStateError(v, "release", "结束留观"));
  if (now < v.observation_until) {
    int64_t left = v.observation_until - now;
    return Fail(Error::Conflict("observation_not_over", "observation_until", std::to_string(left),
                                "the 30-minute observation has " + std::to_string((left + 59) / 60) +
                                    " minute(s) left",
                                "留观30分钟未满，还需" + std::to_string((left + 59) / 60) + "分钟"));
  }
  v.state = VisitState::kReleased;
  v.released_at = now;
  v.released_by = user_id;
  return v;
}

bool IsTraceCodeOf(std::string_view code, const std::regex& format) {
  if (code.empty() || code.size() > kMaxTraceCodeLength) return false;
  for (char c : code)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return std::regex_match(code.begin(), code.end(), format);
}

Error DuplicateTraceCode(const std::string& code) {
  return Error::Conflict("duplicate_trace_code", "trace_code", code,
                         "this traceability code has already been recorded for a dose",
                         "该追溯码已登记过接种，疑似重复扫码");
}

Error VisitOpenError(int64_t person_id) {
  return Error::Conflict("visit_open", "person_id", std::to_string(person_id),
                         "this person already has an open visit", "该人员已有未完成的接种登记");
}

Error VisitChangedError(VisitState from) {
  return Error::Conflict("visit_state", "state", VisitStateCode(from),
                         "the visit was changed by someone else; reload it",
                         "该登记已被他人更新，请刷新后重试");
}

}  // namespace fangkong
