// adpilot check FILE… — reads the files under the chosen policies and prints what it found.
#include "adpilot/cli/commands.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/quality_view.h"

namespace adpilot::cli {

namespace {

Result<int> check(const Settings& settings, Io& io) {
  if (settings.positional.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "no input files", {}, "usage: adpilot check FILE...");
  }
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  auto options = make_ingest_options(settings, *registry);
  if (!options.ok()) {
    return options.error();
  }
  options->columns = {"date"};  // the checks read the metrics anyway; keep nothing else
  auto report = ingest::ingest_stream(settings.positional, *options, *registry,
                                      [](Table&&) -> Result<void> { return {}; });
  if (!report.ok()) {
    return report.error();
  }
  const std::string format = output_format_text(settings);
  const std::string text = format == "json" ? quality_json(*report)
                                            : quality_text(*report, settings.flag("verbose"));
  if (auto written = write_output(settings.text("out"), text, io.out); !written.ok()) {
    return written.error();
  }
  return has_findings(report->totals) ? kExitFindings : kExitOk;
}

}  // namespace

int run_check(const Settings& settings, Io& io) {
  auto done = guard([&] { return check(settings, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

}  // namespace adpilot::cli
