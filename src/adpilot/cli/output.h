// Output: a Table rendered for people (aligned, thousands separators, "—" for undefined) or for
// machines (CSV with empty cells for undefined, JSON with null), written atomically.
#pragma once

#include <string>

#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::cli {

enum class OutputFormat : uint8_t { kTable, kCsv, kJson };

// "table" | "csv" | "json"; empty picks table on a terminal (and no --out), csv otherwise.
Result<OutputFormat> choose_output_format(const std::string& text, bool to_terminal);

// Money columns are in currency units; currency_symbol is used by the table form only.
std::string render_csv(const Table& table);
std::string render_json(const Table& table);
std::string render_pretty(const Table& table, const std::string& currency_symbol);

// Writes text to path through a temporary file in the same folder and a rename, so a reader
// never sees a half-written file; "" or "-" writes to stdout.
Result<void> write_output(const std::string& path, const std::string& text, std::FILE* out);

}  // namespace adpilot::cli
