// adpilot run [FILE...] [--config adpilot.yaml] [--apply] — the whole pipeline in one command:
// ingest → analyze → decide → act (a dry run unless --apply) → report. The stages are the
// single-stage commands' library calls (run_pipeline.cpp); this file writes the report and the
// summary and picks the exit status.
#include <fmt/format.h>
#include <unistd.h>

#include "adpilot/cli/commands.h"
#include "adpilot/cli/run_build_report.h"
#include "adpilot/cli/run_pipeline.h"
#include "adpilot/cli/run_summary.h"
#include "adpilot/report/write.h"

namespace adpilot::cli {

namespace {

Result<int> run_command(const Settings& settings, const RunOptions& options, Io& io) {
  const bool live = ::isatty(::fileno(io.err)) != 0 && !settings.flag("quiet");
  RunProgress progress(io.err, live);
  auto results = run_pipeline(settings, options, progress, io);
  if (!results.ok()) {
    if (progress.live()) {
      std::fputs("\n", io.err);  // leave the live line before the error
    }
    return results.error();
  }
  progress.begin("report");
  ReportContext context;
  context.title = settings.text("title");
  context.generated_at = report_time();
  const report::Report report = build_report(*results, context);
  // --out names the report's folder too (the shared output option); --report-dir wins.
  std::string folder = options.report_dir;
  if (folder.empty()) {
    folder = !settings.has("report-dir") && settings.has("out") ? settings.text("out")
                                                                : settings.text("report-dir");
  }
  auto written = report::write_report(report, folder);
  if (!written.ok()) {
    if (progress.live()) {
      std::fputs("\n", io.err);
    }
    return written.error();
  }
  progress.end(fmt::format("{} files", written->files.size()));
  progress.finish();
  std::fputs(pipeline_summary(report, *written).c_str(), io.out);
  // Findings are not failures; an action the target refused is.
  return results->outcome && results->outcome->any_failed() ? kExitFindings : kExitOk;
}

}  // namespace

int run_pipeline_command(const Settings& settings, const RunOptions& options, Io& io) {
  auto done = guard([&] { return run_command(settings, options, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

int run_run(const Settings& settings, Io& io) {
  return run_pipeline_command(settings, RunOptions{}, io);
}

}  // namespace adpilot::cli
