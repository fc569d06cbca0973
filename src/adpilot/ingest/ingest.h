// Ingest: CSV files in any supported export layout → canonical Tables, streamed in file order.
//
// For each file: 1. open and sniff the dialect (csv/), 2. find the header row and the format
// (formats/), 3. parse and convert blocks of rows on worker threads (detail/convert), 4. apply the
// preprocessing policies in file order (preprocess), 5. hand each chunk to the sink.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/core/table.h"
#include "adpilot/ingest/formats/registry.h"
#include "adpilot/ingest/quality.h"

namespace adpilot::ingest {

struct IngestOptions {
  std::string format;        // empty: detect from the header
  int year = 0;              // for layouts without a year (online_ads)
  char delimiter = 0;        // 0: sniff
  char decimal = 0;          // 0: '.' unless the file is ';'-delimited
  int threads = 0;           // 0: all cores
  bool lenient = false;      // skip malformed rows (counted, listed) instead of failing
  size_t max_row_bytes = 2u << 20;
  size_t max_rejects_listed = 20;
  Policies policies;
  std::optional<Date> since;
  std::optional<Date> until;
  // Only these canonical columns are materialised (empty: all). Metrics, date and currency are
  // always read because the checks need them.
  std::vector<std::string> columns;
};

// Receives each preprocessed chunk (at most kChunkRows rows) in file order.
using ChunkSink = std::function<Result<void>(Table&& chunk)>;

// Streams files through the pipeline; returns the quality report. Files are read one after the
// other and their rows concatenated, whatever their formats.
Result<IngestReport> ingest_stream(const std::vector<std::string>& files,
                                   const IngestOptions& options, const FormatRegistry& registry,
                                   const ChunkSink& sink);

// The whole input as one Table (for small data: the demo, tests, later stages).
Result<Table> ingest_table(const std::vector<std::string>& files, const IngestOptions& options,
                           const FormatRegistry& registry, IngestReport* report = nullptr);

}  // namespace adpilot::ingest
