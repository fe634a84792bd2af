// JSON mapping between API bodies and domain types (Boost.JSON).
#pragma once

#include <boost/json.hpp>

#include "access/user.h"
#include "api/http.h"
#include "registry/export_job.h"
#include "registry/import.h"
#include "registry/person.h"
#include "registry/service.h"

namespace fangkong::api {

namespace json = boost::json;

Response JsonResponse(int status, const json::value& v);
Response ErrorResponse(const Error& e);

// Parses a JSON object body; errors name the problem (malformed, not an object).
Result<json::object> ParseObject(const std::string& body);
// Reads an optional string field; numbers are accepted as their text; other
// types are an error naming the field.
Result<std::optional<std::string>> StringField(const json::object& o, std::string_view name);
// Reads the named string fields that are present into their targets (absent
// ones leave the target as it is); stops at the first field of a wrong type.
Status ReadStrings(const json::object& o,
                   std::initializer_list<std::pair<std::string_view, std::string*>> fields);
// An optional number (whole or not); other types are an error naming the field.
Result<std::optional<double>> NumberField(const json::object& o, std::string_view name);
// A required whole number within ±1,000,000, or an error naming it.
Result<int> IntMember(const json::object& o, const char* field);
// A required array of whole numbers (ids), at most `max_items` long.
Result<std::vector<int64_t>> IdArrayMember(const json::object& o, const char* field, size_t max_items);
Result<PersonInput> PersonInputFromJson(const json::object& o);

json::object PersonToJson(const Person& p, bool full);
json::object UserToJson(const User& u);
json::object ErrorToJson(const Error& e);
json::object RegionCountsToJson(const RegionNodeCounts& n);
json::object OrganisationToJson(const Organisation& o);
json::object ImportJobToJson(const ImportJob& job, size_t max_errors);
json::object ExportJobToJson(const ExportJob& job);
json::object AuditToJson(const AuditEntry& a);
// A day as YYYY-MM-DD, or null when there is none.
json::value DayOrNull(const std::optional<Date>& d);

}  // namespace fangkong::api
