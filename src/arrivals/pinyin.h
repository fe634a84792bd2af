// The Mandarin reading of each CJK character, without tones, for matching
// names that sound alike: a pushed list typed by someone who heard a name
// has 张伟 as 章伟, 李娜 as 李纳. The readings are Unicode's Unihan database
// (kMandarin, the most customary reading), as Debian's unicode-data package
// ships it; the build takes them from there (src/CMakeLists.txt).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fangkong {

class PinyinTable {
 public:
  // Parses lines "4E00 yī" (code point in hex, a reading with tone marks).
  explicit PinyinTable(std::string_view readings);
  // The table built into the program; built once, thread-safe.
  static const PinyinTable& Default();

  // "zhang" for 张 and 章; the character itself when it has no reading (a
  // letter, a digit, a rare character).
  std::string Syllable(char32_t c) const;
  // One syllable per character of a UTF-8 name: 张伟 -> {"zhang", "wei"}.
  std::vector<std::string> Syllables(std::string_view name) const;
  // The syllables joined: what two names that sound alike share.
  std::string Key(std::string_view name) const;
  size_t size() const { return readings_.size(); }

 private:
  std::unordered_map<char32_t, std::string> readings_;
};

// "zhāng" -> "zhang", "lǜ" -> "lv": tone marks off, ü as v (as typed).
std::string WithoutTones(std::string_view syllable);
// The code points of a UTF-8 text (invalid bytes are skipped).
std::vector<char32_t> CodePoints(std::string_view utf8);

}  // namespace fangkong
