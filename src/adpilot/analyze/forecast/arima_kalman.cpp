// Exact Gaussian likelihood of a stationary ARMA process through its state-space form.
//
// State (Harvey's form, as R's arima uses): x_t = T x_{t−1} + R e_t, y_t = x_t[0], with
// r = max(p, q + 1), T = [phi | shifted identity], R = (1, θ_1, …, θ_{r−1}), Var(e) = 1 (σ² is
// concentrated out). The filter starts from the stationary covariance Q0 = T Q0 Tᵀ + R Rᵀ, which
// R computes with Gardner et al. (1980); here its first column comes from the ARMA
// autocovariances (a (p + 1)-equation linear system) and the rest from the Lyapunov equation
// read element by element in O(r²). Both are exact; Gardner's method loses accuracy near the
// stationarity boundary, where the two can differ slightly.
//
// Because Q0 solves the Lyapunov equation, P_2 − P_1 has rank one, so the Chandrasekhar
// recursions (Morf, Sidhu & Kailath 1974) run the filter in O(r) per observation (about 10·r
// flops) instead of O(r²), with the same result as the plain filter below.
//
// R filters the undifferenced series with the differencing inside the state and a diffuse prior
// (κ = 1e6) on it; filtering the differenced series is the exact limit of that, and the two
// log-likelihoods differ by O(1/κ), a few 1e-3 on typical data.
#include <algorithm>
#include <cmath>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

constexpr double kDiffuseGain = 1e4;  // R's ARIMA_Like skips observations whose F is this large

// Solves the (m × m, row-major) system in place by Gaussian elimination with partial pivoting;
// the solution replaces rhs. False when singular.
bool solve_in_place(double* a, double* rhs, int m) {
  for (int col = 0; col < m; ++col) {
    int pivot = col;
    for (int row = col + 1; row < m; ++row) {
      if (std::fabs(a[row * m + col]) > std::fabs(a[pivot * m + col])) {
        pivot = row;
      }
    }
    if (!(std::fabs(a[pivot * m + col]) > 1e-300)) {
      return false;
    }
    if (pivot != col) {
      for (int k = 0; k < m; ++k) {
        std::swap(a[col * m + k], a[pivot * m + k]);
      }
      std::swap(rhs[col], rhs[pivot]);
    }
    for (int row = col + 1; row < m; ++row) {
      const double factor = a[row * m + col] / a[col * m + col];
      if (factor == 0.0) {
        continue;
      }
      for (int k = col; k < m; ++k) {
        a[row * m + k] -= factor * a[col * m + k];
      }
      rhs[row] -= factor * rhs[col];
    }
  }
  for (int row = m - 1; row >= 0; --row) {
    double value = rhs[row];
    for (int k = row + 1; k < m; ++k) {
      value -= a[row * m + k] * rhs[k];
    }
    rhs[row] = value / a[row * m + row];
  }
  return true;
}

int state_size(const std::vector<double>& phi, const std::vector<double>& theta) {
  return std::max(static_cast<int>(phi.size()), static_cast<int>(theta.size()) + 1);
}

}  // namespace

bool stationary_first_column(const std::vector<double>& phi, const std::vector<double>& theta,
                             ArmaWorkspace& work) {
  const int p = static_cast<int>(phi.size());
  const int q = static_cast<int>(theta.size());
  const int r = std::max(p, q + 1);
  auto ph = [&](int k) { return k >= 1 && k <= p ? phi[static_cast<size_t>(k - 1)] : 0.0; };
  auto th = [&](int k) {
    return k == 0 ? 1.0 : (k <= q ? theta[static_cast<size_t>(k - 1)] : 0.0);
  };
  // ψ weights: y_t = Σ ψ_j e_{t−j}, so Cov(y_t, e_{t−j}) = ψ_j.
  work.psi.resize(static_cast<size_t>(r));
  for (int j = 0; j < r; ++j) {
    double value = th(j);
    for (int i = 1; i <= std::min(j, p); ++i) {
      value += ph(i) * work.psi[static_cast<size_t>(j - i)];
    }
    work.psi[static_cast<size_t>(j)] = value;
  }
  // c_k = Σ_{j≥k} θ_j ψ_{j−k} = Cov(MA part at t, y_{t−k}); zero beyond q.
  auto rhs = [&](int k) {
    double value = 0.0;
    for (int j = k; j <= q; ++j) {
      value += th(j) * work.psi[static_cast<size_t>(j - k)];
    }
    return value;
  };
  // Autocovariances γ(0..r−1): γ(k) − Σ φ_j γ(|k−j|) = c_k, solved for k = 0..p, then the
  // AR recursion beyond p.
  work.gamma.assign(static_cast<size_t>(std::max(r, p + 1)), 0.0);
  const int m = p + 1;
  work.system.assign(at(m * m), 0.0);
  for (int k = 0; k < m; ++k) {
    work.system[at(k * m + k)] += 1.0;
    for (int j = 1; j <= p; ++j) {
      work.system[at(k * m + std::abs(k - j))] -= ph(j);
    }
    work.gamma[static_cast<size_t>(k)] = rhs(k);
  }
  if (!solve_in_place(work.system.data(), work.gamma.data(), m)) {
    return false;
  }
  for (int k = m; k < r; ++k) {
    double value = rhs(k);
    for (int j = 1; j <= p; ++j) {
      value += ph(j) * work.gamma[static_cast<size_t>(k - j)];
    }
    work.gamma[static_cast<size_t>(k)] = value;
  }
  const double gamma0 = work.gamma[0];
  if (!std::isfinite(gamma0) || gamma0 <= 0.0) {
    return false;
  }
  // x_t[i] = Σ_{j=1}^{r−i} φ_{i+j} y_{t−j} + Σ_{j=0}^{r−1−i} θ_{i+j} e_{t−j}; its covariance with
  // y_t.
  work.column.assign(static_cast<size_t>(r), 0.0);
  work.column[0] = gamma0;
  for (int i = 1; i < r; ++i) {
    double value = 0.0;
    for (int j = 1; j <= r - i; ++j) {
      value += ph(i + j) * work.gamma[static_cast<size_t>(j)];
    }
    for (int j = 0; j <= r - 1 - i; ++j) {
      value += th(i + j) * work.psi[static_cast<size_t>(j)];
    }
    work.column[static_cast<size_t>(i)] = value;
  }
  return true;
}

