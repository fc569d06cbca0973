// adpilot trends FILE… — period over period with significance, and direction, per entity.
#include "adpilot/analyze/trend.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/series_input.h"
#include "adpilot/cli/trend_settings.h"

namespace adpilot::cli {

namespace {

Result<void> trends(const Settings& settings, Io& io) {
  auto options = trend_options_from(settings);
  if (!options.ok()) {
    return options.error();
  }
  auto input = load_daily_series(settings, io);
  if (!input.ok()) {
    return input.error();
  }
  auto findings = analyze::compute_trends(input->series, *options);
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
