#include "vaccination/aefi_service.h"

#include <algorithm>

#include "core/date.h"
#include "core/text.h"

namespace fangkong {

namespace {

bool MayReport(Role r) { return r != Role::kLeader && r != Role::kDepartmentOfficer; }

// Adverse event reports are medical records: departments (employers'
// supervisors) never read them, one by one or as lists and rates.
Status CheckMayRead(const User& u) {
  if (u.role != Role::kDepartmentOfficer) return {};
  return Fail(Error::Forbidden("your role may not read adverse event reports",
                               "您的角色无权查看异常反应报告"));
}

Status CheckSymptoms(const std::vector<std::string>& symptoms) {
  if (symptoms.empty()) {
    return Fail(Error::Invalid("required", "symptoms", "", "name at least one symptom",
                               "请至少选择一项症状"));
  }
  const auto& known = AefiSymptoms();
  for (const auto& s : symptoms) {
    bool ok = std::any_of(known.begin(), known.end(), [&](const auto& k) { return k.first == s; });
    if (!ok) {
      return Fail(Error::Invalid("invalid_value", "symptoms", s,
                                 "not a symptom code of the AEFI form",
                                 "不是监测方案中的症状代码"));
    }
  }
  return {};
}

Alert SeriousAlert(const AefiReport& r) {
  Alert a;
  a.kind = "aefi_serious";
  a.region_code = r.site_region;
  a.title = "严重疑似预防接种异常反应";
  // No name or identity number: the text may travel by SMS.
  a.body = r.product + "（批号" + r.lot + "）第" + std::to_string(r.dose_number) + "剂，接种" +
           BeijingMinute(r.administered_at) + "，发病" + BeijingMinute(r.onset_at) + "，地区" +
           r.site_region + "，请立即组织调查诊断";
  a.created_at = r.reported_at;
  return a;
}

}  // namespace

Status AefiService::CanSee(const User& u, const std::string& person_region,
                           const std::string& site_region) {
  if (CheckJurisdiction(u, person_region) || CheckJurisdiction(u, site_region)) return {};
  return CheckJurisdiction(u, person_region);
}

Result<AefiReport> AefiService::Report(const User& u, const AefiInput& in, int64_t now) {
  if (!MayReport(u.role)) {
    return Fail(Error::Forbidden("your role may not report adverse events",
                                 "您的角色无权报告疑似预防接种异常反应"));
  }
  auto dose = repo_.FindDose(in.dose_id);
  if (!dose) return Fail(dose.error());
  if (!*dose) return Fail(Error::NotFound("dose", std::to_string(in.dose_id)));
  auto site_region = repo_.SiteRegion((*dose)->site_id);
  if (!site_region) return Fail(site_region.error());
  if (auto s = CanSee(u, (*dose)->region_code, *site_region); !s) return Fail(s.error());

  AefiReport r;
  r.dose_id = (*dose)->id;
  r.person_id = (*dose)->person_id;
  r.site_id = (*dose)->site_id;
  r.product = (*dose)->product;
  r.lot = (*dose)->lot;
  r.dose_number = (*dose)->dose_number;
  r.region_code = (*dose)->region_code;
  r.site_region = *site_region;
  r.administered_at = (*dose)->administered_at;
  auto onset = ParseBeijingDateTime(Trim(in.onset));
  if (!onset) {
    return Fail(Error::Invalid("invalid_date", "onset", in.onset,
                               "onset must be a date and time YYYY-MM-DD HH:MM",
                               "发病时间应为“YYYY-MM-DD HH:MM”"));
  }
  // The dose's record keeps the minute it was given; an onset in that minute is fine.
  if (*onset < r.administered_at - 59) {
    return Fail(Error::Invalid(
        "before_dose", "onset", in.onset,
        "the onset is before the dose was given (" + BeijingMinute(r.administered_at) + ")",
        "发病时间早于接种时间（" + BeijingMinute(r.administered_at) + "）"));
  }
  if (*onset > now + 60) {
    return Fail(Error::Invalid("in_future", "onset", in.onset, "the onset cannot be in the future",
                               "发病时间不能晚于当前时间"));
  }
  r.onset_at = *onset;
  if (auto s = CheckSymptoms(in.symptoms); !s) return Fail(s.error());
  r.symptoms = in.symptoms;
  if (Utf8Length(in.description) > 2000) {
    return Fail(Error::Invalid("too_long", "description", in.description, "at most 2000 characters",
                               "描述不超过2000字"));
  }
  r.description = Trim(in.description);
  auto severity = ParseAefiSeverity(in.severity);
  if (!severity) {
    return Fail(Error::Invalid(in.severity.empty() ? "required" : "invalid_value", "severity",
                               in.severity, "severity must be mild, moderate or severe",
                               "严重程度应为mild（轻）、moderate（中）或severe（重）"));
  }
  r.severity = *severity;
  auto outcome = ParseAefiOutcome(in.outcome.empty() ? "unknown" : in.outcome);
  if (!outcome) {
    return Fail(Error::Invalid("invalid_value", "outcome", in.outcome,
                               "outcome must be recovering, recovered, sequelae, died or unknown",
                               "转归应为recovering、recovered、sequelae、died或unknown"));
  }
  r.outcome = *outcome;
  r.serious = in.serious;
  r.serious = IsSerious(r);
  r.reported_at = now;
  r.reported_by = u.id;
  std::optional<Alert> alert;
  if (r.serious) alert = SeriousAlert(r);
  auto ids = repo_.InsertAefi(r, alert);
  if (!ids) return Fail(ids.error());
  r.id = ids->first;
  if (alert) {
    alert->id = ids->second;
    alert->reference = "aefi:" + std::to_string(r.id);
    notifier_.Notify(*alert);
  }
  auto stored = repo_.FindAefi(r.id);  // with the person's name and number, as lists show it
  if (!stored) return Fail(stored.error());
  return stored->value_or(r);
}

Result<AefiReport> AefiService::Get(const User& u, int64_t id) {
  if (auto s = CheckMayRead(u); !s) return Fail(s.error());
  auto r = repo_.FindAefi(id);
  if (!r) return Fail(r.error());
  if (!*r) return Fail(Error::NotFound("aefi", std::to_string(id)));
  if (auto s = CanSee(u, (*r)->region_code, (*r)->site_region); !s) return Fail(s.error());
  return **r;
}

Result<AefiReport> AefiService::Update(const User& u, int64_t id, const AefiUpdate& in,
                                       int64_t now) {
  if (!MayReport(u.role)) {
    return Fail(Error::Forbidden("your role may not change adverse event reports",
                                 "您的角色无权修改异常反应报告"));
  }
  auto r = Get(u, id);
  if (!r) return Fail(r.error());
  if (in.outcome) {
    auto outcome = ParseAefiOutcome(*in.outcome);
    if (!outcome) {
      return Fail(Error::Invalid("invalid_value", "outcome", *in.outcome,
                                 "outcome must be recovering, recovered, sequelae, died or unknown",
                                 "转归应为recovering、recovered、sequelae、died或unknown"));
    }
    r->outcome = *outcome;
  }
  if (in.classification) {
    if (u.role != Role::kCountyAdmin) {
      return Fail(Error::Forbidden("only the county classifies adverse events (expert group)",
                                   "异常反应的分类诊断由县级（专家组）作出"));
    }
    auto c = ParseAefiClass(*in.classification);
    if (!c) {
      return Fail(Error::Invalid("invalid_value", "classification", *in.classification,
                                 "not a classification of the national AEFI scheme",
                                 "不是监测方案规定的分类"));
    }
    if (*c != AefiClass::kPending && Trim(in.note).empty()) {
      return Fail(Error::Invalid("required", "note", "",
                                 "a classification needs the expert group's conclusion",
                                 "分类诊断须填写专家组结论"));
    }
    r->classification = *c;
    r->classified_by = u.id;
    r->classified_at = now;
    r->classification_note = Trim(in.note);
  }
  // A later death makes a case serious; it never becomes less serious.
  bool was_serious = r->serious;
  r->serious = IsSerious(*r);
  std::optional<Alert> alert;
  if (r->serious && !was_serious) {
    alert = SeriousAlert(*r);
    alert->created_at = now;
  }
  auto alert_id = repo_.UpdateAefi(*r, alert);
  if (!alert_id) return Fail(alert_id.error());
  if (alert) {
    alert->id = *alert_id;
    alert->reference = "aefi:" + std::to_string(r->id);
    notifier_.Notify(*alert);
  }
  return *r;
}

Result<std::vector<AefiReport>> AefiService::List(const User& u, AefiFilter f) {
  if (auto s = CheckMayRead(u); !s) return Fail(s.error());
  f.region_prefix = u.region_code;
  f.limit = std::clamp<int64_t>(f.limit, 1, 5000);
  return repo_.AefiUnder(f);
}

Result<std::vector<AefiRate>> AefiService::Rates(const User& u, bool by_lot) {
  if (auto s = CheckMayRead(u); !s) return Fail(s.error());
  std::vector<std::string> products;
  for (const auto& p : catalogue_.products()) products.push_back(p.code);
  return repo_.AefiRates(u.region_code, by_lot, products);
}

}  // namespace fangkong
