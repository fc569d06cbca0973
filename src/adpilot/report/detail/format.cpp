#include "adpilot/report/detail/format.h"

#include <fmt/format.h>

#include <cmath>

#include "adpilot/core/date.h"
#include "adpilot/core/format_number.h"

namespace adpilot::report::detail {

namespace {

constexpr const char* kUndefined = "—";

// -0.0 prints as "-0"; a label never should.
double no_negative_zero(double value) {
  return value == 0.0 ? 0.0 : value;
}

}  // namespace

std::string display_value(std::optional<double> value, const std::string& unit,
                          const std::string& symbol) {
  if (!value || !std::isfinite(*value)) {
    return kUndefined;
  }
  const double v = no_negative_zero(*value);
  if (unit == "ratio") {
    return fmt::format("{:.2f}×", v);
  }
  if (unit == "money" || unit == "percent" || unit == "probability") {
    return format_kpi(v, unit, symbol);
  }
  const bool whole = std::fabs(v - std::round(v)) < 1e-9;
  return format_count(v, whole ? 0 : 2);
}

std::string display_change(std::optional<double> rel_change) {
  if (!rel_change || !std::isfinite(*rel_change)) {
    return kUndefined;
  }
  const double pct = *rel_change * 100.0;
  if (std::fabs(pct) < 0.05) {
    return "0.0%";
  }
  return fmt::format("{} {:.1f}%", pct > 0 ? "▲" : "▼", std::fabs(pct));
}

std::string display_p(std::optional<double> p_value) {
  if (!p_value || !std::isfinite(*p_value)) {
    return kUndefined;
  }
  if (*p_value < 0.001) {
    return "<0.001";
  }
  return fmt::format("{:.3f}", *p_value);
}

std::string display_period(const Period& period) {
  return format_date(period.first) + " – " + format_date(period.last);
}

int decimals_for_step(double step) {
  step = std::fabs(step);
  if (!(step > 0) || !std::isfinite(step)) {
    return 0;
  }
  double scaled = step;
  for (int decimals = 0; decimals < 10; ++decimals) {
    if (std::fabs(scaled - std::round(scaled)) <= 1e-6 * scaled) {
      return decimals;
    }
    scaled *= 10.0;
  }
  return 10;
}

std::string axis_label(double value, const AxisFormat& axis) {
  const double v = no_negative_zero(value);
  if (axis.unit == "percent") {
    return fmt::format("{:.{}f}%", no_negative_zero(v * 100.0),
                       decimals_for_step(axis.step * 100.0));
  }
  if (axis.unit == "ratio") {
    return fmt::format("{:.{}f}×", v, decimals_for_step(axis.step));
  }
  if (axis.unit == "probability") {
    return fmt::format("{:.{}f}", v, decimals_for_step(axis.step));
  }
  // Money and counts: abbreviated on large axes, grouped otherwise.
  double divisor = 1.0;
  const char* suffix = "";
  if (axis.max_abs >= 1e6) {
    divisor = 1e6;
    suffix = "M";
  } else if (axis.max_abs >= 1e4) {
    divisor = 1e3;
    suffix = "k";
  }
  int decimals = decimals_for_step(axis.step / divisor);
  if (axis.unit == "money" && divisor == 1.0 && decimals == 1) {
    decimals = 2;  // cents: "$20.50", not "$20.5"
  }
  const std::string body = format_count(std::fabs(v) / divisor, decimals) + suffix;
  const std::string symbol = axis.unit == "money" ? axis.symbol : "";
  return (v < 0 ? "-" : "") + symbol + body;
}

}  // namespace adpilot::report::detail
