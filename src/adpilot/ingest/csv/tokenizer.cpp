#include "adpilot/ingest/csv/tokenizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/ingest/csv/row_scanner.h"
#include "adpilot/ingest/csv/special_scan.h"
#include "adpilot/ingest/csv/utf8.h"

namespace adpilot::csv {

namespace {

using detail::FieldRef;
using detail::RowRef;
using detail::SpecialCursor;

// Grows an output vector the tokenizer writes through raw pointers. The vectors never shrink and
// are reused across blocks, so once warm a block allocates nothing.
template <typename T>
T* grow_vector(std::vector<T>& vec, size_t min_size) {
  vec.resize(std::max<size_t>({min_size, vec.size() * 2, 1024}));
  return vec.data();
}

struct QuotedField {
  size_t closing;  // offset of the closing quote; the block size when there is none
  bool escaped;    // the text holds "" pairs
};

// Finds the end of the quoted field opening at data[open]; adds the newlines inside it to line.
inline QuotedField scan_quoted(const char* data, size_t size, size_t open, char quote,
                               uint32_t& line) {
  size_t search = open + 1;
  bool escaped = false;
  for (;;) {
    const void* hit = std::memchr(data + search, quote, size - search);
    if (hit == nullptr) {
      return {size, escaped};
    }
    const auto quote_pos = static_cast<size_t>(static_cast<const char*>(hit) - data);
    line += static_cast<uint32_t>(count_newlines(data + search, quote_pos - search));
    if (data[quote_pos + 1] != quote) {
      return {quote_pos, escaped};
    }
    escaped = true;
    search = quote_pos + 2;
  }
}

}  // namespace

// Holds the tokenizer; the friend of RowBatch.
class BatchWriter {
 public:
  static void tokenize(RowBatch& batch, const TokenizeParams& params);
  static void load(RowBatch& batch, std::string_view bytes);

