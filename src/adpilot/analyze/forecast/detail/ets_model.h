// ETS internals shared by ets_model.cpp (recursions, likelihood, admissibility), ets_init.cpp
// (starting values), ets_fit.cpp (estimation of one model), ets_search.cpp (model selection),
// ets_options.cpp and the ets_predict*.cpp / ets_simulate.cpp files (forecast distribution).
// Follows Hyndman, Koehler, Ord & Snyder (2008) and R's forecast::ets, whose state layout we
// keep so that fitted states can be compared with R's one to one.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::analyze::forecast {
struct EtsOptions;
}

namespace adpilot::analyze::forecast::detail {

// R's etscalc() keeps the seasonal states in a fixed array of 24 and refuses larger periods.
inline constexpr int kEtsMaxPeriod = 24;

enum class EtsKind { kNone, kAdditive, kMultiplicative };

struct EtsSpec {
  EtsKind error = EtsKind::kAdditive;  // kAdditive or kMultiplicative
  EtsKind trend = EtsKind::kNone;      // kNone or kAdditive (multiplicative trends are not offered)
  EtsKind season = EtsKind::kNone;
  bool damped = false;
  int period = 1;  // m; always 1 when season is kNone

  bool has_trend() const { return trend != EtsKind::kNone; }
  bool has_season() const { return season != EtsKind::kNone; }
  // l, b and m seasonal states.
  int state_count() const { return 1 + (has_trend() ? 1 : 0) + (has_season() ? period : 0); }
  std::string name() const;  // "ETS(M,Ad,M)"
};

struct EtsParams {
  double alpha = 0.0;
  double beta = 0.0;   // 0 without trend
  double gamma = 0.0;  // 0 without season
  double phi = 1.0;    // 1 unless damped
};

// Result of one pass of the recursions.
struct EtsPass {
  double sse = 0.0;        // sum of squared innovations (relative ones for multiplicative error)
  double log_abs_f = 0.0;  // Σ log|one-step forecast|, the Jacobian term of multiplicative error
  double min_forecast = 0.0;  // smallest one-step forecast μ_t
};

// Reusable scratch for the likelihood inner loop, so that an evaluation allocates nothing.
struct EtsScratch {
  std::array<double, kEtsMaxPeriod> season{};
};

// State vectors follow R: [l, b, s1 … sm] where s1 is the newest seasonal state and sm the one
// that applies to the next observation.

// Runs the recursions from `state` over y. When the out-pointers are non-null they receive the
// innovations, the one-step fits and the final state (sized by the caller / resized here).
EtsPass ets_run(const EtsSpec& spec, const EtsParams& params, const double* state, const double* y,
                size_t n, EtsScratch& scratch, std::vector<double>* residuals = nullptr,
                std::vector<double>* fitted = nullptr, std::vector<double>* final_state = nullptr);

// R's optimisation criterion: n·log(SSE) + 2·Σ log|f| (the last term for multiplicative error),
// i.e. −2·loglik up to the constants R drops. +inf when the recursion breaks down.
double ets_criterion(const EtsPass& pass, size_t n, const EtsSpec& spec);

// Point forecasts 1…h from a state vector (R's forecast() in etscalc.c).
void ets_point_forecasts(const EtsSpec& spec, const EtsParams& params, const double* state, int h,
                         double* out);

// Parameter box of R's bounds = "usual": lower/upper for alpha, beta, gamma, phi.
struct EtsBounds {
  std::array<double, 4> lower{1e-4, 1e-4, 1e-4, 0.8};
  std::array<double, 4> upper{0.9999, 0.9999, 0.9999, 0.98};
};

// The "admissible" region: the model's characteristic polynomial is stable (forecastable even
// when the usual 0 < β < α < 1 box is violated). Exact port of the checks in R's etsTarget.cpp.
bool ets_admissible(const EtsSpec& spec, const EtsParams& params);

// Starting values as R's initstate(): [l, b, s1 … s(m−1)] (the last seasonal state is implied by
// the normalisation Σs = 0 or Σs = m). Throws ErrorException on a series that is too short.
std::vector<double> ets_initial_states(const std::vector<double>& y, const EtsSpec& spec);

// Fixed smoothing parameters (R's alpha = …, beta = …); NaN means "estimate".
struct EtsFixed {
  double alpha = std::numeric_limits<double>::quiet_NaN();
  double beta = std::numeric_limits<double>::quiet_NaN();
  double gamma = std::numeric_limits<double>::quiet_NaN();
  double phi = std::numeric_limits<double>::quiet_NaN();
};

// Which smoothing parameters the optimiser moves; the others are fixed or absent.
struct EtsFree {
  bool alpha = false;
  bool beta = false;
  bool gamma = false;
  bool phi = false;
  int count() const { return alpha + beta + gamma + phi; }
};

// Starting smoothing parameters (the free ones, in the order α, β, γ, φ) as R's initparam().
std::vector<double> ets_initial_parameters(const EtsSpec& spec, const EtsFixed& fixed,
                                           const EtsBounds& bounds, const EtsFree& free);

struct EtsFitOptions {
  EtsBounds bounds;
  EtsFixed fixed{};
  int max_evaluations = 2000;  // per Nelder–Mead run
  int restarts = 0;            // extra runs from the best point while they improve
};

struct EtsFit {
  EtsSpec spec;
  EtsParams params;
  std::vector<double> initial_state;  // full: [l, b, s1 … sm]
  std::vector<double> final_state;    // after the last observation
  std::vector<double> residuals;
  std::vector<double> fitted;
  int estimated = 0;  // R's np: estimated smoothing parameters + initial states (not sigma)
  int fixed_count = 0;
  double loglik = 0.0;
  double aic = 0.0;
  double aicc = 0.0;
  double bic = 0.0;
  double sigma2 = 0.0;
  bool ok = false;              // false: too few observations for this model (R returns aic = Inf)
  std::vector<double> optimum;  // the optimiser's vector: free parameters, l, b, s1 … s(m−1)
  double scale = 1.0;           // simplex scale: max |start vector|
};

// Fits one model by Nelder–Mead on the concentrated likelihood (R's etsmodel()).
EtsFit ets_fit_model(const std::vector<double>& y, const EtsSpec& spec,
                     const EtsFitOptions& options);

// The fit at given smoothing parameters and full initial state, without optimisation (R's
// use.initial.values = TRUE); `estimated` is the parameter count AIC charges for (R's np).
EtsFit ets_fit_at(const std::vector<double>& y, const EtsSpec& spec, const EtsParams& params,
                  const std::vector<double>& initial_state, int estimated);

// Continues the optimisation of a fit with fresh simplices (up to options.restarts runs); keeps
// the result only if it improves the likelihood.
void ets_refine_model(const std::vector<double>& y, EtsFit& fit, const EtsFitOptions& options);

// The automatic search (R's ets() loop): candidates from the options' open components, less the
// combinations R's restrict rules out and, for data that are not strictly positive, the
// multiplicative ones; a first Nelder–Mead pass each, more runs for the contenders, and the best
// by the options' criterion.
struct EtsSearch {
  std::vector<EtsFit> fits;  // in search order; ok = false where a model could not be fitted
  size_t best = 0;           // index into fits; fits.size() when none could be fitted
  std::optional<Error> last_error;
};
EtsSearch ets_search(const std::vector<double>& y, const EtsOptions& options, bool seasonal_ok,
                     bool positive);

// Forecast distribution for h steps at the given levels (percent).
struct EtsForecast {
  std::vector<double> mean;
  std::vector<std::vector<double>> lower;  // [level][step]
  std::vector<std::vector<double>> upper;
};

struct EtsSimulationOptions {
  int paths = 5000;
  uint64_t seed = 0x5eed;
};

EtsForecast ets_forecast(const EtsFit& fit, int h, const std::vector<double>& levels,
                         const EtsSimulationOptions& simulation);

// Analytic forecast variances (Hyndman et al. 2008, ch. 6). Class 1: additive error with N/A
// trend and N/A season; class 2: the same with multiplicative error; class 3: multiplicative
// error and season. Each fills `mean` and `variance` (size h).
void ets_class1(const EtsFit& fit, int h, std::vector<double>& mean, std::vector<double>& variance,
                std::vector<double>* psi = nullptr);
void ets_class2(const EtsFit& fit, int h, std::vector<double>& mean, std::vector<double>& variance);
void ets_class3(const EtsFit& fit, int h, std::vector<double>& mean, std::vector<double>& variance);

// Simulated sample paths → intervals as R's quantile(type = 8); mean = point forecasts.
EtsForecast ets_simulated_forecast(const EtsFit& fit, int h, const std::vector<double>& levels,
                                   const EtsSimulationOptions& simulation);

// Checks of EtsOptions that need no data (ets_options.cpp).
std::optional<Error> ets_validate_options(const EtsOptions& options);

}  // namespace adpilot::analyze::forecast::detail
