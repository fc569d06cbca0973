// CSV reading, the public entry of the csv layer. One file per phase, as DuckDB's CSV scanner:
//   buffer.h         file or stdin → bytes, UTF-8 BOM removed (read(), no mmap)
//   dialect.h        delimiter sniffing; options remember user-set vs detected
//   row_scanner.h    where rows end (quote state), shared by splitter, sniffer and recovery
//   tokenizer.h      a block of whole rows → RowBatch (special_scan.h: its SIMD inner search)
//   utf8.h           validation of every batch
//   parallel_scan.h  block splitting, worker threads, in-order delivery
//   csv_error.h      RowIssue: a row that could not be tokenized
//
// Strict or lenient is the caller's choice. Bad quoting, invalid UTF-8 and over-long rows affect
// one row: that row is left out of its RowBatch and described in RowBatch::issues(); the scan
// goes on. Strict mode returns row_issue_error(issue, reader.path(), line_base) for the first
// issue from consume (which stops the scan); lenient mode records issues in its rejects list.
// An unterminated quote at the end of the file is an issue of the file's last row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/ingest/csv/buffer.h"
#include "adpilot/ingest/csv/csv_error.h"
#include "adpilot/ingest/csv/dialect.h"
#include "adpilot/ingest/csv/parallel_scan.h"
#include "adpilot/ingest/csv/row_batch.h"

namespace adpilot::csv {

struct CsvOptions {
  CsvOption<char> delimiter;  // unset = sniff among ',', ';', '\t' and '|'
  // Bytes read per block, 1 B .. 1 GiB. Memory in use is about (2 × threads + 1) blocks plus
  // their field tables (8 bytes a field), whatever the file size.
  size_t block_bytes = 8u << 20;
  // A longer row (line ending excluded) is a kRowTooLong issue; 1 B .. 1 GiB, and
  // block_bytes + max_row_bytes at most 1.5 GiB.
  size_t max_row_bytes = 2u << 20;
  int threads = 0;  // 0 = std::thread::hardware_concurrency()
};

// Example — count rows with 2 threads, failing on the first bad row:
//   auto reader = CsvReader::open("report.csv", {.threads = 2});
//   if (!reader.ok()) { return reader.error(); }
//   if (auto skipped = reader->skip_rows(1); !skipped.ok()) { return skipped.error(); }  // header
//   size_t rows = 0;
//   auto done = reader->scan<const RowBatch*>(
//       [](const RowBatch& batch, int) { return &batch; },
//       [&](const RowBatch*&& batch, int64_t line_base) -> Result<void> {
//         if (!batch->issues().empty()) {
//           return row_issue_error(batch->issues().front(), reader->path(), line_base);
//         }
//         rows += batch->num_rows();
//         return {};
//       });
class CsvReader {
 public:
  // Opens path ("-" = stdin), strips a UTF-8 BOM and sniffs the dialect from the first 256 KiB.
  // Errors: kInvalidArgument for a bad option, kIo when unreadable, kParse "file is empty" when
  // there is no row at all (line 0) or "file is UTF-16 encoded" for a UTF-16 BOM.
  static Result<CsvReader> open(const std::string& path, const CsvOptions& options);

  const Dialect& dialect() const { return dialect_; }
  // Tokenizes up to n rows from the current position without consuming them, for header
  // detection; fewer at the end of the file or before a row longer than max_row_bytes. Blank
  // lines are not rows. A row that cannot be tokenized comes back as one field holding its raw
  // text, so indices still match skip_rows; scan() reports it as a RowIssue if it is not skipped.
  Result<std::vector<std::vector<std::string>>> peek_rows(size_t n);
  // Consumes n rows (title lines + the header row, malformed or not) and the blank lines after
  // them; then current_line() is the 1-based line of the next row. kParse error when fewer than
  // n are left or one of them is longer than max_row_bytes.
  Result<void> skip_rows(size_t n);
  int64_t current_line() const { return current_line_; }

  // Scans the rest of the file. convert(batch, worker_index) runs on threads() worker threads,
  // concurrently, worker_index in [0, threads()); consume(value, line_base) runs on this thread in
  // file order, line_base being the 1-based line of the batch's first line (a row's line is
  // line_base + batch.line_offset(row)). The batch stays alive until its consume returns, so value
  // may point into it. A non-ok consume result, an exception from either callback or a read error
  // stops the scan (queued work dropped, threads joined) and is returned. With threads() == 1 no
  // thread is spawned. T is deduced from std::function arguments, else given: scan<Chunk>(...).
  // A reader scans once: a second call delivers nothing, and peek/skip must come before.
  template <typename T>
  Result<void> scan(std::function<T(const RowBatch&, int)> convert,
                    std::function<Result<void>(T&&, int64_t)> consume);

  const std::string& path() const { return source_.path(); }
  // Bytes read from the file so far, BOM included (for progress).
  int64_t bytes_read() const { return source_.bytes_read(); }
  // Worker threads scan() uses (CsvOptions::threads resolved).
  int threads() const { return threads_; }

 private:
  struct RowSpan {
    size_t bytes = 0;
    size_t rows = 0;
    int64_t lines = 0;
    bool long_row = false;  // stopped before a row longer than max_row_bytes
  };

  CsvReader(FileSource source, const CsvOptions& options, const Dialect& dialect, int threads);
  // The bytes and lines spanned by the next n rows (and the blank lines after them when
  // with_trailing_blanks); reads ahead as needed.
  RowSpan find_rows(size_t n, bool with_trailing_blanks);
  Error long_row_error(const RowSpan& span);

  FileSource source_;
  CsvOptions options_;
  Dialect dialect_;
  int threads_ = 1;
  int64_t current_line_ = 1;
  bool scanned_ = false;
};

template <typename T>
Result<void> CsvReader::scan(std::function<T(const RowBatch&, int)> convert,
                             std::function<Result<void>(T&&, int64_t)> consume) {
  return guard([&]() -> Result<void> {
    if (scanned_) {
      return {};
    }
    scanned_ = true;
    BlockProducer producer(source_, dialect_, options_.block_bytes, options_.max_row_bytes);
    const TokenizeParams params{dialect_.delimiter, dialect_.quote, options_.max_row_bytes};
    return run_parallel_scan<T>(producer, params, threads_, current_line_, convert, consume);
  });
}

}  // namespace adpilot::csv
