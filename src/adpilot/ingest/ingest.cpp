#include "adpilot/ingest/ingest.h"

#include <fmt/format.h>

#include "adpilot/ingest/csv/csv_reader.h"
#include "adpilot/ingest/detail/convert.h"
#include "adpilot/ingest/detail/header_detect.h"
#include "adpilot/ingest/detail/preprocess.h"

namespace adpilot::ingest {

namespace {

// Rows peeked for header detection and for inferring the date order of numeric dates.
constexpr size_t kPeekRows = 200;

const char* kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kString: return "text";
    case ValueKind::kDate: return "date";
    case ValueKind::kCount: return "count";
    case ValueKind::kMoney: return "money";
    case ValueKind::kDecimal: return "number";
    case ValueKind::kMonthName: return "month name";
    case ValueKind::kDayOfMonth: return "day of month";
  }
  return "?";
}

DateOrder choose_date_order(const FormatSpec& spec, const BoundFormat& bound,
                            const std::vector<std::vector<std::string>>& rows, size_t header_idx) {
  if (spec.date_order != DateOrder::kAuto) {
    return spec.date_order;
  }
  std::vector<std::string_view> samples;
  for (const auto& column : bound.columns) {
    if (column.kind != ValueKind::kDate) {
      continue;
    }
    for (size_t row = header_idx + 1; row < rows.size(); ++row) {
      if (column.source_idx < rows[row].size()) {
        samples.emplace_back(rows[row][column.source_idx]);
      }
    }
  }
  return infer_date_order(samples);
}

Result<void> ingest_file(const std::string& path, const IngestOptions& options,
                         const FormatRegistry& registry, detail::Preprocessor& preprocessor,
                         FileReport& report, const ChunkSink& sink) {
  csv::CsvOptions csv_options;
  if (options.delimiter != 0) {
    csv_options.delimiter.value = options.delimiter;
    csv_options.delimiter.set_by_user = true;
  }
  csv_options.max_row_bytes = options.max_row_bytes;
  csv_options.threads = options.threads;
  auto reader = csv::CsvReader::open(path, csv_options);
  if (!reader.ok()) {
    return reader.error();
  }
  report.path = path;
  report.delimiter = reader->dialect().delimiter;
  report.had_bom = reader->dialect().had_bom;

  auto peeked = reader->peek_rows(kPeekRows);
  if (!peeked.ok()) {
    return peeked.error();
  }
  auto header = detail::detect_header(*peeked, registry, options.format, path);
  if (!header.ok()) {
    return header.error();
  }
  const BoundFormat& bound = header->bound;
  const FormatSpec& spec = *bound.spec;
  report.format = spec.name;
  report.format_detected = header->detected;
  for (const auto& column : bound.columns) {
    report.mapping.push_back(ColumnMapping{column.source_header, column.target, kind_name(column.kind)});
  }
  report.ignored_columns = bound.ignored_headers;

  const auto& header_row = (*peeked)[header->row_idx];
  const bool needs_year = std::any_of(bound.columns.begin(), bound.columns.end(), [](const auto& c) {
    return c.kind == ValueKind::kMonthName;
  });
  if (needs_year && options.year == 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("format '{}' has month and day columns but no year", spec.name),
                      ErrorContext{path, 0, 0, "", "--year"}, "pass the year, e.g. --year 2020");
  }
  NumberLocale locale = spec.locale;
  if (options.decimal != 0) {
    locale.decimal = options.decimal;
    locale.group = options.decimal == ',' ? '.' : ',';
  } else if (!spec.locale_set && report.delimiter == ';') {
    locale = NumberLocale{',', '.'};  // ';' files come from locales that write 1.234,56
  }
  const detail::ConvertPlan plan =
      detail::make_plan(path, bound, header_row, locale,
                        choose_date_order(spec, bound, *peeked, header->row_idx), options.year,
                        options.columns);

  if (auto skipped = reader->skip_rows(header->row_idx + 1); !skipped.ok()) {
    return skipped.error();
  }
  report.header_line = reader->current_line() - 1;

  const std::function<detail::ConvertedChunk(const csv::RowBatch&, int)> convert =
      [&plan](const csv::RowBatch& batch, int) { return detail::convert_batch(plan, batch); };
  const std::function<Result<void>(detail::ConvertedChunk&&, int64_t)> consume =
      [&](detail::ConvertedChunk&& chunk, int64_t line_base) -> Result<void> {
    if (auto applied = preprocessor.apply(plan, chunk, line_base, report); !applied.ok()) {
      return applied;
    }
    if (chunk.table.num_rows() == 0) {
      return {};
    }
    return sink(std::move(chunk.table));
  };
  if (auto scanned = reader->scan(convert, consume); !scanned.ok()) {
    return scanned;
  }
  report.bytes = reader->bytes_read();
  if (report.counts.rows_read == 0) {
    return make_error(ErrorCode::kParse, "the file has a header but no data rows",
                      ErrorContext{path, report.header_line, 0, "", ""},
                      "export a date range that has data");
  }
  return {};
}

}  // namespace

Result<IngestReport> ingest_stream(const std::vector<std::string>& files,
                                   const IngestOptions& options, const FormatRegistry& registry,
                                   const ChunkSink& sink) {
  return guard([&]() -> Result<IngestReport> {
    IngestReport report;
    report.policies = options.policies;
    detail::Preprocessor preprocessor(options.policies, options.lenient, options.max_rejects_listed,
                                      options.since, options.until);
    for (const auto& path : files) {
      report.files.emplace_back();
      if (auto done = ingest_file(path, options, registry, preprocessor, report.files.back(), sink);
          !done.ok()) {
        return done.error();
      }
      report.totals.add(report.files.back().counts);
      report.bytes += report.files.back().bytes;
    }
    return report;
  });
}

Result<Table> ingest_table(const std::vector<std::string>& files, const IngestOptions& options,
                           const FormatRegistry& registry, IngestReport* report) {
  Table table;
  auto result = ingest_stream(files, options, registry, [&](Table&& chunk) -> Result<void> {
    if (table.num_columns() == 0) {
      table = std::move(chunk);
    } else {
      table.append(chunk);
    }
    return {};
  });
  if (!result.ok()) {
    return result.error();
  }
  if (report != nullptr) {
    *report = std::move(result).value();
  }
  return table;
}

}  // namespace adpilot::ingest
