#include "adpilot/cli/series_input.h"

#include <fmt/format.h>

#include <charconv>

#include "adpilot/analyze/kpi.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/core/format_number.h"

namespace adpilot::cli {

Result<SeriesInput> load_daily_series(const Settings& settings, Io& io, bool keep_history) {
  if (settings.positional.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "no input files", {},
                      "give one or more campaign CSV files");
  }
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  auto options = make_ingest_options(settings, *registry);
  if (!options.ok()) {
    return options.error();
  }
  if (keep_history) {
    options->since.reset();
  }
  const std::vector<std::string> by = settings.list("by");
  analyze::KpiQuery query;
  query.by = by;
  options->columns = analyze::kpi_input_columns(query);
  SeriesInput input;
  auto table = ingest::ingest_table(settings.positional, *options, *registry, &input.report);
  if (!table.ok()) {
    return table.error();
  }
  print_ingest_notes(input.report, settings, io);
  auto series = analyze::daily_series(*table, by);
  if (!series.ok()) {
    return series.error();
  }
  input.series = std::move(series).value();
  input.currency = single_currency(input.report);
  return input;
}

Result<int> parse_days(const std::string& text, const char* option) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  int scale = 1;
  if (ptr != end) {
    const std::string_view unit(ptr, static_cast<size_t>(end - ptr));
    if (unit == "d") {
      scale = 1;
    } else if (unit == "w") {
      scale = 7;
    } else {
      scale = 0;
    }
  }
  if (ec != std::errc() || scale == 0 || value <= 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is not a number of days (use e.g. 7d or 2w)", text),
                      ErrorContext{"", 0, 0, "", std::string("--") + option});
  }
  return value * scale;
}

Result<void> emit_table(const Settings& settings, Io& io, const Table& full, const Table& for_people,
                        const std::string& currency) {
  const bool to_terminal = io.out_is_terminal && settings.text("out").empty();
  auto format = choose_output_format(output_format_text(settings), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  std::string text;
  switch (*format) {
    case OutputFormat::kCsv: text = render_csv(full); break;
    case OutputFormat::kJson: text = render_json(full); break;
    case OutputFormat::kTable: text = render_pretty(for_people, currency_symbol(currency)); break;
  }
  return write_output(settings.text("out"), text, io.out);
}

}  // namespace adpilot::cli
