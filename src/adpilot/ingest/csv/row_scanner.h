// Where rows end. RFC 4180 with one strict reading: a quote opens a quoted field only as the
// field's first byte, and "" inside it is a literal quote. The block splitter (last_row_end),
// the sniffer, peek/skip and the tokenizer's error recovery all follow these same rules, so they
// agree on row boundaries even for malformed input — which is what lets a bad row be skipped
// without desynchronising the blocks that follow.
#pragma once

#include <cstddef>
#include <cstdint>

namespace adpilot::csv {

// A byte-at-a-time state machine over one row, resumable across buffers. Slow next to the
// tokenizer; it runs on samples, on rows being rejected and on over-long rows only.
class RowScanner {
 public:
  static constexpr size_t kNotFound = static_cast<size_t>(-1);

  RowScanner(char delimiter, char quote) : delimiter_(delimiter), quote_(quote) {}

  // Starts a new row.
  void reset();
  // Scans more bytes of the current row. Returns how many were used, up to and including the
  // '\n' that ends the row, or kNotFound when all were used and the row goes on.
  size_t feed(const char* data, size_t size);

  int64_t fields() const { return fields_; }      // fields begun so far: 1 + delimiters
  int64_t newlines() const { return newlines_; }  // '\n' bytes so far, the terminator included
  int64_t bytes() const { return bytes_; }
  // Offset in the row where the current field's text starts (after its opening quote).
  int64_t field_begin() const { return field_begin_; }
  bool in_quotes() const { return state_ == State::kQuoted; }
  bool malformed() const { return malformed_; }
  // Where the open quoted field began: newlines before its quote, and its 1-based field index.
  int64_t quote_line() const { return quote_line_; }
  int64_t quote_field() const { return quote_field_; }

 private:
  enum class State : uint8_t { kFieldStart, kUnquoted, kQuoted, kQuoteSeen, kClosedCr };

  // Returns true when c ends the row.
  bool step(char c);
  void start_field();

  char delimiter_;
  char quote_;
  State state_ = State::kFieldStart;
  bool malformed_ = false;
  int64_t fields_ = 1;
  int64_t newlines_ = 0;
  int64_t bytes_ = 0;
  int64_t field_begin_ = 0;
  int64_t quote_line_ = 0;
  int64_t quote_field_ = 0;
};

// Offset just past the last '\n' outside quotes in data[0, size), which must start at a row
// start; 0 when there is none. Without any quote in the data this is one memchr and one memrchr.
size_t last_row_end(const char* data, size_t size, char delimiter, char quote);

// True for a row that is a blank line: row is its bytes without the '\n' ("" or "\r"). Blank
// lines are not rows anywhere in this layer, but they count as lines.
inline bool is_blank_line(const char* row, size_t size) {
  return size == 0 || (size == 1 && row[0] == '\r');
}

// Number of '\n' bytes in data[0, size).
size_t count_newlines(const char* data, size_t size);

}  // namespace adpilot::csv
