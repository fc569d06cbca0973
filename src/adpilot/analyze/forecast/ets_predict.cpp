// ETS forecasts and prediction intervals, as R's forecast.ets(): the analytic forecast variance
// where Hyndman et al. (2008, ch. 6) give one — class 1 (additive error, N/A trend, N/A season),
// class 2 (the same with multiplicative error), class 3 (multiplicative error and season, in
// ets_predict_class3.cpp) — and simulated sample paths for the remaining models.
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "adpilot/analyze/forecast/detail/ets_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

// Polynomial c₀ + c₁x + … + c₇x⁷.
double horner(const std::array<double, 8>& c, double x) {
  double out = c[7];
  for (int i = 6; i >= 0; --i) {
    out = out * x + c[static_cast<size_t>(i)];
  }
  return out;
}

// Wichura's algorithm AS 241 (PPND16), the one behind R's qnorm(): about 1e-16 relative error.
double normal_quantile(double p) {
  static constexpr std::array<double, 8> kCentralNum{
      3.387132872796366608,  133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
      45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727};
  static constexpr std::array<double, 8> kCentralDen{1.0,
                                                     42.313330701600911252,
                                                     687.1870074920579083,
                                                     5394.1960214247511077,
                                                     21213.794301586595867,
                                                     39307.89580009271061,
                                                     28729.085735721942674,
                                                     5226.495278852545925};
  static constexpr std::array<double, 8> kMiddleNum{
      1.42343711074968357734,   4.6303378461565452959,   5.7694972214606914055,
      3.64784832476320460504,   1.27045825245236838258,  0.24178072517745061177,
      0.0227238449892691845833, 7.7454501427834140764e-4};
  static constexpr std::array<double, 8> kMiddleDen{1.0,
                                                    2.05319162663775882187,
                                                    1.6763848301838038494,
                                                    0.68976733498510000455,
                                                    0.14810397642748007459,
                                                    0.0151986665636164571966,
                                                    5.475938084995344946e-4,
                                                    1.05075007164441684324e-9};
  static constexpr std::array<double, 8> kTailNum{
      6.6579046435011037772,     5.4637849111641143699,    1.7848265399172913358,
      0.29656057182850489123,    0.026532189526576123093,  0.0012426609473880784386,
      2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr std::array<double, 8> kTailDen{1.0,
                                                  0.59983220655588793769,
                                                  0.13692988092273580531,
                                                  0.0148753612908506148525,
                                                  7.868691311456132591e-4,
                                                  1.8463183175100546818e-5,
                                                  1.4215117583164458887e-7,
                                                  2.04426310338993978564e-15};
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * horner(kCentralNum, r) / horner(kCentralDen, r);
  }
  const double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  const double value = r <= 5.0 ? horner(kMiddleNum, r - 1.6) / horner(kMiddleDen, r - 1.6)
                                : horner(kTailNum, r - 5.0) / horner(kTailDen, r - 5.0);
  return q < 0.0 ? -value : value;
}

}  // namespace

