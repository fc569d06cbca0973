// ETS state-space recursions, the concentrated likelihood and the admissibility test. The update
// equations are those of R's etscalc.c (Hyndman et al. 2008, table 2.1, in error-correction
// form) so that a fit can be checked against R to many digits.
#include "adpilot/analyze/forecast/detail/ets_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adpilot::analyze::forecast::detail {

namespace {

// etscalc.c guards divisions by near-zero seasonal states or levels with these two constants; a
// huge ratio makes the likelihood terrible rather than NaN, so the optimiser just steps back.
constexpr double kTiny = 1e-10;
constexpr double kHuge = 1e9;

const char* letter(EtsKind kind) {
  switch (kind) {
    case EtsKind::kNone:
      return "N";
    case EtsKind::kAdditive:
      return "A";
    case EtsKind::kMultiplicative:
      return "M";
  }
  return "?";
}

// Schur–Cohn step-down test: are all roots of zⁿ + a₁zⁿ⁻¹ + … + aₙ within radius r? `a` holds
// a₁ … aₙ and is overwritten. Each step removes one reflection coefficient κ = aₙ; the roots are
// inside iff every |κ| < 1 (the Levinson recursion run backwards).
bool roots_within(double* a, int n, double r) {
  const double shrink = 1.0 / r;
  double scale = 1.0;
  for (int i = 0; i < n; ++i) {
    scale *= shrink;
    a[i] *= scale;  // roots of p(r·z) / rⁿ are the roots of p divided by r
  }
  std::array<double, kEtsMaxPeriod + 2> next{};
  for (int order = n; order > 0; --order) {
    const double kappa = a[order - 1];
    if (!(std::fabs(kappa) < 1.0)) {
      return false;
    }
    const double inverse = 1.0 / (1.0 - kappa * kappa);
    for (int i = 0; i + 1 < order; ++i) {
      next[i] = (a[i] - kappa * a[order - 2 - i]) * inverse;
    }
    std::copy(next.begin(), next.begin() + (order - 1), a);
  }
  return true;
}

}  // namespace

std::string EtsSpec::name() const {
  std::string out = "ETS(";
  out += letter(error);
  out += ",";
  out += letter(trend);
  if (damped) {
    out += "d";
  }
  out += ",";
  out += letter(season);
  out += ")";
  return out;
}

// Branches on the model shape stay inside the loop: they are perfectly predicted, and the loop
// is bound by the latency of the level/slope recursion and the divisions, not by them.
EtsPass ets_run(const EtsSpec& spec, const EtsParams& params, const double* state, const double* y,
                size_t n, EtsScratch& scratch, std::vector<double>* residuals,
                std::vector<double>* fitted, std::vector<double>* final_state) {
  const bool trend = spec.has_trend();
  const bool seasonal = spec.has_season();
  const bool multiplicative_error = spec.error == EtsKind::kMultiplicative;
  const bool additive_season = spec.season == EtsKind::kAdditive;
  const bool multiplicative_season = spec.season == EtsKind::kMultiplicative;
  const int m = seasonal ? spec.period : 1;
  const int offset = trend ? 2 : 1;
  const double alpha = params.alpha;
  const double beta = params.beta;
  const double gamma = params.gamma;
  const double phi = params.phi;

  // Circular buffer: slot `pos` holds s(t−m), the state that applies now; the new seasonal state
  // overwrites it, which avoids shifting m values per observation as etscalc.c does.
  double* ring = scratch.season.data();
  for (int k = 0; k < m && seasonal; ++k) {
    ring[k] = state[offset + m - 1 - k];
  }
  int pos = 0;
  double level = state[0];
  double slope = trend ? state[1] : 0.0;

  double sse = 0.0;
  double log_abs_f = 0.0;
  // Σ log|f| as the log of a running product, renormalised before it can overflow: one log
  // call per ~hundred observations instead of one each, the dominant cost of an evaluation.
  double product = 1.0;
  double min_f = std::numeric_limits<double>::infinity();
  for (size_t t = 0; t < n; ++t) {
    const double old_season = seasonal ? ring[pos] : 0.0;
    const double phi_b = trend ? phi * slope : 0.0;
    const double q = level + phi_b;  // level + damped trend before seeing y(t)
    double f = q;
    if (seasonal) {
      f = additive_season ? q + old_season : q * old_season;
    }
    // Divisions dominate the loop, so the error and the seasonal update share one reciprocal:
    // (y − f)/f = y/f − 1 and y/q = y·s/f, as f = q·s. (y/s keeps its own division: it does not
    // depend on the level, so it stays off the level recursion's critical path.)
    const double inverse = multiplicative_error || multiplicative_season ? 1.0 / f : 0.0;
    const double e = multiplicative_error ? y[t] * inverse - 1.0 : y[t] - f;
    sse += e * e;
    min_f = std::min(min_f, f);
    if (multiplicative_error) {
      product *= std::fabs(f);
      if (product > 1e100 || product < 1e-100) {
        log_abs_f += std::log(product);
        product = 1.0;
      }
    }
    if (residuals != nullptr) {
      (*residuals)[t] = e;
      (*fitted)[t] = f;
    }

    double p = y[t];  // deseasonalised observation
    if (seasonal) {
      if (additive_season) {
        p = y[t] - old_season;
      } else {
        p = std::fabs(old_season) < kTiny ? kHuge : y[t] / old_season;
      }
    }
    // Error-correction form: with d = p − q, l = q + α·d and b = φb + β·d. etscalc.c writes the
    // slope update as φb + (β/α)(l − l_prev − φb), which is the same since l − l_prev − φb = α·d;
    // this form keeps the level → slope → level dependency chain, which bounds the loop, short.
    const double d = p - q;
    level = q + alpha * d;
    if (trend) {
      slope = phi_b + beta * d;
    }
    if (seasonal) {
      double detrended = y[t] - q;
      if (!additive_season) {
        detrended = std::fabs(q) < kTiny ? kHuge : y[t] * old_season * inverse;
      }
      ring[pos] = old_season + gamma * (detrended - old_season);
      pos = pos + 1 == m ? 0 : pos + 1;
    }
  }
  EtsPass pass;
  pass.sse = sse;
  pass.log_abs_f = log_abs_f + std::log(product);
  pass.min_forecast = min_f;
  if (final_state != nullptr) {
    final_state->assign(static_cast<size_t>(spec.state_count()), 0.0);
    (*final_state)[0] = level;
    if (trend) {
      (*final_state)[1] = slope;
    }
    for (int j = 1; j <= m && seasonal; ++j) {  // s1 is the newest: the slot written last
      (*final_state)[static_cast<size_t>(offset + j - 1)] = ring[((pos - j) % m + m) % m];
    }
  }
  return pass;
}

