// Rule-based rewrite suggestions, each answering a lint finding or the copy's sentiment, with
// the reason and, when the account's own data has it, the evidence: shorten a field to fit, drop
// the '!', fix capitals and punctuation, add a call to action, replace weak words, add the brand
// or the keyword, split a long sentence, reconsider a negative tone.
//
// Example:
//   const auto findings = nlp::lint_ad(ad);
//   for (const auto& s : nlp::suggest_rewrites(ad, findings, {})) {
//     fmt::print("{} {}: {} → {} ({})\n", s.ad_id, s.field, s.original, s.suggested, s.reason);
//   }
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/nlp/ad_copy.h"
#include "adpilot/nlp/copy_features.h"
#include "adpilot/nlp/copy_lint.h"

namespace adpilot::nlp {

struct Suggestion {
  std::string ad_id;
  std::string field;      // the field to change; "" for the whole ad
  std::string kind;       // shorten, remove_exclamation, fix_capitals, fix_punctuation,
                          // remove_symbols, rewrite_duplicate, add_call_to_action, add_number,
                          // replace_weak_words, add_headline, split_sentence, tone
  std::string rule_id;    // the finding it answers; "" for the tone suggestion
  std::string original;   // the field's text now ("" for a whole-ad suggestion)
  std::string suggested;  // the proposed text; "" when it is advice only
  std::string reason;
};

struct SuggestContext {
  std::optional<double> sentiment;        // the ad's polarity in [-1, 1]
  std::string sentiment_model;            // named in the tone suggestion's reason
  std::string call_to_action = "Shop now";  // what to add: the account's most common CTA
  const FeatureReport* evidence = nullptr;  // copy-vs-performance figures, when joined
  LintOptions lint;
};

// Suggestions for one ad from its findings (as lint_ad gave them). Every suggested text fits the
// platform's character limit for its field, except a fix to a field already over it (that field
// has its own "shorten" suggestion).
std::vector<Suggestion> suggest_rewrites(const AdCopy& ad, std::span<const LintFinding> findings,
                                         const SuggestContext& context = {});

// The text cut to at most `limit` characters as the platform counts them, in this order until it
// fits: filler words dropped, "and" → "&" (headline-sized limits only), the longest sentence
// without a call to action dropped (when there are several), then the last clauses and words of
// that sentence. Never cuts inside a word and keeps the call to action; returns the text
// unchanged when it already fits.
std::string shorten_to_fit(std::string_view text, Platform platform, size_t limit);

}  // namespace adpilot::nlp
