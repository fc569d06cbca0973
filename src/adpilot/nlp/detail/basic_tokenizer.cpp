#include "adpilot/nlp/detail/basic_tokenizer.h"

#include <utf8proc.h>

#include <cstdlib>

namespace adpilot::nlp::detail {

namespace {

// The longest canonical decomposition of one code point is 4; leave room.
constexpr int kMaxDecomposition = 16;

void append_utf8(int32_t cp, std::string& out) {
  utf8proc_uint8_t buffer[4];
  const auto length = utf8proc_encode_char(cp, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
}

// Python's str.split() also breaks at the line and paragraph separators, which the cleaning
// step keeps (they are neither Zs nor control characters).
bool is_word_separator(int32_t cp) {
  return cp == ' ' || cp == 0x2028 || cp == 0x2029;
}

// Step 1-2: decode, drop NUL, U+FFFD and control characters, turn whitespace into ' ', put spaces
// around CJK ideographs.
void clean(std::string_view text, bool split_cjk, std::vector<int32_t>& out) {
  out.clear();
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t pos = 0;
  while (pos < size) {
    int32_t cp = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, size - pos, &cp);
    if (length <= 0) {
      ++pos;  // invalid byte: dropped, as U+FFFD would be
      continue;
    }
    pos += length;
    if (cp == 0 || cp == 0xFFFD || is_control_char(cp)) {
      continue;
    }
    if (is_whitespace_char(cp)) {
      out.push_back(' ');
    } else if (split_cjk && is_cjk_char(cp)) {
      out.push_back(' ');
      out.push_back(cp);
      out.push_back(' ');
    } else {
      out.push_back(cp);
    }
  }
}

// Step 3 for models that keep accents: NFC, so a letter typed as base + combining mark matches
// the precomposed vocabulary entry. Skipped for pure ASCII (already NFC).
void compose(std::vector<int32_t>& code_points, std::string& scratch) {
  bool ascii = true;
  for (const int32_t cp : code_points) {
    if (cp >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    return;
  }
  scratch.clear();
  for (const int32_t cp : code_points) {
    append_utf8(cp, scratch);
  }
  utf8proc_uint8_t* composed = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(scratch.data()),
                   static_cast<utf8proc_ssize_t>(scratch.size()), &composed,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (length < 0) {
    return;  // cannot happen for code points we decoded ourselves; keep the text as it is
  }
  code_points.clear();
  utf8proc_ssize_t pos = 0;
  while (pos < length) {
    int32_t cp = 0;
    const utf8proc_ssize_t step = utf8proc_iterate(composed + pos, length - pos, &cp);
    if (step <= 0) {
      break;
    }
    code_points.push_back(cp);
    pos += step;
  }
  std::free(composed);
}

class WordWriter {
 public:
  explicit WordWriter(Words& out) : out_(out) {}

  void add_char(int32_t cp) {
    if (!open_) {
      out_.word_first_char.push_back(static_cast<uint32_t>(out_.char_begin.size()));
      open_ = true;
    }
    out_.char_begin.push_back(static_cast<uint32_t>(out_.bytes.size()));
    append_utf8(cp, out_.bytes);
  }
  void end_word() { open_ = false; }
  void add_single_char_word(int32_t cp) {
    end_word();
    add_char(cp);
    end_word();
  }
  void finish() { out_.word_first_char.push_back(static_cast<uint32_t>(out_.char_begin.size())); }

 private:
  Words& out_;
  bool open_ = false;
};

}  // namespace

std::string_view Words::chars(uint32_t begin_char, uint32_t end_char) const {
  const uint32_t begin_byte = char_begin[begin_char];
  const uint32_t end_byte =
      end_char < char_begin.size() ? char_begin[end_char] : static_cast<uint32_t>(bytes.size());
  return std::string_view(bytes).substr(begin_byte, end_byte - begin_byte);
}

void Words::clear() {
  bytes.clear();
  char_begin.clear();
  word_first_char.clear();
}

void BasicTokenizer::split(std::string_view text, Words& out) const {
  out.clear();
  clean(text, options_.split_cjk, out.code_points);
  if (!options_.strip_accents) {
    compose(out.code_points, out.nfc_scratch);
  }
  // Step 4: per character, lower-case and strip accents (NFD, drop nonspacing marks), then split
  // at separators and around punctuation. Lower-casing uses Unicode's simple case mapping.
  WordWriter writer(out);
  int32_t decomposed[kMaxDecomposition];
  for (const int32_t original : out.code_points) {
    if (is_word_separator(original)) {
      writer.end_word();
      continue;
    }
    const int32_t cp = options_.lower_case ? utf8proc_tolower(original) : original;
    int count = 1;
    decomposed[0] = cp;
    if (options_.strip_accents && cp >= 0x80) {
      int boundclass = UTF8PROC_BOUNDCLASS_START;
      const utf8proc_ssize_t n = utf8proc_decompose_char(cp, decomposed, kMaxDecomposition,
                                                         UTF8PROC_DECOMPOSE, &boundclass);
      if (n > 0 && n <= kMaxDecomposition) {
        count = static_cast<int>(n);
      } else {
        decomposed[0] = cp;  // no decomposition table entry we can use: keep the character
      }
    }
    for (int i = 0; i < count; ++i) {
      const int32_t part = decomposed[i];
      if (options_.strip_accents && part >= 0x80 &&
          utf8proc_category(part) == UTF8PROC_CATEGORY_MN) {
        continue;
      }
      if (is_punctuation_char(part)) {
        writer.add_single_char_word(part);
      } else {
        writer.add_char(part);
      }
    }
  }
  writer.finish();
}

bool is_whitespace_char(int32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
    return true;
  }
  return cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

bool is_control_char(int32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') {
    return false;  // whitespace, handled above
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
      return true;
    default:
      return false;
  }
}

bool is_punctuation_char(int32_t cp) {
  // All non-alphanumeric printable ASCII counts, as in BERT ($, ^, ` and friends are symbols in
  // Unicode but were split in pre-training).
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) ||
      (cp >= 123 && cp <= 126)) {
    return true;
  }
  if (cp < 0x80) {
    return false;
  }
  const auto category = utf8proc_category(cp);
  return category >= UTF8PROC_CATEGORY_PC && category <= UTF8PROC_CATEGORY_PO;
}

bool is_cjk_char(int32_t cp) {
  // The CJK Unified Ideographs blocks BERT lists (not Hangul, Hiragana or Katakana, which are
  // written with spaces).
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
         (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

}  // namespace adpilot::nlp::detail
