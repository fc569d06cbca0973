// config.json and tokenizer_config.json of a Hugging Face checkpoint.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "adpilot/nlp/detail/error_context.h"
#include "adpilot/nlp/detail/model_state.h"

namespace adpilot::nlp {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Error config_error(const std::string& file, std::string message, std::string hint = {}) {
  return make_error(ErrorCode::kSchema, std::move(message), detail::at_file(file), std::move(hint));
}

Result<json> read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kIo, "cannot open", detail::at_file(path),
                      "a Hugging Face checkpoint folder holds config.json, vocab.txt and "
                      "model.safetensors");
  }
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    return make_error(ErrorCode::kParse, fmt::format("malformed JSON: {}", e.what()),
                      detail::at_file(path));
  }
}

// A positive integer field, or an error naming it.
Result<int> positive_int(const json& config, const std::string& file, const char* key,
                         std::optional<int> fallback = std::nullopt) {
  const auto it = config.find(key);
  if (it == config.end()) {
    if (fallback) {
      return *fallback;
    }
    return config_error(file, fmt::format("config.json has no '{}'", key));
  }
  if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > (1 << 24)) {
    return config_error(file,
                        fmt::format("'{}' must be a positive integer, not {}", key, it->dump()));
  }
  return static_cast<int>(it->get<int64_t>());
}

std::string string_field(const json& config, const char* key) {
  const auto it = config.find(key);
  return it != config.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<Architecture> detect_architecture(const json& config, const std::string& file) {
  std::string model_type = string_field(config, "model_type");
  std::string architecture;
  if (const auto it = config.find("architectures");
      it != config.end() && it->is_array() && !it->empty() && (*it)[0].is_string()) {
    architecture = (*it)[0].get<std::string>();
  }
  const bool for_classification =
      architecture.empty() || architecture.ends_with("ForSequenceClassification");
  if (!for_classification) {
    return config_error(file,
                        fmt::format("'{}' is not a sequence-classification model", architecture),
                        "use a checkpoint fine-tuned for classification, e.g. "
                        "distilbert-base-uncased-finetuned-sst-2-english");
  }
  if (model_type == "distilbert" || architecture == "DistilBertForSequenceClassification") {
    return Architecture::kDistilBert;
  }
  if (model_type == "bert" || architecture == "BertForSequenceClassification") {
    return Architecture::kBert;
  }
  return config_error(
      file,
      fmt::format("unsupported model type '{}'{}", model_type,
                  architecture.empty() ? "" : " (" + architecture + ")"),
      "supported: DistilBertForSequenceClassification, BertForSequenceClassification");
}

Result<void> read_shapes(const json& config, const std::string& file, ModelConfig& out) {
  const bool distil = out.architecture == Architecture::kDistilBert;
  struct Field {
    int* target;
    const char* key;
    std::optional<int> fallback;
  };
  const Field fields[] = {
      {&out.vocab_size, "vocab_size", std::nullopt},
      {&out.hidden, distil ? "dim" : "hidden_size", std::nullopt},
      {&out.heads, distil ? "n_heads" : "num_attention_heads", std::nullopt},
      {&out.layers, distil ? "n_layers" : "num_hidden_layers", std::nullopt},
      {&out.ffn, distil ? "hidden_dim" : "intermediate_size", std::nullopt},
      {&out.max_positions, "max_position_embeddings", 512},
      {&out.type_vocab_size, "type_vocab_size",
       distil ? std::optional<int>(1) : std::optional<int>(2)},
  };
  for (const Field& field : fields) {
    auto value = positive_int(config, file, field.key, field.fallback);
    if (!value.ok()) {
      return value.error();
    }
    *field.target = *value;
  }
  if (out.hidden % out.heads != 0) {
    return config_error(file, fmt::format("the hidden size {} is not a multiple of the {} heads",
                                          out.hidden, out.heads));
  }
  out.activation = string_field(config, distil ? "activation" : "hidden_act");
  if (out.activation.empty()) {
    out.activation = "gelu";
  }
  if (out.activation == "gelu_pytorch_tanh") {
    out.activation = "gelu_new";
  }
  if (out.activation != "gelu" && out.activation != "gelu_new" && out.activation != "relu") {
    return config_error(file, fmt::format("unsupported activation '{}'", out.activation),
                        "supported: gelu, gelu_new, relu");
  }
  if (!distil) {
    if (const auto it = config.find("layer_norm_eps"); it != config.end()) {
      if (!it->is_number() || it->get<double>() <= 0) {
        return config_error(file, "'layer_norm_eps' must be a positive number");
      }
      out.layer_norm_eps = it->get<float>();
    }
    const std::string position_type = string_field(config, "position_embedding_type");
    if (!position_type.empty() && position_type != "absolute") {
      return config_error(file, fmt::format("unsupported position embeddings '{}'", position_type),
                          "only absolute position embeddings are supported");
    }
  }
  return {};
}

Result<void> read_labels(const json& config, const std::string& file, ModelConfig& out) {
  const auto it = config.find("id2label");
  if (it == config.end()) {
    int count = 2;
    if (const auto labels = config.find("num_labels");
        labels != config.end() && labels->is_number_integer() && labels->get<int>() > 0) {
      count = labels->get<int>();
    }
    for (int i = 0; i < count; ++i) {
      out.labels.push_back(fmt::format("LABEL_{}", i));
    }
    return {};
  }
  if (!it->is_object() || it->empty()) {
    return config_error(file, "'id2label' must map ids to label names");
  }
  std::map<int, std::string> by_id;
  for (const auto& [key, value] : it->items()) {
    int id = -1;
    try {
      size_t used = 0;
      id = std::stoi(key, &used);
      if (used != key.size()) {
        id = -1;
      }
    } catch (const std::exception&) {
      id = -1;
    }
    if (id < 0 || !value.is_string()) {
      return config_error(file, fmt::format("'id2label' entry \"{}\": {} is not an id → name pair",
                                            key, value.dump()));
    }
    by_id[id] = value.get<std::string>();
  }
  if (by_id.rbegin()->first != static_cast<int>(by_id.size()) - 1) {
    return config_error(file, "'id2label' ids must be 0, 1, … without gaps");
  }
  for (auto& [id, name] : by_id) {
    out.labels.push_back(std::move(name));
  }
  return {};
}

}  // namespace