void ets_class1(const EtsFit& fit, int h, std::vector<double>& mean, std::vector<double>& variance,
                std::vector<double>* psi) {
  const EtsSpec& spec = fit.spec;
  const EtsParams& p = fit.params;
  mean.assign(static_cast<size_t>(h), 0.0);
  ets_point_forecasts(spec, p, fit.final_state.data(), h, mean.data());

  // ψ_j = w′ F^(j−1) g: the weight of the innovation j steps back in the forecast error. The
  // state is propagated directly instead of forming F^j. The seasonal innovation enters s1, the
  // newest seasonal state (R's class1() puts γ in the third state, which for models without
  // trend is s2 — a small slip we do not copy).
  const int states = spec.state_count();
  const int offset = spec.has_trend() ? 2 : 1;
  const int m = spec.has_season() ? spec.period : 0;
  std::vector<double> v(static_cast<size_t>(states), 0.0);
  std::vector<double> next(v.size(), 0.0);
  v[0] = p.alpha;
  if (spec.has_trend()) {
    v[1] = p.beta;
  }
  if (spec.has_season()) {
    v[static_cast<size_t>(offset)] = p.gamma;
  }
  std::vector<double> c(static_cast<size_t>(std::max(h - 1, 0)), 0.0);
  for (int j = 0; j + 1 < h; ++j) {
    double value = v[0];
    if (spec.has_trend()) {
      value += p.phi * v[1];
    }
    if (spec.has_season()) {
      value += v[static_cast<size_t>(offset + m - 1)];
    }
    c[static_cast<size_t>(j)] = value;
    next[0] = v[0] + (spec.has_trend() ? p.phi * v[1] : 0.0);
    if (spec.has_trend()) {
      next[1] = p.phi * v[1];
    }
    if (spec.has_season()) {
      next[static_cast<size_t>(offset)] = v[static_cast<size_t>(offset + m - 1)];
      for (int k = 1; k < m; ++k) {
        next[static_cast<size_t>(offset + k)] = v[static_cast<size_t>(offset + k - 1)];
      }
    }
    v.swap(next);
  }
  variance.assign(static_cast<size_t>(h), fit.sigma2);
  double sum = 0.0;
  for (int j = 1; j < h; ++j) {
    sum += c[static_cast<size_t>(j - 1)] * c[static_cast<size_t>(j - 1)];
    variance[static_cast<size_t>(j)] = fit.sigma2 * (1.0 + sum);
  }
  if (psi != nullptr) {
    *psi = std::move(c);
  }
}

void ets_class2(const EtsFit& fit, int h, std::vector<double>& mean,
                std::vector<double>& variance) {
  std::vector<double> psi;
  ets_class1(fit, h, mean, variance, &psi);
  // θ_j = μ_j² + σ² Σ_{i<j} ψ_i² θ_(j−i)  (Hyndman et al. 2008, §6.3); var = (1 + σ²)θ − μ².
  const double sigma2 = fit.sigma2;
  std::vector<double> theta(static_cast<size_t>(h), 0.0);
  for (int j = 0; j < h; ++j) {
    double value = mean[static_cast<size_t>(j)] * mean[static_cast<size_t>(j)];
    for (int i = 1; i <= j; ++i) {
      const double c = psi[static_cast<size_t>(i - 1)];
      value += sigma2 * c * c * theta[static_cast<size_t>(j - i)];
    }
    theta[static_cast<size_t>(j)] = value;
    variance[static_cast<size_t>(j)] =
        (1.0 + sigma2) * value - mean[static_cast<size_t>(j)] * mean[static_cast<size_t>(j)];
  }
}

EtsForecast ets_forecast(const EtsFit& fit, int h, const std::vector<double>& levels,
                         const EtsSimulationOptions& simulation) {
  const EtsSpec& spec = fit.spec;
  std::vector<double> mean;
  std::vector<double> variance;
  if (spec.season == EtsKind::kMultiplicative) {
    if (spec.error != EtsKind::kMultiplicative) {
      return ets_simulated_forecast(fit, h, levels, simulation);
    }
    ets_class3(fit, h, mean, variance);
  } else if (spec.error == EtsKind::kAdditive) {
    ets_class1(fit, h, mean, variance);
  } else {
    ets_class2(fit, h, mean, variance);
  }
  EtsForecast out;
  out.mean = mean;
  for (const double level : levels) {
    const double z = std::fabs(normal_quantile((100.0 - level) / 200.0));
    std::vector<double> lower(static_cast<size_t>(h));
    std::vector<double> upper(static_cast<size_t>(h));
    for (size_t i = 0; i < static_cast<size_t>(h); ++i) {
      const double margin = z * std::sqrt(std::max(variance[i], 0.0));
      lower[i] = mean[i] - margin;
      upper[i] = mean[i] + margin;
    }
    out.lower.push_back(std::move(lower));
    out.upper.push_back(std::move(upper));
  }
  return out;
}

}  // namespace adpilot::analyze::forecast::detail