bool stationary_covariance(const std::vector<double>& phi, const std::vector<double>& theta,
                           std::vector<double>& q0) {
  ArmaWorkspace work;
  if (!stationary_first_column(phi, theta, work)) {
    return false;
  }
  const int p = static_cast<int>(phi.size());
  const int q = static_cast<int>(theta.size());
  const int r = state_size(phi, theta);
  const auto ur = static_cast<size_t>(r);
  auto ph = [&](int k) { return k >= 1 && k <= p ? phi[static_cast<size_t>(k - 1)] : 0.0; };
  auto rr = [&](int i) {
    return i == 0 ? 1.0 : (i <= q ? theta[static_cast<size_t>(i - 1)] : 0.0);
  };
  auto col = [&](int i) { return i < r ? work.column[static_cast<size_t>(i)] : 0.0; };
  const double gamma0 = work.column[0];
  q0.assign(ur * ur, 0.0);
  // x_t[i] = φ_{i+1} y_{t−1} + x_{t−1}[i+1] + R_i e_t, so
  // Q0[i][k] = Q0[i+1][k+1] + φ_{i+1}φ_{k+1}γ0 + φ_{i+1} Q0[0][k+1] + φ_{k+1} Q0[0][i+1] + R_i R_k.
  for (int i = r - 1; i >= 0; --i) {
    for (int k = r - 1; k >= i; --k) {
      double value = ph(i + 1) * ph(k + 1) * gamma0 + ph(i + 1) * col(k + 1) +
                     ph(k + 1) * col(i + 1) + rr(i) * rr(k);
      if (i + 1 < r && k + 1 < r) {
        value += q0[static_cast<size_t>(i + 1) * ur + static_cast<size_t>(k + 1)];
      }
      q0[static_cast<size_t>(i) * ur + static_cast<size_t>(k)] = value;
      q0[static_cast<size_t>(k) * ur + static_cast<size_t>(i)] = value;
    }
  }
  return true;
}

