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
using detail::find_special_fast;

// Appends through raw pointers so that the inner loop does not reload each vector's end after
// every store; the vectors only grow, and keep their size across blocks.
template <typename T>
T* grow_vector(std::vector<T>& vec, size_t min_size) {
  vec.resize(std::max<size_t>({min_size, vec.size() * 2, 1024}));
  return vec.data();
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
  static uint32_t push_unescaped(std::string& arena, const char* begin, const char* end, char quote);
};

void BatchWriter::tokenize(RowBatch& batch, const TokenizeParams& params) {
  const size_t size = batch.size_;
  const char* const data = batch.data_.get();
  if (size == 0) {
    batch.bases_ = {data, batch.arena_.data()};
    return;
  }
  ADP_ASSERT(data[size - 1] == '\n');
  const char* const end = data + size;
  const char delimiter = params.delimiter;
  const char quote = params.quote;

  FieldRef* fields = batch.fields_.data();
  size_t field_count = 0;
  size_t field_cap = batch.fields_.size();
  uint32_t* first_field = batch.row_first_field_.data();
  uint32_t* row_begins = batch.row_begin_.data();
  uint32_t* row_ends = batch.row_end_.data();
  uint32_t* row_lines = batch.row_line_.data();
  size_t row_count = 0;
  size_t row_cap = batch.row_line_.size();

  uint32_t non_ascii = 0;
  uint32_t line = 0;
  size_t pos = 0;
  while (pos < size) {
    const size_t row_begin = pos;
    const uint32_t row_line = line;
    // Blank lines are not rows, but they are lines.
    if (data[pos] == '\n') {
      ++line;
      ++pos;
      continue;
    }
    if (data[pos] == '\r' && data[pos + 1] == '\n') {
      ++line;
      pos += 2;
      continue;
    }
    const size_t row_first = field_count;
    const size_t arena_mark = batch.arena_.size();
    size_t row_end = 0;
    bool failed = false;
    Problem problem{};
    for (;;) {
      if (field_count + 1 >= field_cap) {
        fields = grow_vector(batch.fields_, field_count + 2);
        field_cap = batch.fields_.size();
      }
      if (data[pos] != quote) {
        const char* hit = find_special_fast(data + pos, end, delimiter, quote, non_ascii);
        const auto hit_pos = static_cast<size_t>(hit - data);
        if (*hit == delimiter) {
          fields[field_count++] = {static_cast<uint32_t>(pos), static_cast<uint32_t>(hit_pos - pos)};
          pos = hit_pos + 1;
          continue;
        }
        if (*hit == '\n') {
          size_t field_end = hit_pos;
          if (field_end > pos && data[field_end - 1] == '\r') {
            --field_end;
          }
          fields[field_count++] = {static_cast<uint32_t>(pos), static_cast<uint32_t>(field_end - pos)};
          row_end = field_end;
          pos = hit_pos + 1;
          break;
        }
        problem = {RowIssueKind::kUnexpectedQuote, line, field_count - row_first + 1};
        failed = true;
        break;
      }
      // A quoted field. The block ends in '\n', so data[closing + 1] and, after a '\r',
      // data[closing + 2] exist.
      const size_t content_begin = pos + 1;
      size_t search = content_begin;
      size_t closing = size;
      bool escaped = false;
      for (;;) {
        const void* hit = std::memchr(data + search, quote, size - search);
        if (hit == nullptr) {
          break;
        }
        const auto quote_pos = static_cast<size_t>(static_cast<const char*>(hit) - data);
        line += static_cast<uint32_t>(count_newlines(data + search, quote_pos - search));
        if (data[quote_pos + 1] == quote) {
          escaped = true;
          search = quote_pos + 2;
          continue;
        }
        closing = quote_pos;
        break;
      }
      if (closing == size) {
        problem = {RowIssueKind::kUnterminatedQuote, line, field_count - row_first + 1};
        failed = true;
        break;
      }
      if (non_ascii == 0 && has_non_ascii(data + content_begin, closing - content_begin)) {
        non_ascii = 1;
      }
      if (escaped) {
        const auto arena_offset = static_cast<uint32_t>(batch.arena_.size());
        const uint32_t length =
            push_unescaped(batch.arena_, data + content_begin, data + closing, quote);
        fields[field_count++] = {arena_offset | detail::kArenaBit, length};
      } else {
        fields[field_count++] = {static_cast<uint32_t>(content_begin),
                                 static_cast<uint32_t>(closing - content_begin)};
      }
      const char next = data[closing + 1];
      if (next == delimiter) {
        pos = closing + 2;
        continue;
      }
      if (next == '\n' || (next == '\r' && data[closing + 2] == '\n')) {
        row_end = closing + 1;
        pos = closing + (next == '\n' ? 2 : 3);
        break;
      }
      problem = {RowIssueKind::kTextAfterQuote, line, field_count - row_first};
      failed = true;
      break;
    }
    if (failed) {
      field_count = row_first;
      batch.arena_.resize(arena_mark);
      pos = reject_row(batch, params, row_begin, row_line, problem, line);
      continue;
    }
    ++line;
    if (row_end - row_begin > params.max_row_bytes) {
      field_count = row_first;
      batch.arena_.resize(arena_mark);
      reject_long_row(batch, params, row_begin, row_end, row_line);
      continue;
    }
    if (row_count + 1 >= row_cap) {
      first_field = grow_vector(batch.row_first_field_, row_count + 2);
      row_begins = grow_vector(batch.row_begin_, row_count + 2);
      row_ends = grow_vector(batch.row_end_, row_count + 2);
      row_lines = grow_vector(batch.row_line_, row_count + 2);
      row_cap = std::min({batch.row_first_field_.size(), batch.row_begin_.size(),
                          batch.row_end_.size(), batch.row_line_.size()});
    }
    first_field[row_count] = static_cast<uint32_t>(row_first);
    row_begins[row_count] = static_cast<uint32_t>(row_begin);
    row_ends[row_count] = static_cast<uint32_t>(row_end);
    row_lines[row_count] = row_line;
    ++row_count;
  }
  if (batch.row_first_field_.size() < row_count + 1) {
    first_field = grow_vector(batch.row_first_field_, row_count + 1);
  }
  first_field[row_count] = static_cast<uint32_t>(field_count);
  batch.num_rows_ = row_count;
  batch.num_lines_ = line;
  batch.bases_ = {data, batch.arena_.data()};
  if (non_ascii != 0) {
    check_utf8(batch, params);
  }
  std::stable_sort(batch.issues_.begin(), batch.issues_.end(),
                   [](const RowIssue& a, const RowIssue& b) { return a.line_offset < b.line_offset; });
}

