// Estimation of one ETS model, as R's forecast:::etsmodel(): starting values (initparam /
// initstate), Nelder–Mead on the concentrated log-likelihood over the smoothing parameters and
// the free initial states jointly, parameters kept in R's bounds = "both" (the usual box
// 0 < β < α < 1, 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98, intersected with the admissible region), then
// one pass of the recursions at the optimum for the residuals, states and information criteria.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "adpilot/analyze/detail/optimize.h"
#include "adpilot/analyze/forecast/detail/ets_model.h"
#include "adpilot/core/result.h"

namespace adpilot::analyze::forecast::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A restart that gains less than this on −2·loglik is not followed by another: it is noise
// next to the differences in AICc that decide a model choice.
constexpr double kWorthwhile = 0.01;

bool is_set(double value) {
  return !std::isnan(value);
}

// R's criterion (−2·loglik up to constants, ets_criterion) as a function of the optimiser's
// vector [free parameters…, l, b, s1 … s(m−1)]; +inf outside the parameter region. Holds its
// buffers so that an evaluation allocates nothing.
class Objective {
 public:
  Objective(const std::vector<double>& y, const EtsSpec& spec, const EtsFitOptions& options,
            const EtsFree& free)
      : y_(y),
        spec_(spec),
        options_(options),
        free_(free),
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
  EtsFree free_;
  std::vector<double> state_;
  EtsScratch scratch_;
};

// Nelder–Mead in scaled coordinates x = centre + scale·u, started from u = 0: the project's
// minimiser then takes a first simplex of steps 0.1·scale along every axis. With scale =
// max|x0| for every coordinate this is the first simplex of R's optim()/etsNelderMead, which
// makes large moves in the initial states and keeps us in the same basins as R.
analyze::detail::MinimizeResult scaled_nelder_mead(const analyze::detail::Objective& f,
                                                   const std::vector<double>& centre, double scale,
                                                   const analyze::detail::NelderMeadOptions& nm) {
  std::vector<double> x(centre.size());
  const analyze::detail::Objective g = [&](const std::vector<double>& u) {
    for (size_t i = 0; i < u.size(); ++i) {
      x[i] = centre[i] + scale * u[i];
    }
    return f(x);
  };
  analyze::detail::MinimizeResult r =
      analyze::detail::nelder_mead(g, std::vector<double>(centre.size(), 0.0), nm);
  for (size_t i = 0; i < r.x.size(); ++i) {
    r.x[i] = centre[i] + scale * r.x[i];
  }
  return r;
}

// Runs the recursions at fit.params / fit.initial_state and fills in everything else: R's
// loglik = −½·criterion, AIC-type criteria with k = estimated + 1 (σ²), and σ² = SSE / (n − all
// parameters), as ets() reports them.
void evaluate(const std::vector<double>& y, EtsFit& fit) {
  const size_t n = y.size();
  fit.residuals.assign(n, 0.0);
  fit.fitted.assign(n, 0.0);
  EtsScratch scratch;
  const EtsPass pass = ets_run(fit.spec, fit.params, fit.initial_state.data(), y.data(), n, scratch,
                               &fit.residuals, &fit.fitted, &fit.final_state);
  const double lik = ets_criterion(pass, n, fit.spec);
  const double k = fit.estimated + 1.0;
  const double nd = static_cast<double>(n);
  fit.loglik = -0.5 * lik;
  fit.aic = lik + 2.0 * k;
  fit.bic = lik + std::log(nd) * k;
  fit.aicc = fit.aic + 2.0 * k * (k + 1.0) / (nd - k - 1.0);
  fit.sigma2 = pass.sse / (nd - fit.estimated - fit.fixed_count);
  fit.ok = std::isfinite(fit.aicc);
}

// One model's estimation problem: the bounds after fixed parameters narrowed them, the
// objective, and the starting vector. The objective refers to the members, so a Problem stays
// where it was built.
class Problem {
 public:
  Problem(const Problem&) = delete;
  Problem& operator=(const Problem&) = delete;
  Problem(const std::vector<double>& y, const EtsSpec& spec, const EtsFitOptions& options_in)
      : spec_(spec), options_(options_in) {
    EtsFixed& fixed = options_.fixed;
    free_.alpha = !is_set(fixed.alpha);
    free_.beta = spec.has_trend() && !is_set(fixed.beta);
    free_.gamma = spec.has_season() && !is_set(fixed.gamma);
    free_.phi = spec.damped && !is_set(fixed.phi);
    fixed_count_ = (free_.alpha ? 0 : 1) + (spec.has_trend() && !free_.beta ? 1 : 0) +
                   (spec.has_season() && !free_.gamma ? 1 : 0) +
                   (spec.damped && !free_.phi ? 1 : 0);
    // A fixed parameter narrows the box of the others (β ≤ α, γ ≤ 1 − α), as in etsmodel().
    EtsBounds& bounds = options_.bounds;
    if (!free_.alpha) {
      bounds.upper[1] = std::min(fixed.alpha, bounds.upper[1]);
      bounds.upper[2] = std::min(1.0 - fixed.alpha, bounds.upper[2]);
    }
    if (spec.has_trend() && !free_.beta) {
      bounds.lower[0] = std::max(fixed.beta, bounds.lower[0]);
    }
    if (spec.has_season() && !free_.gamma) {
      bounds.upper[0] = std::min(1.0 - fixed.gamma, bounds.upper[0]);
    }
    objective_ = std::make_unique<Objective>(y, spec_, options_, free_);
  }

