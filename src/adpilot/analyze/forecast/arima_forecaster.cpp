// ArimaForecaster: option validation, the final pass after optimisation and the summary.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast {

namespace detail {

namespace {

constexpr int kMaxOrder = 15;  // per AR/MA block; keeps the transform buffers fixed-size

double aicc_of(const ArimaFit& fit, int npar) {
  const int nstar = fit.n_used;
  if (nstar - npar - 1 <= 0) {
    return std::numeric_limits<double>::infinity();
  }
  return fit.aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
}

}  // namespace

void finish_fit(const std::vector<double>& y, bool complete, ArimaFit& fit) {
  const ArimaOrders& o = fit.orders;
  expand_arma(o, fit.coef.data(), false, fit.phi, fit.theta);
  const double n_used = fit.n_used;
  fit.loglik =
      -0.5 * (2.0 * n_used * fit.value + n_used + n_used * std::log(2.0 * std::numbers::pi));
  fit.aic =
      fit.method == ArimaMethod::kCss ? std::nan("") : -2.0 * fit.loglik + 2.0 * (fit.n_est + 1);
  std::vector<double> z = y;
  for (int col = 0; col < fit.regressors; ++col) {
    const double beta = fit.coef[at(o.narma() + col)];
    for (int t = 0; t < fit.n; ++t) {
      z[static_cast<size_t>(t)] -= beta * regressor(fit, col, t);
    }
  }
  std::vector<double> css_residuals;
  if (fit.method == ArimaMethod::kCss) {
    std::vector<double> differenced;
    ArmaWorkspace work;
    css_difference(o, z, differenced);
    fit.sigma2_raw = css_variance(fit.phi, fit.theta, differenced, fit.ncond, css_residuals, work);
  }
  if (!complete) {
    return;
  }
  const std::vector<double> w = apply_differences(z, fit.delta);
  ArmaFilterResult filtered;
  if (!arma_filter(fit.phi, fit.theta, w, filtered)) {
    throw_error(ErrorCode::kData,
                fmt::format("{}: the estimated AR part is not stationary", arima_label(fit)), {},
                "use method CSS-ML or ML, which keep it stationary");
  }
  const size_t nd = fit.delta.size();
  fit.ssq = filtered.likelihood.ssq;
  if (fit.method == ArimaMethod::kCss) {
    fit.residuals = std::move(css_residuals);  // R reports the CSS residuals for method CSS
  } else {
    fit.sigma2_raw = fit.ssq / fit.n_used;
    // The first nd residuals come from R's diffuse start; they are not part of the likelihood.
    fit.residuals = diffuse_start_residuals(fit, z);
    fit.residuals.insert(fit.residuals.end(), filtered.residuals.begin(), filtered.residuals.end());
  }
  double rss = 0.0;
  for (double r : fit.residuals) {
    rss += r * r;
  }
  // forecast::Arima: Σ residual² / (n − d − D·m − npar + 1) with npar = coefficients + 1.
  const double adjusted = rss / (n_used - fit.n_est);
  fit.sigma2 = fit.options.adjusted_sigma2 ? adjusted : fit.sigma2_raw;
  fit.fitted.resize(y.size());
  for (size_t t = 0; t < y.size(); ++t) {
    fit.fitted[t] = y[t] - fit.residuals[t];
  }
  fit.state = std::move(filtered.state);
  fit.covariance = std::move(filtered.covariance);
  fit.tail.assign(z.end() - static_cast<std::ptrdiff_t>(nd), z.end());
  fit.complete = true;
}

std::vector<std::string> coefficient_names(const ArimaFit& fit) {
  std::vector<std::string> names;
  const ArimaOrders& o = fit.orders;
  auto add = [&](const char* prefix, int count) {
    for (int i = 1; i <= count; ++i) {
      names.push_back(fmt::format("{}{}", prefix, i));
    }
  };
  add("ar", o.p);
  add("ma", o.q);
  add("sar", o.sp);
  add("sma", o.sq);
  if (fit.has_intercept) {
    names.emplace_back("intercept");
  }
  if (fit.has_drift) {
    names.emplace_back("drift");
  }
  return names;
}

std::string arima_label(const ArimaFit& fit) {
  const ArimaOrders& o = fit.orders;
  std::string label = fmt::format("ARIMA({},{},{})", o.p, o.d, o.q);
  if (o.period > 1 && o.sp + o.sd + o.sq > 0) {
    label += fmt::format("({},{},{})[{}]", o.sp, o.sd, o.sq, o.period);
  }
  if (fit.has_intercept && fit.has_drift) {
    return "Regression with " + label + " errors";
  }
  if (fit.has_drift) {
    return label + " with drift";
  }
  if (fit.has_intercept) {
    return label + " with non-zero mean";
  }
  if (o.d == 0 && o.sd == 0) {
    return label + " with zero mean";
  }
  return label;
}

std::unique_ptr<ArimaForecaster> ArimaAccess::make(ArimaFit fit) {
  ADP_ASSERT(fit.complete);
  std::unique_ptr<ArimaForecaster> model(new ArimaForecaster(fit.options));
  model->adopt(std::make_unique<ArimaFit>(std::move(fit)));
  return model;
}

double arima_aicc(const ArimaFit& fit) {
  return aicc_of(fit, fit.n_est + 1);
}

double arima_bic(const ArimaFit& fit) {
  const int npar = fit.n_est + 1;
  return fit.aic + npar * (std::log(static_cast<double>(fit.n_used)) - 2.0);
}

}  // namespace detail

