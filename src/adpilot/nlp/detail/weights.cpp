// Phase 4 of load_model: find each tensor of the architecture by its Hugging Face name, check
// its shape, and make it float32 (in place when the file already is; converted otherwise). Q, K
// and V are fused into one matrix so a layer issues one GEMM for all three, with Q pre-scaled by
// 1/√head_dim (a power of two for the usual head sizes, so exact).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <cstring>

#include "adpilot/nlp/detail/error_context.h"
#include "adpilot/nlp/detail/model_state.h"

namespace adpilot::nlp::detail {

namespace {

class WeightLoader {
 public:
  WeightLoader(ModelState& state, const std::function<bool(float)>& progress)
      : state_(state), file_(state.file), progress_(progress) {
    for (const auto& tensor : file_.tensors()) {
      total_bytes_ += tensor.end - tensor.begin;
    }
  }

  // The tensor `name` as float32 of exactly `shape`; in place when possible.
  const float* get(const std::string& name, std::initializer_list<int64_t> shape) {
    const TensorInfo& tensor = find(name, shape);
    const std::byte* bytes = file_.data(tensor);
    if (tensor.dtype == DType::kF32 && reinterpret_cast<uintptr_t>(bytes) % alignof(float) == 0) {
      advance(tensor);
      return reinterpret_cast<const float*>(bytes);
    }
    std::vector<float>& out = own(static_cast<size_t>(tensor.numel()));
    convert(tensor, out.data());
    return out.data();
  }

  // Several tensors of equal column count stacked row-wise into one owned matrix; the first
  // `scaled_rows` rows multiplied by scale.
  const float* stack(const std::vector<std::string>& names, std::initializer_list<int64_t> shape,
                     int64_t scaled_rows, float scale) {
    int64_t part_size = 1;
    for (const int64_t dim : shape) {
      part_size *= dim;
    }
    std::vector<float>& out = own(static_cast<size_t>(part_size) * names.size());
    for (size_t part = 0; part < names.size(); ++part) {
      const TensorInfo& tensor = find(names[part], shape);
      convert(tensor, out.data() + part * static_cast<size_t>(part_size));
    }
    const int64_t row_size = shape.size() == 2 ? *(shape.begin() + 1) : 1;
    for (int64_t i = 0; i < scaled_rows * row_size; ++i) {
      out[static_cast<size_t>(i)] *= scale;
    }
    return out.data();
  }

  bool has(const std::string& name) const { return file_.find(name) != nullptr; }

 private:
  const TensorInfo& find(const std::string& name, std::initializer_list<int64_t> shape) {
    const TensorInfo* tensor = file_.find(name);
    if (tensor == nullptr) {
      throw_error(ErrorCode::kSchema, fmt::format("missing tensor '{}'", name),
                  at_file(file_.path()),
                  fmt::format("config.json says {}; is model.safetensors from the same checkpoint?",
                              state_.config.architecture == Architecture::kBert
                                  ? "BertForSequenceClassification"
                                  : "DistilBertForSequenceClassification"));
    }
    if (!std::equal(tensor->shape.begin(), tensor->shape.end(), shape.begin(), shape.end())) {
      throw_error(ErrorCode::kSchema,
                  fmt::format("tensor '{}' has shape {}, but config.json implies [{}]", name,
                              tensor->shape_text(), fmt::join(shape, ", ")),
                  at_file(file_.path()));
    }
    if (tensor->dtype != DType::kF32 && tensor->dtype != DType::kF16 &&
        tensor->dtype != DType::kBF16) {
      throw_error(ErrorCode::kSchema,
                  fmt::format("tensor '{}' has dtype {}; weights must be F32, F16 or BF16", name,
                              dtype_name(tensor->dtype)),
                  at_file(file_.path()));
    }
    return *tensor;
  }

  std::vector<float>& own(size_t count) {
    state_.weights.owned.emplace_back(count);
    state_.weights.owned_bytes += count * sizeof(float);
    return state_.weights.owned.back();
  }

  // Copies (converting) into owned memory; the mapped pages then leave the resident set, so a
  // converted tensor is not held twice.
  void convert(const TensorInfo& tensor, float* out) {
    convert_to_f32(tensor.dtype, file_.data(tensor), static_cast<size_t>(tensor.numel()), out);
    file_.release(tensor);
    advance(tensor);
  }

  void advance(const TensorInfo& tensor) {
    done_bytes_ += tensor.end - tensor.begin;
    if (progress_ && total_bytes_ > 0 &&
        !progress_(static_cast<float>(static_cast<double>(done_bytes_) /
                                      static_cast<double>(total_bytes_)))) {
      throw_error(ErrorCode::kInternal, "loading the model was cancelled", at_file(file_.path()));
    }
  }

