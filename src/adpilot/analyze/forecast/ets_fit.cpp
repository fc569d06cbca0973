// Estimation of one ETS model, as R's forecast:::etsmodel(): starting values (initparam /
// initstate), Nelder–Mead on the concentrated log-likelihood over the smoothing parameters and
// the free initial states jointly, parameters kept in R's bounds = "both" (the usual box
// 0 < β < α < 1, 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98, intersected with the admissible region), then
// one pass of the recursions at the optimum for the residuals, states and information criteria.
#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdlib>

#include "adpilot/analyze/detail/optimize.h"
#include "adpilot/analyze/forecast/detail/ets_model.h"
#include "adpilot/core/result.h"

namespace adpilot::analyze::forecast::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kRestarts = 4;  // fresh simplices after the first Nelder–Mead run, at most

bool is_set(double value) { return !std::isnan(value); }

// Which smoothing parameters the optimiser moves; the others are fixed or absent.
struct Free {
  bool alpha = false;
  bool beta = false;
  bool gamma = false;
  bool phi = false;
  int count() const { return alpha + beta + gamma + phi; }
};

// R's initparam() for bounds = "both": a small alpha (smaller still for seasonal data, where the
// seasonal states absorb most of the variation), β and γ near their lower bounds, φ near its
// upper bound.
std::vector<double> initial_parameters(const EtsSpec& spec, const EtsFixed& fixed,
                                       const EtsBounds& bounds, const Free& free) {
  std::vector<double> out;
  const int m = spec.has_season() ? spec.period : 1;
  double alpha = fixed.alpha;
  if (free.alpha) {
    alpha = bounds.lower[0] + 0.2 * (bounds.upper[0] - bounds.lower[0]) / m;
    if (alpha > 1.0 || alpha < 0.0) {
      alpha = bounds.lower[0] + 0.002;
    }
    out.push_back(alpha);
  }
  if (free.beta) {
    const double upper = std::min(bounds.upper[1], alpha);
    double beta = bounds.lower[1] + 0.1 * (upper - bounds.lower[1]);
    if (beta < 0.0 || beta > alpha) {
      beta = alpha - 0.001;
    }
    out.push_back(beta);
  }
  if (free.gamma) {
    const double upper = std::min(bounds.upper[2], 1.0 - alpha);
    double gamma = bounds.lower[2] + 0.05 * (upper - bounds.lower[2]);
    if (gamma < 0.0 || gamma > 1.0 - alpha) {
      gamma = 1.0 - alpha - 0.001;
    }
    out.push_back(gamma);
  }
  if (free.phi) {
    double phi = bounds.lower[3] + 0.99 * (bounds.upper[3] - bounds.lower[3]);
    if (phi < 0.0 || phi > 1.0) {
      phi = bounds.upper[3] - 0.001;
    }
    out.push_back(phi);
  }
  return out;
}

// The negative log-likelihood as a function of [free parameters…, l, b, s1 … s(m−1)]. Holds its
// buffers so that an evaluation allocates nothing.
class Objective {
 public:
  Objective(const std::vector<double>& y, const EtsSpec& spec, const EtsFitOptions& options,
            const Free& free)
      : y_(y), spec_(spec), options_(options), free_(free),
        state_(static_cast<size_t>(spec.state_count())) {}

  // Smoothing parameters encoded in x (fixed ones filled in).
  EtsParams params(const std::vector<double>& x) const {
    EtsParams p;
    size_t k = 0;
    p.alpha = free_.alpha ? x[k++] : options_.fixed.alpha;
    if (spec_.has_trend()) {
      p.beta = free_.beta ? x[k++] : options_.fixed.beta;
    }
    if (spec_.has_season()) {
      p.gamma = free_.gamma ? x[k++] : options_.fixed.gamma;
    }
    if (spec_.damped) {
      p.phi = free_.phi ? x[k++] : options_.fixed.phi;
    }
    return p;
  }

  // Full initial state from x: the last seasonal state makes the indices sum to 0 (additive) or
  // m (multiplicative), R's normalisation.
  void fill_state(const std::vector<double>& x, std::vector<double>& state) const {
    const size_t first = static_cast<size_t>(free_.count());
    const size_t free_states = state.size() - (spec_.has_season() ? 1 : 0);
    std::copy(x.begin() + static_cast<std::ptrdiff_t>(first),
              x.begin() + static_cast<std::ptrdiff_t>(first + free_states), state.begin());
    if (spec_.has_season()) {
      const size_t offset = spec_.has_trend() ? 2 : 1;
      double sum = 0.0;
      for (size_t i = offset; i < free_states; ++i) {
        sum += state[i];
      }
      const double base = spec_.season == EtsKind::kMultiplicative ? spec_.period : 0.0;
      state.back() = base - sum;
    }
  }

