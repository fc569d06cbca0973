#include "adpilot/nlp/tokenizer.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <fstream>

#include "adpilot/nlp/detail/error_context.h"

namespace adpilot::nlp {

namespace {

constexpr std::string_view kContinuation = "##";

detail::BasicOptions basic_options(const TokenizerOptions& options) {
  detail::BasicOptions out;
  out.lower_case = options.lower_case;
  out.strip_accents = options.strip_accents.value_or(options.lower_case);
  out.split_cjk = options.split_cjk;
  return out;
}

// Characters in text, or -1 when it is not valid UTF-8.
int64_t count_chars(std::string_view text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  int64_t count = 0;
  utf8proc_ssize_t pos = 0;
  while (pos < size) {
    int32_t cp = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, size - pos, &cp);
    if (length <= 0) {
      return -1;
    }
    pos += length;
    ++count;
  }
  return count;
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(std::vector<std::string> tokens, TokenizerOptions options)
    : tokens_(std::move(tokens)), options_(options), basic_(basic_options(options)) {
}

Result<WordPieceTokenizer> WordPieceTokenizer::load(const std::string& vocab_path,
                                                    TokenizerOptions options) {
  std::ifstream in(vocab_path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kIo, "cannot open the vocabulary", detail::at_file(vocab_path),
                      "a BERT vocab.txt: one WordPiece token per line");
  }
  std::vector<std::string> tokens;
  tokens.reserve(32768);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();  // a vocabulary saved with Windows line ends
    }
    if (count_chars(line) < 0) {
      return make_error(ErrorCode::kParse, "the token is not valid UTF-8",
                        detail::at_file(vocab_path, static_cast<int64_t>(tokens.size()) + 1));
    }
    tokens.push_back(line);
  }
  if (in.bad()) {
    return make_error(ErrorCode::kIo, "cannot read the vocabulary", detail::at_file(vocab_path));
  }
  auto tokenizer = from_tokens(std::move(tokens), options);
  if (!tokenizer.ok()) {
    Error error = tokenizer.error();
    error.context.file = vocab_path;
    return error;
  }
  return tokenizer;
}

Result<WordPieceTokenizer> WordPieceTokenizer::from_tokens(std::vector<std::string> tokens,
                                                           TokenizerOptions options) {
  if (tokens.empty()) {
    return make_error(ErrorCode::kParse, "the vocabulary is empty");
  }
  if (options.max_chars_per_word < 1) {
    return make_error(ErrorCode::kInvalidArgument, "max_chars_per_word must be at least 1");
  }
  WordPieceTokenizer tokenizer(std::move(tokens), options);
  tokenizer.ids_.reserve(tokenizer.tokens_.size());
  for (size_t id = 0; id < tokenizer.tokens_.size(); ++id) {
    const std::string& token = tokenizer.tokens_[id];
    // A repeated token maps to its last line, as in Hugging Face's load_vocab.
    tokenizer.ids_[token] = static_cast<int32_t>(id);
    tokenizer.longest_token_chars_ =
        std::max(tokenizer.longest_token_chars_,
                 static_cast<uint32_t>(std::max<int64_t>(0, count_chars(token))));
  }
  tokenizer.unk_id_ = tokenizer.token_id("[UNK]");
  tokenizer.cls_id_ = tokenizer.token_id("[CLS]");
  tokenizer.sep_id_ = tokenizer.token_id("[SEP]");
  tokenizer.pad_id_ = std::max(0, tokenizer.token_id("[PAD]"));
  for (const auto& [name, id] : {std::pair<const char*, int32_t>{"[UNK]", tokenizer.unk_id_},
                                 {"[CLS]", tokenizer.cls_id_},
                                 {"[SEP]", tokenizer.sep_id_}}) {
    if (id < 0) {
      return make_error(ErrorCode::kParse, fmt::format("the vocabulary has no {} token", name),
                        detail::at_file(""), "is this a BERT-style WordPiece vocab.txt?");
    }
  }
  return tokenizer;
}

