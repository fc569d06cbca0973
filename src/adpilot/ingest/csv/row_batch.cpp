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
  rows_[0].first_field = 0;
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
    const detail::RowRef ref = rows_[row];
    const uint32_t count = rows_[row + 1].first_field - ref.first_field;
    for (uint32_t i = 0; i < count; ++i) {
      fields_[kept_fields + i] = fields_[ref.first_field + i];
    }
    rows_[kept_rows] = ref;
    rows_[kept_rows].first_field = kept_fields;
    kept_fields += count;
    ++kept_rows;
  }
  rows_[kept_rows].first_field = kept_fields;
  num_rows_ = kept_rows;
}

}  // namespace adpilot::csv
