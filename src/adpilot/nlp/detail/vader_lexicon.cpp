#include "adpilot/nlp/detail/vader_lexicon.h"

#include <fmt/format.h>

#include <charconv>

#include "adpilot/nlp/detail/vader_lexicon_data.h"

namespace adpilot::nlp::detail {

Result<VaderLexicon> VaderLexicon::parse(std::string_view text, std::string_view source_name) {
  VaderLexicon lexicon;
  lexicon.valence_.reserve(8192);
  int64_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    const size_t tab = line.find('\t');
    const size_t tab2 = tab == std::string_view::npos ? tab : line.find('\t', tab + 1);
    double valence = 0.0;
    const std::string_view number =
        tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1, tab2 == std::string_view::npos ? std::string_view::npos : tab2 - tab - 1);
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), valence);
    if (tab == 0 || number.empty() || ec != std::errc() || ptr != number.data() + number.size()) {
      return make_error(ErrorCode::kParse, "a lexicon line needs a token, a tab and a mean valence",
                        ErrorContext{std::string(source_name), line_number, 0, "valence", ""});
    }
    lexicon.valence_.insert_or_assign(std::string(line.substr(0, tab)), valence);
  }
  if (lexicon.valence_.empty()) {
    return make_error(ErrorCode::kParse, "the sentiment lexicon is empty", ErrorContext{std::string(source_name), 0, 0, "", ""});
  }
  return lexicon;
}

Result<VaderLexicon> VaderLexicon::embedded() {
  return parse(vader_lexicon_text(), fmt::format("{}/vader_lexicon.txt", vader_lexicon_source()));
}

}  // namespace adpilot::nlp::detail