uint32_t BatchWriter::push_unescaped(std::string& arena, const char* begin, const char* end,
                                     char quote) {
  const size_t start = arena.size();
  while (begin < end) {
    const void* hit = std::memchr(begin, quote, static_cast<size_t>(end - begin));
    const char* stop = hit != nullptr ? static_cast<const char*>(hit) + 1 : end;
    arena.append(begin, stop);
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
  batch.issues_.push_back(make_row_issue(
      RowIssueKind::kRowTooLong, row_line + scanner.newlines(), scanner.fields(), raw,
      row_too_long_message(params.max_row_bytes, scanner.fields())));
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
    while (row < batch.num_rows_ && batch.row_end_[row] <= bad) {
      ++row;
    }
    if (row == batch.num_rows_ || batch.row_begin_[row] > bad) {
      from = bad + 1;
      continue;
    }
    const size_t row_begin = batch.row_begin_[row];
    RowScanner scanner(params.delimiter, params.quote);
    scanner.feed(data + row_begin, bad - row_begin);
    const int64_t offset_in_field = static_cast<int64_t>(bad - row_begin) - scanner.field_begin();
    batch.issues_.push_back(make_row_issue(
        RowIssueKind::kInvalidUtf8, batch.row_line_[row] + scanner.newlines(), scanner.fields(),
        batch.raw_row(row),
        fmt::format("invalid UTF-8 byte 0x{:02X} at byte offset {} of field {}",
                    static_cast<unsigned>(static_cast<unsigned char>(data[bad])), offset_in_field,
                    scanner.fields())));
    if (drop.empty()) {
      drop.assign(batch.num_rows_, 0);
    }
    drop[row] = 1;
    from = batch.row_end_[row];
  }
  if (!drop.empty()) {
    batch.drop_rows(drop);
  }
}

void BatchWriter::load(RowBatch& batch, std::string_view bytes) {
  batch.prepare(bytes.size());
  std::memcpy(batch.data_.get(), bytes.data(), bytes.size());
  batch.size_ = bytes.size();
  if (!bytes.empty() && bytes.back() != '\n') {
    batch.data_[batch.size_++] = '\n';
  }
}

void tokenize_batch(RowBatch& batch, const TokenizeParams& params) {
  BatchWriter::tokenize(batch, params);
}

void load_batch(RowBatch& batch, std::string_view bytes) { BatchWriter::load(batch, bytes); }

}  // namespace adpilot::csv
