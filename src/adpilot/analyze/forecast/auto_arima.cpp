// Automatic ARIMA order selection: the Hyndman–Khandakar (2008) algorithm as forecast 8.x's
// auto.arima runs it. Phases:
//   1. D from the seasonal test (STL strength by default), then d from repeated KPSS tests;
//   2. degenerate series (constant, or constant after differencing) get R's fixed models;
//   3. with approximation (n > 150 or period > 12) models are scored by CSS plus an offset;
//   4. the stepwise search (auto_arima_search.cpp) or the full grid;
//   5. with approximation the best candidates are refitted exactly until one is admissible.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/detail/auto_arima_search.h"

namespace adpilot::analyze::forecast {

namespace {

using detail::ArimaFit;
using detail::ArimaSearch;
using detail::ArimaSpec;

constexpr double kInf = std::numeric_limits<double>::infinity();

ArimaFit fit_fixed(const std::vector<double>& y, ArimaOrder order, ArimaOrder seasonal, int period,
                   bool constant, std::vector<double> fixed) {
  ArimaOptions o;
  o.order = order;
  o.seasonal = seasonal;
  o.period = seasonal.p + seasonal.d + seasonal.q > 0 ? period : 1;
  o.include_mean = constant;
  o.include_drift = constant && order.d + seasonal.d == 1;
  o.adjusted_sigma2 = true;
  detail::FitControl control;
  control.fixed_regression = std::move(fixed);
  return detail::fit_arima(y, o, control);
}

// R's special cases when the (differenced) series is constant: models with fixed coefficients.
ArimaFit degenerate_model(const std::vector<double>& y, const std::vector<double>& dx, int d,
                          int sd, int m) {
  const double mean = std::accumulate(dx.begin(), dx.end(), 0.0) / static_cast<double>(dx.size());
  if (sd > 0 && d == 0) {
    return fit_fixed(y, {0, 0, 0}, {0, sd, 0}, m, sd == 1,
                     sd == 1 ? std::vector<double>{mean / m} : std::vector<double>{});
  }
  if (sd > 0) {
    return fit_fixed(y, {0, d, 0}, {0, sd, 0}, m, false, {});
  }
  if (d == 2) {
    return fit_fixed(y, {0, 2, 0}, {}, 1, false, {});
  }
  if (d < 2) {
    return fit_fixed(y, {0, d, 0}, {}, 1, true, {mean});
  }
  throw_error(ErrorCode::kData,
              "the data follow a simple polynomial and are not suitable for ARIMA modelling");
}

void validate(const std::vector<double>& y, const AutoArimaOptions& options) {
  const int n = static_cast<int>(y.size());
  for (int t = 0; t < n; ++t) {
    if (!std::isfinite(y[static_cast<size_t>(t)])) {
      throw_error(ErrorCode::kData,
                  fmt::format("ARIMA needs finite values; value {} is {}", t + 1,
                              y[static_cast<size_t>(t)]),
                  {}, "fill or drop missing values before forecasting");
    }
  }
  if (n == 0) {
    throw_error(ErrorCode::kData, "ARIMA needs at least one value");
  }
  if (options.period < 1) {
    throw_error(ErrorCode::kInvalidArgument,
                fmt::format("seasonal period must be at least 1, got {}", options.period));
  }
  for (int limit : {options.max_p, options.max_q, options.max_sp, options.max_sq, options.max_order,
                    options.max_d, options.max_sd, options.start_p, options.start_q,
                    options.start_sp, options.start_sq}) {
    if (limit < 0) {
      throw_error(ErrorCode::kInvalidArgument, "auto ARIMA orders and limits must be non-negative");
    }
  }
  if (std::max({options.max_p, options.max_q, options.max_sp, options.max_sq}) > 15) {
    throw_error(ErrorCode::kInvalidArgument, "auto ARIMA orders p, q, P, Q must be within 0..15");
  }
  if ((options.d && (*options.d < 0 || *options.d > 3)) ||
      (options.seasonal_d && (*options.seasonal_d < 0 || *options.seasonal_d > 2))) {
    throw_error(ErrorCode::kInvalidArgument,
                "ARIMA differences must be within d = 0..3 and D = 0..2");
  }
}

AutoArimaResult search(const std::vector<double>& y, const AutoArimaOptions& options) {
  validate(y, options);
  const int n = static_cast<int>(y.size());
  AutoArimaResult result;
  if (detail::is_constant(y)) {
    const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
    const ArimaFit fit =
        fit_fixed(y, {}, {}, 1, options.allow_mean,
                  options.allow_mean ? std::vector<double>{mean} : std::vector<double>{});
    result.model = detail::ArimaAccess::make(fit);
    return result;
  }
  const int m = options.seasonal ? options.period : 1;
  detail::SearchLimits lim;
  lim.p = std::min(options.max_p, n / 3);
  lim.q = std::min(options.max_q, n / 3);
  lim.sp = std::min(options.max_sp, n / (3 * m));
  lim.sq = std::min(options.max_sq, n / (3 * m));
  lim.max_order = options.max_order;
  lim.max_models = options.max_models;
  std::optional<int> d = options.d;
  std::optional<int> sd = options.seasonal_d;
  if (options.stationary) {
    d = 0;
    sd = 0;
  }
  if (m == 1) {
    sd = 0;
    lim.sp = 0;
    lim.sq = 0;
  } else if (!sd && n <= 2 * m) {
    sd = 0;
  } else if (!sd) {
    sd = nsdiffs(y, m, options.seasonal_test, options.max_sd);
  }
  std::vector<double> dx = y;
  for (int i = 0; i < *sd; ++i) {
    dx = detail::lag_difference(dx, m);
  }
  if (!d) {
    d = ndiffs(dx, options.max_d);
  }
  for (int i = 0; i < *d; ++i) {
    dx = detail::lag_difference(dx, 1);
  }
  if (dx.empty()) {
    throw_error(ErrorCode::kData,
                fmt::format("not enough data: {} values, {} differences at period {}", n, *d, m));
  }
  if (detail::is_constant(dx)) {
    result.model = detail::ArimaAccess::make(degenerate_model(y, dx, *d, *sd, m));
    return result;
  }
  if (m > 1) {
    if (lim.sp > 0) {
      lim.p = std::min(lim.p, m - 1);
    }
    if (lim.sq > 0) {
      lim.q = std::min(lim.q, m - 1);
    }
  }
  ArimaSearch s{y};
  s.d = *d;
  s.sd = *sd;
  s.period = m;
  s.criterion = n <= 3 ? ArimaCriterion::kAic : options.criterion;
  s.approximation = options.approximation.value_or(n > 150 || m > 12);
  s.defer_variance = options.defer_variance_checks;
  if (s.approximation) {
    // R's offset: −2 log L − n log σ² of the plain differenced model, fitted exactly.
    try {
      ArimaOptions o;
      o.order = {0, *d, 0};
      o.seasonal = {0, *sd, 0};
      o.period = *sd > 0 ? m : 1;
      const ArimaFit base = detail::fit_arima(y, o, detail::FitControl{});
      s.offset = -2.0 * base.loglik - n * std::log(base.sigma2_raw);
    } catch (const ErrorException&) {
      s.offset = 0.0;
    }
  }
  const bool allow_drift = options.allow_drift && *d + *sd == 1;
  const bool allow_mean = options.allow_mean && *d + *sd == 0;
  lim.allow_constant = allow_drift || allow_mean;
  int start_p = options.start_p;
  int start_q = options.start_q;
  int start_sp = options.start_sp;
  int start_sq = options.start_sq;
  if (n < 10) {
    start_p = std::min(start_p, 1);
    start_q = std::min(start_q, 1);
    start_sp = 0;
    start_sq = 0;
  }
  lim.start = ArimaSpec{std::min(start_p, lim.p), std::min(start_q, lim.q),
                        std::min(start_sp, lim.sp), std::min(start_sq, lim.sq), false};
  if (options.stepwise) {
    detail::stepwise_search(s, lim);
  } else {
    detail::grid_search(s, lim);
  }
  if (s.approximation && s.best) {
    // Refit candidates exactly in order of their approximate criterion until one is admissible
    // (R keeps the approximate best when none is); the grid refits only its best, and searches
    // again without approximation when that fails. A candidate whose variance check was
    // deferred gets it when its turn comes: failing it, its criterion is +inf, and R would try
    // it among the +inf candidates at the end, in the order they were visited.
    std::vector<size_t> order(s.candidates.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return s.candidates[a].criterion < s.candidates[b].criterion;
    });
    s.defer_variance = false;
    bool refitted = false;
    auto refit = [&](size_t index) {
      std::optional<ArimaFit> fit;
      const double ic = detail::score_model(s, s.visited[index], false, fit);
      if (ic < kInf) {
        s.best = std::move(fit);
        s.best_ic = ic;
        refitted = true;
      }
    };
    for (size_t index : order) {
      if (!(s.candidates[index].criterion < kInf)) {
        break;
      }
      if (s.unchecked[index]) {
        std::optional<ArimaFit> approx;
        s.candidates[index].criterion = detail::score_model(s, s.visited[index], true, approx);
        s.unchecked[index] = false;
        if (!(s.candidates[index].criterion < kInf)) {
          continue;
        }
      }
      refit(index);
      if (refitted || !options.stepwise) {
        break;
      }
    }
    if (!refitted && options.stepwise) {
      for (size_t index = 0; index < s.candidates.size() && !refitted; ++index) {
        if (!(s.candidates[index].criterion < kInf)) {
          refit(index);
        }
      }
    }
    if (!refitted && !options.stepwise) {
      s.approximation = false;
      s.best.reset();
      s.best_ic = kInf;
      detail::grid_search(s, lim);
    }
  }
  if (!s.best || !(s.best_ic < kInf)) {
    throw_error(ErrorCode::kData, "no suitable ARIMA model found", {},
                "the series may be too short or too irregular; try a fixed-order model");
  }
  result.candidates = std::move(s.candidates);
  detail::finish_fit(y, true, *s.best);
  result.model = detail::ArimaAccess::make(std::move(*s.best));
  return result;
}

// The registry's "arima": auto selection on fit(), then the chosen model's forecasts.
class AutoArimaForecaster : public Forecaster {
 public:
  explicit AutoArimaForecaster(AutoArimaOptions options) : options_(std::move(options)) {}
  std::string name() const override { return "arima"; }
  Result<void> fit(const std::vector<double>& y) override {
    auto selected = auto_arima(y, options_);
    if (!selected) {
      return selected.error();
    }
    model_ = std::move(selected->model);
    return {};
  }
  const FitSummary& summary() const override { return model_ ? model_->summary() : empty_; }
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override {
    if (!model_) {
      return make_error(ErrorCode::kInvalidArgument, "predict() called before fit()");
    }
    return model_->predict(horizon, levels);
  }

 private:
  AutoArimaOptions options_;
  std::unique_ptr<ArimaForecaster> model_;
  FitSummary empty_;
};

}  // namespace

Result<AutoArimaResult> auto_arima(const std::vector<double>& y, const AutoArimaOptions& options) {
  return guard([&]() -> Result<AutoArimaResult> { return search(y, options); });
}

std::unique_ptr<Forecaster> make_arima(const ForecastOptions& options) {
  AutoArimaOptions auto_options;
  auto_options.period = std::max(1, options.period);
  auto_options.defer_variance_checks = true;  // the same model, a sixth less work
  return std::make_unique<AutoArimaForecaster>(auto_options);
}

}  // namespace adpilot::analyze::forecast
