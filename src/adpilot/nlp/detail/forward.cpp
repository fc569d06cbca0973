// The forward pass on a packed batch (post-LayerNorm encoder, as DistilBERT and BERT):
//   1. pack: keep the tokens whose mask is 1, with their original positions;
//   2. embeddings: word + position (+ token type 0), LayerNorm;
//   3. every layer but the last on all tokens: fused QKV GEMM, attention per (sequence, head),
//      output projection + residual + LayerNorm, FFN (GEMM + bias + activation, GEMM) +
//      residual + LayerNorm;
//   4. the last layer on the [CLS] rows only (K and V still from every token): the classifier
//      reads nothing else, so the rest would be wasted work;
//   5. head: pre_classifier + ReLU (DistilBERT) or pooler + tanh (BERT), then the classifier.
// Masked positions are dropped in step 1: they are never keys, so they cannot change any other
// token, which is exactly what Hugging Face's additive mask does.
#include <fmt/format.h>

#include <algorithm>

#include "adpilot/nlp/detail/model_state.h"

namespace adpilot::nlp::detail {

namespace {

template <typename T>
T* sized(std::vector<T>& buffer, size_t count) {
  if (buffer.size() < count) {
    buffer.resize(count);
  }
  return buffer.data();
}

// Rows [0, rows) split into about four chunks per thread.
template <typename Fn>
void parallel_rows(ThreadPool& pool, int rows, Fn&& fn) {
  const int chunks = std::min(rows, pool.size() * 4);
  if (chunks <= 0) {
    return;
  }
  pool.run(chunks, [&](int chunk, int) {
    const int begin = static_cast<int>(static_cast<int64_t>(rows) * chunk / chunks);
    const int end = static_cast<int>(static_cast<int64_t>(rows) * (chunk + 1) / chunks);
    for (int row = begin; row < end; ++row) {
      fn(row);
    }
  });
}

class Forward {
 public:
  explicit Forward(ModelState& state)
      : s_(state), c_(state.config), w_(state.weights), ws_(state.workspace), pool_(state.pool) {
    hidden_ = c_.hidden;
    head_dim_ = c_.hidden / c_.heads;
  }

  Result<std::vector<float>> run(const TokenBatch& batch) {
    if (auto packed = pack(batch); !packed.ok()) {
      return packed.error();
    }
    if (batch_ == 0) {
      return std::vector<float>();
    }
    embed();
    const int layers = c_.layers;
    for (int layer = 0; layer + 1 < layers; ++layer) {
      full_layer(w_.layers[static_cast<size_t>(layer)]);
    }
    gather_cls();
    if (layers > 0) {
      cls_layer(w_.layers[static_cast<size_t>(layers - 1)]);
    }
    return classify();
  }

 private:
  void matmul(int m, int n, int k, const float* a, int lda, const float* weight, const float* bias,
              Activation activation, float* c, int ldc) {
    linear(pool_, m, n, k, a, lda, weight, bias, activation, c, ldc,
           s_.gemm_threading == GemmThreading::kPool);
  }

