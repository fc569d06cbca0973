// adpilot copy tokenize [FILE] --vocab vocab.txt [--uncased] [--max-length N] — the WordPiece
// tokens and ids of each line of FILE (stdin when absent or "-"), as a BERT model would see them
// ([CLS] … [SEP]): a debugging aid for checkpoints and odd inputs (accents, emoji, long words).
// Without --uncased, the tokenizer_config.json next to the vocabulary (if any) decides, as it does
// for the model.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "adpilot/cli/commands.h"
#include "adpilot/cli/output.h"
#include "adpilot/nlp/tokenizer.h"

namespace adpilot::cli {

namespace {

Result<std::vector<std::string>> read_lines(std::FILE* in) {
  std::vector<std::string> lines;
  std::string line;
  char buffer[1 << 16];
  while (std::fgets(buffer, sizeof buffer, in) != nullptr) {
    line += buffer;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      lines.push_back(std::move(line));
      line.clear();
    }
  }
  if (std::ferror(in) != 0) {
    return make_error(ErrorCode::kIo, "cannot read the texts");
  }
  if (!line.empty()) {
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<void> copy_tokenize(const Settings& settings, Io& io) {
  std::string vocab = settings.text("vocab");
  if (vocab.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "copy tokenize needs --vocab FILE",
                      ErrorContext{"", 0, 0, "", "--vocab"},
                      "a BERT vocab.txt, or a checkpoint folder that holds one");
  }
  std::error_code ignored;
  if (std::filesystem::is_directory(vocab, ignored)) {
    vocab = (std::filesystem::path(vocab) / "vocab.txt").string();
  }
  auto format = choose_output_format(settings.text("format"),
                                     io.out_is_terminal && settings.text("out").empty());
  if (!format.ok()) {
    return format.error();
  }
  auto config = nlp::read_tokenizer_config(std::filesystem::path(vocab).parent_path().string());
  if (!config.ok()) {
    return config.error();
  }
  nlp::TokenizerOptions options = config->options;
  if (settings.has("uncased") || !config->from_file) {
    options.lower_case = settings.flag("uncased");
    options.strip_accents.reset();
  }
  auto tokenizer = nlp::WordPieceTokenizer::load(vocab, options);
  if (!tokenizer.ok()) {
    return tokenizer.error();
  }
  // positional[0] is "tokenize" itself.
  const std::string path = settings.positional.size() > 1 ? settings.positional[1] : "-";
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr) {
    return make_error(ErrorCode::kIo, "cannot open", ErrorContext{path, 0, 0, "", ""});
  }
  auto lines = read_lines(in);
  if (in != stdin) {
    std::fclose(in);
  }
  if (!lines.ok()) {
    return lines.error();
  }
  const int max_length = static_cast<int>(settings.integer("max-length"));
  Table table;
  Column& line_column = table.add_column("line", ColumnType::kInt64);
  Column& tokens_column = table.add_column("tokens", ColumnType::kString);
  Column& ids_column = table.add_column("ids", ColumnType::kString);
  std::string tokens_text;
  std::string ids_text;
  for (size_t line_idx = 0; line_idx < lines->size(); ++line_idx) {
    const std::vector<int32_t> ids = tokenizer->encode((*lines)[line_idx], max_length);
    tokens_text.clear();
    ids_text.clear();
    for (size_t token_idx = 0; token_idx < ids.size(); ++token_idx) {
      const char* separator = token_idx == 0 ? "" : " ";
      tokens_text += separator;
      tokens_text += tokenizer->token(ids[token_idx]);
      ids_text += fmt::format("{}{}", separator, ids[token_idx]);
    }
    line_column.i64().push_back(static_cast<int64_t>(line_idx) + 1);
    line_column.valid().push_back(1);
    tokens_column.append_string(tokens_text);
    ids_column.append_string(ids_text);
  }
  std::string rendered;
  switch (*format) {
    case OutputFormat::kCsv:
      rendered = render_csv(table);
      break;
    case OutputFormat::kJson:
      rendered = render_json(table);
      break;
    case OutputFormat::kTable:
      rendered = render_pretty(table, "");
      break;
  }
  return write_output(settings.text("out"), rendered, io.out);
}

}  // namespace

int run_copy_tokenize(const Settings& settings, Io& io) {
  auto done = guard([&] { return copy_tokenize(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
