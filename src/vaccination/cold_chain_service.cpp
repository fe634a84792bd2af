#include "vaccination/cold_chain_service.h"

#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "vaccination/visits.h"

namespace fangkong {

namespace {

constexpr int64_t kDay = 86400;

std::string Celsius(int tenths) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", tenths / 10.0);
  return buf;
}

bool IsFridgeCode(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

Result<int> TenthsOf(const char* field, double celsius) {
  if (!std::isfinite(celsius) || celsius < -40 || celsius > 30) {
    return Fail(Error::Invalid("invalid_value", field, std::to_string(celsius),
                               "a fridge limit must be between -40 and 30 °C",
                               "冷链设备温度限值应在-40至30 °C之间"));
  }
  return static_cast<int>(std::lround(celsius * 10));
}

}  // namespace

std::string DescribeExcursion(const ExcursionRecord& e, const FridgeLimits& l,
                              const std::string& fridge_code) {
  std::string range = Celsius(l.min_tenths) + "–" + Celsius(l.max_tenths) + " °C";
  std::string when = BeijingMinute(e.from) + " – " + BeijingMinute(e.to);
  if (e.kind == ExcursionKind::kGap) {
    return "冷链设备" + fridge_code + "在" + when + "期间无温度记录 / fridge " + fridge_code +
           " logged nothing from " + when;
  }
  return "冷链设备" + fridge_code + "在" + when + "期间温度超出" + range + "（极值" +
         Celsius(e.extreme_tenths) + " °C） / fridge " + fridge_code + " outside " + range +
         " from " + when + " (extreme " + Celsius(e.extreme_tenths) + " °C)";
}

Result<VaccinationSite> ColdChainService::ManagedSite(const User& u, int64_t site_id) {
  if (!CanManageSites(u.role)) {
    return Fail(Error::Forbidden("your role may not manage cold-chain equipment",
                                 "您的角色无权管理冷链设备"));
  }
  return FindSiteInJurisdiction(vaccination_, u, site_id);
}

Result<Fridge> ColdChainService::ManagedFridge(const User& u, int64_t fridge_id) {
  auto f = repo_.FindFridge(fridge_id);
  if (!f) return Fail(f.error());
  if (!*f) return Fail(Error::NotFound("fridge", std::to_string(fridge_id)));
  if (auto site = ManagedSite(u, (*f)->site_id); !site) return Fail(site.error());
  return **f;
}

Result<Fridge> ColdChainService::AddFridge(const User& u, int64_t site_id, const FridgeRequest& r) {
  if (auto site = ManagedSite(u, site_id); !site) return Fail(site.error());
  if (!IsFridgeCode(r.code)) {
    return Fail(Error::Invalid("invalid_value", "code", r.code,
                               "an equipment code is 1-40 letters, digits, - or _",
                               "设备编号应为1至40位字母、数字、-或_"));
  }
  if (Utf8Length(r.name) > 60) {
    return Fail(Error::Invalid("too_long", "name", r.name, "a fridge name is at most 60 characters",
                               "设备名称不超过60个字"));
  }
  auto min = TenthsOf("min_celsius", r.min_celsius);
  if (!min) return Fail(min.error());
  auto max = TenthsOf("max_celsius", r.max_celsius);
  if (!max) return Fail(max.error());
  if (*min >= *max) {
    return Fail(Error::Invalid("invalid_value", "max_celsius", Celsius(*max),
                               "the upper limit must be above the lower limit",
                               "温度上限应高于下限"));
  }
  if (r.interval_minutes < 1 || r.interval_minutes > 240) {
    return Fail(
        Error::Invalid("invalid_value", "interval_minutes", std::to_string(r.interval_minutes),
                       "the logging interval is 1 to 240 minutes", "记录间隔应为1至240分钟"));
  }
  if (r.tolerance_minutes < r.interval_minutes || r.tolerance_minutes > 1440) {
    return Fail(Error::Invalid("invalid_value", "tolerance_minutes",
                               std::to_string(r.tolerance_minutes),
                               "the tolerance is from one logging interval to 1440 minutes",
                               "允许超温时长应不短于记录间隔且不超过1440分钟"));
  }
  Fridge f{0, site_id, r.code, r.name,
           FridgeLimits{*min, *max, r.tolerance_minutes, r.interval_minutes}};
  auto id = repo_.InsertFridge(f);
  if (!id) return Fail(id.error());
  f.id = *id;
  return f;
}

Result<std::vector<Fridge>> ColdChainService::Fridges(const User& u, int64_t site_id) {
  if (auto site = ManagedSite(u, site_id); !site) return Fail(site.error());
  return repo_.FridgesOf(site_id);
}

Status ColdChainService::AssignLots(const User& u, int64_t fridge_id,
                                    const std::vector<int64_t>& lot_ids) {
  auto f = ManagedFridge(u, fridge_id);
  if (!f) return Fail(f.error());
  if (lot_ids.size() > 500) {
    return Fail(Error::Invalid("too_many", "lot_ids", std::to_string(lot_ids.size()),
                               "at most 500 lots per fridge", "每台设备最多500个批号"));
  }
  for (int64_t lot : lot_ids) {
    auto balance = vaccination_.Balance(f->site_id, lot);
    if (!balance) return Fail(balance.error());
    if (*balance <= 0) {
      return Fail(Error::Invalid("not_in_stock", "lot_ids", std::to_string(lot),
                                 "this lot is not in stock at the fridge's site",
                                 "该批号在本接种点无库存"));
    }
  }
  return repo_.SetFridgeLots(fridge_id, lot_ids);
}

Result<ReadingsUpload> ColdChainService::UploadReadings(const User& u, int64_t fridge_id,
                                                        const std::string& file, int64_t now) {
  auto f = ManagedFridge(u, fridge_id);
  if (!f) return Fail(f.error());
  std::string text(StripBom(file));
  if (!IsValidUtf8(text)) {
    auto converted = Gb18030ToUtf8(text);
    if (!converted) {
      return Fail(Error::Invalid("invalid_encoding", "file", "",
                                 "the file is neither UTF-8 nor GB18030",
                                 "文件编码既不是UTF-8也不是GB18030"));
    }
    text = std::move(*converted);
  }
  ReadingsUpload out;
  out.fridge_id = fridge_id;
  auto parsed = ParseLoggerCsv(text, out.rejected);
  if (!parsed) return Fail(parsed.error());
  if (parsed->empty()) {
    return Fail(Error::Invalid("no_readings", "file", "",
                               "the file has no readable temperature row",
                               "文件中没有可读取的温度记录"));
  }
  ColdChainReport own = AnalyseReadings(*parsed, f->limits);
  out.rows = static_cast<int64_t>(parsed->size());
  out.duplicates = own.duplicates;
  out.was_unsorted = own.was_unsorted;
  auto stored = repo_.InsertReadings(fridge_id, own.readings);
  if (!stored) return Fail(stored.error());
  out.stored = *stored;
  out.already_stored = static_cast<int64_t>(own.readings.size()) - *stored;

  // Analyse what is stored around the file's period, so an excursion or a
  // silence that spans two uploads is seen whole.
  auto around = repo_.Readings(fridge_id, own.readings.front().at - kDay,
                               own.readings.back().at + kDay, true);
  if (!around) return Fail(around.error());
  ColdChainReport all = AnalyseReadings(std::move(*around), f->limits);
  std::vector<ExcursionRecord> found;
  for (const auto& x : all.excursions) {
    found.push_back(
        {0, fridge_id, ExcursionKind::kTemperature, x.from, x.to, x.extreme_tenths, x.holds});
  }
  for (const auto& [from, to] : all.gaps)
    found.push_back({0, fridge_id, ExcursionKind::kGap, from, to, 0, true});
  for (auto& e : found) {
    auto holds = repo_.RecordExcursion(e, DescribeExcursion(e, f->limits, f->code), now);
    if (!holds) return Fail(holds.error());
    for (auto& h : *holds) out.holds.push_back(std::move(h));
    out.excursions.push_back(e);
  }
  return out;
}

Result<std::vector<TemperatureReading>> ColdChainService::Readings(const User& u, int64_t fridge_id,
                                                                   int64_t from, int64_t to) {
  if (auto f = ManagedFridge(u, fridge_id); !f) return Fail(f.error());
  if (to < from || to - from > 93 * kDay) {
    return Fail(Error::Invalid("invalid_value", "to", std::to_string(to),
                               "a reading window is at most 93 days", "查询时段不超过93天"));
  }
  return repo_.Readings(fridge_id, from, to, false);
}

Result<std::vector<ExcursionRecord>> ColdChainService::Excursions(const User& u,
                                                                  int64_t fridge_id) {
  if (auto f = ManagedFridge(u, fridge_id); !f) return Fail(f.error());
  return repo_.Excursions(fridge_id, 200);
}

Result<std::vector<ColdChainHold>> ColdChainService::Holds(const User& u, bool active_only) {
  if (!CanManageSites(u.role) && u.role != Role::kLeader) {
    return Fail(Error::Forbidden("your role may not read cold-chain holds",
                                 "您的角色无权查看冷链暂停使用记录"));
  }
  return repo_.HoldsUnder(u.region_code, active_only);
}

Result<ColdChainHold> ColdChainService::Release(const User& u, int64_t hold_id, HoldOutcome outcome,
                                                const std::string& reason, int64_t now) {
  if (u.role != Role::kCountyAdmin) {
    return Fail(Error::Forbidden("only county administrators assess and release holds",
                                 "仅县级管理员可评估并解除暂停使用"));
  }
  auto hold = repo_.FindHold(hold_id);
  if (!hold) return Fail(hold.error());
  if (!*hold) return Fail(Error::NotFound("hold", std::to_string(hold_id)));
  if (auto s = CheckJurisdiction(u, (*hold)->region_code); !s) return Fail(s.error());
  if (Trim(reason).empty()) {
    return Fail(Error::Invalid("required", "reason", "",
                               "say why the doses are usable or discarded",
                               "请填写评估结论（可继续使用或报废的依据）"));
  }
  ColdChainHold h = **hold;
  if (!h.active()) {
    return Fail(HoldReleasedError(hold_id));
  }
  h.released_at = now;
  h.released_by = u.id;
  h.outcome = HoldOutcomeCode(outcome);
  h.release_reason = Trim(reason);
  std::optional<StockLine> write_off;
  if (outcome == HoldOutcome::kDiscard) {
    auto balance = vaccination_.Balance(h.site_id, h.lot_id);
    if (!balance) return Fail(balance.error());
    if (*balance > 0) {
      write_off = StockLine{0,
                            h.site_id,
                            h.lot_id,
                            StockMove::kWaste,
                            -*balance,
                            now,
                            u.id,
                            "cold-chain hold " + std::to_string(h.id),
                            h.release_reason};
    }
  }
  if (auto s = repo_.ReleaseHold(h, write_off); !s) return Fail(s.error());
  return h;
}

Error HoldReleasedError(int64_t hold_id) {
  return Error::Conflict("not_held", "id", std::to_string(hold_id),
                         "this hold was already released", "该暂停使用记录已解除");
}

const char* ExcursionKindCode(ExcursionKind k) {
  return k == ExcursionKind::kGap ? "gap" : "temperature";
}

const char* HoldOutcomeCode(HoldOutcome o) {
  return o == HoldOutcome::kDiscard ? "discard" : "usable";
}

std::optional<HoldOutcome> ParseHoldOutcome(std::string_view s) {
  if (s == "usable") return HoldOutcome::kUsable;
  if (s == "discard") return HoldOutcome::kDiscard;
  return std::nullopt;
}

Error DuplicateFridgeCode(const std::string& code) {
  return Error::Conflict("duplicate_fridge", "code", code, "this site already has a fridge with this code",
                         "本接种点已有该编号的冷链设备");
}

}  // namespace fangkong
