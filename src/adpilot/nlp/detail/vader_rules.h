// VADER's word lists and constants (Hutto & Gilbert, ICWSM 2014; rules of the reference
// implementation, vaderSentiment 3.3.2): degree adverbs that raise or lower the next word's
// intensity, negations, and idioms whose meaning differs from their words'.
#pragma once

#include <optional>
#include <string_view>

namespace adpilot::nlp::detail {

// Empirically derived intensity changes from the paper's human ratings.
inline constexpr double kBoosterIncrement = 0.293;   // "very good" vs "good"
inline constexpr double kBoosterDecrement = -0.293;  // "kind of good"
inline constexpr double kCapsIncrement = 0.733;      // "GOOD" among lower-case words
inline constexpr double kNegationScalar = -0.74;     // "not good" ≈ −0.74 × "good"
inline constexpr double kExclamationIncrement = 0.292;  // per '!', up to four
inline constexpr double kQuestionIncrement = 0.18;      // per '?', for two or three
inline constexpr double kQuestionCap = 0.96;            // four or more
inline constexpr double kNormalizeAlpha = 15.0;

// The intensity change of a booster or dampener ("very", "barely", "sort of"), or nullopt.
std::optional<double> booster_scalar(std::string_view lower);

// "not", "never", "isn't", … and any word containing "n't".
bool is_negation(std::string_view lower);

// Phrases with their own valence ("the bomb", "kiss of death", "bus stop"), or nullopt.
std::optional<double> special_case_valence(std::string_view lower_phrase);

}  // namespace adpilot::nlp::detail
