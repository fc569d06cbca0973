#include "adpilot/nlp/detail/text_edit.h"

#include <utf8proc.h>

#include <algorithm>

#include "adpilot/nlp/copy_lint.h"
#include "adpilot/nlp/detail/copy_signals.h"
#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp::detail {

namespace {

constexpr std::string_view kTrailingConnectors[] = {"and", "or", "with", "for", "the", "a", "an", "to", "of",
                                                    "in", "on", "at", "from", "by", "&", "but", "so", "your"};

}  // namespace

bool fits(std::string_view text, Platform platform, size_t limit) {
  return limit == 0 || platform_length(platform, text) <= limit;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == ' ' && (out.empty() || out.back() == ' ')) {
      continue;
    }
    out += ch;
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  // A removed word can leave "word ," or "word ." behind.
  for (const char* gap : {" ,", " .", " !", " ?", " ;", " :"}) {
    size_t at = 0;
    while ((at = out.find(gap, at)) != std::string::npos) {
      out.erase(at, 1);
    }
  }
  return out;
}

std::string capitalize_first(std::string_view text) {
  std::string out;
  size_t pos = 0;
  bool done = false;
  while (pos < text.size()) {
    const size_t here = pos;
    const char32_t cp = next_code_point(text, pos);
    if (!done && is_letter(cp)) {
      append_utf8(static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))), out);
      done = true;
      continue;
    }
    out.append(text.substr(here, pos - here));
  }
  return out;
}

std::string title_case_word(std::string_view word) { return capitalize_first(to_lower(word)); }

std::string apply_edits(std::string_view text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  size_t at = 0;
  for (const Edit& edit : edits) {
    if (edit.begin < at) {
      continue;
    }
    out.append(text.substr(at, edit.begin - at));
    out += edit.with;
    at = edit.end;
  }
  out.append(text.substr(at));
  return collapse_spaces(out);
}

std::string remove_words(std::string_view text, std::span<const std::string_view> words) {
  std::vector<Edit> edits;
  for (const auto& word : split_words(text)) {
    if (std::find(words.begin(), words.end(), word.lower) != words.end()) {
      edits.push_back(Edit{word.begin, word.end, ""});
    }
  }
  if (edits.empty()) {
    return std::string(text);
  }
  const bool first_removed = edits.front().begin == split_words(text).front().begin;
  std::string out = apply_edits(text, edits);
  return first_removed ? capitalize_first(out) : out;
}

std::vector<Sentence> split_sentences(std::string_view text) {
  std::vector<Sentence> out;
  size_t start = 0;
  for (size_t idx = 0; idx <= text.size(); ++idx) {
    const bool at_end = idx == text.size();
    const bool closes = !at_end && (text[idx] == '.' || text[idx] == '!' || text[idx] == '?') &&
                        (idx + 1 == text.size() || text[idx + 1] == ' ');
    if (!at_end && !closes) {
      continue;
    }
    std::string_view body = text.substr(start, idx - start);
    while (!body.empty() && body.front() == ' ') {
      body.remove_prefix(1);
    }
    if (!body.empty()) {
      Sentence sentence{std::string(body), closes ? std::string(1, text[idx]) : "", false};
      sentence.call_to_action = find_call_to_action(sentence.body).has_value();
      out.push_back(std::move(sentence));
    }
    start = idx + 1;
  }
  return out;
}

std::string join_sentences(const std::vector<Sentence>& sentences) {
  std::string out;
  for (const auto& s : sentences) {
    out += (out.empty() ? "" : " ") + s.body + s.end;
  }
  return out;
}

bool is_connector(std::string_view word) {
  const std::string lower = to_lower(word);
  return std::find(std::begin(kTrailingConnectors), std::end(kTrailingConnectors), lower) != std::end(kTrailingConnectors);
}

}  // namespace adpilot::nlp::detail
