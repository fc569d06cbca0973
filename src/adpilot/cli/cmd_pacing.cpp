// adpilot pacing FILE… --budgets budgets.csv — month-end spend projections against budgets.
#include <fmt/format.h>

#include <cstdlib>

#include "adpilot/analyze/pacing.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/forecasters.h"
#include "adpilot/cli/series_input.h"

namespace adpilot::cli {

namespace {

Result<double> parse_percent(const std::string& text, const char* option) {
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != nullptr && *end == '%') {
    value /= 100.0;
    ++end;
  }
  if (end == text.c_str() || end == nullptr || *end != '\0' || value < 0 || value > 1) {
    return make_error(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a percentage like 10%", text),
                      ErrorContext{"", 0, 0, "", std::string("--") + option});
  }
  return value;
}

Result<void> pacing(const Settings& settings, Io& io) {
  if (settings.text("budgets").empty()) {
    return make_error(ErrorCode::kInvalidArgument, "pacing needs --budgets FILE",
                      ErrorContext{"", 0, 0, "", "--budgets"},
                      "a CSV with campaign_id,month,budget, e.g. data/sample/budgets.csv");
  }
  std::optional<std::pair<int, int>> month;
  if (const std::string text = settings.text("month"); !text.empty()) {
    const auto first = parse_iso_date(text + "-01");
    if (!first) {
      return make_error(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a month (YYYY-MM)", text),
                        ErrorContext{"", 0, 0, "", "--month"});
    }
    const CivilDate c = civil_from_date(*first);
    month = std::make_pair(c.year, c.month);
  }
  auto tolerance = parse_percent(settings.text("tolerance"), "tolerance");
  if (!tolerance.ok()) {
    return tolerance.error();
  }
  auto budgets = analyze::read_budgets(settings.text("budgets"), month);
  if (!budgets.ok()) {
    return budgets.error();
  }
  if (month) {
    std::erase_if(*budgets, [&](const analyze::MonthlyBudget& b) {
      return b.year != month->first || b.month != month->second;
    });
  }
  auto input = load_daily_series(settings, io);
  if (!input.ok()) {
    return input.error();
  }
  analyze::PacingOptions options;
  options.as_of = settings.date("as-of");
  options.tolerance = *tolerance;
  options.model = settings.text("model");
  if (!month && !input->series.empty()) {
    // Without --month, pace the month of the last day counted.
    const CivilDate c = civil_from_date(options.as_of.value_or(input->series.front().last()));
    std::erase_if(*budgets, [&](const analyze::MonthlyBudget& b) { return b.year != c.year || b.month != c.month; });
  }
  const auto registry = make_forecaster_registry();
  auto rows = analyze::compute_pacing(input->series, *budgets, registry, options);
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
