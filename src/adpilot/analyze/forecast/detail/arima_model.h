// Internals of the ARIMA forecaster shared by its source files: parameter transforms, the
// state-space likelihood, the fit itself and the forecast recursion. Not a public header.
//
// Conventions follow R's stats::arima so results can be compared one to one:
// - a coefficient vector is laid out [ar(p), ma(q), sar(P), sma(Q), regression(k)];
// - phi/theta are the expanded polynomials, y_t = Σ phi_i y_{t−i} + e_t + Σ theta_j e_{t−j};
// - delta holds the differencing polynomial, z_t = w_t + Σ delta_i z_{t−i}.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adpilot/analyze/forecast/arima.h"

namespace adpilot::analyze::forecast::detail {

// Vector index from an int position: orders, lags and times are counted in int here.
constexpr size_t at(int i) {
  return static_cast<size_t>(i);
}

// Orders of a seasonal ARIMA model (R's `arma` vector).
struct ArimaOrders {
  int p = 0;
  int d = 0;
  int q = 0;
  int sp = 0;
  int sd = 0;
  int sq = 0;
  int period = 1;

  int narma() const { return p + q + sp + sq; }
  int ar_degree() const { return p + period * sp; }
  int ma_degree() const { return q + period * sq; }
};

ArimaOrders orders_of(const ArimaOptions& options);

// ---- Parameter transforms and polynomial checks (arima_transform.cpp) ----

// R's partrans: tanh maps each raw value into (−1, 1) as a partial autocorrelation, then the
// Durbin–Levinson recursion turns them into the coefficients of a stationary AR polynomial.
void ar_from_pacf(const double* raw, int count, double* ar);
// The inverse (R's invpartrans); the input must be stationary.
void pacf_from_ar(const double* ar, int count, double* raw);

// Expands [ar, ma, sar, sma] into phi (size ar_degree) and theta (size ma_degree); with
// transform the AR blocks go through ar_from_pacf first (R's ARIMA_transPars).
void expand_arma(const ArimaOrders& orders, const double* coef, bool transform,
                 std::vector<double>& phi, std::vector<double>& theta);
// Maps the AR blocks of coef in place: to_raw applies pacf_from_ar, otherwise ar_from_pacf.
void transform_ar_blocks(const ArimaOrders& orders, std::vector<double>& coef, bool to_raw);
// Jacobian d(coef)/d(raw) of ar_from_pacf over the AR blocks by forward differences (R's
// ARIMA_Gradtrans), row-major size × size where size = coef count.
std::vector<double> transform_jacobian(const ArimaOrders& orders, const std::vector<double>& raw);

// True when every root of 1 − Σ a_k z^k has modulus above radius (Schur–Cohn step-down on the
// rescaled coefficients, so no root finding is needed). Trailing zero terms are ignored.
bool roots_outside(const double* a, int count, double radius);
// Reflects roots of 1 + Σ ma_k z^k that lie inside the unit circle (R's maInvert).
void invert_ma(double* ma, int count);

// Coefficients delta of (1 − B)^d (1 − B^s)^D written as z_t = w_t + Σ delta_i z_{t−i}.
std::vector<double> difference_polynomial(int d, int sd, int period);
// w_t = z_t − Σ delta_i z_{t−i} for t ≥ delta.size(); the result has n − delta.size() values.
std::vector<double> apply_differences(const std::vector<double>& z,
                                      const std::vector<double>& delta);

// ---- Exact likelihood of a stationary ARMA process (arima_kalman.cpp) ----

// Buffers for the likelihood so the optimiser's inner loop never allocates.
struct ArmaWorkspace {
  std::vector<double> psi;
  std::vector<double> gamma;
  std::vector<double> system;
  std::vector<double> column;
  std::vector<double> state;
  std::vector<double> state_next;
  std::vector<double> gain;
  std::vector<double> chandra;
  std::vector<double> chandra_next;
  std::vector<int> ar_terms;  // non-zero lags of phi / theta
  std::vector<int> ma_terms;
};

struct ArmaLikelihood {
  double ssq = 0.0;     // Σ v_t² / F_t
  double sumlog = 0.0;  // Σ log F_t
  int count = 0;
};

// First column of the stationary state covariance (σ² = 1) of the state-space form
// x_t = T x_{t−1} + R e_t with r = max(p, q + 1) (Harvey's form, as R uses). False when the
// AR part is not stationary.
bool stationary_first_column(const std::vector<double>& phi, const std::vector<double>& theta,
                             ArmaWorkspace& work);
// The whole stationary covariance Q0 (row-major r × r), built from its first column with
// Q0 = T Q0 Tᵀ + R Rᵀ read element by element from the bottom-right corner.
bool stationary_covariance(const std::vector<double>& phi, const std::vector<double>& theta,
                           std::vector<double>& q0);
// Exact Gaussian likelihood pieces by Chandrasekhar recursions: the Kalman filter started from
// the stationary covariance, whose covariance updates have rank one, so each step is O(r).
bool arma_likelihood(const std::vector<double>& phi, const std::vector<double>& theta,
                     const double* w, int n, ArmaWorkspace& work, ArmaLikelihood& out);

// The plain Kalman filter (O(r²) per step): standardised residuals v_t / √F_t and the predicted
// state a_{n+1} and covariance P_{n+1} (row-major) that the forecast starts from.
struct ArmaFilterResult {
  ArmaLikelihood likelihood;
  std::vector<double> residuals;
  std::vector<double> state;
  std::vector<double> covariance;
};
bool arma_filter(const std::vector<double>& phi, const std::vector<double>& theta,
                 const std::vector<double>& w, ArmaFilterResult& out);

// ---- Conditional sum of squares (arima_css.cpp) ----

// R's in-place differencing for CSS: w = z with (1 − B)^d then (1 − B^s)^D applied from the
// end; the first d + sD values stay partly differenced and are never used.
void css_difference(const ArimaOrders& orders, const std::vector<double>& z,
                    std::vector<double>& w);
// R's ARIMA_CSS residuals from ncond on (zero before) on the differenced w; returns ssq / count.
double css_variance(const std::vector<double>& phi, const std::vector<double>& theta,
                    const std::vector<double>& w, int ncond, std::vector<double>& residuals,
                    ArmaWorkspace& work);

// ---- Linear algebra for the fit (arima_variance.cpp) ----

// Least squares of dy on the columns dx with lm()'s standard errors; false if rank-deficient.
bool least_squares(const std::vector<double>& dy, const std::vector<std::vector<double>>& dx,
                   std::vector<double>& beta, std::vector<double>& se);
// Starting values and parscale (10 × standard error) of the regression coefficients: lm() on the
// differenced data, or on the raw data when the differenced regressors vanish (R's rank-0
// fallback). Needs fit.n, delta and the regressor flags.
void regression_start(const std::vector<double>& y, const ArimaFit& fit, std::vector<double>& beta,
                      std::vector<double>& parscale);
// R's var.coef: optimhess() of f at x (steps ndeps = 1e-3, gradient steps 1e-3 · parscale),
// then Aᵀ (H · n_used)⁻¹ A with A the transform Jacobian (row-major, A[i][j] = ∂coef_j/∂raw_i).
// False when the Hessian is singular to machine precision (R's solve() fails).
bool coefficient_variance(const std::function<double(const std::vector<double>&)>& f,
                          const std::vector<double>& x, const std::vector<double>& parscale,
                          const std::vector<double>& jacobian, int n_used,
                          std::vector<double>& var);

// ---- The fit (arima_fit.cpp) ----

struct ArimaFit;

// Knobs the automatic search needs beyond ArimaOptions.
struct FitControl {
  std::vector<double> fixed_regression;  // fixes every regression coefficient when not empty
  // R's failure modes instead of falling back to ML: non-stationary AR estimates from CSS
  // ("non-stationary AR part from CSS") and too few values for the CSS conditioning.
  bool strict = false;
  bool compute_variance = true;  // numerical Hessian → var_coef (R's checkarima)
  // Method CSS only: when set, the Hessian is computed after the fit and only if this returns
  // true for it (the search asks only for models that would become its best); otherwise
  // variance_known stays false. The coefficients are the same either way.
  std::function<bool(const ArimaFit&)> css_variance_wanted;
  bool complete = true;  // false: criteria only, no residuals or forecast state
};

// Everything a fitted model holds; the forecaster keeps one behind a pointer.
struct ArimaFit {
  ArimaOptions options;
  ArimaOrders orders;
  std::vector<std::string> names;  // coefficient names in R's order
  std::vector<double> coef;        // [ar, ma, sar, sma, regression]
  std::vector<bool> estimated;     // false for fixed coefficients
  std::vector<double> var_coef;    // row-major over estimated coefficients; empty if not computed
  bool variance_ok = true;         // var_coef exists and its diagonal is non-negative
  bool variance_known = true;      // false: the Hessian was skipped (css_variance_wanted)
  int regressors = 0;              // 0, 1 or 2 columns: intercept and/or drift
  bool has_intercept = false;
  bool has_drift = false;
  std::vector<double> phi;
  std::vector<double> theta;
  std::vector<double> delta;
  ArimaMethod method = ArimaMethod::kCssMl;  // as run (CSS-ML may fall back to ML)
  int ncond = 0;                             // values CSS conditions on
  double value = 0.0;                        // optimiser's objective at the estimates
  int n_est = 0;                             // estimated coefficients
  bool complete = false;                     // residuals and forecast state filled in
  int n = 0;
  int n_used = 0;
  double ssq = 0.0;
  double loglik = 0.0;
  double aic = 0.0;
  double sigma2 = 0.0;      // as reported: ML (ssq / n_used) or forecast's adjusted estimate
  double sigma2_raw = 0.0;  // as stats::arima reports it: ML ssq / n_used, or the CSS variance
  std::vector<double> residuals;
  std::vector<double> fitted;
  std::vector<double> state;       // a_{n+1} of the ARMA part
  std::vector<double> covariance;  // P_{n+1}
  std::vector<double> tail;        // the last delta.size() values of y − Xβ, oldest first
};

// Fits; throws ErrorException on bad input or when the model cannot be estimated.
ArimaFit fit_arima(const std::vector<double>& y, const ArimaOptions& options,
                   const FitControl& control);

// The final pass once fit.coef, method, ncond, value and n_est are set: log-likelihood, AIC and
// (for CSS) σ²; with complete also the Kalman filter for residuals, σ² and the forecast state
// (arima_forecaster.cpp). Model search skips the second part for the models it discards.
void finish_fit(const std::vector<double>& y, bool complete, ArimaFit& fit);

// forecast's information criteria: npar = estimated coefficients + 1, nstar = n_used.
double arima_aicc(const ArimaFit& fit);
double arima_bic(const ArimaFit& fit);

// Builds fitted forecasters from a fit (ArimaForecaster's constructor is private).
class ArimaAccess {
 public:
  static std::unique_ptr<ArimaForecaster> make(ArimaFit fit);
};

// Regressor value of column col at time index t (0-based): 1 for the intercept, t + 1 for drift.
double regressor(const ArimaFit& fit, int col, int t);

// Coefficient names in R's order: ar1.., ma1.., sar1.., sma1.., intercept, drift.
std::vector<std::string> coefficient_names(const ArimaFit& fit);
// "ARIMA(2,1,1)(0,1,0)[12] with drift", as forecast's arima.string.
std::string arima_label(const ArimaFit& fit);

// ---- Differencing tests for auto selection (arima_unit_root.cpp, arima_stl.cpp) ----

// forecast's is.constant: all.equal(x, rep(x[0], n)) with tolerance 1.5e-8.
bool is_constant(const std::vector<double>& x);
// x_t − x_{t−lag}.
std::vector<double> lag_difference(const std::vector<double>& x, int lag);

struct StlResult {
  std::vector<double> seasonal;
  std::vector<double> trend;
  std::vector<double> remainder;
};
// R's stl(x, s.window) without robustness iterations, every other argument at its default
// (s.degree 0, t.window from the period, l.window the next odd period, jumps window/10).
StlResult stl_decompose(const std::vector<double>& x, int period, int s_window);

// OCSB regression t statistic (forecast::ocsb.test(x, maxlag = 3, lag.method = "AIC")); false
// when the series is too short for the regressions (arima_ocsb.cpp).
bool ocsb_statistic(const std::vector<double>& x, int period, double& statistic);
double ocsb_critical_value(int period);
bool ocsb_rejects(const std::vector<double>& x, int period);

// ---- The augmented state with the differencing (arima_augmented.cpp) ----

// Point forecasts and forecast-error variances (in σ² = 1 units) h = 1..horizon, integrating the
// differencing through the augmented state [ARMA state, last delta.size() levels].
void arima_forecast(const ArimaFit& fit, int horizon, std::vector<double>& mean,
                    std::vector<double>& variance);
// Standardised residuals of the first delta.size() values as R's diffuse filter (κ = 1e6)
// gives them; z is the series net of regression. Needs fit.phi/theta/delta.
std::vector<double> diffuse_start_residuals(const ArimaFit& fit, const std::vector<double>& z);

}  // namespace adpilot::analyze::forecast::detail
