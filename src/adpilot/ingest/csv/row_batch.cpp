#include "adpilot/ingest/csv/row_batch.h"

namespace adpilot::csv {

void RowBatch::prepare(size_t capacity) {
  capacity += 1;
  if (capacity_ < capacity) {
    // Uninitialised on purpose: pages are touched only as blocks are read into them.
    data_ = std::make_unique_for_overwrite<char[]>(capacity);
    capacity_ = capacity;
  }
  size_ = 0;
  num_rows_ = 0;
  num_lines_ = 0;
  row_first_field_[0] = 0;
  arena_.clear();
  issues_.clear();
  bases_ = {data_.get(), arena_.data()};
}

void RowBatch::drop_rows(const std::vector<uint8_t>& drop) {
  size_t kept_rows = 0;
  uint32_t kept_fields = 0;
  for (size_t row = 0; row < num_rows_; ++row) {
    if (drop[row] != 0) {
      continue;
    }
    const uint32_t first = row_first_field_[row];
    const uint32_t count = row_first_field_[row + 1] - first;
    for (uint32_t i = 0; i < count; ++i) {
      fields_[kept_fields + i] = fields_[first + i];
    }
    row_first_field_[kept_rows] = kept_fields;
    row_begin_[kept_rows] = row_begin_[row];
    row_end_[kept_rows] = row_end_[row];
    row_line_[kept_rows] = row_line_[row];
    kept_fields += count;
    ++kept_rows;
  }
  row_first_field_[kept_rows] = kept_fields;
  num_rows_ = kept_rows;
}

}  // namespace adpilot::csv
