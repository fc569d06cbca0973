#include "adpilot/analyze/forecast/naive.h"

#include <fmt/format.h>

#include <cmath>

namespace adpilot::analyze::forecast {

namespace {

// Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9).
double inverse_normal(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    return -inverse_normal(1 - p);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace

double normal_quantile_for_level(double level_percent) {
  return inverse_normal(0.5 + level_percent / 200.0);
}

Result<void> NaiveForecaster::fit(const std::vector<double>& y) {
  const auto m = static_cast<size_t>(period_);
  if (y.size() < m + 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("{} needs more than {} points, got {}", name(), m, y.size()));
  }
  last_season_.assign(y.end() - static_cast<long>(m), y.end());
  double ss = 0.0;
  summary_ = FitSummary{};
  summary_.model = period_ > 1 ? fmt::format("SNAIVE[{}]", period_) : "NAIVE";
  summary_.fitted.assign(y.size(), std::nan(""));
  for (size_t t = m; t < y.size(); ++t) {
    const double e = y[t] - y[t - m];
    ss += e * e;
    summary_.fitted[t] = y[t - m];
  }
  sigma_ = std::sqrt(ss / static_cast<double>(y.size() - m));
  summary_.sigma2 = sigma_ * sigma_;
  return {};
}

Result<ForecastResult> NaiveForecaster::predict(int horizon, const std::vector<double>& levels) const {
  if (last_season_.empty()) {
    return make_error(ErrorCode::kInternal, "predict before fit");
  }
  ForecastResult out;
  out.model = summary_.model;
  out.levels = levels;
  out.lower.assign(levels.size(), {});
  out.upper.assign(levels.size(), {});
  const auto m = static_cast<int>(last_season_.size());
  for (int h = 1; h <= horizon; ++h) {
    const double mean = last_season_[static_cast<size_t>((h - 1) % m)];
    // σ_h = σ·√(k+1), k the number of whole periods before step h (√h for the naive method).
    const double sd = sigma_ * std::sqrt(static_cast<double>((h - 1) / m + 1));
    out.mean.push_back(mean);
    for (size_t l = 0; l < levels.size(); ++l) {
      const double z = normal_quantile_for_level(levels[l]);
      out.lower[l].push_back(mean - z * sd);
      out.upper[l].push_back(mean + z * sd);
    }
  }
  return out;
}

std::unique_ptr<Forecaster> make_naive(const ForecastOptions&) { return std::make_unique<NaiveForecaster>(1); }

std::unique_ptr<Forecaster> make_snaive(const ForecastOptions& options) {
  return std::make_unique<NaiveForecaster>(options.period);
}

}  // namespace adpilot::analyze::forecast
