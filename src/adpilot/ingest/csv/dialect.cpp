#include "adpilot/ingest/csv/dialect.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "adpilot/ingest/csv/row_scanner.h"

namespace adpilot::csv {

namespace {

constexpr char kQuote = '"';

// Rows sharing the most common field count above 1.
int score_delimiter(std::string_view sample, bool sample_is_whole_file, char delimiter) {
  std::map<int64_t, int> count_by_fields;
  RowScanner scanner(delimiter, kQuote);
  size_t pos = 0;
  int rows = 0;
  while (pos < sample.size() && rows < kSniffRows) {
    scanner.reset();
    const size_t used = scanner.feed(sample.data() + pos, sample.size() - pos);
    const bool complete = used != RowScanner::kNotFound;
    if (!complete && !sample_is_whole_file) {
      break;  // cut off by the end of the sample
    }
    const size_t row_size = complete ? used : sample.size() - pos;
    const bool blank = is_blank_line(sample.data() + pos, complete ? row_size - 1 : row_size);
    pos += row_size;
    if (blank) {
      continue;
    }
    ++rows;
    if (!scanner.malformed() && !scanner.in_quotes()) {
      ++count_by_fields[scanner.fields()];
    }
  }
  int best = 0;
  for (const auto& [fields, count] : count_by_fields) {
    if (fields > 1) {
      best = std::max(best, count);
    }
  }
  return best;
}

}  // namespace

Dialect sniff_dialect(std::string_view sample, bool sample_is_whole_file,
                      const CsvOption<char>& delimiter) {
  Dialect dialect;
  dialect.quote = kQuote;
  const size_t first_newline = sample.find('\n');
  dialect.crlf = first_newline != std::string_view::npos && first_newline > 0 &&
                 sample[first_newline - 1] == '\r';
  int best_score = 0;
  for (const char candidate : kSniffDelimiters) {
    const int score = score_delimiter(sample, sample_is_whole_file, candidate);
    if (score > best_score) {
      best_score = score;
      dialect.detected_delimiter = candidate;
    }
  }
  if (delimiter.set_by_user) {
    dialect.delimiter = delimiter.value;
    dialect.delimiter_set_by_user = true;
  } else if (dialect.detected_delimiter != 0) {
    dialect.delimiter = dialect.detected_delimiter;
  }
  return dialect;
}

}  // namespace adpilot::csv
