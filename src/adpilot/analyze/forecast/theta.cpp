#include "adpilot/analyze/forecast/theta.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "adpilot/analyze/forecast/detail/arima_model.h"
#include "adpilot/analyze/forecast/ets.h"
#include "adpilot/analyze/forecast/naive.h"

namespace adpilot::analyze::forecast {

namespace {

// Slope of the least-squares line through (t, x_t), t = 0 … n − 1 (R's lsfit).
double trend_slope(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  const double t_mean = (n - 1.0) / 2.0;
  double x_mean = 0.0;
  for (const double v : x) {
    x_mean += v;
  }
  x_mean /= n;
  double sxy = 0.0;
  double sxx = 0.0;
  for (size_t t = 0; t < x.size(); ++t) {
    const double dt = static_cast<double>(t) - t_mean;
    sxy += dt * (x[t] - x_mean);
    sxx += dt * dt;
  }
  return sxx > 0.0 ? sxy / sxx : 0.0;
}

}  // namespace

Result<void> ThetaForecaster::fit(const std::vector<double>& y) {
  fitted_ = false;
  summary_ = FitSummary{};
  if (std::any_of(y.begin(), y.end(), [](double v) { return !std::isfinite(v); })) {
    return make_error(ErrorCode::kData, "the series has missing or non-finite values", {},
                      "fill or drop them before forecasting");
  }
  if (y.size() < 7) {
    return make_error(ErrorCode::kData,
                      fmt::format("Theta needs at least 7 values, got {}", y.size()));
  }
  n_ = y.size();
  adjustment_ = seasonality_test(y, period_) ? classical_multiplicative(y, period_)
                                             : SeasonalAdjustment{Decomposition::kNone, 1, y, {}};
  const std::vector<double>& x = adjustment_.adjusted;
  drift_ = trend_slope(x) / 2.0;
  if (detail::is_constant(x)) {
    // Nothing to smooth: R's answer for constant data, SES with α = 0.99999 from the value.
    alpha_ = 0.99999;
    level_ = x.back();
    sigma2_ = 0.0;
  } else {
    EtsOptions ses;
    ses.error = EtsError::kAdditive;
    ses.trend = EtsTrend::kNone;
    ses.season = EtsSeason::kNone;
    EtsForecaster model(ses);
    if (auto fitted = model.fit(x); !fitted.ok()) {
      return fitted;
    }
    auto next = model.predict(1, {});
    if (!next.ok()) {
      return next.error();
    }
    alpha_ = model.summary().params.at("alpha");
    level_ = next->mean.front();
    sigma2_ = model.summary().sigma2;
    summary_.loglik = model.summary().loglik;
    summary_.aic = model.summary().aic;
    summary_.aicc = model.summary().aicc;
    summary_.bic = model.summary().bic;
    summary_.fitted = model.summary().fitted;
    if (adjustment_.kind != Decomposition::kNone) {
      for (size_t t = 0; t < summary_.fitted.size(); ++t) {
        summary_.fitted[t] *= adjustment_.seasonal[t];
      }
    }
  }
  alpha_ = std::max(alpha_, 1e-10);
  summary_.model = adjustment_.kind == Decomposition::kNone
                       ? "Theta"
                       : fmt::format("Theta, seasonally adjusted[{}]", period_);
  summary_.params = {{"alpha", alpha_}, {"drift", drift_}, {"level", level_}};
  summary_.sigma2 = sigma2_;
  fitted_ = true;
  return {};
}

Result<ForecastResult> ThetaForecaster::predict(int horizon,
                                                const std::vector<double>& levels) const {
  if (!fitted_) {
    return make_error(ErrorCode::kInvalidArgument, "predict() needs a successful fit() first");
  }
  if (horizon < 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("forecast horizon must be at least 1, got {}", horizon),
                      ErrorContext{"", 0, 0, "", "horizon"});
  }
  ForecastResult out;
  out.model = summary_.model;
  out.levels = levels;
  out.lower.assign(levels.size(), {});
  out.upper.assign(levels.size(), {});
  const double n = static_cast<double>(n_);
  const double start = (1.0 - std::pow(1.0 - alpha_, n)) / alpha_;
  for (int h = 1; h <= horizon; ++h) {
    const double mean = adjustment_.restore(level_ + drift_ * (h - 1 + start), h);
    const double se = std::sqrt(sigma2_ * ((h - 1) * alpha_ * alpha_ + 1.0));
    out.mean.push_back(mean);
    for (size_t l = 0; l < levels.size(); ++l) {
      const double z = normal_quantile_for_level(levels[l]);
      out.lower[l].push_back(mean - z * se);
      out.upper[l].push_back(mean + z * se);
    }
  }
  return out;
}

std::unique_ptr<Forecaster> make_theta(const ForecastOptions& options) {
  return std::make_unique<ThetaForecaster>(options.period);
}

}  // namespace adpilot::analyze::forecast