Result<ModelConfig> read_model_config(const std::string& dir) {
  const std::string file = (fs::path(dir) / "config.json").string();
  auto config = read_json(file);
  if (!config.ok()) {
    return config.error();
  }
  if (!config->is_object()) {
    return config_error(file, "config.json is not a JSON object");
  }
  ModelConfig out;
  auto architecture = detect_architecture(*config, file);
  if (!architecture.ok()) {
    return architecture.error();
  }
  out.architecture = *architecture;
  if (auto shapes = read_shapes(*config, file, out); !shapes.ok()) {
    return shapes.error();
  }
  if (auto labels = read_labels(*config, file, out); !labels.ok()) {
    return labels.error();
  }
  out.name = string_field(*config, "_name_or_path");
  if (out.name.empty()) {
    out.name = fs::path(dir).lexically_normal().filename().string();
    if (out.name.empty()) {
      out.name = fs::path(dir).lexically_normal().parent_path().filename().string();
    }
  }
  return out;
}

namespace detail {

Result<WordPieceTokenizer> load_checkpoint_tokenizer(const std::string& dir, int& max_length) {
  auto config = read_tokenizer_config(dir);
  if (!config.ok()) {
    return config.error();
  }
  if (config->model_max_length && *config->model_max_length < max_length) {
    max_length = *config->model_max_length;
  }
  return WordPieceTokenizer::load((fs::path(dir) / "vocab.txt").string(), config->options);
}

}  // namespace detail

}  // namespace adpilot::nlp
