// Exponential smoothing state space models, ETS(error, trend, season) (Hyndman, Koehler, Ord &
// Snyder 2008), estimated and selected as R's forecast::ets(). Results are checked against R in
// tests/fixtures/r/ets_*.json.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"

namespace adpilot::analyze::forecast {

namespace detail {
struct EtsFit;
}

// Each component is a letter of R's model string: "Z" (kAuto) lets AICc choose.
enum class EtsError { kAuto, kAdditive, kMultiplicative };
enum class EtsTrend { kAuto, kNone, kAdditive };  // multiplicative trends are not offered
enum class EtsSeason { kAuto, kNone, kAdditive, kMultiplicative };
enum class EtsDamped { kAuto, kYes, kNo };
enum class EtsCriterion { kAicc, kAic, kBic };

// forecast::ets()'s arguments, with its defaults.
struct EtsOptions {
  EtsError error = EtsError::kAuto;
  EtsTrend trend = EtsTrend::kAuto;
  EtsSeason season = EtsSeason::kAuto;
  EtsDamped damped = EtsDamped::kAuto;
  int period = 1;  // 1: non-seasonal; at most 24 for seasonal models (as R)
  EtsCriterion criterion = EtsCriterion::kAicc;
  // R's restrict = FALSE: also consider additive error with multiplicative season, whose
  // forecast variance can be infinite; intervals then come from simulation.
  bool allow_unstable = false;
  // Fixed smoothing parameters instead of estimates (R's alpha = …, beta = …, …).
  std::optional<double> alpha;
  std::optional<double> beta;
  std::optional<double> gamma;
  std::optional<double> phi;
  int max_evaluations = 2000;     // Nelder–Mead budget per model (R's maxit)
  int simulation_paths = 5000;    // sample paths for simulated intervals (R's npaths)
  uint64_t simulation_seed = 42;  // fixed: the same data give the same intervals
};

// Parses R's model string into the three components: error A/M/Z, trend N/A/Ad/Z, season
// N/A/M/Z ("ZZZ", "MAdM", "ANN"; "Ad" also sets damped = yes). Other fields come from `base`.
//
//   auto o = parse_ets_model("MAdM");  // multiplicative error, damped trend, mult. season
Result<EtsOptions> parse_ets_model(std::string_view model, EtsOptions base = {});

// "ETS(M,Ad,M)"-style name of the options, with Z for automatic components ("ETS(Z,Z,Z)").
std::string ets_model_string(const EtsOptions& options);

// One model the automatic search fitted, in R's search order, and its criterion value (inf when
// the model has more unknowns than the data allow).
struct EtsCandidate {
  std::string model;
  double aicc = 0.0;
  double aic = 0.0;
  double bic = 0.0;
  double loglik = 0.0;
};

// ETS forecaster. fit() runs, for every admissible candidate model (all of them for Z
// components: error A/M, trend N/A/Ad, season N/A/M, less the combinations R's restrict rules
// out and multiplicative ones for data that are not strictly positive):
//   (1) starting states from a classical decomposition of the first seasons, starting
//       smoothing parameters as R's initparam();
//   (2) Nelder–Mead on the concentrated log-likelihood within R's bounds = "both", from R's
//       first simplex; models within 4 AICc of the best get up to four fresh simplices, since a
//       stalled simplex (R's too) can decide the choice;
//   (3) AICc (or the chosen criterion) comparison; the best model is kept.
// Multiplicative models whose one-step means turn non-positive are treated as inadmissible
// (R allows them). predict() gives the mean and normal intervals from the analytic forecast
// variance (classes 1–3 of Hyndman et al. 2008, ch. 6), or simulated intervals for the other
// models.
//
//   EtsOptions o;
//   o.period = 12;
//   auto model = EtsForecaster::create(o);
//   if (model && (*model)->fit(y)) { auto fc = (*model)->predict(12, {80, 95}); }
class EtsForecaster : public Forecaster {
 public:
  // Validates the options; an invalid set is reported by create() or, from the constructor, by
  // the first fit().
  static Result<std::unique_ptr<EtsForecaster>> create(const EtsOptions& options);
  explicit EtsForecaster(EtsOptions options);
  ~EtsForecaster() override;

  std::string name() const override { return "ets"; }
  // Errors: empty or too short series, non-finite values, a multiplicative component forced on
  // data that are not strictly positive, a seasonal model forced without a usable period.
  Result<void> fit(const std::vector<double>& y) override;
  // params: alpha, beta, gamma, phi (those in the model), then the initial states l, b,
  // s1 … sm (s1 the most recent season before the first observation, as R's initstate).
  const FitSummary& summary() const override { return summary_; }
  // Levels in percent, 0 < level < 100.
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override;

  const EtsOptions& options() const { return options_; }
  // Every model tried by the last fit(), in search order.
  const std::vector<EtsCandidate>& candidates() const { return candidates_; }
  // Innovations of the selected model (relative ones for multiplicative error), as R's
  // residuals(fit); empty before fit().
  std::vector<double> residuals() const;

 private:
  EtsOptions options_;
  std::optional<Error> invalid_;
  std::unique_ptr<detail::EtsFit> fit_;
  FitSummary summary_;
  std::vector<EtsCandidate> candidates_;
};

// Factory for the forecaster registry: automatic ETS at the given period.
std::unique_ptr<Forecaster> make_ets(const ForecastOptions& options);

}  // namespace adpilot::analyze::forecast
