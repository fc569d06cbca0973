#include "adpilot/analyze/trend.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "adpilot/analyze/stats.h"
#include "adpilot/core/format_number.h"

namespace adpilot::analyze {

namespace {

std::vector<double> slice(const std::vector<double>& v, size_t begin, size_t end) {
  return std::vector<double>(v.begin() + static_cast<long>(begin), v.begin() + static_cast<long>(end));
}

std::vector<double> sum_of(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a);
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// The test fit for the metric (docs/analysis.md explains each choice).
void run_test(const DailySeries& s, Metric metric, size_t rb, size_t re, size_t pb, size_t pe,
              TrendFinding& f) {
  const auto days = static_cast<double>(re - rb);
  auto part = [&](const std::vector<double>& v, size_t b, size_t e) { return slice(v, b, e); };
  auto total = [&](const std::vector<double>& v, size_t b, size_t e) {
    double t = 0;
    for (size_t i = b; i < e; ++i) {
      t += v[i];
    }
    return t;
  };
  TestResult r;
  switch (metric) {
    case Metric::kImpressions:
    case Metric::kClicks:
    case Metric::kConversions: {
      const auto& v = metric == Metric::kImpressions ? s.impressions
                      : metric == Metric::kClicks    ? s.clicks
                                                     : s.conversions;
      const double dispersion = count_dispersion(sum_of(part(v, pb, pe), part(v, rb, re)));
      r = rate_test(total(v, rb, re), days, total(v, pb, pe), days, dispersion);
      f.test = "quasi-Poisson rate";
      f.support = total(v, rb, re) + total(v, pb, pe);
      f.support_unit = metric_name(metric);
      break;
    }
    case Metric::kCost:
    case Metric::kRevenue: {
      const auto& v = metric == Metric::kCost ? s.cost : s.revenue;
      r = welch_test(part(v, rb, re), part(v, pb, pe));
      f.test = "Welch t";
      f.support = 2 * days;
      f.support_unit = "days";
      break;
    }
    case Metric::kCtr:
    case Metric::kCvr: {
      const auto& num = metric == Metric::kCtr ? s.clicks : s.conversions;
      const auto& den = metric == Metric::kCtr ? s.impressions : s.clicks;
      r = two_proportion_test(total(num, rb, re), total(den, rb, re), total(num, pb, pe), total(den, pb, pe));
      f.test = "two-proportion z";
      f.support = total(num, rb, re) + total(num, pb, pe);
      f.support_unit = metric == Metric::kCtr ? "clicks" : "conversions";
      break;
    }
    case Metric::kCpc:
    case Metric::kCpm:
    case Metric::kCpa: {
      // Cost per X changes exactly when X per unit of cost does: a rate test with cost as exposure.
      const auto& counts = metric == Metric::kCpc   ? s.clicks
                           : metric == Metric::kCpm ? s.impressions
                                                    : s.conversions;
      const double dispersion = count_dispersion(sum_of(part(counts, pb, pe), part(counts, rb, re)));
      r = rate_test(total(counts, rb, re), total(s.cost, rb, re), total(counts, pb, pe),
                    total(s.cost, pb, pe), dispersion);
      f.test = "quasi-Poisson rate per cost";
      f.support = total(counts, rb, re) + total(counts, pb, pe);
      f.support_unit = metric == Metric::kCpc ? "clicks" : metric == Metric::kCpm ? "impressions" : "conversions";
      break;
    }
    case Metric::kRoas:
      r = ratio_test(part(s.revenue, rb, re), part(s.cost, rb, re), part(s.revenue, pb, pe),
                     part(s.cost, pb, pe));
      f.test = "ratio delta";
      f.support = 2 * days;
      f.support_unit = "days";
      break;
  }
  if (r.p_value < 1.0 || r.statistic != 0.0) {
    f.p_value = r.p_value;
  }
}

std::string metric_label(Metric metric) {
  std::string name = metric_name(metric);
  if (is_ratio(metric)) {
    for (auto& ch : name) {
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    return name;
  }
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::string summarize(const TrendFinding& f, double alpha) {
  const std::string label = metric_label(f.metric);
  if (!f.recent || !f.prior) {
    return fmt::format("{}: undefined in one of the windows", label);
  }
  if (!f.rel_change) {
    return fmt::format("{} rose from 0", label);
  }
  const double pct = *f.rel_change * 100.0;
  if (std::fabs(pct) < 0.05) {
    return fmt::format("{} unchanged", label);
  }
  const std::string verb = pct > 0 ? "rose" : "fell";
  const std::string amount = std::fabs(pct) >= 10 ? fmt::format("{:.0f}%", std::fabs(pct))
                                                  : fmt::format("{:.1f}%", std::fabs(pct));
  if (f.p_value && *f.p_value < alpha) {
    const std::string p = *f.p_value < 0.001 ? "p < 0.001" : fmt::format("p = {:.3f}", *f.p_value);
    return fmt::format("{} {} {} ({})", label, verb, amount, p);
  }
  return fmt::format("{} {} {} (not significant, {} {})", label, verb, amount,
                     format_count(f.support, 0), f.support_unit);
}

}  // namespace

Result<std::vector<TrendFinding>> compute_trends(const std::vector<DailySeries>& series,
                                                 const TrendOptions& options) {
  if (options.window_days < 1 || options.direction_days < 3) {
    return make_error(ErrorCode::kInvalidArgument, "the trend windows must be at least 1 and 3 days",
                      ErrorContext{"", 0, 0, "", "--window"});
  }
  std::vector<TrendFinding> out;
  for (const auto& s : series) {
    if (s.size() == 0) {
      continue;
    }
    const Date as_of = std::min(options.as_of.value_or(s.last()), s.last());
    if (as_of < s.first) {
      continue;
    }
    const auto end = static_cast<size_t>(as_of - s.first) + 1;  // exclusive index
    const auto n = static_cast<size_t>(options.window_days);
    const size_t rb = end >= n ? end - n : 0;
    const size_t pb = rb >= n ? rb - n : 0;
    const auto db = end >= static_cast<size_t>(options.direction_days)
                        ? end - static_cast<size_t>(options.direction_days) : 0;
    for (const Metric metric : options.metrics) {
      TrendFinding f;
      f.entity_id = s.id;
      f.entity_name = s.name;
      f.metric = metric;
      f.recent_start = s.first + static_cast<Date>(rb);
      f.recent_end = as_of;
      f.prior_start = s.first + static_cast<Date>(pb);
      f.prior_end = f.recent_start - 1;
      f.recent = s.value(metric, rb, end);
      if (rb - pb == n) {
        f.prior = s.value(metric, pb, rb);
        run_test(s, metric, rb, end, pb, rb, f);
      }
      if (f.recent && f.prior) {
        f.abs_change = *f.recent - *f.prior;
        if (*f.prior != 0.0) {
          f.rel_change = *f.abs_change / *f.prior;
        }
      }
      f.significant = f.p_value && *f.p_value < options.alpha;
      const std::vector<double> daily = slice(s.daily(metric), db, end);
      const TheilSen ts = theil_sen(daily);
      const MannKendall mk = mann_kendall(daily);
      f.slope_per_day = ts.slope;
      f.kendall_tau = mk.tau;
      f.trend_p_value = mk.p_value;
      f.direction = mk.p_value < options.alpha ? (mk.s > 0 ? "rising" : "falling") : "flat";
      f.summary = summarize(f, options.alpha);
      out.push_back(std::move(f));
    }
  }
  return out;
}

Table trends_table(const std::vector<TrendFinding>& findings) {
  Table t;
  auto text = [&](const char* name) -> Column& { return t.add_column(name, ColumnType::kString); };
  auto num = [&](const char* name) -> Column& { return t.add_column(name, ColumnType::kDouble); };
  auto day = [&](const char* name) -> Column& { return t.add_column(name, ColumnType::kDate); };
  Column& id = text("entity_id");
  Column& name = text("entity_name");
  Column& metric = text("metric");
  Column& rs = day("recent_start");
  Column& re = day("recent_end");
  Column& recent = num("recent");
  Column& prior = num("prior");
  Column& abs_change = num("abs_change");
  Column& rel_change = num("rel_change");
  Column& test = text("test");
  Column& p = num("p_value");
  Column& significant = text("significant");
  Column& support = num("support");
  Column& unit = text("support_unit");
  Column& slope = num("slope_per_day");
  Column& tau = num("kendall_tau");
  Column& trend_p = num("trend_p_value");
  Column& direction = text("direction");
  Column& summary = text("summary");
  auto put = [](Column& c, std::optional<double> v) {
    c.f64().push_back(v.value_or(0.0));
    c.valid().push_back(v.has_value() ? 1 : 0);
  };
  auto put_date = [](Column& c, Date d) {
    c.i32().push_back(d);
    c.valid().push_back(1);
  };
  for (const auto& f : findings) {
    id.append_string(f.entity_id);
    name.append_string(f.entity_name);
    metric.append_string(metric_name(f.metric));
    put_date(rs, f.recent_start);
    put_date(re, f.recent_end);
    put(recent, f.recent);
    put(prior, f.prior);
    put(abs_change, f.abs_change);
    put(rel_change, f.rel_change);
    test.append_string(f.test);
    put(p, f.p_value);
    significant.append_string(f.significant ? "yes" : "no");
    put(support, f.support);
    unit.append_string(f.support_unit);
    put(slope, f.slope_per_day);
    put(tau, f.kendall_tau);
    put(trend_p, f.trend_p_value);
    direction.append_string(f.direction);
    summary.append_string(f.summary);
  }
  return t;
}

}  // namespace adpilot::analyze
