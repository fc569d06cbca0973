// shorten_to_fit (suggest.h): cutting ad text to a platform's limit without breaking words or
// losing the call to action.
#include <algorithm>
#include <optional>

#include "adpilot/nlp/detail/text_edit.h"
#include "adpilot/nlp/detail/unicode.h"
#include "adpilot/nlp/suggest.h"

namespace adpilot::nlp {

namespace {

using detail::fits;
using detail::is_connector;
using detail::Sentence;

constexpr std::string_view kFillers[] = {"very", "really", "truly", "just", "actually", "basically", "literally"};

// The longest prefix of body that, with `end` appended, fits in budget. A prefix that ends a
// clause (before ", and", ", but", ";", a dash) reads best, then one ending at any comma, then one
// ending at any word: a better-ended prefix wins when it keeps most of the room.
std::optional<std::string> trim_sentence(std::string_view body, std::string_view end, Platform platform, size_t budget) {
  auto clean = [](std::string_view prefix) {
    std::string out(prefix);
    for (;;) {
      while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':' ||
                              out.back() == '-')) {
        out.pop_back();
      }
      const size_t space = out.rfind(' ');
      const std::string_view last = space == std::string::npos ? std::string_view(out) : std::string_view(out).substr(space + 1);
      if (space == std::string::npos || !is_connector(last)) {
        return out;
      }
      out.erase(space);
    }
  };
  enum Kind { kClause, kComma, kWord };
  std::optional<std::string> best[3];
  size_t best_length[3] = {0, 0, 0};
  for (size_t idx = body.size(); idx > 0; --idx) {
    Kind kind = kWord;
    size_t cut = idx;
    if (idx < body.size() && (body[idx - 1] == ',' || body[idx - 1] == ';')) {
      const std::string_view after = body.substr(idx);
      const bool clause = body[idx - 1] == ';' || after.starts_with(" and ") || after.starts_with(" but ") ||
                          after.starts_with(" so ") || after.starts_with(" or ") || after.starts_with(" while ");
      kind = clause ? kClause : kComma;
      cut = idx - 1;
    } else if (idx < body.size() && body[idx - 1] != ' ') {
      continue;
    }
    if (best[kind]) {
      continue;  // scanning from the end: the first fitting prefix of a kind is its longest
    }
    std::string candidate = clean(body.substr(0, cut));
    if (candidate.empty()) {
      continue;
    }
    const size_t length = platform_length(platform, candidate + std::string(end));
    if (length <= budget) {
      best[kind] = std::move(candidate);
      best_length[kind] = length;
    }
  }
  const size_t longest = std::max({best_length[kClause], best_length[kComma], best_length[kWord]});
  if (best[kClause] && best_length[kClause] * 5 >= longest * 3) {
    return *best[kClause] + std::string(end);
  }
  if (best[kComma] && best_length[kComma] * 4 >= longest * 3) {
    return *best[kComma] + std::string(end);
  }
  for (const auto& candidate : best) {
    if (candidate && platform_length(platform, *candidate + std::string(end)) == longest) {
      return *candidate + std::string(end);
    }
  }
  return std::nullopt;
}

// The first `limit` characters as the platform counts them, cut at a grapheme boundary: only
// for a single word longer than the whole limit.
std::string hard_cut(std::string_view text, Platform platform, size_t limit) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next = pos;
    detail::next_code_point(text, next);
    std::string candidate = out + std::string(text.substr(pos, next - pos));
    if (platform_length(platform, candidate) > limit) {
      break;
    }
    out = std::move(candidate);
    pos = next;
  }
  return out;
}

}  // namespace

std::string shorten_to_fit(std::string_view text, Platform platform, size_t limit) {
  std::string s = detail::collapse_spaces(text);
  if (fits(s, platform, limit)) {
    return s;
  }
  s = detail::remove_words(s, kFillers);
  if (fits(s, platform, limit)) {
    return s;
  }
  // "&" saves two characters in a headline; in longer text it reads as cramped.
  if (limit <= 40) {
    for (size_t at = s.find(" and "); at != std::string::npos; at = s.find(" and ", at)) {
      s.replace(at, 5, " & ");
    }
    if (fits(s, platform, limit)) {
      return s;
    }
  }
  std::vector<Sentence> sentences = detail::split_sentences(s);
  auto longest_plain = [&]() -> std::optional<size_t> {
    std::optional<size_t> best;
    for (size_t idx = 0; idx < sentences.size(); ++idx) {
      if (!sentences[idx].call_to_action &&
          (!best || sentences[idx].body.size() > sentences[*best].body.size())) {
        best = idx;
      }
    }
    return best;
  };
  // Drop whole sentences (the longest without a call to action first) while more than one
  // such sentence is left.
  for (;;) {
    if (fits(detail::join_sentences(sentences), platform, limit)) {
      return detail::join_sentences(sentences);
    }
    size_t plain = 0;
    for (const auto& sentence : sentences) {
      plain += sentence.call_to_action ? 0 : 1;
    }
    if (plain < 2) {
      break;
    }
    sentences.erase(sentences.begin() + static_cast<std::ptrdiff_t>(*longest_plain()));
  }
  // Trim the one sentence without a call to action (or the only sentence) to the room left.
  const std::optional<size_t> target = longest_plain();
  const size_t idx = target.value_or(0);
  std::vector<Sentence> rest = sentences;
  rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(idx));
  const std::string rest_text = detail::join_sentences(rest);
  const size_t rest_length = rest_text.empty() ? 0 : platform_length(platform, rest_text) + 1;
  if (rest_length < limit) {
    if (auto trimmed = trim_sentence(sentences[idx].body, sentences[idx].end, platform, limit - rest_length)) {
      sentences[idx].body = *trimmed;
      sentences[idx].end.clear();
      const std::string joined = detail::join_sentences(sentences);
      if (fits(joined, platform, limit)) {
        return joined;
      }
    }
  }
  if (!rest_text.empty() && fits(rest_text, platform, limit)) {
    return rest_text;  // the call to action alone
  }
  if (auto trimmed = trim_sentence(s, "", platform, limit)) {
    return *trimmed;
  }
  return hard_cut(s, platform, limit);
}

}  // namespace adpilot::nlp
