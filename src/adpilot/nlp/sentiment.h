// Sentiment of short texts (ad copy), from whichever scorer is available: a transformer
// checkpoint given by the user (transformer_sentiment.h) or the built-in lexicon scorer
// (lexicon_sentiment.h). Every result names the model that produced it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::nlp {

struct SentimentResult {
  std::string label;      // the scorer's label: "POSITIVE"/"NEGATIVE" (transformer id2label) or
                          // "positive"/"neutral"/"negative" (lexicon)
  double score = 0.0;     // probability of `label` (transformer) or |compound| (lexicon), in [0,1]
  double polarity = 0.0;  // in [-1,1]: P(pos) - P(neg) for a transformer, VADER's compound
};

class SentimentScorer {
 public:
  virtual ~SentimentScorer() = default;
  // What produced the scores, for every output: "vader-lexicon 3.3.2", "distilbert (DIR)".
  virtual std::string model_name() const = 0;
  virtual Result<std::vector<SentimentResult>> score(std::span<const std::string> texts) = 0;
};

}  // namespace adpilot::nlp
