// RowBatch: one block of whole rows, tokenized. It owns the block's bytes, so field views point
// straight into them; only fields that contained "" are copied (unescaped) into a small arena.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/ingest/csv/csv_error.h"

namespace adpilot::csv {

class BatchWriter;
class BlockProducer;

namespace detail {
// offset has kArenaBit set when the text lives in the batch's arena rather than its block.
struct FieldRef {
  uint32_t offset;
  uint32_t length;
};
inline constexpr uint32_t kArenaBit = 1u << 31;
inline constexpr uint32_t kOffsetMask = kArenaBit - 1;
// One row: its first field, its bytes in the block [begin, end) and its line offset.
struct RowRef {
  uint32_t first_field;
  uint32_t begin;
  uint32_t end;
  uint32_t line;
};
}  // namespace detail

// Rows that failed to tokenize are left out and described in issues() instead. Views stay valid
// until the batch is destroyed or reused (scan() reuses it only after consume has returned).
// Lines: line_offset(row) is the 0-based offset of the row's first physical line from the
// batch's first line; a quoted field may span lines and blank lines are skipped, so rows ≠ lines.
class RowBatch {
 public:
  RowBatch() = default;
  RowBatch(const RowBatch&) = delete;
  RowBatch& operator=(const RowBatch&) = delete;
  RowBatch(RowBatch&&) noexcept = default;
  RowBatch& operator=(RowBatch&&) noexcept = default;

  size_t num_rows() const { return num_rows_; }
  size_t num_fields(size_t row) const {
    return rows_[row + 1].first_field - rows_[row].first_field;
  }
  // Unquoted, unescaped text. col < num_fields(row) is the caller's to check: this sits in every
  // converter's inner loop.
  std::string_view field(size_t row, size_t col) const {
    const detail::FieldRef ref = fields_[rows_[row].first_field + col];
    return {bases_[ref.offset >> 31] + (ref.offset & detail::kOffsetMask), ref.length};
  }
  int64_t line_offset(size_t row) const { return rows_[row].line; }
  // Physical lines in this batch, blank lines and rejected rows included.
  int64_t num_lines() const { return num_lines_; }
  // The row's bytes as in the file, without the line ending.
  std::string_view raw_row(size_t row) const {
    return {data_.get() + rows_[row].begin, static_cast<size_t>(rows_[row].end - rows_[row].begin)};
  }
  const std::vector<RowIssue>& issues() const { return issues_; }

 private:
  friend class BatchWriter;  // the tokenizer
  friend class BlockProducer;

  // Forgets the previous block and makes room for capacity bytes (one more is kept for a final
  // '\n' the tokenizer may need to add).
  void prepare(size_t capacity);
  void drop_rows(const std::vector<uint8_t>& drop);

  std::unique_ptr<char[]> data_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  // The vectors below only grow, and are reused across blocks; num_rows_ and
  // rows_[num_rows_].first_field (a sentinel) say how much of them is in use.
  std::vector<detail::FieldRef> fields_;
  std::vector<detail::RowRef> rows_{detail::RowRef{}};
  // A vector, not a string: a moved string may take its short-string buffer along, leaving
  // bases_ dangling; a vector's heap buffer stays put.
  std::vector<char> arena_;
  std::array<const char*, 2> bases_{};
  std::vector<RowIssue> issues_;
  size_t num_rows_ = 0;
  int64_t num_lines_ = 0;
};

}  // namespace adpilot::csv
