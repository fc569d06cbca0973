// Settings → ingest: the options and format registry every data-reading subcommand shares.
#pragma once

#include "adpilot/cli/commands.h"
#include "adpilot/ingest/ingest.h"

namespace adpilot::cli {

// Presets plus the user mappings of the config file.
Result<ingest::FormatRegistry> make_format_registry(const Settings& settings);

Result<ingest::IngestOptions> make_ingest_options(const Settings& settings,
                                                  const ingest::FormatRegistry& registry);

// Reads the command's FILE… arguments into one Table under the settings' formats and policies,
// printing the ingest notes; the report goes to *report.
Result<Table> read_input_table(const Settings& settings, Io& io, ingest::IngestReport* report);

// The --format value when it names an output format ("" when it named an input format).
std::string output_format_text(const Settings& settings);

// Stderr notes after ingest: rows skipped by --lenient, mixed currencies.
void print_ingest_notes(const ingest::IngestReport& report, const Settings& settings, Io& io);

// The single currency of the data, or "" when there are none or several.
std::string single_currency(const ingest::IngestReport& report);

}  // namespace adpilot::cli
