// Expected failures (bad input, not found, conflicts, denied access) travel as
// values: Result<T> holds either a T or an Error. Exceptions are kept for
// programming errors and start-up failures.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace fangkong {

enum class ErrorKind {
  kInvalid,       // the input breaks a rule (HTTP 422)
  kBadRequest,    // the request itself is malformed (HTTP 400)
  kNotFound,      // 404
  kConflict,      // 409
  kUnauthenticated,  // 401
  kForbidden,     // 403
  kTooMany,       // 429: too many attempts; the message says how long to wait
  kInternal,      // 500: storage failure and the like
};

// An Error names the machine-readable code, the field and value at fault and
// says what rule was broken, in English and in Chinese.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // e.g. "invalid_id_number"
  std::string field;       // e.g. "id_number"; empty when not about one field
  std::string value;       // the offending value, truncated for display
  std::string message;     // English
  std::string message_zh;  // Chinese

  static Error Invalid(std::string code, std::string field, std::string_view value,
                       std::string message, std::string message_zh);
  static Error BadRequest(std::string code, std::string message, std::string message_zh);
  static Error NotFound(std::string what, std::string_view key);
  static Error Conflict(std::string code, std::string field, std::string_view value,
                        std::string message, std::string message_zh);
  static Error Unauthenticated(std::string message, std::string message_zh);
  static Error Forbidden(std::string message, std::string message_zh);
  static Error TooMany(std::string code, std::string message, std::string message_zh);
  static Error Internal(std::string message);
};

// Values shown back to users are cut so a 10 MB field cannot flood a report.
std::string TruncateForDisplay(std::string_view value, size_t max_bytes = 120);

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

}  // namespace fangkong
