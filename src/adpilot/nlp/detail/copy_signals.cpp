#include "adpilot/nlp/detail/copy_signals.h"

#include <algorithm>
#include <array>

#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp::detail {

namespace {

bool ends_sentence(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == '\n' || cp == 0x2026 ||
         cp == 0x2014;  // … and — also start a new thought in ad copy
}

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

// Phrases as word sequences.
using Phrase = std::array<std::string_view, 2>;

constexpr Phrase kCallsToAction[] = {
    {"shop", ""},     {"buy", ""},       {"order", ""},     {"get", ""},       {"book", ""},
    {"reserve", ""},  {"call", ""},      {"contact", ""},   {"subscribe", ""}, {"join", ""},
    {"register", ""}, {"try", ""},       {"start", ""},     {"discover", ""},  {"explore", ""},
    {"find", ""},     {"see", ""},       {"watch", ""},     {"download", ""},  {"install", ""},
    {"claim", ""},    {"request", ""},   {"compare", ""},   {"browse", ""},    {"visit", ""},
    {"apply", ""},    {"grab", ""},      {"save", ""},      {"upgrade", ""},   {"switch", ""},
    {"donate", ""},   {"enroll", ""},    {"enrol", ""},     {"schedule", ""},  {"ask", ""},
    {"tap", ""},      {"click", ""},     {"chat", ""},      {"choose", ""},    {"sign", "up"},
    {"learn", "more"}, {"find", "out"},  {"check", "out"},  {"message", "us"}, {"swipe", "up"},
};

constexpr std::string_view kBenefits[] = {
    "free",     "save",     "saving",    "savings",  "discount", "discounts", "sale",    "deal",
    "deals",    "off",      "guarantee", "guaranteed", "warranty", "returns",  "shipping", "delivery",
    "bonus",    "gift",     "offer",     "cashback", "rated",    "award",    "trial",   "refund"};

const std::array<std::string_view, 42> kAcceptedAcronyms = {
    "AI",  "API", "ATM", "B2B", "CEO", "DIY", "EU",  "FAQ", "GPS", "HD",  "HQ",   "HVAC", "ID",  "IT",
    "LED", "LLC", "MP3", "NYC", "OK",  "PC",  "PDF", "PR",  "SEO", "SMS", "SUV",  "TV",   "UK",  "UN",
    "US",  "USA", "USB", "UV",  "VAT", "VIP", "VPN", "XL",  "XXL", "XS",  "4K",   "NFC",  "LTE", "5G"};

struct WeakEntry {
  Phrase words;
  std::string_view replacement;
  const char* reason;
};

constexpr const char* kFiller = "filler that costs characters and adds no meaning";
constexpr const char* kVague = "vague: name the product or the feature";
constexpr const char* kClaim = "a superlative without proof; Google Ads wants such claims verified on the landing page";

constexpr WeakEntry kWeak[] = {
    {{"click", "here"}, "Shop now", "says nothing about what happens next; name the action"},
    {{"very", ""}, "", kFiller},        {{"really", ""}, "", kFiller},   {{"truly", ""}, "", kFiller},
    {{"just", ""}, "", kFiller},        {{"actually", ""}, "", kFiller}, {{"basically", ""}, "", kFiller},
    {{"literally", ""}, "", kFiller},   {{"things", ""}, "products", kVague},
    {{"stuff", ""}, "products", kVague}, {{"nice", ""}, "", kVague},
    {{"cheap", ""}, "low-priced", "reads as low quality; say the price or the saving"},
    {{"world", "class"}, "", kClaim},   {{"cutting", "edge"}, "", kClaim},
    {{"innovative", ""}, "", kClaim},   {{"best", ""}, "", kClaim},
    {{"number", "one"}, "", kClaim},
};

// Where phrase starts in words at idx, or false.
bool matches_at(const std::vector<Word>& words, size_t idx, const Phrase& phrase) {
  if (words[idx].lower != phrase[0]) {
    return false;
  }
  if (phrase[1].empty()) {
    return true;
  }
  return idx + 1 < words.size() && words[idx + 1].lower == phrase[1];
}

size_t phrase_length(const Phrase& phrase) { return phrase[1].empty() ? 1 : 2; }

size_t syllables(std::string_view lower_word) {
  size_t count = 0;
  bool in_vowels = false;
  for (char ch : lower_word) {
    const bool vowel = ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y';
    if (vowel && !in_vowels) {
      ++count;
    }
    in_vowels = vowel;
  }
  // A final silent 'e' ("shape", not "simple").
  if (count > 1 && lower_word.size() > 2 && lower_word.back() == 'e' && lower_word[lower_word.size() - 2] != 'l') {
    --count;
  }
  return std::max<size_t>(count, 1);
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  bool next_starts_sentence = true;
  size_t pos = 0;
  Word current;
  bool in_word = false;
  char32_t previous = 0;
  std::string lowered;
  auto close_word = [&](size_t end) {
    if (in_word) {
      current.end = end;
      words.push_back(std::move(current));
      current = Word{};
      in_word = false;
    }
  };
  while (pos < text.size()) {
    const size_t here = pos;
    const char32_t cp = next_code_point(text, pos);
    const bool word_char = is_letter(cp) || is_digit(cp);
    if (word_char) {
      if (!in_word) {
        current.begin = here;
        current.sentence_start = next_starts_sentence;
        next_starts_sentence = false;
        in_word = true;
      }
      to_lower(text.substr(here, pos - here), lowered);
      current.lower += lowered;
      previous = cp;
      continue;
    }
    if (in_word && is_apostrophe(cp) && pos < text.size()) {
      size_t peek = pos;
      const char32_t after = next_code_point(text, peek);
      if (is_letter(after)) {
        current.lower += '\'';
        previous = cp;
        continue;
      }
    }
    const bool decimal_point = cp == '.' && is_digit(previous) && pos < text.size() &&
                               is_digit(static_cast<char32_t>(static_cast<unsigned char>(text[pos])));
    if (in_word && decimal_point) {
      current.lower += '.';
      previous = cp;
      continue;
    }
    close_word(here);
    if (ends_sentence(cp)) {
      next_starts_sentence = true;
    }
    previous = cp;
  }
  close_word(text.size());
  return words;
}

std::optional<std::string> find_call_to_action(std::string_view text) {
  const std::vector<Word> words = split_words(text);
  for (size_t idx = 0; idx < words.size(); ++idx) {
    for (const Phrase& phrase : kCallsToAction) {
      if (!matches_at(words, idx, phrase)) {
        continue;
      }
      const size_t last = idx + phrase_length(phrase) - 1;
      const bool urgent = last + 1 < words.size() && (words[last + 1].lower == "now" || words[last + 1].lower == "today");
      if (words[idx].sentence_start || urgent) {
        const size_t end = urgent ? words[last + 1].end : words[last].end;
        return std::string(text.substr(words[idx].begin, end - words[idx].begin));
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> standalone_calls_to_action(std::string_view text) {
  std::vector<std::string> out;
  const std::vector<Word> words = split_words(text);
  for (size_t idx = 0; idx < words.size(); ++idx) {
    for (const Phrase& phrase : kCallsToAction) {
      if (!matches_at(words, idx, phrase)) {
        continue;
      }
      const size_t last = idx + phrase_length(phrase) - 1;
      if (last + 1 < words.size() && (words[last + 1].lower == "now" || words[last + 1].lower == "today")) {
        out.emplace_back(text.substr(words[idx].begin, words[last + 1].end - words[idx].begin));
        break;
      }
      if (!words[idx].sentence_start) {
        continue;
      }
      size_t sentence_end = idx + 1;
      while (sentence_end < words.size() && !words[sentence_end].sentence_start) {
        ++sentence_end;
      }
      if (sentence_end - idx <= 3) {
        out.emplace_back(text.substr(words[idx].begin, words[sentence_end - 1].end - words[idx].begin));
      }
      break;
    }
  }
  return out;
}

bool has_number(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (is_digit(next_code_point(text, pos))) {
      return true;
    }
  }
  return false;
}

bool has_benefit(std::string_view text) {
  if (text.find('%') != std::string_view::npos) {
    return true;
  }
  for (const Word& word : split_words(text)) {
    if (std::find(std::begin(kBenefits), std::end(kBenefits), word.lower) != std::end(kBenefits)) {
      return true;
    }
  }
  return false;
}

bool has_question(std::string_view text) {
  return text.find('?') != std::string_view::npos || text.find("\xef\xbc\x9f") != std::string_view::npos;
}

size_t count_emoji(std::string_view text) {
  size_t count = 0;
  size_t pos = 0;
  bool previous_flag_half = false;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
      // Two regional indicators make one flag.
      count += previous_flag_half ? 0 : 1;
      previous_flag_half = !previous_flag_half;
      continue;
    }
    previous_flag_half = false;
    count += is_emoji(cp) ? 1 : 0;
  }
  return count;
}

std::vector<std::string> shouted_words(std::string_view text, std::span<const std::string> acronyms) {
  std::vector<std::string> out;
  for (const Word& word : split_words(text)) {
    const std::string_view written = text.substr(word.begin, word.end - word.begin);
    size_t letters = 0;
    size_t pos = 0;
    while (pos < written.size()) {
      letters += is_letter(next_code_point(written, pos)) ? 1 : 0;
    }
    if (letters < 2 || !is_upper(written)) {
      continue;
    }
    const bool accepted =
        std::find(kAcceptedAcronyms.begin(), kAcceptedAcronyms.end(), written) !=
            kAcceptedAcronyms.end() ||
        std::find(acronyms.begin(), acronyms.end(), written) != acronyms.end();
    if (!accepted) {
      out.emplace_back(written);
    }
  }
  return out;
}

std::vector<std::string> repeated_punctuation(std::string_view text) {
  std::vector<std::string> out;
  auto is_punct = [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x80 && c > 0x20 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  };
  size_t idx = 0;
  while (idx < text.size()) {
    if (!is_punct(text[idx]) || text[idx] == '-' || text[idx] == '"' || text[idx] == '\'' || text[idx] == '(' ||
        text[idx] == ')' || text[idx] == '/') {
      ++idx;
      continue;
    }
    size_t end = idx + 1;
    const bool emphatic = text[idx] == '!' || text[idx] == '?';
    while (end < text.size() &&
           (text[end] == text[idx] || (emphatic && (text[end] == '!' || text[end] == '?')))) {
      ++end;
    }
    const std::string_view run = text.substr(idx, end - idx);
    if (run.size() >= 2 && run != "...") {
      out.emplace_back(run);
    }
    idx = end;
  }
  return out;
}

std::vector<std::string> decorative_symbols(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t here = pos;
    const char32_t cp = next_code_point(text, pos);
    if (is_decorative_symbol(cp)) {
      std::string symbol(text.substr(here, pos - here));
      if (std::find(out.begin(), out.end(), symbol) == out.end()) {
        out.push_back(std::move(symbol));
      }
    }
  }
  return out;
}

std::vector<WeakWord> find_weak_words(std::string_view text) {
  std::vector<WeakWord> out;
  const std::vector<Word> words = split_words(text);
  for (size_t idx = 0; idx < words.size(); ++idx) {
    for (const WeakEntry& entry : kWeak) {
      if (matches_at(words, idx, entry.words)) {
        const size_t last = idx + phrase_length(entry.words) - 1;
        out.push_back(WeakWord{words[idx].begin, words[last].end,
                               std::string(text.substr(words[idx].begin, words[last].end - words[idx].begin)),
                               std::string(entry.replacement), entry.reason});
        idx = last;
        break;
      }
    }
  }
  return out;
}

Readability readability(std::string_view text) {
  Readability out;
  const std::vector<Word> words = split_words(text);
  if (words.empty()) {
    return out;
  }
  size_t sentences = 0;
  size_t current = 0;
  size_t total_syllables = 0;
  for (const Word& word : words) {
    if (word.sentence_start) {
      ++sentences;
      current = 0;
    }
    ++current;
    out.longest_sentence = std::max(out.longest_sentence, current);
    total_syllables += syllables(word.lower);
  }
  out.words = words.size();
  const double n = static_cast<double>(words.size());
  out.flesch = 206.835 - 1.015 * (n / static_cast<double>(std::max<size_t>(sentences, 1))) -
               84.6 * (static_cast<double>(total_syllables) / n);
  return out;
}

bool mentions(std::string_view text, std::span<const std::string> terms) {
  const std::vector<Word> words = split_words(text);
  for (const std::string& term : terms) {
    const std::vector<Word> term_words = split_words(term);
    if (term_words.empty() || term_words.size() > words.size()) {
      continue;
    }
    for (size_t idx = 0; idx + term_words.size() <= words.size(); ++idx) {
      bool all = true;
      for (size_t k = 0; k < term_words.size() && all; ++k) {
        const std::string& have = words[idx + k].lower;
        const std::string& want = term_words[k].lower;
        // A plain plural or singular still mentions the term ("store" in "stores").
        all = have == want || have == want + "s" || have + "s" == want;
      }
      if (all) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace adpilot::nlp::detail