  Result<void> pack(const TokenBatch& batch) {
    if (batch.batch < 0 || batch.seq_len < 0 ||
        batch.ids.size() != static_cast<size_t>(batch.batch) * static_cast<size_t>(batch.seq_len) ||
        batch.mask.size() != batch.ids.size()) {
      return make_error(
          ErrorCode::kInvalidArgument,
          fmt::format("the batch holds {} ids and {} mask values for {} × {}", batch.ids.size(),
                      batch.mask.size(), batch.batch, batch.seq_len));
    }
    if (batch.seq_len > c_.max_positions) {
      return make_error(
          ErrorCode::kInvalidArgument,
          fmt::format("sequences of {} tokens are longer than the model's {} positions",
                      batch.seq_len, c_.max_positions),
          {}, "truncate the texts (max_length)");
    }
    batch_ = batch.batch;
    ws_.token_ids.clear();
    ws_.positions.clear();
    ws_.sequence_offset.assign(static_cast<size_t>(batch_), 0);
    ws_.sequence_length.assign(static_cast<size_t>(batch_), 0);
    longest_ = 0;
    for (int row = 0; row < batch_; ++row) {
      ws_.sequence_offset[static_cast<size_t>(row)] = static_cast<int32_t>(ws_.token_ids.size());
      for (int pos = 0; pos < batch.seq_len; ++pos) {
        const size_t cell = static_cast<size_t>(row) * static_cast<size_t>(batch.seq_len) +
                            static_cast<size_t>(pos);
        if (batch.mask[cell] == 0) {
          continue;
        }
        const int32_t id = batch.ids[cell];
        if (id < 0 || id >= c_.vocab_size) {
          return make_error(ErrorCode::kInvalidArgument,
                            fmt::format("token id {} (text {}, position {}) is outside the "
                                        "vocabulary of {}",
                                        id, row, pos, c_.vocab_size));
        }
        ws_.token_ids.push_back(id);
        ws_.positions.push_back(pos);
      }
      const int32_t length = static_cast<int32_t>(ws_.token_ids.size()) -
                             ws_.sequence_offset[static_cast<size_t>(row)];
      if (length == 0 ||
          batch.mask[static_cast<size_t>(row) * static_cast<size_t>(batch.seq_len)] == 0) {
        return make_error(ErrorCode::kInvalidArgument,
                          fmt::format("text {} has no unmasked first token: the classifier reads "
                                      "position 0 ([CLS])",
                                      row));
      }
      ws_.sequence_length[static_cast<size_t>(row)] = length;
      longest_ = std::max(longest_, static_cast<int>(length));
    }
    tokens_ = static_cast<int>(ws_.token_ids.size());
    const auto t = static_cast<size_t>(tokens_);
    const auto d = static_cast<size_t>(hidden_);
    sized(ws_.x, t * d);
    sized(ws_.qkv, t * 3 * d);
    sized(ws_.context, t * d);
    sized(ws_.projected, t * d);
    sized(ws_.ffn, t * static_cast<size_t>(c_.ffn));
    ws_.scores.resize(static_cast<size_t>(pool_.size()));
    for (auto& scores : ws_.scores) {
      sized(scores, static_cast<size_t>(longest_) * static_cast<size_t>(longest_));
    }
    const auto b = static_cast<size_t>(batch_);
    sized(ws_.cls_x, b * d);
    sized(ws_.cls_q, b * d);
    sized(ws_.cls_context, b * d);
    sized(ws_.cls_projected, b * d);
    sized(ws_.cls_ffn, b * static_cast<size_t>(c_.ffn));
    sized(ws_.head, b * d);
    return {};
  }

  void embed() {
    float* x = ws_.x.data();
    const size_t d = static_cast<size_t>(hidden_);
    parallel_rows(pool_, tokens_, [&](int token) {
      float* row = x + static_cast<size_t>(token) * d;
      const float* word =
          w_.word_embeddings + static_cast<size_t>(ws_.token_ids[static_cast<size_t>(token)]) * d;
      const float* position = w_.position_embeddings +
                              static_cast<size_t>(ws_.positions[static_cast<size_t>(token)]) * d;
      for (size_t col = 0; col < d; ++col) {
        row[col] = word[col] + position[col];
      }
      add_layer_norm_row(row, w_.type_embedding, nullptr, w_.embedding_norm_gain,
                         w_.embedding_norm_shift, hidden_, c_.layer_norm_eps);
    });
  }

  void full_layer(const LayerWeights& lw) {
    const int d = hidden_;
    const int t = tokens_;
    float* x = ws_.x.data();
    float* qkv = ws_.qkv.data();
    matmul(t, 3 * d, d, x, d, lw.qkv_weight, lw.qkv_bias, Activation::kNone, qkv, 3 * d);
    // Attention: one task per (sequence, head).
    float* context = ws_.context.data();
    pool_.run(batch_ * c_.heads, [&](int task, int thread) {
      const int row = task / c_.heads;
      const int head = task % c_.heads;
      const int offset = ws_.sequence_offset[static_cast<size_t>(row)];
      const int length = ws_.sequence_length[static_cast<size_t>(row)];
      const float* q = qkv + static_cast<ptrdiff_t>(offset) * 3 * d + head * head_dim_;
      attention_head(q, 3 * d, q + d, 3 * d, q + 2 * d, 3 * d, length, length, head_dim_,
                     ws_.scores[static_cast<size_t>(thread)].data(),
                     context + static_cast<ptrdiff_t>(offset) * d + head * head_dim_, d);
    });
    float* projected = ws_.projected.data();
    matmul(t, d, d, context, d, lw.out_weight, nullptr, Activation::kNone, projected, d);
    parallel_rows(pool_, t, [&](int token) {
      add_layer_norm_row(x + static_cast<ptrdiff_t>(token) * d,
                         projected + static_cast<ptrdiff_t>(token) * d, lw.out_bias,
                         lw.attention_norm_gain, lw.attention_norm_shift, d, c_.layer_norm_eps);
    });
    feed_forward(lw, t, x, ws_.ffn.data(), projected);
  }

