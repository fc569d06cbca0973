// Seasonal ARIMA models: a fixed-order forecaster fitted by exact maximum likelihood (R's
// stats::arima), and automatic order selection (the Hyndman–Khandakar stepwise search of
// forecast::auto.arima). Results are checked against R in tests/fixtures/r/arima_*.json.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"

namespace adpilot::analyze::forecast {

namespace detail {
struct ArimaFit;
class ArimaAccess;
}  // namespace detail

// (p, d, q): autoregressive order, number of differences, moving-average order. As a seasonal
// order it is (P, D, Q) at the model's period.
struct ArimaOrder {
  int p = 0;
  int d = 0;
  int q = 0;
};

enum class ArimaMethod {
  kMl,     // exact Gaussian likelihood, maximised from zero ARMA starting values
  kCssMl,  // R's default: conditional sum of squares for starting values, then exact likelihood
  kCss,    // conditional sum of squares only (no likelihood, so AIC is NaN as in R)
};

struct ArimaOptions {
  ArimaOrder order;
  ArimaOrder seasonal;  // (P, D, Q) at period; must be zero when period is 1
  int period = 1;
  bool include_mean = true;  // a mean is estimated only when d + D == 0 (R's include.mean)
  // A linear trend 1..n as regressor (forecast::Arima's include.drift); needs d + D ≤ 1. With
  // d + D == 0 and a mean it is a regression on (1, t) with ARMA errors.
  bool include_drift = false;
  ArimaMethod method = ArimaMethod::kCssMl;
  // false: σ² = the ML estimate, as stats::arima and predict() report it. true: the residual
  // sum of squares over (n − d − D·period − k), as forecast::Arima and auto.arima report it and
  // use for prediction intervals.
  bool adjusted_sigma2 = false;
};

// One fitted coefficient with its standard error from the numerical Hessian (NaN if unknown).
struct ArimaCoefficient {
  std::string name;  // "ar1", "ma1", "sar1", "sma1", "intercept", "drift"
  double value = 0.0;
  double std_error = 0.0;
};

// R's predict(fit, n.ahead): point forecasts and their standard errors.
struct ArimaPrediction {
  std::vector<double> mean;
  std::vector<double> se;
};

// A seasonal ARIMA(p,d,q)(P,D,Q)[period] model with optional mean or drift.
//
//   ArimaOptions o;
//   o.order = {0, 1, 1};
//   o.seasonal = {0, 1, 1};
//   o.period = 12;
//   auto model = ArimaForecaster::create(o);           // Result<std::unique_ptr<…>>
//   if (model && (*model)->fit(y)) { auto fc = (*model)->predict(12, {80, 95}); }
class ArimaForecaster : public Forecaster {
 public:
  // Validates the options and makes an unfitted model. Limits: p, q, P, Q ≤ 15, d ≤ 3, D ≤ 2,
  // a seasonal order only with period > 1, drift only with d + D ≤ 1.
  static Result<std::unique_ptr<ArimaForecaster>> create(const ArimaOptions& options);
  ~ArimaForecaster() override;

  std::string name() const override { return "arima"; }
  // Fits by the chosen method: (1) regression starting values for mean/drift by least squares
  // on the differenced data, (2) CSS starting values (CSS-ML), (3) exact ML with AR parts
  // kept stationary by R's transform, (4) non-invertible MA roots reflected, (5) final Kalman
  // pass for σ², residuals and the forecast state. Errors: non-finite values, too few values.
  Result<void> fit(const std::vector<double>& y) override;
  const FitSummary& summary() const override { return summary_; }
  // Mean and normal intervals mean ± z·se per level (in percent, 0 < level < 100).
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override;

  // predict(fit, n.ahead = horizon) in R: point forecasts and standard errors.
  Result<ArimaPrediction> predict_se(int horizon) const;
  const ArimaOptions& options() const { return options_; }
  // Coefficients in R's order [ar, ma, sar, sma, intercept/drift]; empty before fit().
  std::vector<ArimaCoefficient> coefficients() const;
  // Standardised one-step residuals v_t / √F_t as R's residuals(fit); empty before fit().
  const std::vector<double>& residuals() const;

