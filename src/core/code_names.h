// A small table of an enum's values and the codes the API and the database
// write them as, with the two lookups every such enum needs.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace fangkong {

template <typename E>
struct CodeName {
  E value;
  const char* code;
};

// The code of `v`, or "" when the table lacks it.
template <typename E, size_t N>
const char* CodeOf(const CodeName<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.code;
  return "";
}

// The value written as `code`, or nothing.
template <typename E, size_t N>
std::optional<E> ValueOf(const CodeName<E> (&table)[N], std::string_view code) {
  for (const auto& n : table)
    if (code == n.code) return n.value;
  return std::nullopt;
}

}  // namespace fangkong
