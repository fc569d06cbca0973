// Whole small CSV files (budgets, plain series) as rows of strings, header included. Uses the
// streaming reader, so quoting, dialects and errors behave as everywhere else; rows with a
// tokenizer issue are errors naming the file and line.
#pragma once

#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/ingest/csv/csv_reader.h"

namespace adpilot::csv {

struct AllRows {
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;  // the file line of each row
};

Result<AllRows> read_all_rows(const std::string& path, const CsvOptions& options = {});

}  // namespace adpilot::csv
