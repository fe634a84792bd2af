#include "registry/transfer_service.h"

#include <algorithm>

#include "core/id_number.h"
#include "core/text.h"

namespace fangkong {

namespace {

Error MovedMeanwhile() {
  return Error::Conflict("person_moved", "from_region", "", "the person's place changed since the request",
                         "该人员的登记地已变更，请重新申请");
}

Transfer Asked(int64_t person_id, const std::string& from, const std::string& to, const std::string& reason,
               int64_t user_id, int64_t now) {
  Transfer t;
  t.person_id = person_id;
  t.from_region = from;
  t.to_region = to;
  t.reason = reason;
  t.requested_by = user_id;
  t.requested_at = now;
  return t;
}

TransferFilter OfPerson(int64_t person_id) {
  TransferFilter f;
  f.person_id = person_id;
  f.limit = 500;
  return f;
}

}  // namespace

Status TransferService::Move(int64_t person_id, const std::string& from, const std::string& to) {
  auto person = persons_.FindById(person_id);
  if (!person) return Fail(person.error());
  if (!*person) return Fail(Error::NotFound("person", std::to_string(person_id)));
  if ((*person)->region_code != from) return Fail(MovedMeanwhile());
  Person moved = **person;
  moved.region_code = to;
  return persons_.Update(moved);  // moves the population counts in the same unit
}

Result<Transfer> TransferService::Request(const User& u, int64_t person_id, const std::string& to_region,
                                          const std::string& reason, int64_t now) {
  std::string why = Trim(reason);
  if (why.empty() || why.size() > 600) {
    return Fail(Error::Invalid("invalid_value", "reason", why, "a reason of 1 to 200 characters is required",
                               "请填写迁移原因（不超过200字）"));
  }
  if (!regions_.IsResidentialPlace(to_region)) {
    return Fail(Error::Invalid("invalid_value", "to_region", to_region, "not a village, community or grid",
                               "迁入地应为村（社区）或网格"));
  }
  auto person = persons_.FindById(person_id);
  if (!person) return Fail(person.error());
  if (!*person) return Fail(Error::NotFound("person", std::to_string(person_id)));
  auto plan = PlanTransfer(u, (*person)->region_code, to_region);
  if (!plan) return Fail(plan.error());
  Transfer t = Asked(person_id, (*person)->region_code, to_region, why, u.id, now);
  t.person_name = (*person)->name;
  t.requested_by_name = u.display_name;
  return AtomicallyReturning<Transfer>(unit_, [&]() -> Result<Transfer> {
    auto waiting = transfers_.Transfers(OfPerson(person_id));
    if (!waiting) return Fail(waiting.error());
    for (const auto& w : *waiting)
      if (w.state == TransferState::kRequested)
        return Fail(Error::Conflict("transfer_waiting", "person_id", std::to_string(person_id),
                                    "a transfer of this person is already waiting", "该人员已有待处理的迁移申请"));
    if (*plan == TransferAction::kMoveDirectly) {
      t.state = TransferState::kDone;
      t.decided_by = u.id;
      t.decided_at = now;
      if (auto s = Move(person_id, t.from_region, t.to_region); !s) return Fail(s.error());
    }
    auto id = transfers_.InsertTransfer(t);
    if (!id) return Fail(id.error());
    t.id = *id;
    return t;
  });
}

Result<Transfer> TransferService::Decide(const User& u, int64_t id, TransferState to, const std::string& note,
                                         int64_t now) {
  return AtomicallyReturning<Transfer>(unit_, [&]() -> Result<Transfer> {
    auto found = transfers_.FindTransferForUpdate(id);
    if (!found) return Fail(found.error());
    if (!*found) return Fail(Error::NotFound("transfer", std::to_string(id)));
    Transfer t = **found;
    auto allowed = to == TransferState::kCancelled ? CheckCanCancel(u, t) : CheckCanDecide(u, t);
    if (!allowed) return Fail(allowed.error());
    if (to == TransferState::kDone)
      if (auto s = Move(t.person_id, t.from_region, t.to_region); !s) return Fail(s.error());
    t.state = to;
    t.decided_by = u.id;
    t.decided_at = now;
    t.decision_note = note;
    auto closed = transfers_.CloseTransfer(t);
    if (!closed) return Fail(closed.error());
    if (!*closed)
      return Fail(Error::Conflict("transfer_closed", "id", std::to_string(id), "the transfer was decided meanwhile",
                                  "该迁移申请已被处理"));
    return t;
  });
}

Result<Transfer> TransferService::Accept(const User& u, int64_t id, int64_t now) {
  return Decide(u, id, TransferState::kDone, "", now);
}

Result<Transfer> TransferService::Refuse(const User& u, int64_t id, const std::string& note, int64_t now) {
  std::string why = Trim(note);
  if (why.empty()) {
    return Fail(Error::Invalid("required", "note", "", "say why the transfer is refused", "请填写不同意迁出的原因"));
  }
  return Decide(u, id, TransferState::kRefused, why, now);
}

Result<Transfer> TransferService::Cancel(const User& u, int64_t id, int64_t now) {
  return Decide(u, id, TransferState::kCancelled, "", now);
}

Result<PersonToReceive> TransferService::FindToReceive(const User& u, const std::string& id_number) {
  if (auto s = CheckMayMovePeople(u); !s) return Fail(s.error());
  auto found = persons_.FindByDocument(Trim(id_number));
  if (!found) return Fail(found.error());
  if (!*found) return Fail(Error::NotFound("person", MaskDocumentNumber(id_number)));
  const Person& p = **found;
  return PersonToReceive{p.id, MaskName(p.name), p.region_code, static_cast<bool>(CheckJurisdiction(u, p.region_code))};
}

Result<std::vector<Transfer>> TransferService::List(const User& u, TransferDirection d,
                                                    std::optional<TransferState> state, int64_t limit) {
  TransferFilter f;
  f.state = state;
  f.limit = std::clamp<int64_t>(limit, 1, 500);
  (d == TransferDirection::kEntering ? f.entering : f.leaving) = u.region_code;
  return transfers_.Transfers(f);
}

Result<std::vector<Transfer>> TransferService::History(const User& u, int64_t person_id) {
  auto person = persons_.FindById(person_id);
  if (!person) return Fail(person.error());
  if (!*person) return Fail(Error::NotFound("person", std::to_string(person_id)));
  if (auto s = CheckJurisdiction(u, (*person)->region_code); !s) return Fail(s.error());
  return transfers_.Transfers(OfPerson(person_id));
}

Result<Person> TransferService::UpdateKeepingHistory(RegistryService& registry, const User& u, int64_t id,
                                                     const PersonInput& in, int64_t now) {
  return AtomicallyReturning<Person>(unit_, [&]() -> Result<Person> {
    auto before = registry.GetPerson(u, id);
    if (!before) return Fail(before.error());
    auto after = registry.UpdatePerson(u, id, in);
    if (!after || after->region_code == before->region_code) return after;
    Transfer t = Asked(id, before->region_code, after->region_code, "登记信息修改", u.id, now);
    t.state = TransferState::kDone;
    t.decided_by = u.id;
    t.decided_at = now;
    if (auto inserted = transfers_.InsertTransfer(t); !inserted) return Fail(inserted.error());
    return after;
  });
}

}  // namespace fangkong
