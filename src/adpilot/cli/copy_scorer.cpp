#include "adpilot/cli/copy_scorer.h"

#include "adpilot/nlp/lexicon_sentiment.h"
#include "adpilot/nlp/transformer_sentiment.h"

namespace adpilot::cli {

Result<std::unique_ptr<nlp::SentimentScorer>> make_copy_scorer(const Settings& settings) {
  return make_copy_scorer(settings.text("model"), static_cast<int>(settings.integer("threads")), "--model");
}

Result<std::unique_ptr<nlp::SentimentScorer>> make_copy_scorer(const std::string& model_dir, int threads,
                                                               const std::string& option) {
  if (model_dir.empty()) {
    return nlp::make_lexicon_scorer();
  }
  auto scorer = nlp::make_transformer_scorer(model_dir, threads);
  if (!scorer.ok()) {
    Error error = scorer.error();
    error.context.option = option;
    if (error.hint.empty()) {
      error.hint = "a Hugging Face checkpoint folder (config.json, vocab.txt, model.safetensors); leave out " + option +
                   " to score with the built-in VADER lexicon";
    }
    return error;
  }
  return scorer;
}

}  // namespace adpilot::cli
