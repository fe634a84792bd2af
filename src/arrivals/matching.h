// Record linkage of a pushed arrival (排查名单) to the registry when its
// identity number does not find the person: by name and phone, tolerating the
// usual errors of a list typed from a call — a name written with characters
// that sound the same (章伟 for 张伟), a phone with two digits swapped, one
// missing, one wrong. A score says how sure the link is; only a certain one
// is taken without a person looking at the candidates. Everything is pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arrivals/pinyin.h"

namespace fangkong {

// The edits between two digit strings (optimal string alignment distance:
// a swap of neighbours counts one, as do an insertion, a deletion and a
// change). Non-digits are ignored, so "138-1234-5678" equals "13812345678".
// Phones longer than 24 digits are compared on their first 24.
int PhoneDistance(std::string_view a, std::string_view b);
// Whether two phones (digits only) are at most `edits` apart.
bool PhoneWithin(std::string_view a, std::string_view b, int edits);

// How two names compare.
enum class NameAgreement {
  kSame,         // the same characters
  kSoundsSame,   // other characters, the same syllables (同音字)
  kOneSyllable,  // one syllable differs, same length
  kDifferent,
};
NameAgreement CompareNames(std::string_view a, std::string_view b, const PinyinTable& pinyin);

// What a pushed row and a registered person have in common.
struct LinkEvidence {
  NameAgreement name = NameAgreement::kDifferent;
  int phone_distance = 99;         // 99: a phone missing on either side
  bool birth_date_agrees = false;  // the birth date in a (possibly bad) identity number
};

// The score of a link, 0 to 1, from weights of the evidence (docs/arrivals.md).
double LinkScore(const LinkEvidence& e);
// A score at or above this, with no other candidate within kCertainMargin,
// links without a person; at or above kCandidateScore a person chooses.
inline constexpr double kCertainScore = 0.85;
inline constexpr double kCertainMargin = 0.2;
inline constexpr double kCandidateScore = 0.45;

struct LinkCandidate {
  int64_t person_id = 0;
  std::string name;
  std::string phone;
  std::string birth_date;  // YYYYMMDD
};

struct PushedPerson {
  std::string id_number;  // as pushed: may be wrong or missing
  std::string name;
  std::string phone;
};

struct ScoredCandidate {
  LinkCandidate candidate;
  LinkEvidence evidence;
  double score = 0;
};

enum class LinkDecision { kCertain, kUncertain, kNone };
struct Linkage {
  LinkDecision decision = LinkDecision::kNone;
  std::vector<ScoredCandidate> candidates;  // best first, those worth showing
};

// Scores every candidate (found by the caller: same phone key, same name key)
// and decides.
Linkage Link(const PushedPerson& row, const std::vector<LinkCandidate>& candidates,
             const PinyinTable& pinyin);

}  // namespace fangkong
