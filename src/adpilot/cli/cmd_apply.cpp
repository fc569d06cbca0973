// adpilot apply PLAN [--target simulate] — carry a plan's actions out, each once.
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "adpilot/act/apply.h"
#include "adpilot/act/google_ads_executor.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/connector_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/run_report.h"
#include "adpilot/cli/store_settings.h"
#include "adpilot/decide/plan.h"

namespace adpilot::cli {

namespace {

constexpr const char* kFaultVariable = "ADPILOT_FAULT_AFTER_ACTION";

// The crash-test aid of docs/actions.md: exit abruptly after action k's commit.
Result<std::optional<int>> fault_point() {
  const char* text = std::getenv(kFaultVariable);
  if (text == nullptr || text[0] == '\0') {
    return std::optional<int>();
  }
  int index = -1;
  const char* end = text + std::char_traits<char>::length(text);
  const auto parsed = std::from_chars(text, end, index);
  if (parsed.ec != std::errc() || parsed.ptr != end || index < 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("{} is '{}', not an action index (0, 1, …)", kFaultVariable, text));
  }
  return std::optional<int>(index);
}

Result<std::string> single_positional(const Settings& settings, const char* what, const char* command) {
  if (settings.positional.size() != 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("{} takes exactly one {} (got {})", command, what, settings.positional.size()), {},
                      fmt::format("run `adpilot {} --help` for the usage", command));
  }
  return settings.positional.front();
}

Result<int> apply(const Settings& settings, Io& io) {
  auto path = single_positional(settings, "plan file", "apply");
  if (!path.ok()) {
    return path.error();
  }
  const bool to_terminal = io.out_is_terminal && settings.text("out").empty();
  auto format = choose_output_format(settings.text("format"), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  auto fault = fault_point();
  if (!fault.ok()) {
    return fault.error();
  }
  auto plan = decide::read_plan_file(*path);
  if (!plan.ok()) {
    return plan.error();
  }
  auto store = open_store(settings);
  if (!store.ok()) {
    return store.error();
  }
  // A plan made from synced data names its account on every entity; --account overrides it.
  const std::string account = plan->entities.empty() ? "" : plan->entities.front().account_id;
  const act::ExecutorRegistry registry = make_cli_executor_registry(settings, account);
  auto executor = registry.create(settings.text("target"), *store);
  if (!executor.ok()) {
    return executor.error();
  }
  act::ApplyOptions options;
  options.fault_after_action = *fault;
  // Lines go out as actions are done, so a long or interrupted run shows its progress.
  const bool stream = *format != OutputFormat::kJson && settings.text("out").empty();
  if (stream) {
    options.on_action = [&](const act::ActionOutcome& outcome) {
      std::fputs(action_line(outcome).c_str(), io.out);
      std::fflush(io.out);
    };
  }
  auto report = act::apply_plan(*plan, **executor, *store, options);
  if (!report.ok()) {
    return report.error();
  }
  std::string text;
  if (*format == OutputFormat::kJson) {
    text = run_report_json(*report, "apply");
  } else {
    for (const auto& outcome : report->actions) {
      text += stream ? "" : action_line(outcome);
    }
    text += run_summary(*report, "apply");
  }
  if (auto written = write_output(settings.text("out"), text, io.out); !written.ok()) {
    return written.error();
  }
  // What the run cost against the platform's daily operation quota.
  if (const auto usage = act::google_ads_usage(**executor); usage && !settings.flag("quiet")) {
    std::fputs(fmt::format("adpilot: Google Ads: {}\n", connect::google_ads::describe_usage(*usage)).c_str(), io.err);
  }
  return report->any_failed() ? kExitFindings : kExitOk;
}

}  // namespace

int run_apply(const Settings& settings, Io& io) {
  auto done = guard([&] { return apply(settings, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

}  // namespace adpilot::cli
