#include "adpilot/report/detail/html_format.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "adpilot/core/format_number.h"

namespace adpilot::report::detail {

std::string format_value(std::optional<double> value, const std::string& unit,
                         const std::string& symbol) {
  if (!value || !std::isfinite(*value)) {
    return kUndefined;
  }
  if (unit == "ratio") {
    return fmt::format("{:.2f}×", *value);
  }
  return format_kpi(*value, unit, symbol);
}

std::string format_change(std::optional<double> rel_change) {
  if (!rel_change || !std::isfinite(*rel_change)) {
    return kUndefined;
  }
  const std::string size = format_percent(std::fabs(*rel_change));
  if (*rel_change > 0) {
    return "▲ " + size;
  }
  if (*rel_change < 0) {
    return "▼ " + size;
  }
  return "= " + size;
}

std::string change_news(std::optional<double> rel_change, bool higher_is_better) {
  if (!rel_change || !std::isfinite(*rel_change) || *rel_change == 0) {
    return "flat";
  }
  return (*rel_change > 0) == higher_is_better ? "good" : "bad";
}

std::string format_p(std::optional<double> p_value) {
  if (!p_value || !std::isfinite(*p_value)) {
    return "";
  }
  if (*p_value < 0.001) {
    return "p < 0.001";
  }
  return fmt::format("p = {:.3f}", *p_value);
}

std::string format_period(const Period& period) {
  if (period.first == period.last) {
    return format_date(period.first);
  }
  return format_date(period.first) + " – " + format_date(period.last);
}

std::string metric_unit(const Report& report, const std::string& metric) {
  for (const MetricSeries& series : report.series) {
    if (series.metric == metric && !series.unit.empty()) {
      return series.unit;
    }
  }
  for (const Headline& headline : report.summary.headlines) {
    if (headline.metric == metric && !headline.unit.empty()) {
      return headline.unit;
    }
  }
  if (metric == "cost" || metric == "spend" || metric == "revenue" || metric == "profit" ||
      metric == "budget") {
    return "money";
  }
  return kpi_unit(metric);
}

std::string metric_label(const Report& report, const std::string& metric) {
  for (const MetricSeries& series : report.series) {
    if (series.metric == metric && !series.label.empty()) {
      return series.label;
    }
  }
  for (const Headline& headline : report.summary.headlines) {
    if (headline.metric == metric && !headline.label.empty()) {
      return headline.label;
    }
  }
  if (metric == "cost") {
    return "Spend";
  }
  static constexpr const char* kAcronyms[] = {"ctr", "cpc", "cpm", "cvr", "cpa", "roas", "aov"};
  for (const char* acronym : kAcronyms) {
    if (metric == acronym) {
      std::string upper = metric;
      for (char& ch : upper) {
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      }
      return upper;
    }
  }
  std::string label = metric;
  if (!label.empty()) {
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  }
  return label;
}

std::string sort_key(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) {
    return "";
  }
  return fmt::format("{}", *value);
}

}  // namespace adpilot::report::detail
