// Fitting a seasonal ARIMA model the way R's stats::arima does (CSS, ML, CSS-ML), with the
// differencing applied to the data and the exact likelihood of the differenced series.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "adpilot/analyze/detail/optimize.h"
#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNdeps = 1e-3;  // optim()'s finite-difference step, in parscale units

// The objective's data and buffers, sized once so evaluations do not allocate.
struct Problem {
  Problem(const ArimaOrders& o, const std::vector<double>& series, const ArimaFit& f)
      : orders(o), y(series), fit(f) {}

  const ArimaOrders& orders;
  const std::vector<double>& y;
  const ArimaFit& fit;
  std::vector<double> coef;   // full coefficient vector, fixed entries already set
  std::vector<int> free;      // indices of estimated coefficients
  std::vector<double> scale;  // parscale of the estimated coefficients
  std::vector<double> phi;
  std::vector<double> theta;
  std::vector<double> z;
  std::vector<double> w;
  std::vector<double> residuals;
  // Without estimated regression coefficients the differenced series never changes.
  bool w_fixed = false;
  std::vector<double> css_w;
  bool css_w_fixed = false;
  bool regression_free = false;  // some regression coefficient is estimated
  ArmaWorkspace work;

  void set(const std::vector<double>& x, bool scaled) {
    for (size_t i = 0; i < free.size(); ++i) {
      coef[static_cast<size_t>(free[i])] = scaled ? x[i] * scale[i] : x[i];
    }
  }
  // z = y − Xβ.
  void remove_regression() {
    const int narma = orders.narma();
    z = y;
    for (int col = 0; col < fit.regressors; ++col) {
      const double beta = coef[at(narma + col)];
      for (size_t t = 0; t < z.size(); ++t) {
        z[t] -= beta * regressor(fit, col, static_cast<int>(t));
      }
    }
  }
  // R's armafn: 0.5 (log(ssq / n) + Σ log F / n) with AR parts through the transform.
  double ml(bool transform) {
    expand_arma(orders, coef.data(), transform, phi, theta);
    if (!w_fixed) {
      remove_regression();
      const size_t nd = fit.delta.size();
      w.resize(z.size() - nd);
      for (size_t t = nd; t < z.size(); ++t) {
        double value = z[t];
        for (size_t i = 0; i < nd; ++i) {
          value -= fit.delta[i] * z[t - i - 1];
        }
        w[t - nd] = value;
      }
      w_fixed = !regression_free;
    }
    ArmaLikelihood lik;
    if (!arma_likelihood(phi, theta, w.data(), static_cast<int>(w.size()), work, lik) ||
        lik.count == 0) {
      return kInf;
    }
    const double s2 = lik.ssq / lik.count;
    return 0.5 * (std::log(s2) + lik.sumlog / lik.count);
  }
  // R's armaCSS: 0.5 log(conditional residual variance).
  double css(int ncond) {
    expand_arma(orders, coef.data(), false, phi, theta);
    if (!css_w_fixed) {
      remove_regression();
      css_difference(orders, z, css_w);
      css_w_fixed = !regression_free;
    }
    return 0.5 * std::log(css_variance(phi, theta, css_w, ncond, residuals, work));
  }
};

// optim(method = "BFGS") over the estimated coefficients divided by their parscale, with R's
// defaults (ndeps 1e-3, reltol 1e-8, maxit 100). The result is in unscaled units.
analyze::detail::MinimizeResult minimize(Problem& problem, const std::vector<double>& start,
                                         const std::function<double()>& value) {
  if (start.empty()) {  // everything fixed: R evaluates the objective once (no.optim)
    analyze::detail::MinimizeResult result;
    result.value = value();
    result.converged = true;
    return result;
  }
  std::vector<double> x0(start.size());
  for (size_t i = 0; i < start.size(); ++i) {
    x0[i] = start[i] / problem.scale[i];
  }
  auto objective = [&](const std::vector<double>& x) {
    problem.set(x, true);
    return value();
  };
  analyze::detail::BfgsOptions options;
  options.gradient_step = kNdeps;
  options.tolerance = 1e-8;
  options.max_iterations = 100;
  auto result = analyze::detail::bfgs(objective, x0, options);
  for (size_t i = 0; i < result.x.size(); ++i) {
    result.x[i] *= problem.scale[i];
  }
  problem.set(result.x, false);
  return result;
}

