// Tokenizer: one block of whole rows → RowBatch (field views, row lines, RowIssues).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adpilot/ingest/csv/row_batch.h"

namespace adpilot::csv {

struct TokenizeParams {
  char delimiter = ',';
  char quote = '"';
  size_t max_row_bytes = 2u << 20;
};

// Tokenizes the batch's bytes, which must be whole rows ending in '\n' (BlockProducer and
// load_batch guarantee it). Phases:
//   1. split fields and rows; blank lines are skipped but counted;
//   2. rows with bad quoting or over max_row_bytes become RowIssues;
//   3. when the block holds any non-ASCII byte, rows with invalid UTF-8 become RowIssues.
// Issues are sorted by line. Never throws except std::bad_alloc.
void tokenize_batch(RowBatch& batch, const TokenizeParams& params);

// Copies bytes into batch as one final block (adding the last '\n' when missing), ready for
// tokenize_batch. For peek_rows and tests.
void load_batch(RowBatch& batch, std::string_view bytes);

}  // namespace adpilot::csv