int32_t WordPieceTokenizer::token_id(std::string_view token) const {
  const auto it = ids_.find(token);
  return it == ids_.end() ? -1 : it->second;
}

void WordPieceTokenizer::append_word_ids(const detail::Words& words, size_t word_idx,
                                         std::string& piece, std::vector<int32_t>& ids) const {
  const uint32_t first = words.first_char(word_idx);
  const uint32_t end = words.end_char(word_idx);
  if (end - first > static_cast<uint32_t>(options_.max_chars_per_word)) {
    ids.push_back(unk_id_);
    return;
  }
  const size_t mark = ids.size();
  uint32_t start = first;
  while (start < end) {
    int32_t found = -1;
    uint32_t stop = std::min(end, start + longest_token_chars_);
    // Longest match first: shrink the candidate one character at a time.
    for (; stop > start; --stop) {
      const std::string_view chars = words.chars(start, stop);
      if (start == first) {
        found = token_id(chars);
      } else {
        piece.assign(kContinuation);
        piece.append(chars);
        found = token_id(piece);
      }
      if (found >= 0) {
        break;
      }
    }
    if (found < 0) {
      // One uncovered piece makes the whole word unknown.
      ids.resize(mark);
      ids.push_back(unk_id_);
      return;
    }
    ids.push_back(found);
    start = stop;
  }
}

void WordPieceTokenizer::append_ids(std::string_view text, detail::Words& words,
                                    std::vector<int32_t>& ids) const {
  basic_.split(text, words);
  for (size_t word_idx = 0; word_idx < words.size(); ++word_idx) {
    append_word_ids(words, word_idx, words.piece, ids);
  }
}

std::vector<std::string> WordPieceTokenizer::tokenize(std::string_view text) const {
  detail::Words words;
  std::vector<int32_t> ids;
  append_ids(text, words, ids);
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const int32_t id : ids) {
    out.push_back(token(id));
  }
  return out;
}

std::vector<int32_t> WordPieceTokenizer::encode(std::string_view text, int max_length) const {
  ADP_ASSERT(max_length >= 2);
  detail::Words words;
  std::vector<int32_t> ids;
  ids.push_back(cls_id_);
  append_ids(text, words, ids);
  if (ids.size() > static_cast<size_t>(max_length) - 1) {
    ids.resize(static_cast<size_t>(max_length) - 1);
  }
  ids.push_back(sep_id_);
  return ids;
}

TokenBatch WordPieceTokenizer::encode_batch(std::span<const std::string> texts,
                                            int max_length) const {
  ADP_ASSERT(max_length >= 2);
  // Encode into one flat buffer first, then pad to the longest text.
  detail::Words words;
  std::vector<int32_t> flat;
  std::vector<size_t> offsets;
  offsets.reserve(texts.size() + 1);
  offsets.push_back(0);
  int32_t longest = 0;
  for (const std::string& text : texts) {
    const size_t begin = flat.size();
    flat.push_back(cls_id_);
    append_ids(text, words, flat);
    if (flat.size() - begin > static_cast<size_t>(max_length) - 1) {
      flat.resize(begin + static_cast<size_t>(max_length) - 1);
    }
    flat.push_back(sep_id_);
    offsets.push_back(flat.size());
    longest = std::max(longest, static_cast<int32_t>(flat.size() - begin));
  }
  TokenBatch batch;
  batch.batch = static_cast<int32_t>(texts.size());
  batch.seq_len = longest;
  const size_t cells = texts.size() * static_cast<size_t>(longest);
  batch.ids.assign(cells, pad_id_);
  batch.mask.assign(cells, 0);
  for (size_t row = 0; row < texts.size(); ++row) {
    const size_t length = offsets[row + 1] - offsets[row];
    std::copy_n(
        flat.begin() + static_cast<std::ptrdiff_t>(offsets[row]), length,
        batch.ids.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(longest)));
    std::fill_n(
        batch.mask.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(longest)),
        length, 1);
  }
  return batch;
}

}  // namespace adpilot::nlp