bool arma_likelihood(const std::vector<double>& phi, const std::vector<double>& theta,
                     const double* w, int n, ArmaWorkspace& work, ArmaLikelihood& out) {
  out = ArmaLikelihood{};
  if (!stationary_first_column(phi, theta, work)) {
    return false;
  }
  const int p = static_cast<int>(phi.size());
  const int r = state_size(phi, theta);
  const auto ur = static_cast<size_t>(r);
  work.state.assign(ur, 0.0);
  work.state_next.assign(ur, 0.0);
  work.gain.assign(ur, 0.0);
  work.chandra.assign(ur, 0.0);
  work.chandra_next.assign(ur, 0.0);
  double* a = work.state.data();
  double* a_next = work.state_next.data();
  double* k_gain = work.gain.data();  // K_t = T P_t Zᵀ
  double* wv = work.chandra.data();   // P_{t+1} − P_t = W_t M_t W_tᵀ
  double* wv_next = work.chandra_next.data();
  const double* col = work.column.data();
  double f = col[0];
  for (int i = 0; i < r; ++i) {
    k_gain[i] =
        (i < p ? phi[static_cast<size_t>(i)] * col[0] : 0.0) + (i + 1 < r ? col[i + 1] : 0.0);
    wv[i] = k_gain[i];
  }
  work.ar_terms.clear();
  for (int j = 0; j < p; ++j) {
    if (phi[static_cast<size_t>(j)] != 0.0) {
      work.ar_terms.push_back(j);
    }
  }
  double m = -1.0 / f;
  double log_f = std::log(f);
  bool steady = false;  // once P stops changing, K and F are constant
  for (int t = 0; t < n; ++t) {
    if (!(f > 0.0) || !std::isfinite(f)) {
      return false;
    }
    const double v = w[t] - a[0];
    if (f < kDiffuseGain) {
      out.ssq += v * v / f;
      out.sumlog += log_f;
      ++out.count;
    }
    // a_{t+1} = T a_t + K_t v_t / F_t
    const double a0 = a[0];
    const double scaled = v / f;
    for (int i = 0; i + 1 < r; ++i) {
      a_next[i] = a[i + 1] + k_gain[i] * scaled;
    }
    a_next[r - 1] = k_gain[r - 1] * scaled;
    for (int j : work.ar_terms) {
      a_next[j] += phi[static_cast<size_t>(j)] * a0;
    }
    std::swap(a, a_next);
    if (steady) {
      continue;
    }
    // F_{t+1} = F + M (Z W)², K_{t+1} = K + T W M (Z W), W_{t+1} = T W − K (Z W) / F,
    // M_{t+1} = M F / F_{t+1}.
    const double zw = wv[0];
    const double mzw = m * zw;
    const double zw_f = zw / f;
    for (int i = 0; i + 1 < r; ++i) {
      wv_next[i] = wv[i + 1];
    }
    wv_next[r - 1] = 0.0;
    for (int j : work.ar_terms) {
      wv_next[j] += phi[static_cast<size_t>(j)] * zw;
    }
    double norm = 0.0;
    for (int i = 0; i < r; ++i) {
      const double tw = wv_next[i];
      wv_next[i] = tw - k_gain[i] * zw_f;
      k_gain[i] += tw * mzw;
      norm += wv_next[i] * wv_next[i];
    }
    const double f_next = f + mzw * zw;
    m *= f / f_next;
    f = f_next;
    log_f = std::log(f);
    std::swap(wv, wv_next);
    steady = std::fabs(m) * norm < 1e-15;
  }
  return true;
}

bool arma_filter(const std::vector<double>& phi, const std::vector<double>& theta,
                 const std::vector<double>& w, ArmaFilterResult& out) {
  out = ArmaFilterResult{};
  std::vector<double> pm;
  // The likelihood's callers keep AR parts stationary by construction; this pass also serves
  // CSS estimates, which may not be.
  if (!roots_outside(phi.data(), static_cast<int>(phi.size()), 1.0) ||
      !stationary_covariance(phi, theta, pm)) {
    return false;
  }
  const int p = static_cast<int>(phi.size());
  const int q = static_cast<int>(theta.size());
  const int r = state_size(phi, theta);
  const auto ur = static_cast<size_t>(r);
  auto rr = [&](int i) {
    return i == 0 ? 1.0 : (i <= q ? theta[static_cast<size_t>(i - 1)] : 0.0);
  };
  auto ph = [&](int i) { return i < p ? phi[static_cast<size_t>(i)] : 0.0; };
  std::vector<double> a(ur, 0.0);
  std::vector<double> a_filtered(ur);
  std::vector<double> pf(ur * ur);
  std::vector<double> gain(ur);
  out.residuals.assign(w.size(), 0.0);
  for (size_t t = 0; t < w.size(); ++t) {
    const double f = pm[0];
    if (!(f > 0.0) || !std::isfinite(f)) {
      return false;
    }
    const double v = w[t] - a[0];
    if (f < kDiffuseGain) {
      out.likelihood.ssq += v * v / f;
      out.likelihood.sumlog += std::log(f);
      ++out.likelihood.count;
    }
    out.residuals[t] = v / std::sqrt(f);
    for (size_t i = 0; i < ur; ++i) {
      gain[i] = pm[i * ur];
      a_filtered[i] = a[i] + gain[i] * v / f;
    }
    for (size_t i = 0; i < ur; ++i) {
      for (size_t j = 0; j < ur; ++j) {
        pf[i * ur + j] = pm[i * ur + j] - gain[i] * gain[j] / f;
      }
    }
    // Predict: a = T a_f, P = T P_f Tᵀ + R Rᵀ (the structured product of R's ARIMA_Like).
    for (int i = 0; i < r; ++i) {
      a[static_cast<size_t>(i)] = ph(i) * a_filtered[0] + (i + 1 < r ? a_filtered[at(i + 1)] : 0.0);
    }
    for (int i = 0; i < r; ++i) {
      for (int j = 0; j < r; ++j) {
        double value = rr(i) * rr(j) + ph(i) * ph(j) * pf[0];
        if (i + 1 < r && j + 1 < r) {
          value += pf[static_cast<size_t>(i + 1) * ur + static_cast<size_t>(j + 1)];
        }
        if (j + 1 < r) {
          value += ph(i) * pf[static_cast<size_t>(j + 1) * ur];
        }
        if (i + 1 < r) {
          value += ph(j) * pf[static_cast<size_t>(i + 1) * ur];
        }
        pm[static_cast<size_t>(i) * ur + static_cast<size_t>(j)] = value;
      }
    }
  }
  out.state = std::move(a);
  out.covariance = std::move(pm);
  return true;
}

}  // namespace adpilot::analyze::forecast::detail
