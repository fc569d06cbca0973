// The Osborn–Chui–Smith–Birchenhall (1988) seasonal unit-root test as forecast::ocsb.test runs
// it for nsdiffs(test = "ocsb"): lag order by AIC among 1..3 (then, as forecast does, one less),
// the regression of ΔΔ_m x on its own lags and the two filtered level terms, and the t value of
// the seasonal term against Osborn et al.'s simulated 5 % critical value.
#include <cmath>
#include <limits>
#include <numbers>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

struct Regression {
  std::vector<double> beta;
  std::vector<double> se;
  double rss = 0.0;
  size_t rows = 0;
};

// Least squares without intercept; false when the columns are linearly dependent.
bool regress(const std::vector<double>& y, const std::vector<std::vector<double>>& x,
             Regression& out) {
  if (!least_squares(y, x, out.beta, out.se)) {
    return false;
  }
  out.rows = y.size();
  out.rss = 0.0;
  for (size_t t = 0; t < y.size(); ++t) {
    double e = y[t];
    for (size_t k = 0; k < x.size(); ++k) {
      e -= out.beta[k] * x[k][t];
    }
    out.rss += e * e;
  }
  return true;
}

// fitOCSB(x, lag, maxlag) with 0-based times t of x: rows t = s + 1 + maxlag … n − 1.
bool fit_ocsb(const std::vector<double>& x, int s, int lag, int maxlag, Regression& out) {
  const int n = static_cast<int>(x.size());
  auto seasonal_diff = [&](int t) {
    return x[static_cast<size_t>(t)] - x[static_cast<size_t>(t - s)];
  };
  auto first_diff = [&](int t) {
    return x[static_cast<size_t>(t)] - x[static_cast<size_t>(t - 1)];
  };
  auto both = [&](int t) { return seasonal_diff(t) - seasonal_diff(t - 1); };
  const int first = s + 1 + maxlag;
  if (n - first <= lag + 2) {
    return false;
  }
  // AR(lag) filter of ΔΔ_m x (no intercept); with lag 0 there is nothing to filter.
  std::vector<double> beta;
  if (lag > 0) {
    std::vector<double> y;
    std::vector<std::vector<double>> lags(static_cast<size_t>(lag));
    for (int t = first; t < n; ++t) {
      y.push_back(both(t));
      for (int k = 1; k <= lag; ++k) {
        lags[static_cast<size_t>(k - 1)].push_back(both(t - k));
      }
    }
    std::vector<double> se;
    if (!least_squares(y, lags, beta, se)) {
      return false;
    }
  }
  auto filtered = [&](auto series, int t) {
    double value = series(t);
    for (int k = 1; k <= lag; ++k) {
      value -= beta[static_cast<size_t>(k - 1)] * series(t - k);
    }
    return value;
  };
  std::vector<double> y;
  std::vector<std::vector<double>> columns(static_cast<size_t>(lag) + 2);
  for (int t = first; t < n; ++t) {
    y.push_back(both(t));
    for (int k = 1; k <= lag; ++k) {
      columns[static_cast<size_t>(k - 1)].push_back(both(t - k));
    }
    columns[static_cast<size_t>(lag)].push_back(filtered(seasonal_diff, t - 1));   // Z4_{t−1}
    columns[static_cast<size_t>(lag) + 1].push_back(filtered(first_diff, t - s));  // Z5_{t−m}
  }
  return regress(y, columns, out);
}

double aic(const Regression& r) {
  const auto n = static_cast<double>(r.rows);
  const auto k = static_cast<double>(r.beta.size());
  return n * (std::log(2.0 * std::numbers::pi) + std::log(r.rss / n) + 1.0) + 2.0 * (k + 1.0);
}

}  // namespace

bool ocsb_statistic(const std::vector<double>& x, int period, double& statistic) {
  constexpr int kMaxLag = 3;
  double best = std::numeric_limits<double>::infinity();
  int chosen = 0;
  for (int lag = 1; lag <= kMaxLag; ++lag) {
    Regression r;
    if (fit_ocsb(x, period, lag, kMaxLag, r) && aic(r) < best) {
      best = aic(r);
      chosen = lag;
    }
  }
  if (chosen == 0) {
    return false;
  }
  const int lag = chosen - 1;  // forecast's ocsb.test uses which.min(AIC) − 1
  Regression r;
  if (!fit_ocsb(x, period, lag, lag, r)) {
    return false;
  }
  statistic = r.beta.back() / r.se.back();
  return std::isfinite(statistic);
}

double ocsb_critical_value(int period) {
  const double log_m = std::log(static_cast<double>(period));
  const double u = log_m - 0.7656451;
  return -0.2937411 * std::exp(-0.2850853 * u - 0.05983644 * u * u) - 1.652202;
}

bool ocsb_rejects(const std::vector<double>& x, int period) {
  double statistic = 0.0;
  return ocsb_statistic(x, period, statistic) && statistic > ocsb_critical_value(period);
}

}  // namespace adpilot::analyze::forecast::detail
