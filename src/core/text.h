// Text helpers for the encodings Chinese users actually send us.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fangkong {

bool IsValidUtf8(std::string_view s);
// Byte length of the longest prefix of `s` not longer than max_bytes that does
// not split a UTF-8 sequence.
size_t Utf8SafePrefixLength(std::string_view s, size_t max_bytes);
// Number of code points (for length rules on names).
size_t Utf8Length(std::string_view s);
// Bytes of the first character of `s` (1 for a byte that starts no valid
// character, 0 for "").
size_t Utf8FirstCharLength(std::string_view s);
// GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt if not decodable.
std::optional<std::string> Gb18030ToUtf8(std::string_view s);
// UTF-8 to GB18030 (for CSV exports meant for Excel); nullopt on failure.
std::optional<std::string> Utf8ToGb18030(std::string_view s);
// Strips a leading UTF-8 byte-order mark.
std::string_view StripBom(std::string_view s);
// Full-width ASCII variants (ＡＢ１２, as Chinese IMEs type them) to ASCII, and trims spaces
// including the ideographic space U+3000.
std::string NormalizeAsciiWidth(std::string_view s);
std::string Trim(std::string_view s);
// The non-empty pieces of `s` between `separator`s ("a,,b," -> {"a", "b"}).
std::vector<std::string> SplitNonEmpty(std::string_view s, char separator);

}  // namespace fangkong
