// Figures for people in the Markdown report and on chart axes: a value in its unit ("—" when
// undefined), changes with their arrow, p-values, periods, and axis labels whose precision
// follows the tick step. Built on core/format_number.h so every output agrees on how a number
// looks.
#pragma once

#include <optional>
#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

// "$1,234.56", "1.23%", "3.25×", "1,234" (fractional counts keep two decimals); "—" when
// undefined or not finite.
std::string display_value(std::optional<double> value, const std::string& unit,
                          const std::string& symbol);

// "▲ 12.3%", "▼ 4.0%", "0.0%" (no arrow below 0.05%); "—" when undefined.
std::string display_change(std::optional<double> rel_change);

// "0.003", "<0.001"; "—" when undefined.
std::string display_p(std::optional<double> p_value);

// "2025-10-01 – 2025-10-30"
std::string display_period(const Period& period);

// Decimals that tell ticks `step` apart: 2 → 0, 0.5 → 1, 0.25 → 2.
int decimals_for_step(double step);

// How one axis prints its tick labels: the unit, the tick step (which sets the precision) and
// the largest absolute tick (which sets the abbreviation, the same for every label).
struct AxisFormat {
  std::string unit;
  std::string symbol;
  double step = 1;
  double max_abs = 0;
};

// An axis label in the series' unit. Money and counts are abbreviated from ten thousand up
// ("$12k", "$1.25M", "12k"); smaller ones keep their separators ("$1,200"); percent "1.5%"
// (the value is a ratio); ratio "3.2×".
std::string axis_label(double value, const AxisFormat& axis);

}  // namespace adpilot::report::detail
