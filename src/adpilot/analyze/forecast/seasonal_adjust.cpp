#include "adpilot/analyze/forecast/seasonal_adjust.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast {

namespace {

using detail::at;

// qnorm(0.95): the one-sided 90 % limit of the M4 test.
constexpr double kZ90 = 1.6448536269514722;

}  // namespace

std::vector<double> autocorrelation(const std::vector<double>& y, int max_lag) {
  const size_t n = y.size();
  std::vector<double> r(at(std::max(0, max_lag)), 0.0);
  if (n == 0) {
    return r;
  }
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
  double c0 = 0.0;
  for (const double v : y) {
    c0 += (v - mean) * (v - mean);
  }
  if (!(c0 > 0.0)) {
    return r;
  }
  for (size_t k = 1; k <= r.size() && k < n; ++k) {
    double ck = 0.0;
    for (size_t t = 0; t + k < n; ++t) {
      ck += (y[t] - mean) * (y[t + k] - mean);
    }
    r[k - 1] = ck / c0;
  }
  return r;
}

bool seasonality_test(const std::vector<double>& y, int period) {
  const size_t n = y.size();
  if (period < 2 || n <= 2 * at(period) || detail::is_constant(y)) {
    return false;
  }
  const std::vector<double> r = autocorrelation(y, period);
  double sum = 0.0;
  for (size_t k = 0; k + 1 < r.size(); ++k) {
    sum += r[k] * r[k];
  }
  const double limit = std::sqrt((1.0 + 2.0 * sum) / static_cast<double>(n));
  return std::fabs(r.back()) / limit > kZ90;
}

double SeasonalAdjustment::season_at(int step) const {
  if (kind == Decomposition::kNone || seasonal.empty()) {
    return kind == Decomposition::kClassicalMultiplicative ? 1.0 : 0.0;
  }
  // Step h takes the value one whole number of periods back within the last observed period.
  const size_t n = seasonal.size();
  const size_t m = at(period);
  const size_t offset = at(step - 1) % m;
  return seasonal[n - m + offset];
}

double SeasonalAdjustment::restore(double value, int step) const {
  switch (kind) {
    case Decomposition::kClassicalMultiplicative:
      return value * season_at(step);
    case Decomposition::kStl:
      return value + season_at(step);
    case Decomposition::kNone:
      break;
  }
  return value;
}

SeasonalAdjustment classical_multiplicative(const std::vector<double>& y, int period) {
  SeasonalAdjustment out;
  out.adjusted = y;
  const size_t n = y.size();
  const size_t m = at(period);
  if (period < 2 || n < 2 * m) {
    return out;
  }
  // stats::filter(y, c(0.5, 1, …, 1, 0.5) / m) for even m, rep(1/m, m) for odd, sides = 2.
  const size_t half = m / 2;
  std::vector<double> weights(m % 2 == 0 ? m + 1 : m, 1.0 / static_cast<double>(m));
  if (m % 2 == 0) {
    weights.front() = weights.back() = 0.5 / static_cast<double>(m);
  }
  std::vector<double> sums(m, 0.0);
  std::vector<int> counts(m, 0);
  for (size_t t = half; t + half < n; ++t) {
    double trend = 0.0;
    for (size_t j = 0; j < weights.size(); ++j) {
      trend += weights[j] * y[t + j - half];
    }
    sums[t % m] += y[t] / trend;
    ++counts[t % m];
  }
  std::vector<double> figure(m, 0.0);
  for (size_t i = 0; i < m; ++i) {
    figure[i] = sums[i] / counts[i];
  }
  const double mean = std::accumulate(figure.begin(), figure.end(), 0.0) / static_cast<double>(m);
  for (double& f : figure) {
    f /= mean;
  }
  // thetaf's guard: a factor near zero would blow the adjusted series up.
  if (std::any_of(figure.begin(), figure.end(), [](double f) { return !(std::fabs(f) >= 1e-4); })) {
    return out;
  }
  out.kind = Decomposition::kClassicalMultiplicative;
  out.period = period;
  out.seasonal.resize(n);
  for (size_t t = 0; t < n; ++t) {
    out.seasonal[t] = figure[t % m];
    out.adjusted[t] = y[t] / out.seasonal[t];
  }
  return out;
}

SeasonalAdjustment stl_adjust(const std::vector<double>& y, int period, int s_window) {
  SeasonalAdjustment out;
  out.adjusted = y;
  if (period < 2 || y.size() <= 2 * at(period)) {
    return out;
  }
  detail::StlResult stl = detail::stl_decompose(y, period, s_window);
  out.kind = Decomposition::kStl;
  out.period = period;
  for (size_t t = 0; t < y.size(); ++t) {
    out.adjusted[t] = y[t] - stl.seasonal[t];
  }
  out.seasonal = std::move(stl.seasonal);
  return out;
}

}  // namespace adpilot::analyze::forecast
