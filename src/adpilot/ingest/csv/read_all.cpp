#include "adpilot/ingest/csv/read_all.h"

namespace adpilot::csv {

Result<AllRows> read_all_rows(const std::string& path, const CsvOptions& options) {
  CsvOptions single = options;
  single.threads = 1;
  auto reader = CsvReader::open(path, single);
  if (!reader.ok()) {
    return reader.error();
  }
  AllRows out;
  auto done = reader->scan<const RowBatch*>(
      [](const RowBatch& batch, int) { return &batch; },
      [&](const RowBatch*&& batch, int64_t line_base) -> Result<void> {
        if (!batch->issues().empty()) {
          return row_issue_error(batch->issues().front(), path, line_base);
        }
        for (size_t row = 0; row < batch->num_rows(); ++row) {
          std::vector<std::string> fields;
          fields.reserve(batch->num_fields(row));
          for (size_t col = 0; col < batch->num_fields(row); ++col) {
            fields.emplace_back(batch->field(row, col));
          }
          out.rows.push_back(std::move(fields));
          out.lines.push_back(line_base + batch->line_offset(row));
        }
        return {};
      });
  if (!done.ok()) {
    return done.error();
  }
  return out;
}

}  // namespace adpilot::csv
