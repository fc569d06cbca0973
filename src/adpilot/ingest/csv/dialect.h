// Dialect phase: which delimiter the file uses. Options record whether the user set them or
// sniffing found them, so the caller can report a disagreement rather than pick one silently.
#pragma once

#include <array>
#include <string_view>

namespace adpilot::csv {

template <typename T>
struct CsvOption {
  T value{};
  bool set_by_user = false;
};

struct Dialect {
  char delimiter = ',';
  char quote = '"';
  bool had_bom = false;
  bool crlf = false;  // the first line ends in \r\n (informational: both endings are accepted)
  bool delimiter_set_by_user = false;
  // What sniffing found even when the user set the delimiter; 0 when no candidate split the
  // sample into more than one column. A user delimiter that differs is a conflict to report.
  char detected_delimiter = 0;
};

inline constexpr std::array<char, 4> kSniffDelimiters = {',', ';', '\t', '|'};
// Rows looked at per candidate.
inline constexpr int kSniffRows = 100;

// Sniffs the dialect from sample, the first bytes of the file with the BOM removed
// (sample_is_whole_file: no more bytes follow, so a last row without '\n' counts). Phases:
//   1. for each candidate delimiter, split the first kSniffRows rows by its quote rules
//      (a quote opens a field only at the field's start), counting fields; blank lines skipped;
//   2. its score is the number of rows sharing the most common field count above 1 — rows with
//      bad quoting never count, so a ';' file with commas inside quoted fields picks ';';
//   3. the highest score wins, ties going to the earlier candidate (',' first); no score → ','.
// A delimiter set by the user is kept as is.
// Example: sniff_dialect("a;b\n1;2\n", true, {}).delimiter == ';'
Dialect sniff_dialect(std::string_view sample, bool sample_is_whole_file,
                      const CsvOption<char>& delimiter);

}  // namespace adpilot::csv
