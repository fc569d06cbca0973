// The inputs of `adpilot copy`: ad-copy tables (one row per ad) and lists of texts to score.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/nlp/ad_copy.h"

namespace adpilot::cli {

// An ad-copy CSV: ad_id plus any of headline_N, description_N, path_N, primary_text, headline,
// description; optional campaign_id, channel, format (rsa | meta), final_url, keywords
// (separated by ';' or '|'). The platform is `platform` when given, else the row's format, else
// its channel, else meta when the row has primary text and google otherwise. Errors name the
// file, line and field: no ad_id column, an empty or repeated ad_id, an unknown format.
Result<std::vector<nlp::AdCopy>> read_ad_copy(const std::string& path, std::optional<nlp::Platform> platform);

struct TextItem {
  std::string text;
  int64_t line = 0;
};

// Texts to score: one per line, or the cells of `column` when it is set (the file is then a
// CSV with a header). Blank texts are skipped; a line that is not UTF-8 is an error naming it.
// "-" reads stdin.
Result<std::vector<TextItem>> read_texts(const std::string& path, const std::string& column);

}  // namespace adpilot::cli
