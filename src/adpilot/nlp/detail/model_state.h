// What a loaded Model holds: config, tokenizer, the mapped file, pointers to every weight (into
// the mapping for F32, into owned buffers for converted or fused ones), the thread pool and the
// buffers a forward pass reuses.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adpilot/nlp/detail/ops.h"
#include "adpilot/nlp/detail/thread_pool.h"
#include "adpilot/nlp/safetensors.h"
#include "adpilot/nlp/tokenizer.h"
#include "adpilot/nlp/transformer.h"

namespace adpilot::nlp::detail {

struct LayerWeights {
  const float* qkv_weight = nullptr;  // [3·hidden × hidden]: Q (scaled by 1/√head_dim), K, V
  const float* qkv_bias = nullptr;    // [3·hidden]
  const float* out_weight = nullptr;  // [hidden × hidden]
  const float* out_bias = nullptr;
  const float* attention_norm_gain = nullptr;
  const float* attention_norm_shift = nullptr;
  const float* ffn_in_weight = nullptr;  // [ffn × hidden]
  const float* ffn_in_bias = nullptr;
  const float* ffn_out_weight = nullptr;  // [hidden × ffn]
  const float* ffn_out_bias = nullptr;
  const float* output_norm_gain = nullptr;
  const float* output_norm_shift = nullptr;
};

struct Weights {
  const float* word_embeddings = nullptr;      // [vocab × hidden]
  const float* position_embeddings = nullptr;  // [max_positions × hidden]
  const float* type_embedding = nullptr;       // BERT: row 0 of token_type_embeddings; else null
  const float* embedding_norm_gain = nullptr;
  const float* embedding_norm_shift = nullptr;
  std::vector<LayerWeights> layers;
  // DistilBERT: pre_classifier + ReLU; BERT: pooler + tanh.
  const float* head_weight = nullptr;
  const float* head_bias = nullptr;
  Activation head_activation = Activation::kRelu;
  const float* classifier_weight = nullptr;  // [labels × hidden]
  const float* classifier_bias = nullptr;
  // Converted and fused tensors; a vector's buffer stays put when the outer vector grows.
  std::vector<std::vector<float>> owned;
  size_t owned_bytes = 0;
};

// The packed batch and activations of the last forward pass, grown on demand and reused.
// Tokens of all sequences sit back to back without padding ("packed"); each sequence attends
// only to its own tokens.
struct Workspace {
  std::vector<int32_t> token_ids;
  std::vector<int32_t> positions;
  std::vector<int32_t> sequence_offset;
  std::vector<int32_t> sequence_length;
  std::vector<float> x;    // [tokens × hidden]
  std::vector<float> qkv;  // [tokens × 3·hidden]
  std::vector<float> context;
  std::vector<float> projected;
  std::vector<float> ffn;  // [tokens × ffn]
  // The last layer runs on the [CLS] rows only: the classifier reads nothing else.
  std::vector<float> cls_x;
  std::vector<float> cls_q;
  std::vector<float> cls_context;
  std::vector<float> cls_projected;
  std::vector<float> cls_ffn;
  std::vector<float> head;
  std::vector<std::vector<float>> scores;  // per thread: [longest × longest]
};

struct ModelState {
  ModelState(ModelConfig config_in, WordPieceTokenizer tokenizer_in, SafetensorsFile file_in,
             int threads)
      : config(std::move(config_in)),
        tokenizer(std::move(tokenizer_in)),
        file(std::move(file_in)),
        pool(threads) {}

  ModelConfig config;
  WordPieceTokenizer tokenizer;
  SafetensorsFile file;
  Weights weights;
  ThreadPool pool;
  Workspace workspace;
  Activation ffn_activation = Activation::kGelu;
  GemmThreading gemm_threading = GemmThreading::kPool;
  int max_length = 512;
  int max_batch = 32;
};

// Phase 2 of load_model: tokenizer options from tokenizer_config.json next to the vocabulary
// (do_lower_case, strip_accents, tokenize_chinese_chars, model_max_length).
Result<WordPieceTokenizer> load_checkpoint_tokenizer(const std::string& dir, int& max_length);

// Phase 4: resolves every tensor of the architecture; errors name the file and the tensor.
Result<void> load_weights(ModelState& state, const std::function<bool(float)>& progress);

// The forward pass: packed batch → logits [batch × labels].
Result<std::vector<float>> run_forward(ModelState& state, const TokenBatch& batch);

}  // namespace adpilot::nlp::detail
