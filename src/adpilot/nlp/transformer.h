// Transformer encoders for sequence classification, run by our own code: DistilBERT
// (DistilBertForSequenceClassification) and BERT (BertForSequenceClassification) from a Hugging
// Face checkpoint folder — config.json, vocab.txt, model.safetensors (F32, F16 or BF16) and
// optionally tokenizer_config.json.
//
//   auto model = load_model("models/distilbert-sst2", default_params());
//   auto predictions = model->predict(texts);  // labels from id2label, softmax probabilities
//
// Loading, in order: (1) config.json → ModelConfig, (2) vocab.txt + tokenizer_config.json →
// tokenizer, (3) model.safetensors mapped and its header checked, (4) every tensor the
// architecture needs checked by name, dtype and shape, then converted (F16/BF16 → F32) or used
// in place (F32), reporting progress.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/nlp/tokenizer.h"

namespace adpilot::nlp {

enum class Architecture : uint8_t { kDistilBert, kBert };

struct ModelConfig {
  Architecture architecture = Architecture::kDistilBert;
  std::string name;  // config.json's _name_or_path, else the folder name
  int vocab_size = 0;
  int hidden = 0;
  int heads = 0;
  int layers = 0;
  int ffn = 0;  // intermediate size
  int max_positions = 0;
  int type_vocab_size = 0;  // BERT's token types (segment ids); we always use type 0
  float layer_norm_eps = 1e-12f;
  std::string activation;           // "gelu", "gelu_new" (tanh form) or "relu"
  std::vector<std::string> labels;  // id2label in id order
};

// Threading of the linear layers: split over adpilot's pool (each thread one BLAS call on a
// column slice), or one BLAS call that OpenBLAS threads itself.
enum class GemmThreading : uint8_t { kPool, kBlas };

struct ModelParams {
  int threads = 0;  // 0: every core
  GemmThreading gemm_threading = GemmThreading::kPool;
  int max_batch = 32;  // texts per forward pass in predict()
  // Called during the load with the fraction done in [0, 1]; returning false cancels the load.
  std::function<bool(float)> progress;
};

ModelParams default_params();

struct Prediction {
  int label = 0;  // argmax index into ModelConfig::labels
  std::vector<float> logits;
  std::vector<float> probabilities;  // softmax of logits
};

namespace detail {
struct ModelState;
}

class Model {
 public:
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  const ModelConfig& config() const;
  const WordPieceTokenizer& tokenizer() const;
  int max_length() const;  // tokens per text, [CLS] and [SEP] included
  // Bytes of weights held in memory (F16/BF16 converted to F32, fused attention weights);
  // F32 weights read in place from the mapped file are not counted.
  size_t owned_weight_bytes() const;

  // Logits [batch × labels], row-major. Rows whose mask is all zero are an error; masked
  // positions never influence the others, as in Hugging Face. Not thread-safe: one forward
  // at a time (buffers are reused from call to call).
  Result<std::vector<float>> forward(const TokenBatch& batch);
  // Tokenizes, batches texts of similar length together (max_batch per pass), runs forward and
  // applies softmax. Predictions come back in the order of texts.
  Result<std::vector<Prediction>> predict(std::span<const std::string> texts);

 private:
  friend Result<Model> load_model(const std::string& dir, const ModelParams& params);
  explicit Model(std::unique_ptr<detail::ModelState> state);
  std::unique_ptr<detail::ModelState> state_;
};

// Loads a checkpoint folder (see the top of this file). Errors name the file and, for a tensor,
// its name (context.field): a missing tensor, a wrong shape, an unsupported dtype, a truncated
// file, a config value out of range.
Result<Model> load_model(const std::string& dir, const ModelParams& params);

// config.json alone (used by load_model; public for tools that only inspect a checkpoint).
Result<ModelConfig> read_model_config(const std::string& dir);

}  // namespace adpilot::nlp
