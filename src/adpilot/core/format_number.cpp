#include "adpilot/core/format_number.h"

#include <fmt/format.h>

#include <cmath>

namespace adpilot {

std::string format_count(double value, int decimals) {
  const bool negative = value < 0;
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string frac = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) {
      grouped += ',';
    }
    grouped += whole[i];
  }
  return (negative ? "-" : "") + grouped + frac;
}

std::string format_money(double units, const std::string& symbol) {
  const std::string body = format_count(std::fabs(units), 2);
  return (units < 0 ? "-" : "") + symbol + body;
}

std::string format_percent(double ratio) {
  const double pct = ratio * 100.0;
  if (pct != 0.0 && std::fabs(pct) < 0.01) {
    return fmt::format("{:.2g}%", pct);
  }
  return fmt::format("{:.2f}%", pct);
}

std::string kpi_unit(const std::string& column) {
  if (column == "ctr" || column == "cvr" || column.rfind("ctr_", 0) == 0 ||
      column.rfind("cvr_", 0) == 0) {
    return "percent";
  }
  if (column == "cpc" || column == "cpm" || column == "cpa" || column == "aov") {
    return "money";
  }
  if (column == "roas") {
    return "ratio";
  }
  if (column == "rel_change" || column == "projected_share") {
    return "percent";
  }
  if (column == "p_value" || column == "trend_p_value") {
    return "probability";
  }
  return "number";
}

std::string format_kpi(double value, const std::string& unit, const std::string& symbol) {
  if (!std::isfinite(value)) {
    return "—";
  }
  if (unit == "percent") {
    return format_percent(value);
  }
  if (unit == "money") {
    return format_money(value, symbol);
  }
  if (unit == "ratio") {
    return fmt::format("{:.2f}", value);
  }
  if (unit == "probability") {
    return value < 0.001 ? "<0.001" : fmt::format("{:.3f}", value);
  }
  const double rounded = std::round(value);
  return format_count(value, std::fabs(value - rounded) < 1e-9 ? 0 : 2);
}

std::string currency_symbol(const std::string& code) {
  if (code == "USD") {
    return "$";
  }
  if (code == "EUR") {
    return "€";
  }
  if (code == "GBP") {
    return "£";
  }
  if (code == "JPY") {
    return "¥";
  }
  if (code == "INR") {
    return "₹";
  }
  return "";
}

size_t display_width(const std::string& text) {
  size_t width = 0;
  for (const char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
      ++width;
    }
  }
  return width;
}

}  // namespace adpilot
