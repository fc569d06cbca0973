// Options of one area: Ad-copy analysis (nlp stage). See options.h for the fields.
#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"model", "", K::kText, "DIR", "", "",
   "A Hugging Face sentiment checkpoint folder (config.json, vocab.txt, model.safetensors) to "
   "score with instead of the built-in VADER lexicon.", kCmdCopy},
  {"perf", "", K::kList, "FILES", "", "",
   "Performance files (comma-separated, any layout adpilot reads, with ad_id) joined to the copy "
   "on ad_id: which copy features go with higher CTR and CVR, and each ad against the account.",
   kCmdCopy},
  {"platform", "", K::kChoice, "PLATFORM", "", "google|meta",
   "Lint every ad for this platform instead of reading it from each row's format or channel.",
   kCmdCopy},
  {"column", "", K::kText, "NAME", "", "",
   "copy sentiment: score this column of a CSV file instead of one text per line.", kCmdCopy},
  {"llm-url", "", K::kText, "URL", "", "",
   "An OpenAI-compatible chat-completions endpoint (http://host:port/v1) for rewrite candidates "
   "of the ads with findings. The API key comes from ADPILOT_LLM_API_KEY or OPENAI_API_KEY only.",
   kCmdCopy},
  {"llm-model", "", K::kText, "NAME", "", "", "The model to ask at --llm-url.", kCmdCopy},
  {"llm-timeout", "", K::kInt, "SECONDS", "60", "",
   "Time limit of one LLM request; a timeout, 429 or 5xx is retried twice with backoff, then "
   "adpilot falls back to the rule-based suggestions.", kCmdCopy, 1, 3600},
  {"vocab", "", K::kText, "FILE", "", "", "copy tokenize: the WordPiece vocabulary (vocab.txt).",
   kCmdCopy},
  {"uncased", "", K::kFlag, "", "false", "",
   "copy tokenize: lower-case and strip accents first, as uncased models expect.", kCmdCopy},
  {"max-length", "", K::kInt, "N", "512", "",
   "copy tokenize: the most tokens per text, [CLS] and [SEP] included; longer texts are cut.",
   kCmdCopy, 2, 100000},
};
// clang-format on

}  // namespace

std::span<const OptionDef> copy_option_table() { return kOptions; }

}  // namespace adpilot::cli