  ModelState& state_;
  const SafetensorsFile& file_;
  const std::function<bool(float)>& progress_;
  uint64_t total_bytes_ = 0;
  uint64_t done_bytes_ = 0;
};

// Hugging Face names: the encoder under "distilbert." / "bert." (absent in checkpoints saved
// from the bare encoder class), the classification head at the top level.
std::string encoder_prefix(const WeightLoader& loader, const char* base) {
  const std::string prefixed = std::string(base) + ".embeddings.word_embeddings.weight";
  return loader.has(prefixed) ? std::string(base) + "." : std::string();
}

void load_distilbert(ModelState& state, WeightLoader& loader) {
  const ModelConfig& c = state.config;
  Weights& w = state.weights;
  const int64_t d = c.hidden;
  const int64_t f = c.ffn;
  const std::string p = encoder_prefix(loader, "distilbert");
  w.word_embeddings = loader.get(p + "embeddings.word_embeddings.weight", {c.vocab_size, d});
  w.position_embeddings =
      loader.get(p + "embeddings.position_embeddings.weight", {c.max_positions, d});
  w.embedding_norm_gain = loader.get(p + "embeddings.LayerNorm.weight", {d});
  w.embedding_norm_shift = loader.get(p + "embeddings.LayerNorm.bias", {d});
  const float scale = 1.0f / std::sqrt(static_cast<float>(c.hidden / c.heads));
  for (int layer = 0; layer < c.layers; ++layer) {
    const std::string l = fmt::format("{}transformer.layer.{}.", p, layer);
    LayerWeights lw;
    lw.qkv_weight = loader.stack(
        {l + "attention.q_lin.weight", l + "attention.k_lin.weight", l + "attention.v_lin.weight"},
        {d, d}, d, scale);
    lw.qkv_bias = loader.stack(
        {l + "attention.q_lin.bias", l + "attention.k_lin.bias", l + "attention.v_lin.bias"}, {d},
        d, scale);
    lw.out_weight = loader.get(l + "attention.out_lin.weight", {d, d});
    lw.out_bias = loader.get(l + "attention.out_lin.bias", {d});
    lw.attention_norm_gain = loader.get(l + "sa_layer_norm.weight", {d});
    lw.attention_norm_shift = loader.get(l + "sa_layer_norm.bias", {d});
    lw.ffn_in_weight = loader.get(l + "ffn.lin1.weight", {f, d});
    lw.ffn_in_bias = loader.get(l + "ffn.lin1.bias", {f});
    lw.ffn_out_weight = loader.get(l + "ffn.lin2.weight", {d, f});
    lw.ffn_out_bias = loader.get(l + "ffn.lin2.bias", {d});
    lw.output_norm_gain = loader.get(l + "output_layer_norm.weight", {d});
    lw.output_norm_shift = loader.get(l + "output_layer_norm.bias", {d});
    w.layers.push_back(lw);
  }
  w.head_weight = loader.get("pre_classifier.weight", {d, d});
  w.head_bias = loader.get("pre_classifier.bias", {d});
  w.head_activation = Activation::kRelu;
}

void load_bert(ModelState& state, WeightLoader& loader) {
  const ModelConfig& c = state.config;
  Weights& w = state.weights;
  const int64_t d = c.hidden;
  const int64_t f = c.ffn;
  const std::string p = encoder_prefix(loader, "bert");
  w.word_embeddings = loader.get(p + "embeddings.word_embeddings.weight", {c.vocab_size, d});
  w.position_embeddings =
      loader.get(p + "embeddings.position_embeddings.weight", {c.max_positions, d});
  w.type_embedding =
      loader.get(p + "embeddings.token_type_embeddings.weight", {c.type_vocab_size, d});
  w.embedding_norm_gain = loader.get(p + "embeddings.LayerNorm.weight", {d});
  w.embedding_norm_shift = loader.get(p + "embeddings.LayerNorm.bias", {d});
  const float scale = 1.0f / std::sqrt(static_cast<float>(c.hidden / c.heads));
  for (int layer = 0; layer < c.layers; ++layer) {
    const std::string l = fmt::format("{}encoder.layer.{}.", p, layer);
    LayerWeights lw;
    lw.qkv_weight =
        loader.stack({l + "attention.self.query.weight", l + "attention.self.key.weight",
                      l + "attention.self.value.weight"},
                     {d, d}, d, scale);
    lw.qkv_bias = loader.stack({l + "attention.self.query.bias", l + "attention.self.key.bias",
                                l + "attention.self.value.bias"},
                               {d}, d, scale);
    lw.out_weight = loader.get(l + "attention.output.dense.weight", {d, d});
    lw.out_bias = loader.get(l + "attention.output.dense.bias", {d});
    lw.attention_norm_gain = loader.get(l + "attention.output.LayerNorm.weight", {d});
    lw.attention_norm_shift = loader.get(l + "attention.output.LayerNorm.bias", {d});
    lw.ffn_in_weight = loader.get(l + "intermediate.dense.weight", {f, d});
    lw.ffn_in_bias = loader.get(l + "intermediate.dense.bias", {f});
    lw.ffn_out_weight = loader.get(l + "output.dense.weight", {d, f});
    lw.ffn_out_bias = loader.get(l + "output.dense.bias", {d});
    lw.output_norm_gain = loader.get(l + "output.LayerNorm.weight", {d});
    lw.output_norm_shift = loader.get(l + "output.LayerNorm.bias", {d});
    w.layers.push_back(lw);
  }
  w.head_weight = loader.get(p + "pooler.dense.weight", {d, d});
  w.head_bias = loader.get(p + "pooler.dense.bias", {d});
  w.head_activation = Activation::kTanh;
}

}  // namespace

Result<void> load_weights(ModelState& state, const std::function<bool(float)>& progress) {
  return guard([&]() -> Result<void> {
    WeightLoader loader(state, progress);
    state.weights.layers.reserve(static_cast<size_t>(state.config.layers));
    state.weights.owned.reserve(static_cast<size_t>(state.config.layers) * 2 + 16);
    if (state.config.architecture == Architecture::kBert) {
      load_bert(state, loader);
    } else {
      load_distilbert(state, loader);
    }
    const auto labels = static_cast<int64_t>(state.config.labels.size());
    state.weights.classifier_weight =
        loader.get("classifier.weight", {labels, state.config.hidden});
    state.weights.classifier_bias = loader.get("classifier.bias", {labels});
    if (progress && !progress(1.0f)) {
      return make_error(ErrorCode::kInternal, "loading the model was cancelled",
                        at_file(state.file.path()));
    }
    return {};
  });
}

}  // namespace adpilot::nlp::detail
