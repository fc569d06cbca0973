#include "adpilot/ingest/csv/csv_error.h"

#include <fmt/format.h>

#include <utility>

namespace adpilot::csv {

const char* row_issue_kind_name(RowIssueKind kind) {
  switch (kind) {
    case RowIssueKind::kUnterminatedQuote:
      return "unterminated_quote";
    case RowIssueKind::kUnexpectedQuote:
      return "unexpected_quote";
    case RowIssueKind::kTextAfterQuote:
      return "text_after_quote";
    case RowIssueKind::kRowTooLong:
      return "row_too_long";
    case RowIssueKind::kInvalidUtf8:
      return "invalid_utf8";
  }
  return "unknown";
}

namespace {

const char* default_message(RowIssueKind kind) {
  switch (kind) {
    case RowIssueKind::kUnterminatedQuote:
      return "unterminated quoted field: the quote opened here is never closed";
    case RowIssueKind::kUnexpectedQuote:
      return "unexpected quote inside an unquoted field";
    case RowIssueKind::kTextAfterQuote:
      return "unexpected text after the closing quote of a field";
    case RowIssueKind::kRowTooLong:
      return "row is longer than the --max-row-bytes limit";
    case RowIssueKind::kInvalidUtf8:
      return "invalid UTF-8";
  }
  return "malformed row";
}

const char* hint_for(RowIssueKind kind) {
  switch (kind) {
    case RowIssueKind::kUnterminatedQuote:
      return "close the quote; a quote inside a quoted field is written as two quotes (\"\")";
    case RowIssueKind::kUnexpectedQuote:
      return "quote the whole field and double the quotes inside it, e.g. \"ab\"\"c\"";
    case RowIssueKind::kTextAfterQuote:
      return "a quoted field must end right before a delimiter or the line end; write a quote "
             "inside it as two quotes (\"\")";
    case RowIssueKind::kRowTooLong:
      return "raise the limit with --max-row-bytes if the row is genuine; otherwise look for an "
             "unbalanced quote that swallows the following lines";
    case RowIssueKind::kInvalidUtf8:
      return "save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv)";
  }
  return "";
}

}  // namespace

RowIssue make_row_issue(RowIssueKind kind, int64_t line_offset, int64_t column,
                        std::string_view raw, std::string message) {
  RowIssue issue;
  issue.kind = kind;
  issue.line_offset = line_offset;
  issue.column = column;
  issue.message = message.empty() ? std::string(default_message(kind)) : std::move(message);
  issue.hint = hint_for(kind);
  issue.raw = std::string(raw);
  return issue;
}

std::string row_too_long_message(size_t max_row_bytes, int64_t column) {
  return fmt::format(
      "row is longer than the {}-byte limit; the limit is reached in field {}",
      max_row_bytes, column);
}

Error row_issue_error(const RowIssue& issue, const std::string& file, int64_t line_base) {
  ErrorContext context;
  context.file = file;
  context.line = line_base + issue.line_offset;
  context.column = issue.column;
  return make_error(ErrorCode::kParse, issue.message, std::move(context), issue.hint);
}

}  // namespace adpilot::csv
