// adpilot pacing FILE… --budgets budgets.csv — month-end spend projections against budgets.
#include "adpilot/analyze/pacing.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/forecasters.h"
#include "adpilot/cli/pacing_input.h"
#include "adpilot/cli/series_input.h"

namespace adpilot::cli {

namespace {

Result<void> pacing(const Settings& settings, Io& io) {
  auto request = read_pacing_request(settings);
  if (!request.ok()) {
    return request.error();
  }
  auto input = load_daily_series(settings, io);
  if (!input.ok()) {
    return input.error();
  }
  analyze::PacingOptions options;
  options.as_of = settings.date("as-of");
  options.tolerance = request->tolerance;
  options.model = settings.text("model");
  keep_paced_month(*request, input->series, options.as_of);
  const auto registry = make_forecaster_registry();
  auto rows = analyze::compute_pacing(input->series, request->budgets, registry, options);
  if (!rows.ok()) {
    return rows.error();
  }
  const Table full = analyze::pacing_table(*rows);
  const Table people = full.select({"campaign_id", "campaign_name", "budget", "spend_to_date", "projected",
                                    "projected_low_95", "projected_high_95", "projected_share", "verdict",
                                    "recommended_daily_budget"});
  return emit_table(settings, io, full, people, input->currency);
}

}  // namespace

int run_pacing(const Settings& settings, Io& io) {
  auto done = guard([&] { return pacing(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
