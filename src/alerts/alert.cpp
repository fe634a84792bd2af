#include "alerts/alert.h"

#include <spdlog/spdlog.h>

namespace fangkong {

void LogNotifier::Notify(const Alert& a) {
  spdlog::warn("alert {} [{}] {}: {} ({})", a.id, a.kind, a.title, a.body, a.region_code);
}

std::string SmsNotifier::Text(const Alert& a) {
  constexpr size_t kMaxChars = 70;  // one SMS of Chinese text
  std::string full = "【防控】" + a.title + "：" + a.body;
  size_t chars = 0;
  for (size_t i = 0; i < full.size(); ++i) {
    if ((static_cast<unsigned char>(full[i]) & 0xC0) == 0x80) continue;  // inside a character
    if (++chars > kMaxChars) return full.substr(0, i);
  }
  return full;
}

void SmsNotifier::Notify(const Alert& a) {
  std::string text = Text(a);
  for (const auto& phone : phones_) {
    if (auto s = gateway_->Send(phone, text); !s) {
      spdlog::error("alert {}: SMS to {} failed: {}", a.id, phone, s.error().message);
    }
  }
}

Result<std::vector<Alert>> AlertsFor(AlertRepository& repo, const User& u,
                                     bool unacknowledged_only) {
  if (u.role == Role::kDepartmentOfficer) {
    return Fail(Error::Forbidden("your role does not receive alerts", "您的角色不接收预警"));
  }
  return repo.AlertsUnder(u.region_code, unacknowledged_only, 500);
}

Result<Alert> AcknowledgeAlert(AlertRepository& repo, const User& u, int64_t id, int64_t now) {
  auto a = repo.FindAlert(id);
  if (!a) return Fail(a.error());
  if (!*a) return Fail(Error::NotFound("alert", std::to_string(id)));
  if (auto s = CheckJurisdiction(u, (*a)->region_code); !s) return Fail(s.error());
  if (u.role == Role::kLeader || u.role == Role::kDepartmentOfficer) {
    return Fail(Error::Forbidden("your role may not acknowledge alerts", "您的角色无权确认预警"));
  }
  if (auto s = repo.AcknowledgeAlert(id, u.id, now); !s) return Fail(s.error());
  (*a)->acknowledged_by = u.id;
  (*a)->acknowledged_at = now;
  return **a;
}

Error AlertAcknowledgedError(int64_t id) {
  return Error::Conflict("already_acknowledged", "id", std::to_string(id), "this alert was already acknowledged",
                         "该预警已有人确认");
}

}  // namespace fangkong