  double operator()(const std::vector<double>& x) {
    const EtsParams p = params(x);
    if (!in_usual_bounds(p) || !ets_admissible(spec_, p)) {
      return kInf;
    }
    fill_state(x, state_);
    if (spec_.season == EtsKind::kMultiplicative) {
      const size_t offset = spec_.has_trend() ? 2 : 1;
      if (*std::min_element(state_.begin() + static_cast<std::ptrdiff_t>(offset), state_.end()) <
          0.0) {
        return kInf;
      }
    }
    const EtsPass pass = ets_run(spec_, p, state_.data(), y_.data(), y_.size(), scratch_);
    return ets_criterion(pass, y_.size(), spec_);
  }

 private:
  // R's check_params() for bounds != "admissible", applied to the estimated parameters only.
  bool in_usual_bounds(const EtsParams& p) const {
    const EtsBounds& b = options_.bounds;
    if (free_.alpha && (p.alpha < b.lower[0] || p.alpha > b.upper[0])) {
      return false;
    }
    if (free_.beta && (p.beta < b.lower[1] || p.beta > p.alpha || p.beta > b.upper[1])) {
      return false;
    }
    if (free_.phi && (p.phi < b.lower[3] || p.phi > b.upper[3])) {
      return false;
    }
    if (free_.gamma && (p.gamma < b.lower[2] || p.gamma > 1.0 - p.alpha || p.gamma > b.upper[2])) {
      return false;
    }
    return true;
  }

  const std::vector<double>& y_;
  const EtsSpec& spec_;
  const EtsFitOptions& options_;
  Free free_;
  std::vector<double> state_;
  EtsScratch scratch_;
};

int g_evals = 0;
int strategy() {
  static int s = getenv("ETS_STRATEGY") ? atoi(getenv("ETS_STRATEGY")) : 0;
  return s;
}

analyze::detail::MinimizeResult polish(const analyze::detail::Objective& f,
                                       analyze::detail::MinimizeResult best,
                                       const analyze::detail::NelderMeadOptions& nm, int restarts) {
  for (int restart = 0; restart < restarts && std::isfinite(best.value); ++restart) {
    analyze::detail::MinimizeResult again = analyze::detail::nelder_mead(f, best.x, nm);
    g_evals += again.evaluations;
    const bool improved = again.value < best.value - 1e-7 * (std::fabs(best.value) + 1.0);
    if (again.value < best.value) {
      best = std::move(again);
    }
    if (!improved) {
      break;
    }
  }
  return best;
}

analyze::detail::MinimizeResult minimise(const analyze::detail::Objective& f,
                                         const std::vector<double>& x0, size_t n_smooth,
                                         const analyze::detail::NelderMeadOptions& nm) {
  const int s = strategy();
  if (s == 0) {
    auto best = analyze::detail::nelder_mead(f, x0, nm);
    g_evals += best.evaluations;
    return best;
  }
  if (s == 1) {
    auto best = analyze::detail::nelder_mead(f, x0, nm);
    g_evals += best.evaluations;
    return polish(f, best, nm, 4);
  }
  // staged: smoothing parameters first with the states held, then everything
  std::vector<double> full = x0;
  const analyze::detail::Objective sub = [&](const std::vector<double>& x) {
    std::copy(x.begin(), x.end(), full.begin());
    return f(full);
  };
  std::vector<double> start(x0.begin(), x0.begin() + static_cast<std::ptrdiff_t>(n_smooth));
  auto stage1 = analyze::detail::nelder_mead(sub, start, nm);
  g_evals += stage1.evaluations;
  std::vector<double> x1 = x0;
  std::copy(stage1.x.begin(), stage1.x.end(), x1.begin());
  auto best = analyze::detail::nelder_mead(f, x1, nm);
  g_evals += best.evaluations;
  return polish(f, best, nm, s == 2 ? 0 : 4);
}

}  // namespace

int ets_debug_evaluations() { return g_evals; }

