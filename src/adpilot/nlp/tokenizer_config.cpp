// tokenizer_config.json, as Hugging Face's save_pretrained writes it.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "adpilot/nlp/detail/error_context.h"
#include "adpilot/nlp/tokenizer.h"

namespace adpilot::nlp {

Result<TokenizerConfig> read_tokenizer_config(const std::string& dir) {
  TokenizerConfig out;
  const std::string path = (std::filesystem::path(dir) / "tokenizer_config.json").string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return out;  // optional file: BertTokenizer's defaults
  }
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    return make_error(ErrorCode::kParse, fmt::format("malformed JSON: {}", e.what()),
                      detail::at_file(path));
  }
  out.from_file = true;
  if (!config.is_object()) {
    return out;
  }
  if (const auto it = config.find("do_lower_case"); it != config.end() && it->is_boolean()) {
    out.options.lower_case = it->get<bool>();
  }
  if (const auto it = config.find("strip_accents"); it != config.end() && it->is_boolean()) {
    out.options.strip_accents = it->get<bool>();
  }
  if (const auto it = config.find("tokenize_chinese_chars");
      it != config.end() && it->is_boolean()) {
    out.options.split_cjk = it->get<bool>();
  }
  // Tokenizers saved without a limit write a huge sentinel (1e30): treat it as absent.
  if (const auto it = config.find("model_max_length");
      it != config.end() && it->is_number() && it->get<double>() >= 2 && it->get<double>() <= 1e6) {
    out.model_max_length = static_cast<int>(it->get<double>());
  }
  return out;
}

}  // namespace adpilot::nlp
