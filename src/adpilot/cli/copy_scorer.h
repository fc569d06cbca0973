// The sentiment scorer `adpilot copy` uses: the transformer checkpoint given by --model, or the
// built-in VADER lexicon. Every output names it.
#pragma once

#include <memory>

#include "adpilot/cli/commands.h"
#include "adpilot/nlp/sentiment.h"

namespace adpilot::cli {

Result<std::unique_ptr<nlp::SentimentScorer>> make_copy_scorer(const Settings& settings);
// The same from a checkpoint folder ("" for the lexicon); option names the flag in errors.
Result<std::unique_ptr<nlp::SentimentScorer>> make_copy_scorer(const std::string& model_dir, int threads,
                                                               const std::string& option);

}  // namespace adpilot::cli
