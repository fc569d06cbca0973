#include "adpilot/analyze/stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace adpilot::analyze {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

TestResult two_proportion_test(double x1, double n1, double x2, double n2) {
  if (n1 <= 0 || n2 <= 0) {
    return {};
  }
  const double pooled = (x1 + x2) / (n1 + n2);
  const double variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
  if (variance <= 0) {
    return {};
  }
  const double z = (x1 / n1 - x2 / n2) / std::sqrt(variance);
  return {z, two_sided_p(z)};
}

TestResult rate_test(double a, double ea, double b, double eb, double dispersion) {
  const double n = a + b;
  if (ea <= 0 || eb <= 0 || n <= 0) {
    return {};
  }
  const double p = ea / (ea + eb);
  const double variance = std::max(1.0, dispersion) * n * p * (1.0 - p);
  const double z = (a - n * p) / std::sqrt(variance);
  return {z, two_sided_p(z)};
}

double count_dispersion(const std::vector<double>& counts) {
  if (counts.size() < 2) {
    return 1.0;
  }
  const double mean = std::accumulate(counts.begin(), counts.end(), 0.0) / static_cast<double>(counts.size());
  if (mean <= 0) {
    return 1.0;
  }
  double ss = 0.0;
  for (const double c : counts) {
    ss += (c - mean) * (c - mean);
  }
  return std::max(1.0, ss / static_cast<double>(counts.size() - 1) / mean);
}

namespace {

// Ratio estimator R = Σy/Σx and its delta-method variance (Cochran 1977, §6.3), days as clusters.
bool ratio_with_variance(const std::vector<double>& y, const std::vector<double>& x, double& ratio,
                         double& variance) {
  const auto n = static_cast<double>(y.size());
  const double sx = std::accumulate(x.begin(), x.end(), 0.0);
  if (y.size() < 2 || sx <= 0) {
    return false;
  }
  ratio = std::accumulate(y.begin(), y.end(), 0.0) / sx;
  const double mean_x = sx / n;
  double ss = 0.0;
  for (size_t i = 0; i < y.size(); ++i) {
    const double residual = y[i] - ratio * x[i];
    ss += residual * residual;
  }
  variance = ss / (n - 1.0) / (n * mean_x * mean_x);
  return true;
}

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double variance_of(const std::vector<double>& v, double mean) {
  double ss = 0.0;
  for (const double x : v) {
    ss += (x - mean) * (x - mean);
  }
  return ss / static_cast<double>(v.size() - 1);
}

}  // namespace

TestResult ratio_test(const std::vector<double>& y1, const std::vector<double>& x1,
                      const std::vector<double>& y2, const std::vector<double>& x2) {
  double r1 = 0;
  double v1 = 0;
  double r2 = 0;
  double v2 = 0;
  if (!ratio_with_variance(y1, x1, r1, v1) || !ratio_with_variance(y2, x2, r2, v2) || v1 + v2 <= 0) {
    return {};
  }
  const double z = (r1 - r2) / std::sqrt(v1 + v2);
  return {z, two_sided_p(z)};
}

TestResult welch_test(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() < 2 || b.size() < 2) {
    return {};
  }
  const double ma = mean_of(a);
  const double mb = mean_of(b);
  const double se2 = variance_of(a, ma) / static_cast<double>(a.size()) +
                     variance_of(b, mb) / static_cast<double>(b.size());
  if (se2 <= 0) {
    return {};
  }
  const double t = (ma - mb) / std::sqrt(se2);
  return {t, two_sided_p(t)};
}

MannKendall mann_kendall(const std::vector<double>& values) {
  std::vector<double> y;
  for (const double v : values) {
    if (!std::isnan(v)) {
      y.push_back(v);
    }
  }
  MannKendall out;
  const size_t n = y.size();
  if (n < 3) {
    return out;
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      out.s += (y[j] > y[i]) - (y[j] < y[i]);
    }
  }
  // Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of tied values.
  std::map<double, int> ties;
  for (const double v : y) {
    ++ties[v];
  }
  const auto nd = static_cast<double>(n);
  double variance = nd * (nd - 1) * (2 * nd + 5);
  for (const auto& [value, count] : ties) {
    const auto t = static_cast<double>(count);
    variance -= t * (t - 1) * (2 * t + 5);
  }
  out.variance = variance / 18.0;
  if (out.variance > 0) {
    out.z = out.s > 0 ? (out.s - 1) / std::sqrt(out.variance)
            : out.s < 0 ? (out.s + 1) / std::sqrt(out.variance) : 0.0;
  }
  out.p_value = two_sided_p(out.z);
  out.tau = out.s / (nd * (nd - 1) / 2.0);
  return out;
}

TheilSen theil_sen(const std::vector<double>& values) {
  std::vector<double> slopes;
  std::vector<std::pair<double, double>> points;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isnan(values[i])) {
      points.emplace_back(static_cast<double>(i), values[i]);
    }
  }
  TheilSen out;
  if (points.size() < 2) {
    return out;
  }
  for (size_t i = 0; i < points.size(); ++i) {
    for (size_t j = i + 1; j < points.size(); ++j) {
      slopes.push_back((points[j].second - points[i].second) / (points[j].first - points[i].first));
    }
  }
  auto median = [](std::vector<double>& v) {
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1) {
      return upper;
    }
    return (upper + *std::max_element(v.begin(), v.begin() + static_cast<long>(mid))) / 2.0;
  };
  out.slope = median(slopes);
  std::vector<double> intercepts;
  for (const auto& [x, y] : points) {
    intercepts.push_back(y - out.slope * x);
  }
  out.intercept = median(intercepts);
  return out;
}

double regularized_gamma_p(double a, double x) {
  if (x <= 0.0) {
    return 0.0;
  }
  const double log_prefix = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {
    // The series Σ xⁿ / (a(a+1)…(a+n)) converges fast below the mode.
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-15) {
        break;
      }
    }
    return std::min(1.0, sum * std::exp(log_prefix));
  }
  // Above it, Q(a, x) by Lentz's continued fraction.
  const double tiny = 1e-300;
  double b = x + 1.0 - a;
  double c = 1.0 / tiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    d = std::fabs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = std::fabs(c) < tiny ? tiny : c;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-15) {
      break;
    }
  }
  return std::max(0.0, 1.0 - std::exp(log_prefix) * h);
}

namespace {

// x with P(a, x) = p, by bisection on a bracket that doubles until it holds the root.
double gamma_quantile(double a, double p) {
  double lo = 0.0;
  double hi = std::max(1.0, a);
  while (regularized_gamma_p(a, hi) < p) {
    lo = hi;
    hi *= 2.0;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, hi); ++i) {
    const double mid = 0.5 * (lo + hi);
    (regularized_gamma_p(a, mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

PoissonInterval poisson_interval(double k, double confidence) {
  const double alpha = 1.0 - confidence;
  PoissonInterval out;
  out.low = k <= 0.0 ? 0.0 : gamma_quantile(k, alpha / 2.0);
  out.high = gamma_quantile(std::max(k, 0.0) + 1.0, 1.0 - alpha / 2.0);
  return out;
}

}  // namespace adpilot::analyze
