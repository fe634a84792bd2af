// The transfer repository, written once for both engines (store/db.h).
#include "registry/transfer.h"
#include "store/storage.h"
#include "store/transfer_sql.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

Transfer ReadTransfer(const Row& r) {
  Transfer t;
  t.id = r.Int(0);
  t.person_id = r.Int(1);
  t.from_region = r.Text(2);
  t.to_region = r.Text(3);
  t.state = ParseTransferState(r.Text(4)).value_or(TransferState::kRequested);
  t.reason = r.Text(5);
  t.requested_by = r.Int(6);
  t.requested_at = r.Int(7);
  t.decided_by = r.Int(8);
  t.decided_at = r.Int(9);
  t.decision_note = r.Text(10);
  t.person_name = r.Text(11);
  t.requested_by_name = r.Text(12);
  return t;
}

class TransferStore final : public TransferRepository {
 public:
  explicit TransferStore(db::Database& db) : db_(db) {}

  Result<int64_t> InsertTransfer(const Transfer& t) override {
    return db::Insert(db_, sql::kInsertTransfer, t.person_id, t.from_region, t.to_region,
                      TransferStateCode(t.state), t.reason, t.requested_by, t.requested_at, t.decided_by,
                      t.decided_at, t.decision_note);
  }

  Result<std::optional<Transfer>> FindTransferForUpdate(int64_t id) override {
    return db::Write(db_, [&](Connection& c) { return db::One(c, sql::kFindTransferForUpdate, ReadTransfer, id); });
  }

  Result<std::vector<Transfer>> Transfers(const TransferFilter& f) override {
    std::string state = f.state ? TransferStateCode(*f.state) : "";
    if (f.person_id) return db::All(db_, sql::kTransfersOfPerson, ReadTransfer, f.person_id, f.limit);
    bool leaving = !f.leaving.empty() || f.entering.empty();
    const std::string& prefix = leaving ? f.leaving : f.entering;
    return db::All(db_, leaving ? sql::kTransfersLeaving : sql::kTransfersEntering, ReadTransfer, state, prefix,
                   prefix + ":", f.limit);
  }

  Result<bool> CloseTransfer(const Transfer& t) override {
    auto changed = db::Exec(db_, sql::kCloseTransfer, t.id, TransferStateCode(t.state), t.decided_by,
                            t.decided_at, t.decision_note);
    if (!changed) return Fail(changed.error());
    return *changed > 0;
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<TransferRepository> NewTransferStore(db::Database& db) { return std::make_unique<TransferStore>(db); }

}  // namespace fangkong
