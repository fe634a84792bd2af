#include "vaccination/stock_service.h"

namespace fangkong {

namespace {

bool IsLotNumber(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

}  // namespace

Result<VaccineLot> StockService::RegisterLot(const User& u, const LotRequest& r) {
  if (u.role != Role::kCountyAdmin) {
    return Fail(
        Error::Forbidden("only county administrators register lots", "仅县级管理员可登记疫苗批号"));
  }
  if (!catalogue_.ProductIndex(r.product)) {
    return Fail(Error::Invalid("invalid_value", "product", r.product,
                               "not a product of the vaccine catalogue", "疫苗目录中没有该产品"));
  }
  if (!IsLotNumber(r.lot_number)) {
    return Fail(Error::Invalid("invalid_value", "lot_number", r.lot_number,
                               "a lot number is 1-40 letters, digits or hyphens",
                               "批号应为1至40位字母、数字或连字符"));
  }
  auto expiry = Date::Parse(r.expiry);
  if (!expiry) {
    return Fail(Error::Invalid("invalid_date", "expiry", r.expiry,
                               "expiry must be a real date YYYY-MM-DD",
                               "有效期应为有效日期（YYYY-MM-DD）"));
  }
  if (r.doses_per_vial < 1 || r.doses_per_vial > 20) {
    return Fail(Error::Invalid("invalid_value", "doses_per_vial", std::to_string(r.doses_per_vial),
                               "doses per vial must be between 1 and 20",
                               "每瓶剂量数应在1至20之间"));
  }
  VaccineLot lot{0, r.product, r.lot_number, *expiry, r.doses_per_vial, false, ""};
  auto id = repo_.InsertLot(lot);
  if (!id) return Fail(id.error());
  lot.id = *id;
  return lot;
}

Result<std::vector<VaccineLot>> StockService::FindLots(const std::string& lot_number) {
  return repo_.LotsByNumber(lot_number);
}

Result<VaccineLot> StockService::Lot(const std::string& product, const std::string& lot_number) {
  auto lots = repo_.LotsByNumber(lot_number);
  if (!lots) return Fail(lots.error());
  for (const auto& l : *lots)
    if (l.product == product) return l;
  return Fail(Error::NotFound("lot", product + " " + lot_number));
}

Result<std::vector<LotTraceRow>> StockService::Trace(const User& u, const std::string& lot_number) {
  if (u.role == Role::kDepartmentOfficer) {
    return Fail(
        Error::Forbidden("your role may not read recall lists", "您的角色无权查看批号追溯名单"));
  }
  auto lots = repo_.LotsByNumber(lot_number);
  if (!lots) return Fail(lots.error());
  if (lots->empty()) return Fail(Error::NotFound("lot", lot_number));
  return repo_.DosesOfLot(lot_number, u.region_code);
}

Result<VaccinationSite> StockService::ManagedSite(const User& u, int64_t site_id) {
  if (!CanManageSites(u.role)) {
    return Fail(
        Error::Forbidden("your role may not manage site stock", "您的角色无权管理接种点库存"));
  }
  return FindSiteInJurisdiction(repo_, u, site_id);
}

Result<StockLine> StockService::Record(const User& u, int64_t site_id, const StockRequest& r,
                                       Date today) {
  auto site = ManagedSite(u, site_id);
  if (!site) return Fail(site.error());
  auto lot = Lot(r.product, r.lot_number);
  if (!lot) return Fail(lot.error());
  bool adjust = r.move == StockMove::kAdjust;
  if (r.move == StockMove::kAdminister || r.move == StockMove::kTransferIn ||
      r.move == StockMove::kTransferOut) {
    return Fail(Error::Invalid("invalid_value", "move", StockMoveCode(r.move),
                               "doses given and transfers have their own operations",
                               "接种出库和调拨请使用对应功能"));
  }
  if (adjust ? r.doses == 0 : r.doses <= 0) {
    return Fail(Error::Invalid(
        "invalid_value", "doses", std::to_string(r.doses),
        adjust ? "an adjustment changes the count (not 0)" : "doses must be positive",
        adjust ? "调整数量不能为0" : "剂量数应为正数"));
  }
  if (r.doses > 1000000 || r.doses < -1000000) {
    return Fail(Error::Invalid("invalid_value", "doses", std::to_string(r.doses),
                               "at most 1,000,000 doses", "剂量数不超过1000000"));
  }
  if (r.move != StockMove::kReceive && r.reason.empty()) {
    return Fail(Error::Invalid("required", "reason", "",
                               "waste, expiry and adjustments need a reason",
                               "报损、过期和调整须填写原因"));
  }
  if (r.move == StockMove::kReceive && lot->expiry < today)
    return Fail(LotExpiredError(lot->lot_number, lot->expiry, today));
  if (r.move == StockMove::kReceive && lot->held)
    return Fail(LotHeldError(lot->lot_number, lot->hold_reason));
  StockLine line;
  line.site_id = site_id;
  line.lot_id = lot->id;
  line.move = r.move;
  line.doses = adjust ? r.doses : StockMoveSign(r.move) * r.doses;
  line.at = NowUnixSeconds();
  line.user_id = u.id;
  line.reference = r.reference;
  line.reason = r.reason;
  if (auto s = repo_.MoveStock({line}); !s) return Fail(s.error());
  return line;
}

Status StockService::Transfer(const User& u, int64_t from_site, int64_t to_site,
                              const std::string& product, const std::string& lot_number, int doses,
                              Date today) {
  auto from = ManagedSite(u, from_site);
  if (!from) return Fail(from.error());
  if (auto to = FindExistingSite(repo_, to_site); !to) return Fail(to.error());
  if (from_site == to_site) {
    return Fail(Error::Invalid("invalid_value", "to_site", std::to_string(to_site),
                               "a transfer goes to another site",
                               "调入接种点不能与调出接种点相同"));
  }
  if (doses <= 0 || doses > 1000000) {
    return Fail(Error::Invalid("invalid_value", "doses", std::to_string(doses),
                               "doses must be between 1 and 1,000,000",
                               "剂量数应在1至1000000之间"));
  }
  auto lot = Lot(product, lot_number);
  if (!lot) return Fail(lot.error());
  if (lot->expiry < today) return Fail(LotExpiredError(lot->lot_number, lot->expiry, today));
  if (lot->held) return Fail(LotHeldError(lot->lot_number, lot->hold_reason));
  auto hold = cold_chain_.ActiveHold(from_site, lot->id);
  if (!hold) return Fail(hold.error());
  if (*hold) return Fail(LotHeldError(lot->lot_number, (*hold)->reason));
  int64_t now = NowUnixSeconds();
  StockLine out{0,      from_site, lot->id, StockMove::kTransferOut,
                -doses, now,       u.id,    "to site " + std::to_string(to_site),
                ""};
  StockLine in{0,     to_site, lot->id, StockMove::kTransferIn,
               doses, now,     u.id,    "from site " + std::to_string(from_site),
               ""};
  return repo_.MoveStock({out, in});
}

// Like slots, a site's stock is visible to any signed-in user (sites serve everyone).
Result<std::vector<SiteStock>> StockService::Stock(const User&, int64_t site_id) {
  if (auto site = FindExistingSite(repo_, site_id); !site) return Fail(site.error());
  auto rows = repo_.StockAt(site_id);
  if (!rows) return Fail(rows.error());
  std::vector<SiteStock> out;
  for (auto& [lot, doses] : *rows) out.push_back({std::move(lot), doses});
  return out;
}

Result<std::vector<StockLine>> StockService::Ledger(const User& u, int64_t site_id,
                                                    int64_t lot_id) {
  auto site = ManagedSite(u, site_id);
  if (!site) return Fail(site.error());
  return repo_.Ledger(site_id, lot_id, 1000);
}

}  // namespace fangkong
