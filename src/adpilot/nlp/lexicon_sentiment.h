// The built-in sentiment scorer: VADER (Hutto & Gilbert, ICWSM 2014), a lexicon of ~7,500 rated
// tokens plus rules for degree adverbs, negation, "but", ALL-CAPS emphasis, '!' and '?', and
// idioms, following the reference implementation (vaderSentiment 3.3.2). It needs no model files:
// the lexicon is embedded in the binary. Emoji are scored as plain tokens (the reference first
// replaces them by descriptions from a second lexicon that is not bundled).
//
// Example:
//   auto scorer = nlp::make_lexicon_scorer();
//   auto scores = (*scorer)->score(texts);   // label positive/neutral/negative, score |compound|
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/nlp/sentiment.h"

namespace adpilot::nlp {

// VADER's four numbers: the shares of positive, neutral and negative weight, and the normalised
// sum of valences (compound, in [-1, 1]). Unrounded; the reference rounds to 3 and 4 decimals.
struct VaderScores {
  double negative = 0.0;
  double neutral = 0.0;
  double positive = 0.0;
  double compound = 0.0;
};

// VADER's usual thresholds: compound ≥ 0.05 positive, ≤ −0.05 negative, neutral between.
inline constexpr double kVaderPositiveThreshold = 0.05;
const char* vader_label(double compound);

class LexiconSentimentScorer final : public SentimentScorer {
 public:
  // Parses the embedded lexicon (a few milliseconds); fails only if the embedded text is broken.
  static Result<std::unique_ptr<LexiconSentimentScorer>> create();
  ~LexiconSentimentScorer() override;

  // "vader-lexicon 3.3.2 (vader-sentiment 1.1.3)": the rule version and the lexicon's package.
  std::string model_name() const override;
  Result<std::vector<SentimentResult>> score(std::span<const std::string> texts) override;

  // One text; reuses the scorer's buffers, so it allocates nothing once they have grown.
  VaderScores polarity_scores(std::string_view text);

 private:
  struct State;
  explicit LexiconSentimentScorer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

Result<std::unique_ptr<SentimentScorer>> make_lexicon_scorer();

}  // namespace adpilot::nlp
