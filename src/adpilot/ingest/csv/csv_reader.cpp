#include "adpilot/ingest/csv/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <thread>
#include <utility>

#include "adpilot/ingest/csv/row_scanner.h"
#include "adpilot/ingest/csv/tokenizer.h"

namespace adpilot::csv {

namespace {

constexpr size_t kSniffBytes = 256u << 10;
constexpr size_t kPeekBytes = 64u << 10;
// With the sum check below, keeps every offset in a block under the tokenizer's 31-bit limit.
constexpr size_t kMaxBlockBytes = size_t{1} << 30;
constexpr int kMaxThreads = 256;

Error option_error(std::string message, const char* option) {
  ErrorContext context;
  context.option = option;
  return make_error(ErrorCode::kInvalidArgument, std::move(message), std::move(context));
}

Result<void> check_options(const CsvOptions& options) {
  if (options.block_bytes == 0 || options.block_bytes > kMaxBlockBytes) {
    return option_error(fmt::format("block_bytes must be between 1 and {}", kMaxBlockBytes),
                        "block_bytes");
  }
  if (options.max_row_bytes == 0 || options.max_row_bytes > kMaxBlockBytes) {
    return option_error(fmt::format("max_row_bytes must be between 1 and {}", kMaxBlockBytes),
                        "max_row_bytes");
  }
  if (options.block_bytes + options.max_row_bytes > kMaxBlockBytes + kMaxBlockBytes / 2) {
    return option_error(
        fmt::format("block_bytes + max_row_bytes must not exceed {}", kMaxBlockBytes * 3 / 2),
        "block_bytes");
  }
  if (options.threads < 0 || options.threads > kMaxThreads) {
    return option_error(fmt::format("threads must be between 0 (all cores) and {}", kMaxThreads),
                        "threads");
  }
  const char delimiter = options.delimiter.value;
  if (options.delimiter.set_by_user &&
      (delimiter == '\n' || delimiter == '\r' || delimiter == '"' || delimiter == '\0')) {
    return option_error("the delimiter cannot be a line break, a quote or NUL", "delimiter");
  }
  return {};
}

bool only_line_breaks(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\n' || c == '\r'; });
}

}  // namespace

CsvReader::CsvReader(FileSource source, const CsvOptions& options, const Dialect& dialect,
                     int threads)
    : source_(std::move(source)), options_(options), dialect_(dialect), threads_(threads) {
}

Result<CsvReader> CsvReader::open(const std::string& path, const CsvOptions& options) {
  return guard([&]() -> Result<CsvReader> {
    if (auto checked = check_options(options); !checked.ok()) {
      return checked.error();
    }
    Result<FileSource> source = FileSource::open(path);
    if (!source.ok()) {
      return source.error();
    }
    const std::string_view sample = source->peek(kSniffBytes);
    const bool whole_file = sample.size() < kSniffBytes;
    if (sample.size() >= 2 && ((sample[0] == '\xFF' && sample[1] == '\xFE') ||
                               (sample[0] == '\xFE' && sample[1] == '\xFF'))) {
      // Read as UTF-8 it would tokenize into fields full of NUL bytes rather than fail.
      ErrorContext context;
      context.file = path;
      context.line = 1;
      return make_error(
          ErrorCode::kParse, "file is UTF-16 encoded; only UTF-8 is supported", std::move(context),
          "export as CSV (UTF-8), or convert it: iconv -f UTF-16 -t UTF-8 in.csv > out.csv");
    }
    if (whole_file && only_line_breaks(sample)) {
      ErrorContext context;
      context.file = path;
      return make_error(ErrorCode::kParse,
                        sample.empty() ? "file is empty" : "file is empty: it has only blank lines",
                        std::move(context), "check that the export finished and the path is right");
    }
    Dialect dialect = sniff_dialect(sample, whole_file, options.delimiter);
    dialect.had_bom = source->had_bom();
    int threads = options.threads;
    if (threads == 0) {
      threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, kMaxThreads);
    }
    return CsvReader(std::move(source).value(), options, dialect, threads);
  });
}