EtsFit ets_fit_model(const std::vector<double>& y, const EtsSpec& spec,
                     const EtsFitOptions& options_in) {
  EtsFitOptions options = options_in;
  EtsFixed& fixed = options.fixed;
  Free free;
  free.alpha = !is_set(fixed.alpha);
  free.beta = spec.has_trend() && !is_set(fixed.beta);
  free.gamma = spec.has_season() && !is_set(fixed.gamma);
  free.phi = spec.damped && !is_set(fixed.phi);
  int fixed_count = is_set(fixed.alpha) ? 1 : 0;
  fixed_count += spec.has_trend() && is_set(fixed.beta) ? 1 : 0;
  fixed_count += spec.has_season() && is_set(fixed.gamma) ? 1 : 0;
  fixed_count += spec.damped && is_set(fixed.phi) ? 1 : 0;

  // A fixed parameter narrows the box of the others (β ≤ α, γ ≤ 1 − α), as in etsmodel().
  EtsBounds& bounds = options.bounds;
  if (is_set(fixed.alpha)) {
    bounds.upper[1] = std::min(fixed.alpha, bounds.upper[1]);
    bounds.upper[2] = std::min(1.0 - fixed.alpha, bounds.upper[2]);
  }
  if (spec.has_trend() && is_set(fixed.beta)) {
    bounds.lower[0] = std::max(fixed.beta, bounds.lower[0]);
  }
  if (spec.has_season() && is_set(fixed.gamma)) {
    bounds.upper[0] = std::min(1.0 - fixed.gamma, bounds.upper[0]);
  }

  std::vector<double> x0 = initial_parameters(spec, fixed, bounds, free);
  const std::vector<double> states0 = ets_initial_states(y, spec);
  x0.insert(x0.end(), states0.begin(), states0.end());

  Objective objective(y, spec, options, free);
  {
    // Fixed values must themselves be valid: R stops with "Parameters out of range".
    const EtsParams p = objective.params(x0);
    const bool alpha_ok = !is_set(fixed.alpha) || (p.alpha >= bounds.lower[0] && p.alpha <= bounds.upper[0]);
    const bool beta_ok = !spec.has_trend() || !is_set(fixed.beta) ||
                         (p.beta >= bounds.lower[1] && p.beta <= p.alpha && p.beta <= bounds.upper[1]);
    const bool gamma_ok = !spec.has_season() || !is_set(fixed.gamma) ||
                          (p.gamma >= bounds.lower[2] && p.gamma <= 1.0 - p.alpha &&
                           p.gamma <= bounds.upper[2]);
    const bool phi_ok = !spec.damped || !is_set(fixed.phi) ||
                        (p.phi >= bounds.lower[3] && p.phi <= bounds.upper[3]);
    if (!alpha_ok || !beta_ok || !gamma_ok || !phi_ok || !ets_admissible(spec, p)) {
      throw_error(ErrorCode::kInvalidArgument,
                  "fixed smoothing parameters are out of range for " + spec.name(), {},
                  "need 0 < beta <= alpha < 1, 0 < gamma <= 1 - alpha and 0.8 <= phi <= 0.98");
    }
  }

  EtsFit fit;
  fit.spec = spec;
  fit.fixed_count = fixed_count;
  fit.estimated = static_cast<int>(x0.size());
  const size_t n = y.size();
  if (fit.estimated >= static_cast<int>(n) - 1) {
    return fit;  // more unknowns than the data can pin down (R: aic = Inf)
  }

  analyze::detail::NelderMeadOptions nm;
  nm.tolerance = 1.490116119384765625e-8;  // sqrt(machine epsilon), R's reltol
  nm.max_evaluations = options.max_evaluations;
  const analyze::detail::Objective f = [&objective](const std::vector<double>& x) {
    return objective(x);
  };
  analyze::detail::MinimizeResult best = minimise(f, x0, static_cast<size_t>(free.count()), nm);
  if (!std::isfinite(best.value)) {
    return fit;
  }

  fit.params = objective.params(best.x);
  fit.initial_state.assign(static_cast<size_t>(spec.state_count()), 0.0);
  objective.fill_state(best.x, fit.initial_state);
  fit.residuals.assign(n, 0.0);
  fit.fitted.assign(n, 0.0);
  EtsScratch scratch;
  const EtsPass pass = ets_run(spec, fit.params, fit.initial_state.data(), y.data(), n, scratch,
                               &fit.residuals, &fit.fitted, &fit.final_state);
  const double lik = ets_criterion(pass, n, spec);
  const double k = fit.estimated + 1.0;  // + σ²
  const double nd = static_cast<double>(n);
  fit.loglik = -0.5 * lik;
  fit.aic = lik + 2.0 * k;
  fit.bic = lik + std::log(nd) * k;
  fit.aicc = fit.aic + 2.0 * k * (k + 1.0) / (nd - k - 1.0);
  fit.sigma2 = pass.sse / (nd - fit.estimated - fit.fixed_count);
  fit.ok = std::isfinite(fit.aicc);
  return fit;
}

}  // namespace adpilot::analyze::forecast::detail
