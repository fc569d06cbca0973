#include "adpilot/nlp/lexicon_sentiment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "adpilot/nlp/detail/unicode.h"
#include "adpilot/nlp/detail/vader_lexicon.h"
#include "adpilot/nlp/detail/vader_lexicon_data.h"
#include "adpilot/nlp/detail/vader_rules.h"

namespace adpilot::nlp {

namespace {

using detail::kNegationScalar;

bool is_ascii_punctuation(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// Leading and trailing punctuation goes, unless what is left has two characters or fewer: then
// the token was probably an emoticon (":)", ":-D") and stays whole.
std::string_view strip_punctuation_if_word(std::string_view token) {
  std::string_view stripped = token;
  while (!stripped.empty() && is_ascii_punctuation(stripped.front())) {
    stripped.remove_prefix(1);
  }
  while (!stripped.empty() && is_ascii_punctuation(stripped.back())) {
    stripped.remove_suffix(1);
  }
  return detail::code_point_count(stripped) <= 2 ? token : stripped;
}

double normalize(double score) {
  const double normalized = score / std::sqrt(score * score + detail::kNormalizeAlpha);
  return std::clamp(normalized, -1.0, 1.0);
}

}  // namespace

const char* vader_label(double compound) {
  if (compound >= kVaderPositiveThreshold) {
    return "positive";
  }
  if (compound <= -kVaderPositiveThreshold) {
    return "negative";
  }
  return "neutral";
}

struct LexiconSentimentScorer::State {
  detail::VaderLexicon lexicon;
  std::string name;
  // Buffers reused from text to text.
  std::vector<std::string_view> tokens;
  std::vector<std::string_view> lower;
  std::string lower_arena;
  std::vector<double> sentiments;
  std::string phrase;
  std::string scratch;

  void tokenize(std::string_view text) {
    tokens.clear();
    size_t pos = 0;
    size_t start = std::string_view::npos;
    while (pos < text.size()) {
      const size_t here = pos;
      const char32_t cp = detail::next_code_point(text, pos);
      if (detail::is_space(cp)) {
        if (start != std::string_view::npos) {
          tokens.push_back(strip_punctuation_if_word(text.substr(start, here - start)));
          start = std::string_view::npos;
        }
      } else if (start == std::string_view::npos) {
        start = here;
      }
    }
    if (start != std::string_view::npos) {
      tokens.push_back(strip_punctuation_if_word(text.substr(start)));
    }
    // Lower-case forms in one arena; views are taken after it stops growing.
    lower_arena.clear();
    std::vector<size_t>& ends = offsets_;
    ends.clear();
    for (std::string_view token : tokens) {
      detail::to_lower(token, scratch);
      lower_arena += scratch;
      ends.push_back(lower_arena.size());
    }
    lower.clear();
    size_t begin = 0;
    for (size_t end : ends) {
      lower.emplace_back(lower_arena.data() + begin, end - begin);
      begin = end;
    }
  }

  bool in_lexicon(size_t idx) const { return lexicon.contains(lower[idx]); }

  double scalar_inc_dec(size_t idx, double valence, bool cap_differential) const {
    const auto booster = detail::booster_scalar(lower[idx]);
    if (!booster) {
      return 0.0;
    }
    double scalar = valence < 0 ? -*booster : *booster;
    if (cap_differential && detail::is_upper(tokens[idx])) {
      scalar += valence > 0 ? detail::kCapsIncrement : -detail::kCapsIncrement;
    }
    return scalar;
  }

  double negation_check(double valence, size_t start_i, size_t i) const {
    auto is = [&](size_t idx, std::string_view word) { return lower[idx] == word; };
    if (start_i == 0) {
      if (detail::is_negation(lower[i - 1])) {
        valence *= kNegationScalar;
      }
    } else if (start_i == 1) {
      if (is(i - 2, "never") && (is(i - 1, "so") || is(i - 1, "this"))) {
        valence *= 1.25;
      } else if (is(i - 2, "without") && is(i - 1, "doubt")) {
        // "without doubt" affirms
      } else if (detail::is_negation(lower[i - 2])) {
        valence *= kNegationScalar;
      }
    } else {
      if ((is(i - 3, "never") && (is(i - 2, "so") || is(i - 2, "this"))) || is(i - 1, "so") || is(i - 1, "this")) {
        valence *= 1.25;
      } else if (is(i - 3, "without") && (is(i - 2, "doubt") || is(i - 1, "doubt"))) {
        // "without a doubt" affirms
      } else if (detail::is_negation(lower[i - 3])) {
        valence *= kNegationScalar;
      }
    }
    return valence;
  }

