// Numbers formatted for people: thousands separators, currency symbols, sensible precision for
// percentages, "—" for undefined. Reports and the CLI table share these.
#pragma once

#include <string>

namespace adpilot {

// 1234567 → "1,234,567"; decimals after the point.
std::string format_count(double value, int decimals);
// $1,234.56 (negative: -$1,234.56). An empty symbol prints the bare amount.
std::string format_money(double units, const std::string& symbol);
// 0.01234 → "1.23%"; small rates keep two significant digits ("0.0052%").
std::string format_percent(double ratio);
// The unit of a KPI column by name: "percent", "money", "ratio", "probability" or "number".
std::string kpi_unit(const std::string& column);
// A KPI value in its unit.
std::string format_kpi(double value, const std::string& unit, const std::string& symbol);
// "USD" → "$", "EUR" → "€", unknown → "" (the code is shown elsewhere).
std::string currency_symbol(const std::string& code);
// Terminal columns taken by UTF-8 text (each code point counts one; "—" is one).
size_t display_width(const std::string& text);

}  // namespace adpilot