 private:
  friend class detail::ArimaAccess;
  explicit ArimaForecaster(ArimaOptions options);
  void adopt(std::unique_ptr<detail::ArimaFit> fit);

  ArimaOptions options_;
  std::unique_ptr<detail::ArimaFit> fit_;
  FitSummary summary_;
};

// Information criterion the search minimises (forecast's ic argument).
enum class ArimaCriterion { kAicc, kAic, kBic };

// How auto selection chooses the number of seasonal differences D.
enum class SeasonalDiffTest {
  kStrength,  // forecast 8.x default "seas": D = 1 when STL seasonal strength > 0.64
  kOcsb,      // Osborn–Chui–Smith–Birchenhall regression test at 5 %
};

// forecast::auto.arima's arguments, with its defaults. Orders and limits must be non-negative.
struct AutoArimaOptions {
  int period = 1;                 // seasonal period; 1 for non-seasonal data
  std::optional<int> d;           // fixed number of differences; otherwise KPSS tests at 5 %
  std::optional<int> seasonal_d;  // fixed D; otherwise chosen by seasonal_test
  int max_p = 5;
  int max_q = 5;
  int max_sp = 2;     // max P
  int max_sq = 2;     // max Q
  int max_order = 5;  // p + q + P + Q in the non-stepwise search
  int max_d = 2;
  int max_sd = 1;
  int start_p = 2;
  int start_q = 2;
  int start_sp = 1;
  int start_sq = 1;
  bool stationary = false;  // d = D = 0
  bool seasonal = true;     // false restricts the search to non-seasonal models
  ArimaCriterion criterion = ArimaCriterion::kAicc;
  bool stepwise = true;
  int max_models = 94;  // stepwise limit (nmodels)
  // Select on CSS fits with a likelihood offset, then refit the best exactly; default (unset):
  // on when n > 150 or period > 12, as R.
  std::optional<bool> approximation;
  bool allow_drift = true;
  bool allow_mean = true;
  SeasonalDiffTest seasonal_test = SeasonalDiffTest::kStrength;
  // With approximation, compute the coefficient variance (R's checkarima, a numerical Hessian)
  // only for candidates that would become the best, and for the others when the exact refits
  // reach them. The chosen model is the same as R's; only AutoArimaResult::candidates differs:
  // a candidate never checked keeps a finite criterion where R may report +inf. The registry's
  // "arima" turns this on.
  bool defer_variance_checks = false;
};

// One model the search fitted, with its criterion (+inf when rejected or failed).
struct ArimaCandidate {
  ArimaOrder order;
  ArimaOrder seasonal;
  bool constant = false;
  double criterion = 0.0;
};

struct AutoArimaResult {
  std::unique_ptr<ArimaForecaster> model;  // fitted
  std::vector<ArimaCandidate> candidates;  // in the order the search visited them
};

// Chooses d, D and the orders and returns the fitted best model.
//
//   AutoArimaOptions o;
//   o.period = 12;
//   auto r = auto_arima(y, o);  // r->model->summary().model == "ARIMA(2,1,1)(0,1,0)[12]"
Result<AutoArimaResult> auto_arima(const std::vector<double>& y, const AutoArimaOptions& options);

// Factory for the registry ("arima"): a forecaster whose fit() runs auto_arima with R's defaults
// at options.period.
std::unique_ptr<Forecaster> make_arima(const ForecastOptions& options);

// Differencing tests auto_arima uses, exposed for inspection and tests.
// KPSS level-stationarity statistic with Bartlett lag trunc(3√n / 13) (urca::ur.kpss).
double kpss_statistic(const std::vector<double>& x);
// Number of differences until the KPSS test no longer rejects at 5 % (forecast::ndiffs).
int ndiffs(const std::vector<double>& x, int max_d = 2);
// STL seasonal strength max(0, 1 − var(remainder) / var(remainder + seasonal)) (forecast's
// seas.heuristic on mstl(x)); needs more than two periods.
double seasonal_strength(const std::vector<double>& x, int period);
// Number of seasonal differences (forecast::nsdiffs).
int nsdiffs(const std::vector<double>& x, int period, SeasonalDiffTest test, int max_sd = 1);

}  // namespace adpilot::analyze::forecast
