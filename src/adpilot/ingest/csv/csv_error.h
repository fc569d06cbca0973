// Row-level CSV problems. The tokenizer never stops at a bad row: it records a RowIssue in the
// batch and moves on to the next row, so the caller decides between strict mode (turn the first
// issue into an Error with row_issue_error) and lenient mode (send issues to a rejects list).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "adpilot/core/result.h"

namespace adpilot::csv {

enum class RowIssueKind : uint8_t {
  kUnterminatedQuote,  // a quoted field still open at the end of the file
  kUnexpectedQuote,    // a quote inside an unquoted field: ab"c
  kTextAfterQuote,     // bytes between a closing quote and the next delimiter: "ab"c
  kRowTooLong,         // a row longer than CsvOptions::max_row_bytes
  kInvalidUtf8,
};

const char* row_issue_kind_name(RowIssueKind kind);

// A row that could not be tokenized. It is not among the batch's rows.
struct RowIssue {
  RowIssueKind kind = RowIssueKind::kUnexpectedQuote;
  // The physical line of the problem (where the quote opened, the bad byte sits, the limit was
  // crossed), relative to the batch's first line like RowBatch::line_offset.
  int64_t line_offset = 0;
  int64_t column = 0;  // 1-based field index
  std::string message;
  std::string hint;
  std::string raw;  // the row as in the file, without its line ending; cut at max_row_bytes
};

// Fills in the hint for kind, and the standard message when message is empty.
RowIssue make_row_issue(RowIssueKind kind, int64_t line_offset, int64_t column,
                        std::string_view raw, std::string message = {});

// The message of a kRowTooLong issue, the same wherever the row is caught.
std::string row_too_long_message(size_t max_row_bytes, int64_t column);

// The kParse Error strict mode reports; line_base is the one scan() passed with the batch.
// Example: return row_issue_error(batch.issues().front(), reader.path(), line_base);
Error row_issue_error(const RowIssue& issue, const std::string& file, int64_t line_base);

}  // namespace adpilot::csv