std::vector<double> free_values(const Problem& problem) {
  std::vector<double> x;
  for (int index : problem.free) {
    x.push_back(problem.coef[static_cast<size_t>(index)]);
  }
  return x;
}

bool ar_parts_stationary(const ArimaOrders& o, const std::vector<double>& coef) {
  return roots_outside(coef.data(), o.p, 1.0) && roots_outside(coef.data() + o.p + o.q, o.sp, 1.0);
}

void invert_ma_parts(const ArimaOrders& o, std::vector<double>& coef) {
  invert_ma(coef.data() + o.p, o.q);
  invert_ma(coef.data() + o.p + o.q + o.sp, o.sq);
}

// var.coef over the estimated coefficients. transformed: the optimiser worked on R's raw AR
// parameters, whose Jacobian maps the Hessian back.
void estimate_variance(Problem& problem, ArimaFit& fit, bool transformed, int ncond) {
  const std::vector<double> x = free_values(problem);
  const size_t k = x.size();
  std::vector<double> jacobian(k * k, 0.0);
  if (transformed) {
    const std::vector<double> full = transform_jacobian(fit.orders, problem.coef);
    const size_t n = problem.coef.size();
    for (size_t i = 0; i < k; ++i) {
      for (size_t j = 0; j < k; ++j) {
        jacobian[i * k + j] =
            full[static_cast<size_t>(problem.free[i]) * n + static_cast<size_t>(problem.free[j])];
      }
    }
  } else {
    for (size_t i = 0; i < k; ++i) {
      jacobian[i * k + i] = 1.0;
    }
  }
  auto f = [&](const std::vector<double>& probe) {
    problem.set(probe, false);
    return transformed ? problem.ml(true) : problem.css(ncond);
  };
  fit.variance_ok = coefficient_variance(f, x, problem.scale, jacobian, fit.n_used, fit.var_coef);
  problem.set(x, false);
  if (!fit.variance_ok) {
    fit.var_coef.clear();
    return;
  }
  for (size_t i = 0; i < k; ++i) {
    fit.variance_ok = fit.variance_ok && !(fit.var_coef[i * k + i] < 0.0);
  }
}

}  // namespace

double regressor(const ArimaFit& fit, int col, int t) {
  if (col == 0 && fit.has_intercept) {
    return 1.0;
  }
  return static_cast<double>(t + 1);
}

