// Shared input of the series commands (trends, anomalies, forecast, pacing): the files read
// through ingest, grouped by --by into one daily series per entity.
#pragma once

#include <string>
#include <vector>

#include "adpilot/analyze/series.h"
#include "adpilot/cli/commands.h"
#include "adpilot/ingest/quality.h"

namespace adpilot::cli {

struct SeriesInput {
  std::vector<analyze::DailySeries> series;
  ingest::IngestReport report;
  std::string currency;  // the data's single currency, "" when none or several
};

// keep_history: read every day even with --since (anomalies learn from the days before it and
// report only from it on).
Result<SeriesInput> load_daily_series(const Settings& settings, Io& io, bool keep_history = false);

// "7d", "7", "2w" → days; the option name is for the error message.
Result<int> parse_days(const std::string& text, const char* option);

// Writes a result table in the chosen format (table for people, csv or json for machines).
Result<void> emit_table(const Settings& settings, Io& io, const Table& full, const Table& for_people,
                        const std::string& currency);

}  // namespace adpilot::cli
