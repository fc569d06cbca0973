#include "adpilot/cli/pacing_input.h"

#include <fmt/format.h>

#include <cstdlib>

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
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is not a percentage like 10%", text),
                      ErrorContext{"", 0, 0, "", std::string("--") + option});
  }
  return value;
}

}  // namespace

Result<PacingRequest> read_pacing_request(const Settings& settings) {
  PacingRequest request;
  if (settings.text("budgets").empty()) {
    return make_error(ErrorCode::kInvalidArgument, "pacing needs --budgets FILE",
                      ErrorContext{"", 0, 0, "", "--budgets"},
                      "a CSV with campaign_id,month,budget, e.g. data/sample/budgets.csv");
  }
  if (const std::string text = settings.text("month"); !text.empty()) {
    const auto first = parse_iso_date(text + "-01");
    if (!first) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("'{}' is not a month (YYYY-MM)", text),
                        ErrorContext{"", 0, 0, "", "--month"});
    }
    const CivilDate c = civil_from_date(*first);
    request.month = std::make_pair(c.year, c.month);
  }
  auto tolerance = parse_percent(settings.text("tolerance"), "tolerance");
  if (!tolerance.ok()) {
    return tolerance.error();
  }
  request.tolerance = *tolerance;
  auto budgets = analyze::read_budgets(settings.text("budgets"), request.month);
  if (!budgets.ok()) {
    return budgets.error();
  }
  request.budgets = std::move(budgets).value();
  if (request.month) {
    const auto month = *request.month;
    std::erase_if(request.budgets, [&](const analyze::MonthlyBudget& b) {
      return b.year != month.first || b.month != month.second;
    });
  }
  return request;
}

void keep_paced_month(PacingRequest& request, const std::vector<analyze::DailySeries>& series,
                      std::optional<Date> as_of) {
  if (request.month || series.empty()) {
    return;
  }
  const CivilDate c = civil_from_date(as_of.value_or(series.front().last()));
  std::erase_if(request.budgets, [&](const analyze::MonthlyBudget& b) {
    return b.year != c.year || b.month != c.month;
  });
}

}  // namespace adpilot::cli