ArimaFit fit_arima(const std::vector<double>& y, const ArimaOptions& options,
                   const FitControl& control) {
  ArimaFit fit;
  fit.options = options;
  fit.orders = orders_of(options);
  const ArimaOrders& o = fit.orders;
  fit.n = static_cast<int>(y.size());
  fit.delta = difference_polynomial(o.d, o.sd, o.period);
  const int nd = static_cast<int>(fit.delta.size());
  fit.n_used = fit.n - nd;
  fit.has_intercept = options.include_mean && o.d + o.sd == 0;
  fit.has_drift = options.include_drift;
  fit.regressors = (fit.has_intercept ? 1 : 0) + (fit.has_drift ? 1 : 0);
  fit.names = coefficient_names(fit);
  const int narma = o.narma();
  const size_t ncoef = at(narma + fit.regressors);
  for (size_t t = 0; t < y.size(); ++t) {
    if (!std::isfinite(y[t])) {
      throw_error(ErrorCode::kData,
                  fmt::format("ARIMA needs finite values; value {} is {}", t + 1, y[t]), {},
                  "fill or drop missing values before forecasting");
    }
  }
  const bool fixed_regression = !control.fixed_regression.empty();
  if (fixed_regression && control.fixed_regression.size() != static_cast<size_t>(fit.regressors)) {
    throw_error(ErrorCode::kInternal, "fixed regression coefficients do not match the model");
  }
  Problem problem(o, y, fit);
  problem.coef.assign(ncoef, 0.0);
  fit.estimated.assign(ncoef, true);
  std::vector<double> reg_scale(static_cast<size_t>(fit.regressors), 1.0);
  if (fixed_regression) {
    for (int col = 0; col < fit.regressors; ++col) {
      problem.coef[at(narma + col)] = control.fixed_regression[static_cast<size_t>(col)];
      fit.estimated[at(narma + col)] = false;
    }
  } else if (fit.regressors > 0 && fit.n_used > 0) {
    std::vector<double> beta;
    reg_scale.clear();
    regression_start(y, fit, beta, reg_scale);
    std::copy(beta.begin(), beta.end(), problem.coef.begin() + narma);
  }
  for (size_t i = 0; i < ncoef; ++i) {
    if (fit.estimated[i]) {
      problem.free.push_back(static_cast<int>(i));
      problem.scale.push_back(static_cast<int>(i) < narma ? 1.0 : reg_scale[i - narma]);
      problem.regression_free = problem.regression_free || static_cast<int>(i) >= narma;
    }
  }
  const int n_est = static_cast<int>(problem.free.size());
  if (fit.n_used <= n_est) {
    throw_error(ErrorCode::kData,
                fmt::format("series too short for {}: {} values leave {} after differencing, and "
                            "{} coefficients need more",
                            arima_label(fit), fit.n, std::max(fit.n_used, 0), n_est),
                {}, "use a lower order or a longer history");
  }
  ArimaMethod method = options.method;
  const int ncond = nd + o.ar_degree();
  if (method != ArimaMethod::kMl && fit.n <= ncond) {
    if (method == ArimaMethod::kCss || control.strict) {
      throw_error(ErrorCode::kData,
                  fmt::format("series too short for conditional sum of squares: {} values, {} "
                              "are conditioned on",
                              fit.n, ncond),
                  {}, "use method ML");
    }
    method = ArimaMethod::kMl;
  }
  double value = 0.0;
  bool deferred_variance = false;
  if (method != ArimaMethod::kMl) {
    auto css = [&] { return problem.css(ncond); };
    const auto result = minimize(problem, free_values(problem), css);
    value = result.value;
    if (method == ArimaMethod::kCss) {
      deferred_variance = control.compute_variance && control.css_variance_wanted;
      if (control.compute_variance && !deferred_variance) {
        estimate_variance(problem, fit, false, ncond);
      }
    } else if (!result.converged || !ar_parts_stationary(o, problem.coef)) {
      if (result.converged && control.strict) {
        throw_error(ErrorCode::kData, "non-stationary AR part from CSS", {}, "use method ML");
      }
      // Not converged (R keeps its starting values) or, outside strict mode, start ML afresh.
      for (int i = 0; i < narma; ++i) {
        problem.coef[static_cast<size_t>(i)] = 0.0;
      }
      if (!result.converged && !fixed_regression && fit.regressors > 0) {
        std::vector<double> beta;
        std::vector<double> scale;
        regression_start(y, fit, beta, scale);
        std::copy(beta.begin(), beta.end(), problem.coef.begin() + narma);
      }
    }
  }
  if (method != ArimaMethod::kCss) {
    transform_ar_blocks(o, problem.coef, true);
    invert_ma_parts(o, problem.coef);
    auto ml = [&] { return problem.ml(true); };
    const auto result = minimize(problem, free_values(problem), ml);
    value = result.value;
    const std::vector<double> before = problem.coef;
    invert_ma_parts(o, problem.coef);
    if (problem.coef != before) {
      value = problem.ml(true);
    }
    if (control.compute_variance) {
      estimate_variance(problem, fit, true, ncond);
    }
    transform_ar_blocks(o, problem.coef, false);
  }
  fit.coef = problem.coef;
  fit.method = method;
  fit.ncond = ncond;
  fit.value = value;
  fit.n_est = n_est;
  finish_fit(y, control.complete, fit);
  if (deferred_variance) {
    // problem.coef still holds the CSS estimates, so the Hessian is the one R computes.
    if (control.css_variance_wanted(fit)) {
      estimate_variance(problem, fit, false, ncond);
    } else {
      fit.variance_known = false;
    }
  }
  return fit;
}

}  // namespace adpilot::analyze::forecast::detail