Result<std::unique_ptr<ArimaForecaster>> ArimaForecaster::create(const ArimaOptions& options) {
  const ArimaOrder& o = options.order;
  const ArimaOrder& s = options.seasonal;
  auto invalid = [](std::string message, std::string hint = {}) {
    return make_error(ErrorCode::kInvalidArgument, std::move(message), {}, std::move(hint));
  };
  for (int order : {o.p, o.q, s.p, s.q}) {
    if (order < 0 || order > detail::kMaxOrder) {
      return invalid(
          fmt::format("ARIMA orders p, q, P, Q must be within 0..{}", detail::kMaxOrder));
    }
  }
  if (o.d < 0 || o.d > 3 || s.d < 0 || s.d > 2) {
    return invalid("ARIMA differences must be within d = 0..3 and D = 0..2");
  }
  if (options.period < 1) {
    return invalid(fmt::format("seasonal period must be at least 1, got {}", options.period));
  }
  if (options.period == 1 && (s.p > 0 || s.d > 0 || s.q > 0)) {
    return invalid("a seasonal order needs a period above 1",
                   "set the period, e.g. 12 for monthly");
  }
  if (options.include_drift && o.d + s.d > 1) {
    return invalid("drift needs at most one difference (d + D <= 1)");
  }
  return std::unique_ptr<ArimaForecaster>(new ArimaForecaster(options));
}

ArimaForecaster::ArimaForecaster(ArimaOptions options) : options_(std::move(options)) {
}

ArimaForecaster::~ArimaForecaster() = default;

Result<void> ArimaForecaster::fit(const std::vector<double>& y) {
  fit_.reset();  // a failed fit leaves no stale model behind
  summary_ = FitSummary{};
  return guard([&]() -> Result<void> {
    adopt(std::make_unique<detail::ArimaFit>(detail::fit_arima(y, options_, detail::FitControl{})));
    return {};
  });
}

void ArimaForecaster::adopt(std::unique_ptr<detail::ArimaFit> fit) {
  fit_ = std::move(fit);
  summary_ = FitSummary{};
  summary_.model = detail::arima_label(*fit_);
  for (size_t i = 0; i < fit_->coef.size(); ++i) {
    summary_.params[fit_->names[i]] = fit_->coef[i];
  }
  summary_.loglik = fit_->loglik;
  summary_.aic = fit_->aic;
  summary_.aicc = detail::arima_aicc(*fit_);
  summary_.bic = detail::arima_bic(*fit_);
  summary_.sigma2 = fit_->sigma2;
  summary_.fitted = fit_->fitted;
}

std::vector<ArimaCoefficient> ArimaForecaster::coefficients() const {
  std::vector<ArimaCoefficient> out;
  if (!fit_) {
    return out;
  }
  const size_t k =
      fit_->var_coef.empty() ? 0 : static_cast<size_t>(std::sqrt(fit_->var_coef.size()));
  size_t free_idx = 0;
  for (size_t i = 0; i < fit_->coef.size(); ++i) {
    ArimaCoefficient c{fit_->names[i], fit_->coef[i], std::nan("")};
    if (fit_->estimated[i]) {
      if (free_idx < k && fit_->var_coef[free_idx * k + free_idx] >= 0.0) {
        c.std_error = std::sqrt(fit_->var_coef[free_idx * k + free_idx]);
      }
      ++free_idx;
    }
    out.push_back(c);
  }
  return out;
}

const std::vector<double>& ArimaForecaster::residuals() const {
  static const std::vector<double> none;
  return fit_ ? fit_->residuals : none;
}

}  // namespace adpilot::analyze::forecast
