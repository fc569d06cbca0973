#include "adpilot/decide/detail/facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "adpilot/analyze/anomaly/online_detector.h"
#include "adpilot/analyze/forecast/naive.h"
#include "adpilot/analyze/kpi.h"
#include "adpilot/analyze/stats.h"

namespace adpilot::decide {

namespace {

const std::vector<std::string> kSums = {"impressions", "clicks", "cost", "conversions", "revenue",
                                        "profit", "days", "budget"};
const std::vector<std::string> kRatios = {"ctr", "cpc", "cpm", "cvr", "cpa", "roas", "aov"};
const std::vector<std::string> kIntervalKpis = {"ctr", "cvr", "cpc", "cpm", "cpa", "roas"};
const std::vector<std::string> kTexts = {"status", "name", "id", "channel"};
const std::vector<std::string> kTrendMetrics = {"impressions", "clicks", "cost", "conversions", "revenue",
                                                "ctr", "cpc", "cpm", "cvr", "cpa", "roas"};
const std::vector<std::string> kTrendFields = {"change", "p", "significant", "slope", "direction"};
const std::vector<std::string> kAggregates = {"median", "mean", "min", "max", "sum", "count"};

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string suggestion(const std::string& name, const std::vector<std::vector<std::string>>& lists) {
  std::string best;
  size_t best_distance = 3;
  for (const auto& list : lists) {
    for (const auto& candidate : list) {
      const size_t d = edit_distance(name, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
  }
  return best.empty() ? "" : fmt::format("; did you mean '{}'?", best);
}

bool is_percentile(const std::string& aggregate) {
  if (aggregate.size() < 2 || aggregate.size() > 3 || aggregate[0] != 'p') {
    return false;
  }
  for (size_t i = 1; i < aggregate.size(); ++i) {
    if (aggregate[i] < '0' || aggregate[i] > '9') {
      return false;
    }
  }
  const int p = std::stoi(aggregate.substr(1));
  return p >= 1 && p <= 99;
}

std::string joined(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& part : path) {
    out += (out.empty() ? "" : ".") + part;
  }
  return out;
}

// R's quantile type 7 of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Value ratio_value(double numerator, double denominator, Unit unit) {
  if (denominator <= 0.0) {
    return Value::undefined(unit);
  }
  return Value::of_number(numerator / denominator, unit);
}

Value totals_metric(const WindowTotals& t, const std::string& name) {
  const Unit unit = fact_unit(name);
  if (name == "impressions") return Value::of_number(t.impressions, unit);
  if (name == "clicks") return Value::of_number(t.clicks, unit);
  if (name == "cost") return Value::of_number(t.cost, unit);
  if (name == "conversions") return Value::of_number(t.conversions, unit);
  if (name == "revenue") return Value::of_number(t.revenue, unit);
  if (name == "profit") return Value::of_number(t.revenue - t.cost, unit);
  if (name == "days") return Value::of_number(t.active_days, unit);
  if (name == "ctr") return ratio_value(t.clicks, t.impressions, unit);
  if (name == "cpc") return ratio_value(t.cost, t.clicks, unit);
  if (name == "cpm") return ratio_value(1000.0 * t.cost, t.impressions, unit);
  if (name == "cvr") return ratio_value(t.conversions, t.clicks, unit);
  if (name == "cpa") return ratio_value(t.cost, t.conversions, unit);
  if (name == "roas") return ratio_value(t.revenue, t.cost, unit);
  if (name == "aov") return ratio_value(t.revenue, t.conversions, unit);
  return Value::undefined(unit);
}

}  // namespace

bool has_interval(const std::string& kpi) { return contains(kIntervalKpis, kpi); }

Unit fact_unit(const std::string& name) {
  if (name == "cost" || name == "revenue" || name == "profit" || name == "budget" || name == "cpc" ||
      name == "cpm" || name == "cpa" || name == "aov") {
    return Unit::kMoney;
  }
  if (name == "ctr" || name == "cvr") {
    return Unit::kPercent;
  }
  if (name == "roas") {
    return Unit::kRatio;
  }
  if (name == "impressions" || name == "clicks" || name == "conversions" || name == "days") {
    return Unit::kCount;
  }
  return Unit::kNone;
}

std::optional<std::string> check_fact_name(const NameRef& ref, const std::map<std::string, Value>& targets) {
  const auto& p = ref.path;
  const std::string name = joined(p);
  if (ref.is_call) {
    if (p.size() != 2 || p[0] != "account") {
      return fmt::format("'{}(…)' is not a function; the functions are account.median(kpi), account.mean, "
                         "account.min, account.max, account.sum, account.count and account.p10 … account.p99",
                         name);
    }
    if (!contains(kAggregates, p[1]) && !is_percentile(p[1])) {
      return fmt::format("account.{} is not an aggregate (median, mean, min, max, sum, count, p1 … p99){}", p[1],
                         suggestion(p[1], {kAggregates}));
    }
    if (ref.args.size() != 1 || ref.args[0].size() != 1) {
      return fmt::format("{}(…) takes one metric name, such as {}(cpa)", name, name);
    }
    const std::string& metric = ref.args[0][0];
    if (!contains(kSums, metric) && !contains(kRatios, metric)) {
      return fmt::format("{}({}): '{}' is not a metric{}", name, metric, metric, suggestion(metric, {kSums, kRatios}));
    }
    return std::nullopt;
  }
  if (p.size() == 1) {
    if (contains(kSums, p[0]) || contains(kRatios, p[0]) || contains(kTexts, p[0])) {
      return std::nullopt;
    }
    return fmt::format("unknown name '{}'{}", p[0], suggestion(p[0], {kSums, kRatios, kTexts}));
  }
  if (p[0] == "target") {
    if (p.size() == 2 && targets.count(p[1]) != 0) {
      return std::nullopt;
    }
    std::vector<std::string> known;
    for (const auto& [key, value] : targets) {
      known.push_back(key);
    }
    return fmt::format("'{}' is not set under `targets:` in this rules file{}", name,
                       known.empty() ? std::string() : " (set: " + joined(known) + ")");
  }
  if (p[0] == "account") {
    if (p.size() == 2 && (contains(kSums, p[1]) || contains(kRatios, p[1])) && p[1] != "budget") {
      return std::nullopt;
    }
    if (p.size() == 2 && (contains(kAggregates, p[1]) || is_percentile(p[1]))) {
      return fmt::format("account.{} needs a metric: account.{}(cpa)", p[1], p[1]);
    }
    return fmt::format("unknown name '{}': account.<metric> is the account total (account.cpa), "
                       "account.<aggregate>(<metric>) a statistic over entities", name);
  }
  if (p[0] == "trend") {
    if (p.size() == 3 && contains(kTrendMetrics, p[1]) && contains(kTrendFields, p[2])) {
      return std::nullopt;
    }
    return fmt::format("unknown name '{}': trend.<metric>.<change|p|significant|slope|direction>, such as "
                       "trend.ctr.change", name);
  }
  if (p[0] == "anomalies") {
    if (p.size() == 2 && (contains(kTrendMetrics, p[1]) || p[1] == "any")) {
      return std::nullopt;
    }
    return fmt::format("unknown name '{}': anomalies.<metric> counts the anomalous days in the window "
                       "(anomalies.cost, anomalies.any)", name);
  }
  if (p.size() == 2 && contains(kIntervalKpis, p[0]) && (p[1] == "lower" || p[1] == "upper")) {
    return std::nullopt;
  }
  if (p.size() == 2 && p[0] == "window" && p[1] == "days") {
    return std::nullopt;
  }
  return fmt::format("unknown name '{}'{}", name, suggestion(p[0], {kSums, kRatios, kTexts}));
}

ScopeWindow::ScopeWindow(const std::vector<analyze::DailySeries>& series, const std::vector<EntitySnapshot>& entities,
                         Date as_of, Date begin, const std::map<std::string, Value>& targets)
    : series_(series), entities_(entities), as_of_(as_of), begin_(begin), targets_(targets) {
  totals_.resize(series.size());
  for (size_t e = 0; e < series.size(); ++e) {
    const auto& s = series[e];
    const int64_t first = std::max<int64_t>(0, begin - s.first);
    const int64_t last = std::min<int64_t>(static_cast<int64_t>(s.size()) - 1, as_of - s.first);
    WindowTotals& t = totals_[e];
    for (int64_t d = first; d <= last; ++d) {
      const auto i = static_cast<size_t>(d);
      t.impressions += s.impressions[i];
      t.clicks += s.clicks[i];
      t.cost += s.cost[i];
      t.conversions += s.conversions[i];
      t.revenue += s.revenue[i];
      t.active_days += (s.impressions[i] > 0 || s.cost[i] > 0) ? 1.0 : 0.0;
    }
    account_.impressions += t.impressions;
    account_.clicks += t.clicks;
    account_.cost += t.cost;
    account_.conversions += t.conversions;
    account_.revenue += t.revenue;
    account_.active_days = std::max(account_.active_days, t.active_days);
  }
}

Value ScopeWindow::metric(size_t entity, const std::string& name) const {
  if (name == "budget") {
    const auto& budget = entities_[entity].daily_budget;
    return budget ? Value::of_number(micros_to_units(*budget), Unit::kMoney) : Value::undefined(Unit::kMoney);
  }
  if (name == "status") return Value::of_string(entities_[entity].status);
  if (name == "name") return Value::of_string(entities_[entity].name);
  if (name == "id") return Value::of_string(entities_[entity].id);
  if (name == "channel") return Value::of_string(entities_[entity].channel);
  return totals_metric(totals_[entity], name);
}

Value ScopeWindow::bound(size_t entity, const std::string& kpi, const std::string& which, double confidence) const {
  const WindowTotals& t = totals_[entity];
  const Unit unit = fact_unit(kpi);
  const bool lower = which == "lower";
  if (kpi == "ctr" || kpi == "cvr") {
    const double z = analyze::forecast::normal_quantile_for_level(confidence * 100.0);
    const auto interval = kpi == "ctr" ? analyze::wilson_interval(t.clicks, t.impressions, z)
                                       : analyze::wilson_interval(t.conversions, t.clicks, z);
    if (!interval) {
      return Value::undefined(unit);
    }
    return Value::of_number(lower ? interval->low : interval->high, unit);
  }
  // Cost-per and return ratios: the cost is known, the count in the denominator (or behind the
  // revenue) is Poisson; its exact interval gives the ratio's.
  const Value point = totals_metric(t, kpi);
  if (!point.is_number()) {
    return point;
  }
  const double count = kpi == "cpc" ? t.clicks : kpi == "cpm" ? t.impressions : t.conversions;
  const analyze::PoissonInterval pi = analyze::poisson_interval(count, confidence);
  if (kpi == "roas") {
    const double scale = lower ? pi.low / count : pi.high / count;
    return Value::of_number(point.number * scale, unit);
  }
  // ratio = cost·k / count: the bounds swap.
  const double denominator = lower ? pi.high : pi.low;
  if (denominator <= 0.0) {
    return Value::of_number(std::numeric_limits<double>::infinity(), unit);
  }
  return Value::of_number(point.number * count / denominator, unit);
}

Value ScopeWindow::account_metric(const std::string& name) { return totals_metric(account_, name); }

Value ScopeWindow::account_aggregate(const std::string& aggregate, const std::string& kpi) {
  const std::string key = aggregate + "(" + kpi + ")";
  if (auto it = aggregates_.find(key); it != aggregates_.end()) {
    return it->second;
  }
  // Over the entities that delivered in the window and have the metric defined.
  std::vector<double> values;
  for (size_t e = 0; e < totals_.size(); ++e) {
    if (totals_[e].impressions <= 0 && totals_[e].cost <= 0) {
      continue;
    }
    const Value v = metric(e, kpi);
    if (v.is_number() && std::isfinite(v.number)) {
      values.push_back(v.number);
    }
  }
  std::sort(values.begin(), values.end());
  const Unit unit = aggregate == "count" ? Unit::kCount : fact_unit(kpi);
  Value out = Value::undefined(unit);
  if (aggregate == "count") {
    out = Value::of_number(static_cast<double>(values.size()), unit);
  } else if (!values.empty()) {
    double x = 0.0;
    if (aggregate == "median") {
      x = percentile(values, 0.5);
    } else if (aggregate == "mean") {
      for (double v : values) {
        x += v;
      }
      x /= static_cast<double>(values.size());
    } else if (aggregate == "min") {
      x = values.front();
    } else if (aggregate == "max") {
      x = values.back();
    } else if (aggregate == "sum") {
      for (double v : values) {
        x += v;
      }
    } else {
      x = percentile(values, std::stoi(aggregate.substr(1)) / 100.0);
    }
    out = Value::of_number(x, unit);
  }
  aggregates_[key] = out;
  return out;
}

Value ScopeWindow::trend(size_t entity, const std::string& metric, const std::string& field) {
  if (!trends_) {
    analyze::TrendOptions options;
    options.window_days = days();
    options.direction_days = std::max(days(), 14);
    options.as_of = as_of_;
    options.metrics.clear();
    for (const auto& name : kTrendMetrics) {
      options.metrics.push_back(*analyze::parse_metric(name));
    }
    auto found = analyze::compute_trends(series_, options);
    trends_ = found.ok() ? std::move(*found) : std::vector<analyze::TrendFinding>{};
    for (size_t i = 0; i < trends_->size(); ++i) {
      trend_index_.emplace(std::make_pair((*trends_)[i].entity_id, (*trends_)[i].metric), i);
    }
  }
  const auto parsed = analyze::parse_metric(metric);
  if (auto it = trend_index_.find({series_[entity].id, *parsed}); it != trend_index_.end()) {
    const analyze::TrendFinding& finding = (*trends_)[it->second];
    if (field == "change") {
      return finding.rel_change ? Value::of_number(*finding.rel_change, Unit::kPercent) : Value::undefined(Unit::kPercent);
    }
    if (field == "p") {
      return finding.p_value ? Value::of_number(*finding.p_value) : Value::undefined();
    }
    if (field == "significant") {
      return Value::of_bool(finding.significant);
    }
    if (field == "slope") {
      return Value::of_number(finding.slope_per_day, fact_unit(metric));
    }
    return Value::of_string(finding.direction);
  }
  return field == "significant" ? Value::of_bool(false) : Value::undefined();
}

Value ScopeWindow::anomalies(size_t entity, const std::string& metric) {
  if (metric == "any") {
    int total = 0;
    for (const auto& name : kTrendMetrics) {
      total += static_cast<int>(anomalies(entity, name).number);
    }
    return Value::of_number(total, Unit::kCount);
  }
  const auto key = std::make_pair(entity, metric);
  if (auto it = anomaly_counts_.find(key); it != anomaly_counts_.end()) {
    return Value::of_number(it->second, Unit::kCount);
  }
  const auto& s = series_[entity];
  const auto parsed = *analyze::parse_metric(metric);
  std::vector<double> y = s.daily(parsed);
  const int64_t last = std::min<int64_t>(static_cast<int64_t>(y.size()) - 1, as_of_ - s.first);
  int count = 0;
  if (last >= 0) {
    y.resize(static_cast<size_t>(last) + 1);
    std::vector<double> t(y.size());
    for (size_t i = 0; i < t.size(); ++i) {
      t[i] = static_cast<double>(s.first + static_cast<Date>(i)) * 86400.0;
    }
    analyze::anomaly::DetectorOptions options;
    options.count_data = metric == "impressions" || metric == "clicks" || metric == "conversions";
    auto scores = analyze::anomaly::score_series(t, y, options);
    if (scores.ok()) {
      for (size_t i = 0; i < scores->size(); ++i) {
        const Date day = s.first + static_cast<Date>(i);
        count += (day >= begin_ && (*scores)[i].flagged) ? 1 : 0;
      }
    }
  }
  anomaly_counts_[key] = count;
  return Value::of_number(count, Unit::kCount);
}

Value ScopeWindow::target(const std::string& name) const {
  auto it = targets_.find(name);
  return it == targets_.end() ? Value::undefined() : it->second;
}

std::optional<std::string> EntityEnvironment::check(const NameRef& ref) const {
  static const std::map<std::string, Value> kNoTargets;
  return check_fact_name(ref, kNoTargets);
}

Value EntityEnvironment::lookup(const NameRef& ref) {
  Value value = resolve(ref);
  const std::string key = ref.text.empty() ? joined(ref.path) : ref.text;
  for (const auto& [name, seen] : seen_) {
    if (name == key) {
      return value;
    }
  }
  seen_.emplace_back(key, value);
  return value;
}

Value EntityEnvironment::resolve(const NameRef& ref) {
  const auto& p = ref.path;
  if (ref.is_call) {
    return window_.account_aggregate(p[1], ref.args[0][0]);
  }
  if (p.size() == 1) {
    return window_.metric(entity_, p[0]);
  }
  if (p[0] == "target") {
    return window_.target(p[1]);
  }
  if (p[0] == "account") {
    return window_.account_metric(p[1]);
  }
  if (p[0] == "trend") {
    return window_.trend(entity_, p[1], p[2]);
  }
  if (p[0] == "anomalies") {
    return window_.anomalies(entity_, p[1]);
  }
  if (p[0] == "window") {
    return Value::of_number(window_.days(), Unit::kCount);
  }
  // <kpi>.lower / .upper: at the rule's confidence, or 95% when the rule sets none.
  return window_.bound(entity_, p[0], p[1], confidence_ > 0 ? confidence_ : 0.95);
}

}  // namespace adpilot::decide
