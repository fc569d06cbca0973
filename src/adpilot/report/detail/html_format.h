// Figures for people on the HTML page: a value in its unit ("—" when undefined), signed changes
// with their arrow and news colour, p-values, dates and day ranges. Built on
// core/format_number.h so the page and the terminal agree on how a number looks.
#pragma once

#include <optional>
#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

inline constexpr const char* kUndefined = "—";

// A value in its unit: money with the currency symbol, percent, ratio ("3.25×"), number.
std::string format_value(std::optional<double> value, const std::string& unit,
                         const std::string& symbol);

// A relative change with its arrow: "▲ 12.3%", "▼ 4.0%", "= 0.00%"; "—" when undefined.
std::string format_change(std::optional<double> rel_change);

// "good", "bad" or "flat": whether the change goes the way the metric wants.
std::string change_news(std::optional<double> rel_change, bool higher_is_better);

// "p = 0.012", "p < 0.001"; "" when undefined.
std::string format_p(std::optional<double> p_value);

// "2024-02-01 – 2024-02-29"
std::string format_period(const Period& period);

// The unit and label of a metric by name, taken from the report's own series and headlines
// when one of them names it, otherwise from the KPI naming rules (cpa is money, ctr percent…).
std::string metric_unit(const Report& report, const std::string& metric);
std::string metric_label(const Report& report, const std::string& metric);

// A raw number for a data-value attribute (shortest form that reads back exactly); "" when
// undefined, so the sort script puts it last.
std::string sort_key(std::optional<double> value);

}  // namespace adpilot::report::detail
