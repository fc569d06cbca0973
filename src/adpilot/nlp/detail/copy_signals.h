// What the copy linter, the suggestions and the copy features look for in a piece of ad text:
// words, calls to action, numbers, benefits, emoji, capitals, punctuation, readability.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot::nlp::detail {

struct Word {
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  std::string lower;
  bool sentence_start = false;  // first word of the text or after . ! ? ; : or a line break
};

// Runs of letters, digits and inner apostrophes; hyphens and everything else separate words.
// A '.' between digits ("4.8") does not end a sentence.
std::vector<Word> split_words(std::string_view text);

// The call to action in the text ("Shop now", "Order today", "Compare …"): a CTA verb opening a
// sentence, or one followed by "now" or "today" anywhere. Returns the words as written.
std::optional<std::string> find_call_to_action(std::string_view text);

// Calls to action that stand on their own and could be reused in another ad: a CTA verb with
// "now"/"today" ("Shop now", "Order today"), or a whole sentence of at most three words that
// opens with one ("Shop the sale", "Get yours today"). As written, in order.
std::vector<std::string> standalone_calls_to_action(std::string_view text);

bool has_number(std::string_view text);
// Concrete-benefit words: free, save, sale, discount, guarantee, returns, shipping, …
bool has_benefit(std::string_view text);
bool has_question(std::string_view text);
size_t count_emoji(std::string_view text);

// Words of two or more letters written in capitals that are not accepted acronyms.
std::vector<std::string> shouted_words(std::string_view text, std::span<const std::string> acronyms);
// Runs such as "!!", "?!", "..", "$$" (an ellipsis "..." and "--" are accepted).
std::vector<std::string> repeated_punctuation(std::string_view text);
// Decorative symbols and emoji (★ ✓ ➤ 😀), each once, in order of appearance.
std::vector<std::string> decorative_symbols(std::string_view text);

struct WeakWord {
  size_t begin = 0;         // byte offsets into the text
  size_t end = 0;
  std::string found;        // as written in the text
  std::string replacement;  // "" means delete it
  const char* reason;
};
std::vector<WeakWord> find_weak_words(std::string_view text);

// Flesch reading ease (206.835 − 1.015 · words/sentence − 84.6 · syllables/word; higher is
// easier, 60–70 plain English) and the longest sentence in words.
struct Readability {
  double flesch = 0.0;
  size_t words = 0;
  size_t longest_sentence = 0;
};
Readability readability(std::string_view text);

// Whether any of the terms (case-insensitive, whole words) occurs in the text.
bool mentions(std::string_view text, std::span<const std::string> terms);

}  // namespace adpilot::nlp::detail
