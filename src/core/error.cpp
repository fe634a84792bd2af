#include "core/error.h"

#include "core/text.h"

namespace fangkong {

std::string TruncateForDisplay(std::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return std::string(value);
  std::string cut(value.substr(0, Utf8SafePrefixLength(value, max_bytes)));
  cut += "…(" + std::to_string(value.size()) + " bytes)";
  return cut;
}

Error Error::Invalid(std::string code, std::string field, std::string_view value,
                     std::string message, std::string message_zh) {
  return Error{ErrorKind::kInvalid, std::move(code), std::move(field), TruncateForDisplay(value),
               std::move(message), std::move(message_zh)};
}

Error Error::BadRequest(std::string code, std::string message, std::string message_zh) {
  return Error{ErrorKind::kBadRequest, std::move(code), "", "", std::move(message),
               std::move(message_zh)};
}

Error Error::NotFound(std::string what, std::string_view key) {
  return Error{ErrorKind::kNotFound, "not_found", what, TruncateForDisplay(key),
               what + " '" + TruncateForDisplay(key) + "' does not exist",
               "未找到" + what + "：" + TruncateForDisplay(key)};
}

Error Error::Conflict(std::string code, std::string field, std::string_view value,
                      std::string message, std::string message_zh) {
  return Error{ErrorKind::kConflict, std::move(code), std::move(field), TruncateForDisplay(value),
               std::move(message), std::move(message_zh)};
}

Error Error::Unauthenticated(std::string message, std::string message_zh) {
  return Error{ErrorKind::kUnauthenticated, "unauthenticated", "", "", std::move(message),
               std::move(message_zh)};
}

Error Error::TooMany(std::string code, std::string message, std::string message_zh) {
  return Error{ErrorKind::kTooMany, std::move(code), "", "", std::move(message), std::move(message_zh)};
}

Error Error::Forbidden(std::string message, std::string message_zh) {
  return Error{ErrorKind::kForbidden, "forbidden", "", "", std::move(message),
               std::move(message_zh)};
}

Error Error::Internal(std::string message) {
  return Error{ErrorKind::kInternal, "internal", "", "", std::move(message), "系统内部错误"};
}

}  // namespace fangkong
