// adpilot trends FILE… — period over period with significance, and direction, per entity.
#include <cstdlib>

#include "adpilot/analyze/trend.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/series_input.h"

namespace adpilot::cli {

namespace {

Result<void> trends(const Settings& settings, Io& io) {
  analyze::TrendOptions options;
  auto window = parse_days(settings.text("window"), "window");
  if (!window.ok()) {
    return window.error();
  }
  auto direction = parse_days(settings.text("direction-window"), "direction-window");
  if (!direction.ok()) {
    return direction.error();
  }
  options.window_days = *window;
  options.direction_days = *direction;
  options.as_of = settings.date("as-of");
  options.alpha = std::strtod(settings.text("alpha").c_str(), nullptr);
  if (!(options.alpha > 0.0 && options.alpha < 1.0)) {
    return make_error(ErrorCode::kInvalidArgument, "alpha is a probability between 0 and 1",
                      ErrorContext{"", 0, 0, "", "--alpha"});
  }
  if (!settings.list("metrics").empty()) {
    auto metrics = analyze::parse_metrics(settings.list("metrics"));
    if (!metrics.ok()) {
      return metrics.error();
    }
    options.metrics = *metrics;
  }
  auto input = load_daily_series(settings, io);
  if (!input.ok()) {
    return input.error();
  }
  auto findings = analyze::compute_trends(input->series, options);
  if (!findings.ok()) {
    return findings.error();
  }
  const Table full = analyze::trends_table(*findings);
  const Table people = full.select({"entity_id", "entity_name", "metric", "recent", "prior",
                                    "rel_change", "p_value", "direction", "summary"});
  return emit_table(settings, io, full, people, input->currency);
}

}  // namespace

int run_trends(const Settings& settings, Io& io) {
  auto done = guard([&] { return trends(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
