// The storage contact tracing needs (store/tracing_store.cpp implements it
// on both engines). Thread-safe; every method returns an Error of kind
// kInternal when the database fails.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "tracing/tracing.h"

namespace fangkong {

class TracingRepository {
 public:
  virtual ~TracingRepository() = default;
  virtual Result<int64_t> InsertCase(const Case& c) = 0;  // 409 duplicate_case_code
  virtual Result<std::optional<Case>> FindCase(int64_t id) = 0;
  virtual Result<std::vector<Case>> CasesIn(const std::string& region_prefix) = 0;
  // The cases of any of these people.
  virtual Result<std::vector<Case>> CasesOfPeople(const std::vector<int64_t>& person_ids) = 0;
  virtual Result<int64_t> InsertEvent(const CaseEvent& e) = 0;
  virtual Result<std::vector<CaseEvent>> EventsOf(int64_t case_id) = 0;

  // Writes the edges (ids set in place); 409 duplicate_contact when the
  // tracing has an edge between the same two people already.
  virtual Status InsertContacts(std::vector<ContactEdge>& edges) = 0;
  virtual Result<std::vector<ContactEdge>> ContactsOfCase(int64_t case_id) = 0;
  // Every edge, of any tracing, with one of these people at either end.
  virtual Result<std::vector<ContactEdge>> EdgesTouching(const std::vector<int64_t>& people) = 0;
  virtual Result<std::optional<ContactEdge>> FindContact(int64_t id) = 0;
  virtual Status ConfirmContact(int64_t id, int64_t by) = 0;

  // The people of these ids, as stored (unmasked): id, name, identity
  // number, phone, place.
  virtual Result<std::vector<TracedPerson>> People(const std::vector<int64_t>& ids) = 0;

  virtual Result<std::vector<DeadlineRule>> DeadlineRules() = 0;
  virtual Result<std::vector<Milestone>> MilestonesOf(int64_t case_id) = 0;
  // The first record of a milestone stands; a later one changes nothing.
  virtual Status RecordMilestone(int64_t case_id, const Milestone& m) = 0;
  // For each person, when they were first placed under a measure of the
  // central-quarantine kind (assigned_at), if ever.
  virtual Result<std::map<int64_t, int64_t>> CentralQuarantineTimes(
      const std::vector<int64_t>& people) = 0;
};

}  // namespace fangkong