CsvReader::RowSpan CsvReader::find_rows(size_t n, bool with_trailing_blanks) {
  RowScanner scanner(dialect_.delimiter, dialect_.quote);
  size_t want = kPeekBytes;
  for (;;) {
    const std::string_view view = source_.peek(want);
    const bool whole = view.size() < want;
    RowSpan span;
    size_t pos = 0;
    bool need_more = false;
    while (pos < view.size()) {
      if (span.rows == n) {
        // Only blank lines may still be taken; they need no scanner.
        const size_t left = view.size() - pos;
        const bool lf = view[pos] == '\n';
        const bool crlf = left >= 2 && view[pos] == '\r' && view[pos + 1] == '\n';
        if (!with_trailing_blanks || !(lf || crlf)) {
          need_more = with_trailing_blanks && left == 1 && view[pos] == '\r' && !whole;
          break;
        }
        pos += lf ? 1 : 2;
        ++span.lines;
        continue;
      }
      scanner.reset();
      const size_t used = scanner.feed(view.data() + pos, view.size() - pos);
      if (used == RowScanner::kNotFound && !whole) {
        need_more = true;
        break;
      }
      const bool complete = used != RowScanner::kNotFound;
      const size_t row_size = complete ? used : view.size() - pos;
      size_t content = complete ? row_size - 1 : row_size;
      if (content > 0 && view[pos + content - 1] == '\r') {
        --content;
      }
      if (content > options_.max_row_bytes) {
        span.long_row = true;
        break;
      }
      if (content > 0) {
        ++span.rows;
      }
      span.lines += scanner.newlines() + (complete ? 0 : 1);
      pos += row_size;
    }
    span.bytes = pos;
    // Blank lines after the last row may start right past the bytes read so far.
    need_more =
        need_more || (with_trailing_blanks && span.rows == n && pos == view.size() && !whole);
    if (!need_more || span.long_row) {
      return span;
    }
    if (view.size() - pos > options_.max_row_bytes + 1) {
      span.long_row = true;  // the row at span.bytes can only be rejected
      return span;
    }
    want *= 2;
  }
}

Result<std::vector<std::vector<std::string>>> CsvReader::peek_rows(size_t n) {
  return guard([&]() -> Result<std::vector<std::vector<std::string>>> {
    ADP_ASSERT(!scanned_);
    const RowSpan span = find_rows(n, false);
    RowBatch batch;
    load_batch(batch, source_.peek(span.bytes).substr(0, span.bytes));
    // No row is longer than max_row_bytes: find_rows stopped before any such row.
    tokenize_batch(batch, {dialect_.delimiter, dialect_.quote, options_.max_row_bytes});
    // Rows and rejected rows in line order; a rejected row's lines never overlap another row's.
    std::vector<std::vector<std::string>> rows;
    const auto& issues = batch.issues();
    size_t issue_idx = 0;
    for (size_t row = 0; row <= batch.num_rows(); ++row) {
      const int64_t line = row < batch.num_rows() ? batch.line_offset(row) : INT64_MAX;
      for (; issue_idx < issues.size() && issues[issue_idx].line_offset < line; ++issue_idx) {
        rows.push_back({issues[issue_idx].raw});
      }
      if (row == batch.num_rows()) {
        break;
      }
      std::vector<std::string>& fields = rows.emplace_back();
      for (size_t col = 0; col < batch.num_fields(row); ++col) {
        fields.emplace_back(batch.field(row, col));
      }
    }
    return rows;
  });
}

Error CsvReader::long_row_error(const RowSpan& span) {
  const std::string_view row = source_.peek(span.bytes + options_.max_row_bytes).substr(span.bytes);
  RowScanner scanner(dialect_.delimiter, dialect_.quote);
  scanner.feed(row.data(), options_.max_row_bytes);
  const RowIssue issue =
      make_row_issue(RowIssueKind::kRowTooLong, span.lines + scanner.newlines(), scanner.fields(),
                     row.substr(0, options_.max_row_bytes),
                     row_too_long_message(options_.max_row_bytes, scanner.fields()));
  return row_issue_error(issue, source_.path(), current_line_);
}

Result<void> CsvReader::skip_rows(size_t n) {
  return guard([&]() -> Result<void> {
    ADP_ASSERT(!scanned_);
    const RowSpan span = find_rows(n, true);
    if (span.long_row) {
      return long_row_error(span);
    }
    if (span.rows < n) {
      ErrorContext context;
      context.file = source_.path();
      context.line = current_line_;
      return make_error(ErrorCode::kParse,
                        fmt::format("cannot skip {} rows: only {} are left", n, span.rows),
                        std::move(context));
    }
    source_.consume(span.bytes);
    current_line_ += span.lines;
    return {};
  });
}

}  // namespace adpilot::csv
