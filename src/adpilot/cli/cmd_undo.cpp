// adpilot undo RUN_ID — revert a run's actions, newest first, as a new audited run.
#include <fmt/format.h>

#include <charconv>

#include "adpilot/act/apply.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/connector_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/run_report.h"
#include "adpilot/cli/store_settings.h"

namespace adpilot::cli {

namespace {

Result<int64_t> parse_run_id(const Settings& settings) {
  if (settings.positional.size() != 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("undo takes exactly one run id (got {})", settings.positional.size()), {},
                      "`adpilot history` shows the run ids");
  }
  const std::string& text = settings.positional.front();
  int64_t run_id = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), run_id);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || run_id <= 0) {
    return make_error(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a run id (a positive number)", text),
                      {}, "`adpilot history` shows the run ids");
  }
  return run_id;
}

Result<int> undo(const Settings& settings, Io& io) {
  auto run_id = parse_run_id(settings);
  if (!run_id.ok()) {
    return run_id.error();
  }
  const bool to_terminal = io.out_is_terminal && settings.text("out").empty();
  auto format = choose_output_format(settings.text("format"), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  auto store = open_store(settings);
  if (!store.ok()) {
    return store.error();
  }
  const act::ExecutorRegistry registry = make_cli_executor_registry(settings);
  auto report = act::undo_run(*run_id, registry, *store);
  if (!report.ok()) {
    return report.error();
  }
  std::string text;
  if (*format == OutputFormat::kJson) {
    text = run_report_json(*report, "undo");
  } else if (!report->note.empty()) {
    text = report->note + "\n";
  } else {
    for (const auto& outcome : report->actions) {
      text += action_line(outcome);
    }
    text += run_summary(*report, fmt::format("undo of run {}", *run_id).c_str());
  }
  if (auto written = write_output(settings.text("out"), text, io.out); !written.ok()) {
    return written.error();
  }
  return report->any_failed() ? kExitFindings : kExitOk;
}

}  // namespace

int run_undo(const Settings& settings, Io& io) {
  auto done = guard([&] { return undo(settings, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

}  // namespace adpilot::cli
