// How many differences auto ARIMA takes: KPSS tests for d (forecast::ndiffs with urca's
// ur.kpss) and the STL seasonal-strength heuristic or the OCSB test for D (forecast::nsdiffs).
#include <cmath>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast {

namespace detail {

bool is_constant(const std::vector<double>& x) {
  if (x.empty()) {
    return true;
  }
  // all.equal(x, rep(x[1], n)): mean absolute difference, relative to mean |x| when that
  // exceeds the tolerance.
  constexpr double kTolerance = 1.5e-8;
  double diff = 0.0;
  double scale = 0.0;
  for (double v : x) {
    diff += std::fabs(v - x[0]);
    scale += std::fabs(v);
  }
  diff /= static_cast<double>(x.size());
  scale /= static_cast<double>(x.size());
  if (std::isfinite(scale) && scale > kTolerance) {
    diff /= scale;
  }
  return diff <= kTolerance;
}

std::vector<double> lag_difference(const std::vector<double>& x, int lag) {
  const auto step = static_cast<size_t>(lag);
  std::vector<double> out;
  for (size_t t = step; t < x.size(); ++t) {
    out.push_back(x[t] - x[t - step]);
  }
  return out;
}

}  // namespace detail

double kpss_statistic(const std::vector<double>& x) {
  const size_t n = x.size();
  if (n < 2) {
    return 0.0;
  }
  double mean = 0.0;
  for (double v : x) {
    mean += v;
  }
  mean /= static_cast<double>(n);
  std::vector<double> res(n);
  double cumulative = 0.0;
  double numerator = 0.0;
  double s2 = 0.0;
  for (size_t t = 0; t < n; ++t) {
    res[t] = x[t] - mean;
    cumulative += res[t];
    numerator += cumulative * cumulative;
    s2 += res[t] * res[t];
  }
  const double nd = static_cast<double>(n);
  numerator /= nd * nd;
  s2 /= nd;
  // forecast::ndiffs passes use.lag = trunc(3 √n / 13) to ur.kpss.
  const auto lags = static_cast<size_t>(std::trunc(3.0 * std::sqrt(nd) / 13.0));
  double denominator = s2;
  for (size_t i = 1; i <= lags && i < n; ++i) {
    double cov = 0.0;
    for (size_t t = i; t < n; ++t) {
      cov += res[t] * res[t - i];
    }
    const double bartlett = 1.0 - static_cast<double>(i) / static_cast<double>(lags + 1);
    denominator += 2.0 / nd * bartlett * cov;
  }
  return numerator / denominator;
}

int ndiffs(const std::vector<double>& x, int max_d) {
  // urca's 5 % critical value for the level test; p < 0.05 exactly when the statistic exceeds it.
  constexpr double kCritical5 = 0.463;
  std::vector<double> series = x;
  if (detail::is_constant(series)) {
    return 0;
  }
  auto rejects = [&] { return series.size() >= 2 && kpss_statistic(series) > kCritical5; };
  int d = 0;
  bool diff = rejects();
  while (diff && d < max_d) {
    ++d;
    series = detail::lag_difference(series, 1);
    if (detail::is_constant(series)) {
      return d;
    }
    diff = rejects();
  }
  return d;
}

double seasonal_strength(const std::vector<double>& x, int period) {
  // mstl() of a single-season series is stl(x, s.window = 11) (its s.window = 7 + 4·1).
  constexpr int kWindow = 11;
  if (period < 2 || x.size() <= 2 * static_cast<size_t>(period)) {
    return 0.0;
  }
  const detail::StlResult stl = detail::stl_decompose(x, period, kWindow);
  auto variance = [](const std::vector<double>& v) {
    double mean = 0.0;
    for (double e : v) {
      mean += e;
    }
    mean /= static_cast<double>(v.size());
    double ss = 0.0;
    for (double e : v) {
      ss += (e - mean) * (e - mean);
    }
    return ss / static_cast<double>(v.size() - 1);
  };
  std::vector<double> deseasoned_noise(x.size());
  for (size_t t = 0; t < x.size(); ++t) {
    deseasoned_noise[t] = stl.remainder[t] + stl.seasonal[t];
  }
  const double strength = 1.0 - variance(stl.remainder) / variance(deseasoned_noise);
  return std::max(0.0, std::min(1.0, strength));
}

int nsdiffs(const std::vector<double>& x, int period, SeasonalDiffTest test, int max_sd) {
  constexpr double kStrengthThreshold = 0.64;  // forecast's seas.heuristic cut-off
  std::vector<double> series = x;
  if (period < 2 || detail::is_constant(series) || static_cast<size_t>(period) >= series.size()) {
    return 0;
  }
  // R catches a failing test (too short for STL or OCSB) and takes no seasonal difference.
  auto seasonal = [&] {
    if (series.size() <= 2 * static_cast<size_t>(period)) {
      return false;
    }
    if (test == SeasonalDiffTest::kOcsb) {
      return detail::ocsb_rejects(series, period);
    }
    return seasonal_strength(series, period) > kStrengthThreshold;
  };
  int sd = 0;
  bool diff = seasonal();
  while (diff && sd < max_sd) {
    ++sd;
    series = detail::lag_difference(series, period);
    if (detail::is_constant(series)) {
      return sd;
    }
    diff = series.size() >= 2 * static_cast<size_t>(period) && sd < max_sd && seasonal();
  }
  return sd;
}

}  // namespace adpilot::analyze::forecast