  std::vector<double> start(const std::vector<double>& y) const {
    std::vector<double> x0 = ets_initial_parameters(spec_, options_.fixed, options_.bounds, free_);
    const std::vector<double> states0 = ets_initial_states(y, spec_);
    x0.insert(x0.end(), states0.begin(), states0.end());
    return x0;
  }

  // Fixed values must be valid themselves: R stops with "Parameters out of range".
  void check_fixed(const std::vector<double>& x0) const {
    const EtsParams p = objective_->params(x0);
    const EtsBounds& b = options_.bounds;
    bool ok = free_.alpha || (p.alpha >= b.lower[0] && p.alpha <= b.upper[0]);
    ok = ok && (!spec_.has_trend() || free_.beta ||
                (p.beta >= b.lower[1] && p.beta <= p.alpha && p.beta <= b.upper[1]));
    ok = ok && (!spec_.has_season() || free_.gamma ||
                (p.gamma >= b.lower[2] && p.gamma <= 1.0 - p.alpha && p.gamma <= b.upper[2]));
    ok = ok && (!spec_.damped || free_.phi || (p.phi >= b.lower[3] && p.phi <= b.upper[3]));
    if (!ok || !ets_admissible(spec_, p)) {
      throw_error(ErrorCode::kInvalidArgument,
                  "fixed smoothing parameters are out of range for " + spec_.name(), {},
                  "need 0 < beta <= alpha < 1, 0 < gamma <= 1 - alpha and 0.8 <= phi <= 0.98");
    }
  }

  // Nelder–Mead from x, then fresh simplices from the best point while they still improve.
  analyze::detail::MinimizeResult minimise(const std::vector<double>& x, double scale,
                                           int restarts) const {
    analyze::detail::NelderMeadOptions nm;
    nm.tolerance = 1.490116119384765625e-8;  // sqrt(machine epsilon), R's reltol
    nm.max_evaluations = options_.max_evaluations;
    Objective& objective = *objective_;
    const analyze::detail::Objective f = [&objective](const std::vector<double>& v) {
      return objective(v);
    };
    analyze::detail::MinimizeResult best = scaled_nelder_mead(f, x, scale, nm);
    for (int restart = 0; restart < restarts && std::isfinite(best.value); ++restart) {
      analyze::detail::MinimizeResult again = scaled_nelder_mead(f, best.x, scale, nm);
      const bool improved = again.value < best.value - kWorthwhile;
      if (again.value < best.value) {
        best = std::move(again);
      }
      if (!improved) {
        break;
      }
    }
    return best;
  }

  // Residuals, states and information criteria at the optimum x.
  void finish(const std::vector<double>& y, const std::vector<double>& x, EtsFit& fit) const {
    fit.optimum = x;
    fit.params = objective_->params(x);
    fit.initial_state.assign(static_cast<size_t>(spec_.state_count()), 0.0);
    objective_->fill_state(x, fit.initial_state);
    evaluate(y, fit);
  }

  int fixed_count() const { return fixed_count_; }

 private:
  EtsSpec spec_;
  EtsFitOptions options_;
  EtsFree free_;
  int fixed_count_ = 0;
  std::unique_ptr<Objective> objective_;
};

double max_abs(const std::vector<double>& x) {
  double out = 0.0;
  for (const double v : x) {
    out = std::max(out, std::fabs(v));
  }
  return out > 0.0 ? out : 1.0;
}

}  // namespace

EtsFit ets_fit_model(const std::vector<double>& y, const EtsSpec& spec,
                     const EtsFitOptions& options) {
  const Problem problem(y, spec, options);
  const std::vector<double> x0 = problem.start(y);
  problem.check_fixed(x0);
  EtsFit fit;
  fit.spec = spec;
  fit.fixed_count = problem.fixed_count();
  fit.estimated = static_cast<int>(x0.size());
  fit.scale = max_abs(x0);
  if (fit.estimated >= static_cast<int>(y.size()) - 1) {
    return fit;  // more unknowns than the data can pin down (R: aic = Inf)
  }
  const analyze::detail::MinimizeResult best = problem.minimise(x0, fit.scale, options.restarts);
  if (std::isfinite(best.value)) {
    problem.finish(y, best.x, fit);
  }
  return fit;
}

EtsFit ets_fit_at(const std::vector<double>& y, const EtsSpec& spec, const EtsParams& params,
                  const std::vector<double>& initial_state, int estimated) {
  EtsFit fit;
  fit.spec = spec;
  fit.params = params;
  fit.initial_state = initial_state;
  fit.estimated = estimated;
  evaluate(y, fit);
  return fit;
}

void ets_refine_model(const std::vector<double>& y, EtsFit& fit, const EtsFitOptions& options) {
  if (!fit.ok) {
    return;
  }
  const Problem problem(y, fit.spec, options);
  const analyze::detail::MinimizeResult best =
      problem.minimise(fit.optimum, fit.scale, std::max(options.restarts - 1, 0));
  if (std::isfinite(best.value) && best.value < -2.0 * fit.loglik) {
    problem.finish(y, best.x, fit);
  }
}

}  // namespace adpilot::analyze::forecast::detail
