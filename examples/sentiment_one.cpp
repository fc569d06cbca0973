// The smallest program that runs the transformer: sentiment of one sentence.
//
//   adpilot_sentiment_one MODEL_DIR "Free shipping on every order!"
//   → POSITIVE 0.9987  (distilbert-base-uncased-finetuned-sst-2-english)
//
// MODEL_DIR is a Hugging Face checkpoint folder (config.json, vocab.txt, model.safetensors);
// docs/nlp.md shows how to download one.
#include <cstdio>
#include <string>
#include <vector>

#include "adpilot/nlp/transformer.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MODEL_DIR TEXT\n", argv[0]);
    return 2;
  }
  auto model = adpilot::nlp::load_model(argv[1], adpilot::nlp::default_params());
  if (!model.ok()) {
    std::fprintf(stderr, "error: %s\n", model.error().to_string().c_str());
    return 2;
  }
  const std::vector<std::string> texts{argv[2]};
  auto predictions = model->predict(texts);
  if (!predictions.ok()) {
    std::fprintf(stderr, "error: %s\n", predictions.error().to_string().c_str());
    return 1;
  }
  const adpilot::nlp::Prediction& prediction = predictions->front();
  const auto label = static_cast<size_t>(prediction.label);
  std::printf("%s %.4f  (%s)\n", model->config().labels[label].c_str(),
              static_cast<double>(prediction.probabilities[label]), model->config().name.c_str());
  return 0;
}
