#include "adpilot/nlp/transformer_sentiment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "adpilot/nlp/transformer.h"

namespace adpilot::nlp {

namespace {

bool same_label(const std::string& label, std::string_view wanted) {
  return std::equal(label.begin(), label.end(), wanted.begin(), wanted.end(), [](char a, char b) {
    return std::toupper(static_cast<unsigned char>(a)) ==
           std::toupper(static_cast<unsigned char>(b));
  });
}

int find_label(const std::vector<std::string>& labels, std::string_view wanted) {
  for (size_t i = 0; i < labels.size(); ++i) {
    if (same_label(labels[i], wanted)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

class TransformerSentimentScorer final : public SentimentScorer {
 public:
  TransformerSentimentScorer(Model model, std::string dir)
      : model_(std::move(model)), dir_(std::move(dir)) {
    positive_ = find_label(model_.config().labels, "POSITIVE");
    negative_ = find_label(model_.config().labels, "NEGATIVE");
  }

  std::string model_name() const override {
    return fmt::format("{} (transformer, {})", model_.config().name, dir_);
  }

  Result<std::vector<SentimentResult>> score(std::span<const std::string> texts) override {
    auto predictions = model_.predict(texts);
    if (!predictions.ok()) {
      return predictions.error();
    }
    std::vector<SentimentResult> out;
    out.reserve(predictions->size());
    for (const Prediction& prediction : *predictions) {
      SentimentResult result;
      const auto label = static_cast<size_t>(prediction.label);
      result.label = model_.config().labels[label];
      result.score = prediction.probabilities[label];
      if (positive_ >= 0 && negative_ >= 0) {
        result.polarity =
            static_cast<double>(prediction.probabilities[static_cast<size_t>(positive_)]) -
            static_cast<double>(prediction.probabilities[static_cast<size_t>(negative_)]);
      }
      out.push_back(std::move(result));
    }
    return out;
  }

 private:
  Model model_;
  std::string dir_;
  int positive_ = -1;
  int negative_ = -1;
};

}  // namespace

Result<std::unique_ptr<SentimentScorer>> make_transformer_scorer(const std::string& model_dir,
                                                                 int threads) {
  ModelParams params = default_params();
  params.threads = threads;
  auto model = load_model(model_dir, params);
  if (!model.ok()) {
    return model.error();
  }
  return std::unique_ptr<SentimentScorer>(
      std::make_unique<TransformerSentimentScorer>(std::move(model).value(), model_dir));
}

}  // namespace adpilot::nlp