  void feed_forward(const LayerWeights& lw, int rows, float* x, float* ffn, float* projected) {
    const int d = hidden_;
    const int f = c_.ffn;
    matmul(rows, f, d, x, d, lw.ffn_in_weight, lw.ffn_in_bias, s_.ffn_activation, ffn, f);
    matmul(rows, d, f, ffn, f, lw.ffn_out_weight, nullptr, Activation::kNone, projected, d);
    parallel_rows(pool_, rows, [&](int row) {
      add_layer_norm_row(x + static_cast<ptrdiff_t>(row) * d,
                         projected + static_cast<ptrdiff_t>(row) * d, lw.ffn_out_bias,
                         lw.output_norm_gain, lw.output_norm_shift, d, c_.layer_norm_eps);
    });
  }

  void gather_cls() {
    const auto d = static_cast<size_t>(hidden_);
    for (int row = 0; row < batch_; ++row) {
      const auto offset = static_cast<size_t>(ws_.sequence_offset[static_cast<size_t>(row)]);
      std::copy_n(ws_.x.data() + offset * d, d, ws_.cls_x.data() + static_cast<size_t>(row) * d);
    }
  }

  void cls_layer(const LayerWeights& lw) {
    const int d = hidden_;
    const int t = tokens_;
    const int b = batch_;
    // K and V of every token (rows d..3d of the fused weight), Q of the [CLS] rows only.
    float* qkv = ws_.qkv.data();
    matmul(t, 2 * d, d, ws_.x.data(), d, lw.qkv_weight + static_cast<ptrdiff_t>(d) * d,
           lw.qkv_bias + d, Activation::kNone, qkv + d, 3 * d);
    float* cls_x = ws_.cls_x.data();
    float* cls_q = ws_.cls_q.data();
    matmul(b, d, d, cls_x, d, lw.qkv_weight, lw.qkv_bias, Activation::kNone, cls_q, d);
    float* context = ws_.cls_context.data();
    pool_.run(b * c_.heads, [&](int task, int thread) {
      const int row = task / c_.heads;
      const int head = task % c_.heads;
      const int offset = ws_.sequence_offset[static_cast<size_t>(row)];
      const int length = ws_.sequence_length[static_cast<size_t>(row)];
      const float* kv = qkv + static_cast<ptrdiff_t>(offset) * 3 * d + head * head_dim_;
      attention_head(cls_q + static_cast<ptrdiff_t>(row) * d + head * head_dim_, d, kv + d, 3 * d,
                     kv + 2 * d, 3 * d, 1, length, head_dim_,
                     ws_.scores[static_cast<size_t>(thread)].data(),
                     context + static_cast<ptrdiff_t>(row) * d + head * head_dim_, d);
    });
    float* projected = ws_.cls_projected.data();
    matmul(b, d, d, context, d, lw.out_weight, nullptr, Activation::kNone, projected, d);
    for (int row = 0; row < b; ++row) {
      add_layer_norm_row(cls_x + static_cast<ptrdiff_t>(row) * d,
                         projected + static_cast<ptrdiff_t>(row) * d, lw.out_bias,
                         lw.attention_norm_gain, lw.attention_norm_shift, d, c_.layer_norm_eps);
    }
    feed_forward(lw, b, cls_x, ws_.cls_ffn.data(), projected);
  }

  std::vector<float> classify() {
    const int d = hidden_;
    const int b = batch_;
    const int labels = static_cast<int>(c_.labels.size());
    float* head = ws_.head.data();
    matmul(b, d, d, ws_.cls_x.data(), d, w_.head_weight, w_.head_bias, w_.head_activation, head, d);
    std::vector<float> logits(static_cast<size_t>(b) * static_cast<size_t>(labels));
    matmul(b, labels, d, head, d, w_.classifier_weight, w_.classifier_bias, Activation::kNone,
           logits.data(), labels);
    return logits;
  }

  ModelState& s_;
  const ModelConfig& c_;
  const Weights& w_;
  Workspace& ws_;
  ThreadPool& pool_;
  int hidden_ = 0;
  int head_dim_ = 0;
  int batch_ = 0;
  int tokens_ = 0;
  int longest_ = 0;
};

}  // namespace

Result<std::vector<float>> run_forward(ModelState& state, const TokenBatch& batch) {
  return guard([&] { return Forward(state).run(batch); });
}

}  // namespace adpilot::nlp::detail
