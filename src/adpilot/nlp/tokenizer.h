// The WordPiece tokenizer of BERT-family models (Hugging Face's BertTokenizer, slow version):
// basic tokenization (detail/basic_tokenizer.h), then greedy longest-match-first WordPiece
// with "##" continuations, [UNK] for words it cannot cover, [CLS] … [SEP] around each text,
// truncation and padding for batches.
//
//   auto tokenizer = WordPieceTokenizer::load("model/vocab.txt", {.lower_case = true});
//   TokenBatch batch = tokenizer->encode_batch(texts, 128);  // ids + attention mask
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/nlp/detail/basic_tokenizer.h"

namespace adpilot::nlp {

struct TokenizerOptions {
  bool lower_case = true;             // uncased models (do_lower_case)
  std::optional<bool> strip_accents;  // default: as lower_case, like Hugging Face
  bool split_cjk = true;              // tokenize_chinese_chars
  int max_chars_per_word = 100;       // longer words become [UNK]
};

// tokenizer_config.json of a checkpoint folder: do_lower_case, strip_accents,
// tokenize_chinese_chars and model_max_length. BertTokenizer's defaults when the file is absent.
struct TokenizerConfig {
  TokenizerOptions options;
  std::optional<int> model_max_length;  // absent, or the "no limit" sentinel of saved tokenizers
  bool from_file = false;
};
Result<TokenizerConfig> read_tokenizer_config(const std::string& dir);

// Texts encoded for a model: row-major [batch × seq_len], padded to the longest text.
struct TokenBatch {
  int32_t batch = 0;
  int32_t seq_len = 0;
  std::vector<int32_t> ids;
  std::vector<int32_t> mask;  // 1 for a real token, 0 for padding (Hugging Face's attention_mask)
};

class WordPieceTokenizer {
 public:
  // vocab.txt: one token per line, the line index is the id. [UNK], [CLS] and [SEP] must be
  // present; [PAD] is id 0 when absent.
  static Result<WordPieceTokenizer> load(const std::string& vocab_path, TokenizerOptions options);
  static Result<WordPieceTokenizer> from_tokens(std::vector<std::string> tokens,
                                                TokenizerOptions options);

  // The WordPiece tokens of text, without [CLS]/[SEP]: "Unaffable!" → un ##aff ##able !
  std::vector<std::string> tokenize(std::string_view text) const;
  // [CLS] ids… [SEP], at most max_length ids (≥ 2): the text's tokens are cut at the end.
  std::vector<int32_t> encode(std::string_view text, int max_length) const;
  // Appends the text's token ids (no special tokens) to ids, using words as scratch.
  void append_ids(std::string_view text, detail::Words& words, std::vector<int32_t>& ids) const;
  TokenBatch encode_batch(std::span<const std::string> texts, int max_length) const;

  int32_t token_id(std::string_view token) const;  // -1 when not in the vocabulary
  const std::string& token(int32_t id) const { return tokens_[static_cast<size_t>(id)]; }
  size_t vocab_size() const { return tokens_.size(); }
  int32_t unk_id() const { return unk_id_; }
  int32_t cls_id() const { return cls_id_; }
  int32_t sep_id() const { return sep_id_; }
  int32_t pad_id() const { return pad_id_; }
  const TokenizerOptions& options() const { return options_; }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  WordPieceTokenizer(std::vector<std::string> tokens, TokenizerOptions options);
  // The pieces of one word (characters [first, end) of words) appended to ids, or [UNK].
  void append_word_ids(const detail::Words& words, size_t word_idx, std::string& piece,
                       std::vector<int32_t>& ids) const;

  std::vector<std::string> tokens_;
  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> ids_;
  TokenizerOptions options_;
  detail::BasicTokenizer basic_;
  uint32_t longest_token_chars_ = 0;
  int32_t unk_id_ = -1;
  int32_t cls_id_ = -1;
  int32_t sep_id_ = -1;
  int32_t pad_id_ = 0;
};

}  // namespace adpilot::nlp
