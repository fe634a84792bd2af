// Alerts: events the county must see at once (a serious adverse event
// today; later outbreak signals). Each alert is stored for the in-app list
// and handed to every notifier (SMS gateways plug in here).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "access/user.h"
#include "core/error.h"

namespace fangkong {

struct Alert {
  int64_t id = 0;
  std::string kind;         // e.g. "aefi_serious"
  std::string region_code;  // where it happened: users over this place see it
  std::string title, body;  // Chinese, for the list and a text message
  std::string reference;    // what it is about, e.g. "aefi:12"
  int64_t created_at = 0;
  int64_t acknowledged_by = 0;  // user; 0 while unacknowledged
  int64_t acknowledged_at = 0;
};

class AlertRepository {
 public:
  virtual ~AlertRepository() = default;
  virtual Result<std::vector<Alert>> AlertsUnder(const std::string& region_prefix,
                                                 bool unacknowledged_only, int64_t limit) = 0;
  virtual Result<std::optional<Alert>> FindAlert(int64_t id) = 0;
  // A Conflict "already_acknowledged" when someone did it first.
  virtual Status AcknowledgeAlert(int64_t id, int64_t user_id, int64_t at) = 0;
};

// Told about each alert after it is stored. Implementations must not throw
// and must return quickly (queue slow work); a failure is theirs to log.
class AlertNotifier {
 public:
  virtual ~AlertNotifier() = default;
  virtual void Notify(const Alert& a) = 0;
};

// Writes each alert to the server log (the default notifier).
class LogNotifier final : public AlertNotifier {
 public:
  void Notify(const Alert& a) override;
};

// Sends a short text for each alert through a gateway, to fixed numbers (the
// county's duty phones). The gateway is the seam for a real SMS provider.
class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  virtual Status Send(const std::string& phone, const std::string& text) = 0;
};

class SmsNotifier final : public AlertNotifier {
 public:
  SmsNotifier(std::shared_ptr<SmsGateway> gateway, std::vector<std::string> phones)
      : gateway_(std::move(gateway)), phones_(std::move(phones)) {}
  void Notify(const Alert& a) override;
  // The message: "【防控】" + title + body, cut to 70 characters (one SMS).
  static std::string Text(const Alert& a);

 private:
  std::shared_ptr<SmsGateway> gateway_;
  std::vector<std::string> phones_;
};

// Tells each of several notifiers in turn.
class FanOutNotifier final : public AlertNotifier {
 public:
  explicit FanOutNotifier(std::vector<std::shared_ptr<AlertNotifier>> to) : to_(std::move(to)) {}
  void Notify(const Alert& a) override {
    for (auto& n : to_) n->Notify(a);
  }

 private:
  std::vector<std::shared_ptr<AlertNotifier>> to_;
};

// Alerts about places in the user's jurisdiction, newest first (at most 500).
Result<std::vector<Alert>> AlertsFor(AlertRepository& repo, const User& u,
                                     bool unacknowledged_only);
// Marks an alert seen by the user; it must lie in their jurisdiction.
Result<Alert> AcknowledgeAlert(AlertRepository& repo, const User& u, int64_t id, int64_t now);

// Keeps what it is told (for tests and for a status page).
class RecordingNotifier final : public AlertNotifier {
 public:
  void Notify(const Alert& a) override {
    std::lock_guard lock(mu_);
    seen_.push_back(a);
  }
  std::vector<Alert> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Alert> seen_;
};

// The Conflict "already_acknowledged".
Error AlertAcknowledgedError(int64_t id);

}  // namespace fangkong