double ets_criterion(const EtsPass& pass, size_t n, const EtsSpec& spec) {
  // A multiplicative model says y = μ(1 + ε) or carries a seasonal factor: both only make sense
  // for a positive mean. R does not check this, and its likelihood can then be raised by
  // states that put μ below zero (e.g. a negative level for lynx under ETS(M,A,N)); we rule
  // such fits out.
  const bool multiplicative =
      spec.error == EtsKind::kMultiplicative || spec.season == EtsKind::kMultiplicative;
  if (multiplicative && !(pass.min_forecast > 0.0)) {
    return std::numeric_limits<double>::infinity();
  }
  double lik = static_cast<double>(n) * std::log(pass.sse);
  if (spec.error == EtsKind::kMultiplicative) {
    lik += 2.0 * pass.log_abs_f;
  }
  if (std::isnan(lik)) {
    return std::numeric_limits<double>::infinity();
  }
  return std::max(lik, -1e10);  // R caps perfect fits so the optimiser does not chase −inf
}

void ets_point_forecasts(const EtsSpec& spec, const EtsParams& params, const double* state, int h,
                         double* out) {
  const int m = spec.has_season() ? spec.period : 1;
  const int offset = spec.has_trend() ? 2 : 1;
  double phi_sum = params.phi;  // φ + φ² + … + φʰ, the damped trend multiplier
  for (int i = 0; i < h; ++i) {
    double f = state[0];
    if (spec.has_trend()) {
      f += phi_sum * state[1];
    }
    if (spec.has_season()) {
      const double s = state[offset + m - 1 - (i % m)];
      f = spec.season == EtsKind::kAdditive ? f + s : f * s;
    }
    out[i] = f;
    phi_sum += std::fabs(params.phi - 1.0) < kTiny ? 1.0 : std::pow(params.phi, i + 2);
  }
}

bool ets_admissible(const EtsSpec& spec, const EtsParams& params) {
  const double alpha = params.alpha;
  const double phi = params.phi;
  const double beta = spec.has_trend() ? params.beta : 0.0;
  if (phi < 0.0 || phi > 1.0 + 1e-8) {
    return false;
  }
  if (!spec.has_season()) {
    if (alpha < 1.0 - 1.0 / phi || alpha > 1.0 + 1.0 / phi) {
      return false;
    }
    return !spec.has_trend() ||
           (beta >= alpha * (phi - 1.0) && beta <= (1.0 + phi) * (2.0 - alpha));
  }
  const double gamma = params.gamma;
  const int m = spec.period;
  if (m <= 1) {
    return true;
  }
  if (gamma < std::max(1.0 - 1.0 / phi - alpha, 0.0) || gamma > 1.0 + 1.0 / phi - alpha) {
    return false;
  }
  if (alpha < 1.0 - 1.0 / phi - gamma * (1.0 - m + phi + phi * m) / (2.0 * phi * m)) {
    return false;
  }
  if (beta < -(1.0 - phi) * (gamma / m + alpha)) {
    return false;
  }
  // Characteristic polynomial z^(m+1) + a₁zᵐ + … + a_(m+1) (R's admissible()).
  std::array<double, kEtsMaxPeriod + 2> a{};
  int n = m + 1;
  a[0] = alpha + beta - phi;
  for (int i = 1; i < m - 1; ++i) {
    a[i] = alpha + beta - alpha * phi;
  }
  a[m - 1] = alpha + beta - alpha * phi + gamma - 1.0;
  a[m] = phi * (1.0 - alpha - gamma);
  if (!spec.has_trend() && phi == 1.0) {
    // p(1) = m·β = 0 here: an exact unit root that R's root finder reports as |z| ≈ 1. Divide it
    // out (synthetic division) so the step-down test is not asked to judge a root on the circle.
    a[0] += 1.0;
    for (int i = 1; i < n - 1; ++i) {
      a[i] += a[i - 1];
    }
    n -= 1;
  }
  return roots_within(a.data(), n, 1.0 + 1e-10);
}

}  // namespace adpilot::analyze::forecast::detail
