#include "arrivals/matching.h"

#include <algorithm>

namespace fangkong {

namespace {

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// YYYYMMDD from characters 7-14 of an identity number, when they are digits.
std::string BirthDateIn(std::string_view id_number) {
  if (id_number.size() < 14) return "";
  std::string d(id_number.substr(6, 8));
  return Digits(d).size() == 8 ? d : "";
}

}  // namespace

int PhoneDistance(std::string_view a_text, std::string_view b_text) {
  // Phones are short: the digits and the table live on the stack, since
  // linking a common name compares hundreds of phones per row.
  constexpr size_t kMax = 24;
  char a[kMax], b[kMax];
  size_t n = 0, m = 0;
  for (char c : a_text)
    if (c >= '0' && c <= '9' && n < kMax) a[n++] = c;
  for (char c : b_text)
    if (c >= '0' && c <= '9' && m < kMax) b[m++] = c;
  if (n == 0 || m == 0) return 99;
  int d[kMax + 1][kMax + 1];
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

bool PhoneWithin(std::string_view a, std::string_view b, int edits) {
  if (a.empty() || b.empty()) return false;
  // Lengths further apart than the edits allowed need no table.
  int apart = static_cast<int>(a.size()) - static_cast<int>(b.size());
  if (apart > edits || -apart > edits) return false;
  // An edit moves at most two digits between the phones' counts of each
  // digit (a change two, an insertion or deletion one, a swap none), so
  // counts further apart than that need no table either: most phones of a
  // common name's people are told apart here, at a tenth of the table's cost.
  int count[10] = {};
  for (char c : a)
    if (c >= '0' && c <= '9') ++count[c - '0'];
  for (char c : b)
    if (c >= '0' && c <= '9') --count[c - '0'];
  int moved = 0;
  for (int n : count) moved += n < 0 ? -n : n;
  if (moved > 2 * edits) return false;
  return PhoneDistance(a, b) <= edits;
}

NameAgreement CompareNames(std::string_view a, std::string_view b, const PinyinTable& pinyin) {
  if (!a.empty() && a == b) return NameAgreement::kSame;
  auto x = pinyin.Syllables(a), y = pinyin.Syllables(b);
  if (x.empty() || x.size() != y.size()) return NameAgreement::kDifferent;
  size_t differ = 0;
  for (size_t i = 0; i < x.size(); ++i) differ += x[i] != y[i];
  if (differ == 0) return NameAgreement::kSoundsSame;
  // One syllable off in a name of three or more; in two, the surname must agree.
  if (differ == 1 && (x.size() >= 3 || x[0] == y[0])) return NameAgreement::kOneSyllable;
  return NameAgreement::kDifferent;
}

double LinkScore(const LinkEvidence& e) {
  double score = 0;
  switch (e.name) {
    case NameAgreement::kSame:
      score += 0.5;
      break;
    case NameAgreement::kSoundsSame:
      score += 0.4;
      break;
    case NameAgreement::kOneSyllable:
      score += 0.15;
      break;
    case NameAgreement::kDifferent:
      break;
  }
  if (e.phone_distance == 0) {
    score += 0.45;
  } else if (e.phone_distance == 1) {
    score += 0.35;
  } else if (e.phone_distance == 2) {
    score += 0.1;
  }
  if (e.birth_date_agrees) score += 0.2;
  return std::min(score, 1.0);
}

Linkage Link(const PushedPerson& row, const std::vector<LinkCandidate>& candidates,
             const PinyinTable& pinyin) {
  Linkage out;
  std::string born = BirthDateIn(row.id_number);
  for (const auto& c : candidates) {
    LinkEvidence e;
    e.name = CompareNames(row.name, c.name, pinyin);
    e.phone_distance = PhoneDistance(row.phone, c.phone);
    e.birth_date_agrees = !born.empty() && born == c.birth_date;
    double score = LinkScore(e);
    if (score >= kCandidateScore) out.candidates.push_back(ScoredCandidate{c, e, score});
  }
  std::stable_sort(out.candidates.begin(), out.candidates.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  if (out.candidates.empty()) return out;
  const double best = out.candidates[0].score;
  bool clear = out.candidates.size() == 1 || best - out.candidates[1].score >= kCertainMargin;
  out.decision = best >= kCertainScore && clear ? LinkDecision::kCertain : LinkDecision::kUncertain;
  return out;
}

}  // namespace fangkong
