#include "adpilot/nlp/transformer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <thread>

#include "adpilot/nlp/detail/error_context.h"
#include "adpilot/nlp/detail/model_state.h"

namespace adpilot::nlp {

ModelParams default_params() {
  return ModelParams{};
}

Model::Model(std::unique_ptr<detail::ModelState> state) : state_(std::move(state)) {
}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

const ModelConfig& Model::config() const {
  return state_->config;
}
const WordPieceTokenizer& Model::tokenizer() const {
  return state_->tokenizer;
}
int Model::max_length() const {
  return state_->max_length;
}
size_t Model::owned_weight_bytes() const {
  return state_->weights.owned_bytes;
}

Result<std::vector<float>> Model::forward(const TokenBatch& batch) {
  return detail::run_forward(*state_, batch);
}

Result<std::vector<Prediction>> Model::predict(std::span<const std::string> texts) {
  const WordPieceTokenizer& tokenizer = state_->tokenizer;
  // Tokenize everything into one flat buffer, then run texts of similar length together so a
  // batch carries little padding.
  std::vector<int32_t> flat;
  std::vector<size_t> offsets{0};
  offsets.reserve(texts.size() + 1);
  detail::Words words;
  const auto max_tokens = static_cast<size_t>(state_->max_length);
  for (const std::string& text : texts) {
    const size_t begin = flat.size();
    flat.push_back(tokenizer.cls_id());
    tokenizer.append_ids(text, words, flat);
    if (flat.size() - begin > max_tokens - 1) {
      flat.resize(begin + max_tokens - 1);
    }
    flat.push_back(tokenizer.sep_id());
    offsets.push_back(flat.size());
  }
  std::vector<size_t> order(texts.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return offsets[a + 1] - offsets[a] < offsets[b + 1] - offsets[b];
  });

  const size_t labels = state_->config.labels.size();
  std::vector<Prediction> out(texts.size());
  const auto max_batch = static_cast<size_t>(std::max(1, state_->max_batch));
  TokenBatch batch;
  for (size_t first = 0; first < order.size(); first += max_batch) {
    const size_t count = std::min(max_batch, order.size() - first);
    size_t longest = 0;
    for (size_t i = first; i < first + count; ++i) {
      longest = std::max(longest, offsets[order[i] + 1] - offsets[order[i]]);
    }
    batch.batch = static_cast<int32_t>(count);
    batch.seq_len = static_cast<int32_t>(longest);
    batch.ids.assign(count * longest, tokenizer.pad_id());
    batch.mask.assign(count * longest, 0);
    for (size_t i = 0; i < count; ++i) {
      const size_t text = order[first + i];
      const size_t length = offsets[text + 1] - offsets[text];
      std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(offsets[text]), length,
                  batch.ids.begin() + static_cast<std::ptrdiff_t>(i * longest));
      std::fill_n(batch.mask.begin() + static_cast<std::ptrdiff_t>(i * longest), length, 1);
    }
    auto logits = forward(batch);
    if (!logits.ok()) {
      return logits.error();
    }
    for (size_t i = 0; i < count; ++i) {
      Prediction& prediction = out[order[first + i]];
      prediction.logits.assign(logits->begin() + static_cast<std::ptrdiff_t>(i * labels),
                               logits->begin() + static_cast<std::ptrdiff_t>((i + 1) * labels));
      // Softmax in double: these are the numbers users read.
      const float peak = *std::max_element(prediction.logits.begin(), prediction.logits.end());
      double sum = 0.0;
      for (const float logit : prediction.logits) {
        sum += std::exp(static_cast<double>(logit - peak));
      }
      prediction.probabilities.resize(labels);
      for (size_t label = 0; label < labels; ++label) {
        prediction.probabilities[label] = static_cast<float>(
            std::exp(static_cast<double>(prediction.logits[label] - peak)) / sum);
      }
      prediction.label =
          static_cast<int>(std::max_element(prediction.logits.begin(), prediction.logits.end()) -
                           prediction.logits.begin());
    }
  }
  return out;
}

Result<Model> load_model(const std::string& dir, const ModelParams& params) {
  return guard([&]() -> Result<Model> {
    std::error_code ignored;
    if (!std::filesystem::is_directory(dir, ignored)) {
      return make_error(ErrorCode::kIo, "the model folder does not exist", detail::at_file(dir),
                        "download a checkpoint (config.json, vocab.txt, model.safetensors); see "
                        "docs/nlp.md");
    }
    auto config = read_model_config(dir);
    if (!config.ok()) {
      return config.error();
    }
    int max_length = std::min(config->max_positions, 512);
    auto tokenizer = detail::load_checkpoint_tokenizer(dir, max_length);
    if (!tokenizer.ok()) {
      return tokenizer.error();
    }
    if (static_cast<int64_t>(tokenizer->vocab_size()) > config->vocab_size) {
      return make_error(ErrorCode::kSchema,
                        fmt::format("vocab.txt has {} tokens but config.json's vocab_size is {}",
                                    tokenizer->vocab_size(), config->vocab_size),
                        detail::at_file((std::filesystem::path(dir) / "vocab.txt").string()));
    }
    auto file = SafetensorsFile::open((std::filesystem::path(dir) / "model.safetensors").string());
    if (!file.ok()) {
      return file.error();
    }
    int threads = params.threads;
    if (threads <= 0) {
      threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    }
    auto state = std::make_unique<detail::ModelState>(std::move(*config), std::move(*tokenizer),
                                                      std::move(*file), threads);
    state->max_length = max_length;
    state->max_batch = params.max_batch;
    state->gemm_threading = params.gemm_threading;
    const std::string& activation = state->config.activation;
    state->ffn_activation = activation == "relu"       ? detail::Activation::kRelu
                            : activation == "gelu_new" ? detail::Activation::kGeluTanh
                                                       : detail::Activation::kGelu;
    if (params.gemm_threading == GemmThreading::kBlas) {
      detail::use_blas_threads(threads);
    } else {
      detail::use_blas_threads(1);
    }
    if (auto weights = detail::load_weights(*state, params.progress); !weights.ok()) {
      return weights.error();
    }
    return Model(std::move(state));
  });
}

}  // namespace adpilot::nlp
