// BERT's basic tokenization, the step before WordPiece: clean the text (drop control characters,
// unify whitespace), put spaces around CJK ideographs, normalise (NFC, or lower-case + NFD with
// the accents removed for uncased models), split at whitespace and split off every punctuation
// character as a word of its own. Words land in one reusable buffer, so a batch of texts costs
// no allocation per word.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot::nlp::detail {

struct BasicOptions {
  bool lower_case = true;
  bool strip_accents = true;  // Hugging Face: strip_accents, which defaults to lower_case
  bool split_cjk = true;      // tokenize_chinese_chars
};

// The words of one text: the UTF-8 bytes of all words back to back, the byte offset of every
// character, and for each word the index of its first character (plus a final sentinel).
struct Words {
  std::string bytes;
  std::vector<uint32_t> char_begin;
  std::vector<uint32_t> word_first_char;
  // Scratch for BasicTokenizer::split, kept here so the caller owns all the memory.
  std::vector<int32_t> code_points;
  std::string nfc_scratch;
  std::string piece;  // WordPiece's "##…" lookup key

  size_t size() const { return word_first_char.empty() ? 0 : word_first_char.size() - 1; }
  uint32_t first_char(size_t word_idx) const { return word_first_char[word_idx]; }
  uint32_t end_char(size_t word_idx) const { return word_first_char[word_idx + 1]; }
  // Bytes of characters [begin_char, end_char) (of one word).
  std::string_view chars(uint32_t begin_char, uint32_t end_char) const;
  std::string_view word(size_t word_idx) const {
    return chars(first_char(word_idx), end_char(word_idx));
  }
  void clear();
};

class BasicTokenizer {
 public:
  explicit BasicTokenizer(BasicOptions options) : options_(options) {}

  // Replaces out's contents with the words of text. Bytes that are not valid UTF-8 are dropped
  // like U+FFFD is. Thread-safe: all state lives in out.
  void split(std::string_view text, Words& out) const;

 private:
  BasicOptions options_;
};

bool is_whitespace_char(int32_t cp);
bool is_control_char(int32_t cp);
bool is_punctuation_char(int32_t cp);
bool is_cjk_char(int32_t cp);

}  // namespace adpilot::nlp::detail