  std::string_view join(size_t first, size_t last) {
    phrase.clear();
    for (size_t idx = first; idx <= last; ++idx) {
      if (idx > first) {
        phrase += ' ';
      }
      phrase += lower[idx];
    }
    return phrase;
  }

  // Only reached with i ≥ 3 (the third look-back), as in the reference.
  double special_idioms_check(double valence, size_t i) {
    struct Span {
      size_t first;
      size_t last;
    };
    // onezero, twoonezero, twoone, threetwoone, threetwo: the first match wins.
    const Span preceding[] = {{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}};
    for (const Span& span : preceding) {
      if (auto special = detail::special_case_valence(join(span.first, span.last))) {
        valence = *special;
        break;
      }
    }
    const size_t n = lower.size();
    if (n - 1 > i) {
      if (auto special = detail::special_case_valence(join(i, i + 1))) {
        valence = *special;
      }
    }
    if (n - 1 > i + 1) {
      if (auto special = detail::special_case_valence(join(i, i + 2))) {
        valence = *special;
      }
    }
    // Two-word boosters and dampeners ("kind of", "sort of", "just enough") before the word.
    for (const Span& span : {Span{i - 3, i - 1}, Span{i - 3, i - 2}, Span{i - 2, i - 1}}) {
      if (auto booster = detail::booster_scalar(join(span.first, span.last))) {
        valence += *booster;
      }
    }
    return valence;
  }

  double least_check(double valence, size_t i) const {
    if (i > 1 && lower[i - 1] == "least" && !in_lexicon(i - 1)) {
      if (lower[i - 2] != "at" && lower[i - 2] != "very") {
        valence *= kNegationScalar;
      }
    } else if (i > 0 && lower[i - 1] == "least" && !in_lexicon(i - 1)) {
      valence *= kNegationScalar;
    }
    return valence;
  }

