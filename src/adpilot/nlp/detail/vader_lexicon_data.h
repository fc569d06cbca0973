// The VADER lexicon's text, embedded at build time (cmake/vader_lexicon.cmake generates the
// definitions from node_modules/vader-sentiment/vader_lexicon.txt).
#pragma once

#include <string_view>

namespace adpilot::nlp::detail {

// "token<TAB>mean valence<TAB>standard deviation<TAB>[ten human ratings]" per line.
std::string_view vader_lexicon_text();
// The npm package the text came from: "vader-sentiment 1.1.3".
std::string_view vader_lexicon_source();

}  // namespace adpilot::nlp::detail
