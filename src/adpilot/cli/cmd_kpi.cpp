// adpilot kpi FILE… — KPIs by any grouping and grain, streamed from the files.
#include "adpilot/analyze/kpi.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/core/format_number.h"

namespace adpilot::cli {

namespace {

Result<void> kpi(const Settings& settings, Io& io) {
  if (settings.positional.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "no input files",
                      {}, "usage: adpilot kpi FILE... [--by campaign] [--grain day]");
  }
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  auto options = make_ingest_options(settings, *registry);
  if (!options.ok()) {
    return options.error();
  }
  analyze::KpiQuery query;
  query.by = settings.list("by");
  auto grain = analyze::parse_grain(settings.text("grain"));
  if (!grain.ok()) {
    return grain.error();
  }
  query.grain = *grain;
  query.sort = settings.text("sort");
  query.top = static_cast<size_t>(settings.integer("top"));
  const bool to_terminal = io.out_is_terminal && settings.text("out").empty();
  auto format = choose_output_format(output_format_text(settings), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  options->columns = analyze::kpi_input_columns(query);

  analyze::KpiAggregator aggregator(query);
  auto report = ingest::ingest_stream(settings.positional, *options, *registry,
                                      [&](Table&& chunk) { return aggregator.add(chunk); });
  if (!report.ok()) {
    return report.error();
  }
  auto table = aggregator.finish();
  if (!table.ok()) {
    return table.error();
  }
  print_ingest_notes(*report, settings, io);
  std::string text;
  switch (*format) {
    case OutputFormat::kCsv: text = render_csv(*table); break;
    case OutputFormat::kJson: text = render_json(*table); break;
    case OutputFormat::kTable:
      text = render_pretty(*table, currency_symbol(single_currency(*report)));
      break;
  }
  return write_output(settings.text("out"), text, io.out);
}

}  // namespace

int run_kpi(const Settings& settings, Io& io) {
  auto done = guard([&] { return kpi(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