  double sentiment_valence(size_t i, bool cap_differential) {
    const auto base = lexicon.find(lower[i]);
    if (!base) {
      return 0.0;
    }
    double valence = *base;
    const size_t n = lower.size();
    // "no" before a rated word negates it rather than counting as negative itself.
    if (lower[i] == "no" && i + 1 < n && in_lexicon(i + 1)) {
      valence = 0.0;
    }
    if ((i > 0 && lower[i - 1] == "no") || (i > 1 && lower[i - 2] == "no") ||
        (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor"))) {
      valence = *base * kNegationScalar;
    }
    if (cap_differential && detail::is_upper(tokens[i])) {
      valence += valence > 0 ? detail::kCapsIncrement : -detail::kCapsIncrement;
    }
    for (size_t start_i = 0; start_i < 3; ++start_i) {
      if (i <= start_i || in_lexicon(i - start_i - 1)) {
        continue;
      }
      // Modifiers further from the word count for less.
      double scalar = scalar_inc_dec(i - start_i - 1, valence, cap_differential);
      if (start_i == 1 && scalar != 0) {
        scalar *= 0.95;
      } else if (start_i == 2 && scalar != 0) {
        scalar *= 0.9;
      }
      valence += scalar;
      valence = negation_check(valence, start_i, i);
      if (start_i == 2) {
        valence = special_idioms_check(valence, i);
      }
    }
    return least_check(valence, i);
  }

  VaderScores score_one(std::string_view text) {
    tokenize(text);
    const size_t n = tokens.size();
    size_t all_caps = 0;
    for (std::string_view token : tokens) {
      all_caps += detail::is_upper(token) ? 1 : 0;
    }
    // Capitals emphasise only when some words, not all, are in capitals.
    const bool cap_differential = n - all_caps > 0 && n - all_caps < n;

    sentiments.clear();
    for (size_t i = 0; i < n; ++i) {
      if (detail::booster_scalar(lower[i]) || (i + 1 < n && lower[i] == "kind" && lower[i + 1] == "of")) {
        sentiments.push_back(0.0);  // a modifier, not a sentiment of its own
        continue;
      }
      sentiments.push_back(sentiment_valence(i, cap_differential));
    }
    // "but" shifts the weight to what follows it. (The reference finds each value's position
    // with list.index(), which can pick an earlier equal value; this scales by position, as the
    // rule intends and as the JavaScript port does.)
    for (size_t idx = 0; idx < n; ++idx) {
      if (lower[idx] == "but") {
        for (size_t j = 0; j < n; ++j) {
          sentiments[j] *= j < idx ? 0.5 : (j > idx ? 1.5 : 1.0);
        }
        break;
      }
    }
    return score_valence(text);
  }

  VaderScores score_valence(std::string_view text) const {
    VaderScores out;
    if (sentiments.empty()) {
      return out;
    }
    double sum = 0.0;
    for (double s : sentiments) {
      sum += s;
    }
    size_t exclamations = 0;
    size_t questions = 0;
    for (char ch : text) {
      exclamations += ch == '!' ? 1 : 0;
      questions += ch == '?' ? 1 : 0;
    }
    double emphasis = static_cast<double>(std::min<size_t>(exclamations, 4)) * detail::kExclamationIncrement;
    if (questions > 1) {
      emphasis += questions <= 3 ? static_cast<double>(questions) * detail::kQuestionIncrement : detail::kQuestionCap;
    }
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    out.compound = normalize(sum);
    double positive = 0.0;
    double negative = 0.0;
    double neutral = 0.0;
    for (double s : sentiments) {
      if (s > 0) {
        positive += s + 1;  // +1 compensates for neutral words counted as 1
      } else if (s < 0) {
        negative += s - 1;
      } else {
        neutral += 1;
      }
    }
    if (positive > std::fabs(negative)) {
      positive += emphasis;
    } else if (positive < std::fabs(negative)) {
      negative -= emphasis;
    }
    const double total = positive + std::fabs(negative) + neutral;
    out.positive = std::fabs(positive / total);
    out.negative = std::fabs(negative / total);
    out.neutral = std::fabs(neutral / total);
    return out;
  }

 private:
  std::vector<size_t> offsets_;
};

LexiconSentimentScorer::LexiconSentimentScorer(std::unique_ptr<State> state) : state_(std::move(state)) {}
LexiconSentimentScorer::~LexiconSentimentScorer() = default;

Result<std::unique_ptr<LexiconSentimentScorer>> LexiconSentimentScorer::create() {
  return guard([]() -> Result<std::unique_ptr<LexiconSentimentScorer>> {
    auto lexicon = detail::VaderLexicon::embedded();
    if (!lexicon.ok()) {
      return lexicon.error();
    }
    auto state = std::make_unique<State>();
    state->lexicon = std::move(*lexicon);
    state->name = fmt::format("vader-lexicon 3.3.2 ({})", detail::vader_lexicon_source());
    return std::unique_ptr<LexiconSentimentScorer>(new LexiconSentimentScorer(std::move(state)));
  });
}

std::string LexiconSentimentScorer::model_name() const { return state_->name; }

VaderScores LexiconSentimentScorer::polarity_scores(std::string_view text) { return state_->score_one(text); }

Result<std::vector<SentimentResult>> LexiconSentimentScorer::score(std::span<const std::string> texts) {
  return guard([&]() -> Result<std::vector<SentimentResult>> {
    std::vector<SentimentResult> out;
    out.reserve(texts.size());
    for (const auto& text : texts) {
      const double compound = state_->score_one(text).compound;
      out.push_back(SentimentResult{vader_label(compound), std::fabs(compound), compound});
    }
    return out;
  });
}

Result<std::unique_ptr<SentimentScorer>> make_lexicon_scorer() {
  auto scorer = LexiconSentimentScorer::create();
  if (!scorer.ok()) {
    return scorer.error();
  }
  return std::unique_ptr<SentimentScorer>(std::move(*scorer));
}

}  // namespace adpilot::nlp