 private:
  struct Problem {
    RowIssueKind kind;
    uint32_t line;
    size_t column;
  };
  static size_t reject_row(RowBatch& batch, const TokenizeParams& params, size_t row_begin,
                           uint32_t row_line, const Problem& problem, uint32_t& line);
  static void reject_long_row(RowBatch& batch, const TokenizeParams& params, size_t row_begin,
                              size_t row_end, uint32_t row_line);
  static void check_utf8(RowBatch& batch, const TokenizeParams& params);
  static FieldRef* rewind_row(RowBatch& batch, FieldRef* row_fields, FieldRef* out);
  static uint32_t push_unescaped(std::vector<char>& arena, const char* begin, const char* end,
                                 char quote);
};

void BatchWriter::tokenize(RowBatch& batch, const TokenizeParams& params) {
  const size_t size = batch.size_;
  const char* const data = batch.data_.get();
  if (size == 0) {
    batch.bases_ = {data, batch.arena_.data()};
    return;
  }
  ADP_ASSERT(data[size - 1] == '\n');
  const char delimiter = params.delimiter;
  const char quote = params.quote;

  // Output cursors stay in registers: the field loop must not carry a count through memory.
  FieldRef* out = batch.fields_.data();
  FieldRef* out_end = out + batch.fields_.size();
  RowRef* row_out = batch.rows_.data();
  RowRef* row_out_end = row_out + batch.rows_.size();

  // Invariant: cursor.next() returns the first special byte at or after pos.
  SpecialCursor cursor(data + size, delimiter, quote);
  cursor.seek(data);
  uint32_t non_ascii = 0;
  uint32_t line = 0;
  size_t pos = 0;
  while (pos < size) {
    const size_t row_begin = pos;
    // Blank lines are not rows, but they are lines.
    if (data[pos] == '\n' || (data[pos] == '\r' && data[pos + 1] == '\n')) {
      pos = static_cast<size_t>(cursor.next() - data) + 1;
      ++line;
      continue;
    }
    const auto row_first = static_cast<uint32_t>(out - batch.fields_.data());
    const uint32_t row_line = line;
    size_t row_end = 0;
    bool failed = false;
    RowIssueKind failure = RowIssueKind::kUnexpectedQuote;
    for (;;) {
      if (out_end - out < 2) {
        const auto used = static_cast<size_t>(out - batch.fields_.data());
        out = grow_vector(batch.fields_, used + 2) + used;
        out_end = batch.fields_.data() + batch.fields_.size();
      }
      if (data[pos] != quote) {
        const char* hit = cursor.next();
        const auto hit_pos = static_cast<size_t>(hit - data);
        if (*hit == delimiter) {
          *out++ = {static_cast<uint32_t>(pos), static_cast<uint32_t>(hit_pos - pos)};
          pos = hit_pos + 1;
          continue;
        }
        if (*hit == '\n') {
          size_t field_end = hit_pos;
          if (field_end > pos && data[field_end - 1] == '\r') {
            --field_end;
          }
          *out++ = {static_cast<uint32_t>(pos), static_cast<uint32_t>(field_end - pos)};
          row_end = field_end;
          pos = hit_pos + 1;
          break;
        }
        failure = RowIssueKind::kUnexpectedQuote;
        failed = true;
        break;
      }
      // A quoted field. The block ends in '\n', so data[closing + 1] and, after a '\r',
      // data[closing + 2] exist.
      const QuotedField field = scan_quoted(data, size, pos, quote, line);
      if (field.closing == size) {
        failure = RowIssueKind::kUnterminatedQuote;
        failed = true;
        break;
      }
      const size_t content_begin = pos + 1;
      const size_t closing = field.closing;
      if (non_ascii == 0 && has_non_ascii(data + content_begin, closing - content_begin)) {
        non_ascii = 1;
      }
      const char next = data[closing + 1];
      const bool ends_row = next == '\n' || (next == '\r' && data[closing + 2] == '\n');
      if (next != delimiter && !ends_row) {
        failure = RowIssueKind::kTextAfterQuote;
        failed = true;
        break;
      }
      if (field.escaped) {
        const auto arena_offset = static_cast<uint32_t>(batch.arena_.size());
        const uint32_t length =
            push_unescaped(batch.arena_, data + content_begin, data + closing, quote);
        *out++ = {arena_offset | detail::kArenaBit, length};
      } else {
        *out++ = {static_cast<uint32_t>(content_begin),
                  static_cast<uint32_t>(closing - content_begin)};
      }
      if (!ends_row) {
        pos = closing + 2;
        cursor.seek(data + pos);
        continue;
      }
      row_end = closing + 1;
      pos = closing + (next == '\n' ? 2 : 3);
      cursor.seek(data + pos);
      break;
    }
    FieldRef* const row_fields = batch.fields_.data() + row_first;
    if (failed) {
      const Problem problem{failure, line, static_cast<size_t>(out - row_fields) + 1};
      out = rewind_row(batch, row_fields, out);
      pos = reject_row(batch, params, row_begin, row_line, problem, line);
      cursor.seek(data + pos);
      continue;
    }
    ++line;
    if (row_end - row_begin > params.max_row_bytes) {
      out = rewind_row(batch, row_fields, out);
      reject_long_row(batch, params, row_begin, row_end, row_line);
      continue;
    }
    if (row_out_end - row_out < 2) {
      const auto used = static_cast<size_t>(row_out - batch.rows_.data());
      row_out = grow_vector(batch.rows_, used + 2) + used;
      row_out_end = batch.rows_.data() + batch.rows_.size();
    }
    *row_out++ = {row_first, static_cast<uint32_t>(row_begin), static_cast<uint32_t>(row_end),
                  row_line};
  }
  // The sentinel that closes the last row's field range; there is room for it.
  row_out->first_field = static_cast<uint32_t>(out - batch.fields_.data());
  batch.num_rows_ = static_cast<size_t>(row_out - batch.rows_.data());
  batch.num_lines_ = line;
  batch.bases_ = {data, batch.arena_.data()};
  if ((non_ascii | cursor.non_ascii()) != 0) {
    check_utf8(batch, params);
  }
  std::stable_sort(
      batch.issues_.begin(), batch.issues_.end(),
      [](const RowIssue& a, const RowIssue& b) { return a.line_offset < b.line_offset; });
}

FieldRef* BatchWriter::rewind_row(RowBatch& batch, FieldRef* row_fields, FieldRef* out) {
  // Escaped fields of the row went to the arena; the first of them marks where to cut it back.
  for (FieldRef* field = row_fields; field < out; ++field) {
    if ((field->offset & detail::kArenaBit) != 0) {
      batch.arena_.resize(field->offset & detail::kOffsetMask);
      break;
    }
  }
  return row_fields;
}

uint32_t BatchWriter::push_unescaped(std::vector<char>& arena, const char* begin, const char* end,
                                     char quote) {
  const size_t start = arena.size();
  while (begin < end) {
    const void* hit = std::memchr(begin, quote, static_cast<size_t>(end - begin));
    const char* stop = hit != nullptr ? static_cast<const char*>(hit) + 1 : end;
    arena.insert(arena.end(), begin, stop);
    begin = hit != nullptr ? stop + 1 : end;  // skip the second quote of ""
  }
  return static_cast<uint32_t>(arena.size() - start);
}

size_t BatchWriter::reject_row(RowBatch& batch, const TokenizeParams& params, size_t row_begin,
                               uint32_t row_line, const Problem& problem, uint32_t& line) {
  const char* data = batch.data_.get();
  const size_t size = batch.size_;
  // Find the row's end by the splitter's rules, so the next row starts where it expects.
  RowScanner scanner(params.delimiter, params.quote);
  const size_t used = scanner.feed(data + row_begin, size - row_begin);
  const size_t next = used == RowScanner::kNotFound ? size : row_begin + used;
  line = row_line + static_cast<uint32_t>(scanner.newlines());
  size_t raw_end = next;
  if (raw_end > row_begin && data[raw_end - 1] == '\n') {
    --raw_end;
  }
  if (raw_end > row_begin && data[raw_end - 1] == '\r') {
    --raw_end;
  }
  // The same precedence as BlockProducer, which sees only the start of an over-long row: a quote
  // left open at the end of the file, then the length, then the problem found here.
  if (used == RowScanner::kNotFound && scanner.in_quotes()) {
    const std::string_view raw(data + row_begin,
                               std::min(raw_end - row_begin, params.max_row_bytes));
    batch.issues_.push_back(make_row_issue(RowIssueKind::kUnterminatedQuote,
                                           row_line + scanner.quote_line(), scanner.quote_field(),
                                           raw));
  } else if (raw_end - row_begin > params.max_row_bytes) {
    reject_long_row(batch, params, row_begin, raw_end, row_line);
  } else {
    const std::string_view raw(data + row_begin, raw_end - row_begin);
    batch.issues_.push_back(
        make_row_issue(problem.kind, problem.line, static_cast<int64_t>(problem.column), raw));
  }
  return next;
}

void BatchWriter::reject_long_row(RowBatch& batch, const TokenizeParams& params, size_t row_begin,
                                  size_t row_end, uint32_t row_line) {
  const char* data = batch.data_.get();
  RowScanner scanner(params.delimiter, params.quote);
  scanner.feed(data + row_begin, params.max_row_bytes);
  const std::string_view raw(data + row_begin, std::min(row_end - row_begin, params.max_row_bytes));
  batch.issues_.push_back(
      make_row_issue(RowIssueKind::kRowTooLong, row_line + scanner.newlines(), scanner.fields(),
                     raw, row_too_long_message(params.max_row_bytes, scanner.fields())));
}

void BatchWriter::check_utf8(RowBatch& batch, const TokenizeParams& params) {
  const char* data = batch.data_.get();
  const size_t size = batch.size_;
  std::vector<uint8_t> drop;
  size_t row = 0;
  size_t from = 0;
  while (from < size) {
    const size_t bad = from + find_invalid_utf8(data + from, size - from);
    if (bad >= size) {
      break;
    }
    // The kept row holding the byte, if any: it may instead sit in a row already rejected.
    while (row < batch.num_rows_ && batch.rows_[row].end <= bad) {
      ++row;
    }
    if (row == batch.num_rows_ || batch.rows_[row].begin > bad) {
      from = bad + 1;
      continue;
    }
    const size_t row_begin = batch.rows_[row].begin;
    RowScanner scanner(params.delimiter, params.quote);
    scanner.feed(data + row_begin, bad - row_begin);
    const int64_t offset_in_field = static_cast<int64_t>(bad - row_begin) - scanner.field_begin();
    batch.issues_.push_back(
        make_row_issue(RowIssueKind::kInvalidUtf8, batch.rows_[row].line + scanner.newlines(),
                       scanner.fields(), batch.raw_row(row),
                       fmt::format("invalid UTF-8 byte 0x{:02X} at byte offset {} of field {}",
                                   static_cast<unsigned>(static_cast<unsigned char>(data[bad])),
                                   offset_in_field, scanner.fields())));
    if (drop.empty()) {
      drop.assign(batch.num_rows_, 0);
    }
    drop[row] = 1;
    from = batch.rows_[row].end;
  }
  if (!drop.empty()) {
    batch.drop_rows(drop);
  }
}

void BatchWriter::load(RowBatch& batch, std::string_view bytes) {
  batch.prepare(bytes.size());
  if (!bytes.empty()) {
    std::memcpy(batch.data_.get(), bytes.data(), bytes.size());
  }
  batch.size_ = bytes.size();
  if (!bytes.empty() && bytes.back() != '\n') {
    batch.data_[batch.size_++] = '\n';
  }
}

void tokenize_batch(RowBatch& batch, const TokenizeParams& params) {
  BatchWriter::tokenize(batch, params);
}

void load_batch(RowBatch& batch, std::string_view bytes) {
  BatchWriter::load(batch, bytes);
}

}  // namespace adpilot::csv
