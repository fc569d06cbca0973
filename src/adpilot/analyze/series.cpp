#include "adpilot/analyze/series.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "adpilot/analyze/detail/group_keys.h"
#include "adpilot/analyze/kpi.h"

namespace adpilot::analyze {

namespace {

constexpr const char* kMetricNames[] = {"impressions", "clicks", "cost", "conversions", "revenue", "ctr",
                                        "cpc",         "cpm",    "cvr",  "cpa",         "roas"};

}  // namespace

const char* metric_name(Metric metric) { return kMetricNames[static_cast<int>(metric)]; }

Result<Metric> parse_metric(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kMetricNames)); ++i) {
    if (name == kMetricNames[i]) {
      return static_cast<Metric>(i);
    }
  }
  return make_error(ErrorCode::kInvalidArgument, fmt::format("unknown metric '{}'", name),
                    ErrorContext{"", 0, 0, "", "--metrics"},
                    "use impressions, clicks, cost, conversions, revenue, ctr, cpc, cpm, cvr, cpa or roas");
}

Result<std::vector<Metric>> parse_metrics(const std::vector<std::string>& names) {
  std::vector<Metric> out;
  for (const auto& name : names) {
    auto metric = parse_metric(name);
    if (!metric.ok()) {
      return metric.error();
    }
    out.push_back(*metric);
  }
  return out;
}

bool is_ratio(Metric metric) { return static_cast<int>(metric) >= static_cast<int>(Metric::kCtr); }

bool higher_is_better(Metric metric) {
  return metric != Metric::kCost && metric != Metric::kCpc && metric != Metric::kCpm &&
         metric != Metric::kCpa;
}

std::pair<double, double> DailySeries::sums(Metric metric, size_t begin, size_t end) const {
  auto total = [&](const std::vector<double>& v) {
    double s = 0.0;
    for (size_t i = begin; i < end && i < v.size(); ++i) {
      s += v[i];
    }
    return s;
  };
  const auto days = static_cast<double>(std::min(end, size()) - std::min(begin, size()));
  switch (metric) {
    case Metric::kImpressions: return {total(impressions), days};
    case Metric::kClicks: return {total(clicks), days};
    case Metric::kCost: return {total(cost), days};
    case Metric::kConversions: return {total(conversions), days};
    case Metric::kRevenue: return {total(revenue), days};
    case Metric::kCtr: return {total(clicks), total(impressions)};
    case Metric::kCpc: return {total(cost), total(clicks)};
    case Metric::kCpm: return {1000.0 * total(cost), total(impressions)};
    case Metric::kCvr: return {total(conversions), total(clicks)};
    case Metric::kCpa: return {total(cost), total(conversions)};
    case Metric::kRoas: return {total(revenue), total(cost)};
  }
  return {0.0, 0.0};
}

std::optional<double> DailySeries::value(Metric metric, size_t begin, size_t end) const {
  const auto [num, den] = sums(metric, begin, end);
  if (!is_ratio(metric)) {
    return num;
  }
  if (den == 0.0) {
    return std::nullopt;
  }
  return num / den;
}

std::vector<double> DailySeries::daily(Metric metric) const {
  std::vector<double> out(size());
  for (size_t day = 0; day < size(); ++day) {
    const auto v = value(metric, day, day + 1);
    out[day] = v.value_or(std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

Result<std::vector<DailySeries>> daily_series(const Table& data, const std::vector<std::string>& by) {
  KpiQuery query;
  query.by = by;
  query.grain = Grain::kDay;
  auto kpis = compute_kpis(data, query);
  if (!kpis.ok()) {
    return kpis.error();
  }
  const Column* date = kpis->find("date");
  if (date == nullptr || data.find("date") == nullptr) {
    return make_error(ErrorCode::kInvalidArgument, "the data has no dates",
                      {}, "trends, anomalies, forecasts and pacing need daily rows");
  }
  std::vector<const Column*> ids;
  std::vector<const Column*> names;
  for (const auto& dim : by) {
    const auto columns = detail::dim_columns(dim);
    ids.push_back(kpis->find(columns[0]));
    names.push_back(columns.size() > 1 ? kpis->find(columns[1]) : nullptr);
  }
  const size_t rows = kpis->num_rows();
  if (rows == 0) {
    return std::vector<DailySeries>{};
  }
  Date first = date->i32()[0];
  Date last = first;
  for (size_t row = 0; row < rows; ++row) {
    first = std::min(first, date->i32()[row]);
    last = std::max(last, date->i32()[row]);
  }
  const auto days = static_cast<size_t>(last - first + 1);
  std::map<std::string, size_t> index;
  std::vector<DailySeries> out;
  const Column* sums[] = {kpis->find("impressions"), kpis->find("clicks"), kpis->find("cost"),
                          kpis->find("conversions"), kpis->find("revenue")};
  for (size_t row = 0; row < rows; ++row) {
    std::string id;
    std::string name;
    bool named = false;
    for (size_t d = 0; d < by.size(); ++d) {
      const std::string part = ids[d] != nullptr && ids[d]->is_valid(row) ? std::string(ids[d]->str(row)) : "";
      id += (d == 0 ? "" : " / ") + part;
      const std::string label =
          names[d] != nullptr && names[d]->is_valid(row) ? std::string(names[d]->str(row)) : "";
      name += (d == 0 ? "" : " / ") + label;
      named = named || !label.empty();
    }
    auto [it, inserted] = index.emplace(id, out.size());
    if (inserted) {
      DailySeries series;
      series.id = id;
      series.name = named ? name : "";
      series.first = first;
      for (auto* v : {&series.impressions, &series.clicks, &series.cost, &series.conversions,
                      &series.revenue}) {
        v->assign(days, 0.0);
      }
      out.push_back(std::move(series));
    }
    DailySeries& series = out[it->second];
    const auto day = static_cast<size_t>(date->i32()[row] - first);
    std::vector<double>* targets[] = {&series.impressions, &series.clicks, &series.cost,
                                      &series.conversions, &series.revenue};
    for (size_t m = 0; m < 5; ++m) {
      (*targets[m])[day] = sums[m]->is_valid(row) ? sums[m]->number(row) : 0.0;
    }
  }
  return out;
}

}  // namespace adpilot::analyze
