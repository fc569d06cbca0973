// Small edits on ad text shared by the suggestions and shortening: spacing, capitals, word
// removal by offsets, sentences.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/nlp/ad_copy.h"

namespace adpilot::nlp::detail {

// Whether the text fits `limit` characters as the platform counts them (0: no limit).
bool fits(std::string_view text, Platform platform, size_t limit);

// Single spaces, none at the ends, none before , . ! ? ; : (what a removed word leaves behind).
std::string collapse_spaces(std::string_view text);

std::string capitalize_first(std::string_view text);  // the first letter in upper case
std::string title_case_word(std::string_view word);   // "FREE" → "Free"

// Replaces the [begin, end) byte spans (disjoint; any order), then collapses spaces.
struct Edit {
  size_t begin;
  size_t end;
  std::string with;
};
std::string apply_edits(std::string_view text, std::vector<Edit> edits);

// The text without these words (lower-case, whole words); capitalised again if the first went.
std::string remove_words(std::string_view text, std::span<const std::string_view> words);

struct Sentence {
  std::string body;  // without the closing punctuation
  std::string end;   // ".", "!", "?" or ""
  bool call_to_action = false;
};
// Sentences end at . ! ? followed by a space or the end ("4.8" does not end one).
std::vector<Sentence> split_sentences(std::string_view text);
std::string join_sentences(const std::vector<Sentence>& sentences);

// Words a cut text must not end on: and, or, with, for, the, a, to, …
bool is_connector(std::string_view word);

}  // namespace adpilot::nlp::detail
