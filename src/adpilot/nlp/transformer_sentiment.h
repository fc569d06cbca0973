// Sentiment from a transformer checkpoint through the SentimentScorer interface: any
// DistilBERT/BERT sequence classifier (transformer.h), typically
// distilbert-base-uncased-finetuned-sst-2-english. Labels come from config.json's id2label;
// polarity is P(POSITIVE) − P(NEGATIVE) when both labels exist (case-insensitive), else 0.
//
// Example:
//   auto scorer = nlp::make_transformer_scorer("models/distilbert-sst2", 0);
//   auto results = (*scorer)->score(texts);  // label NEGATIVE/POSITIVE, score = its probability
#pragma once

#include <memory>
#include <string>

#include "adpilot/core/result.h"
#include "adpilot/nlp/sentiment.h"

namespace adpilot::nlp {

// Loads the checkpoint folder (errors as load_model's); threads 0 means every core.
// model_name(): "NAME (transformer, DIR)", NAME being config.json's _name_or_path or the
// folder's name.
Result<std::unique_ptr<SentimentScorer>> make_transformer_scorer(const std::string& model_dir,
                                                                 int threads);

}  // namespace adpilot::nlp
