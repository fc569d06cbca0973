// Batch conversion: tokenized CSV rows → a typed canonical chunk. Runs on worker threads, so it
// touches only its own output; everything order-dependent (line numbers, duplicates, policies)
// happens later in preprocess, on the consumer thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adpilot/core/table.h"
#include "adpilot/ingest/csv/csv_reader.h"
#include "adpilot/ingest/formats/format.h"
#include "adpilot/ingest/quality.h"

namespace adpilot::ingest::detail {

// One output column and where its values come from.
struct PlanColumn {
  std::string name;
  ValueKind kind = ValueKind::kString;
  int source_idx = -1;      // -1: a constant (channel, currency from the header) or derived date
  bool materialize = true;  // false: parsed for checks/keys only, not kept
  bool key = false;         // part of the duplicate key (ids and segments)
  bool row_date = false;    // the row's `date`: a row without one is malformed
  std::string constant;
};

struct ConvertPlan {
  std::string file;
  BoundFormat bound;
  std::vector<PlanColumn> columns;  // output order
  size_t header_fields = 0;
  std::vector<std::string> headers;
  NumberLocale locale;
  DateOrder date_order = DateOrder::kAuto;
  int year = 0;
  int month_source = -1;  // online_ads: month name + day of month → date
  int day_source = -1;
  bool skip_total_rows = false;
  // Output column indices of the fields the checks read (-1 when absent).
  int date_col = -1;
  int date_end_col = -1;
  int impressions_col = -1;
  int clicks_col = -1;
  int cost_col = -1;
  int conversions_col = -1;
  int revenue_col = -1;
  int currency_col = -1;
  std::vector<int> key_sources;  // source indices hashed into the entity key

  // An empty table with the output schema; each chunk starts as a copy.
  Table empty_table() const;
};

struct RowProblem {
  int64_t line_offset = 0;  // relative to the batch
  int64_t column = 0;       // 1-based source column
  std::string field;
  std::string message;
  std::string hint;
  std::string raw;
};

// Per-row hints for preprocess, computed on the worker: a row with no flag needs no check but
// the duplicate probe, so the serial consumer skips the rest.
enum RowFlag : uint8_t {
  kFlagMissing = 1,       // a metric cell is missing
  kFlagSuspect = 2,       // negative, clicks > impressions, conversions > clicks or a range row
  kFlagCurrency = 4,      // the currency is not an ISO 4217 code
};

struct ConvertedChunk {
  Table table;
  std::vector<uint8_t> flags;         // RowFlag bits per output row
  std::vector<uint64_t> entity_hash;  // per output row
  std::vector<uint32_t> row_hash;     // of the raw row bytes; 0 never occurs
  std::vector<int32_t> line_offset;   // per output row, relative to the batch
  std::vector<RowProblem> problems;   // rows left out because they could not be read
  int64_t rows_seen = 0;
  int64_t total_rows_skipped = 0;
};

ConvertPlan make_plan(const std::string& file, const BoundFormat& bound,
                      const std::vector<std::string>& headers, NumberLocale locale,
                      DateOrder date_order, int year, const std::vector<std::string>& projection);

ConvertedChunk convert_batch(const ConvertPlan& plan, const csv::RowBatch& batch);

}  // namespace adpilot::ingest::detail
