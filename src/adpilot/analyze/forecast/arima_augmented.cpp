// The augmented state s = [x (ARMA state, r values), z_{t−1}, …, z_{t−nd}] that carries the
// differencing (R's makeARIMA layout): z_t = x_t[0] + Σ δ_i z_{t−i}. Used twice:
// - forecasting: from the filtered ARMA state, with the last nd levels known exactly;
// - R's diffuse start: stats::arima filters the undifferenced series from a prior with variance
//   κ = 1e6 on the levels and drops the first nd observations from the likelihood. Their
//   residuals (≈ z_t / √κ) still enter forecast's σ² estimate, so they are reproduced here.
#include <algorithm>
#include <cmath>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

class Augmented {
 public:
  explicit Augmented(const ArimaFit& fit)
      : fit_(fit),
        p_(static_cast<int>(fit.phi.size())),
        q_(static_cast<int>(fit.theta.size())),
        r_(std::max(p_, q_ + 1)),
        nd_(static_cast<int>(fit.delta.size())),
        m_(static_cast<size_t>(r_ + nd_)),
        tmp_(m_) {}

  size_t size() const { return m_; }
  int arma_size() const { return r_; }

  // Z s for a vector stored with the given stride.
  double observe(const double* x, size_t stride) const {
    double value = x[0];
    for (int j = 0; j < nd_; ++j) {
      value += fit_.delta[static_cast<size_t>(j)] * x[static_cast<size_t>(r_ + j) * stride];
    }
    return value;
  }
  // x ← T x in place.
  void transition(double* x, size_t stride) {
    const double x0 = x[0];
    for (int i = 0; i < r_; ++i) {
      double value = i + 1 < r_ ? x[static_cast<size_t>(i + 1) * stride] : 0.0;
      if (i < p_) {
        value += fit_.phi[static_cast<size_t>(i)] * x0;
      }
      tmp_[static_cast<size_t>(i)] = value;
    }
    if (nd_ > 0) {
      tmp_[static_cast<size_t>(r_)] = observe(x, stride);
      for (int j = 1; j < nd_; ++j) {
        tmp_[at(r_ + j)] = x[at(r_ + j - 1) * stride];
      }
    }
    for (size_t i = 0; i < m_; ++i) {
      x[i * stride] = tmp_[i];
    }
  }
  // C ← T C Tᵀ + R Rᵀ (R only loads the ARMA block): T on every column, then on every row.
  void propagate(std::vector<double>& c) {
    for (size_t col = 0; col < m_; ++col) {
      transition(c.data() + col, m_);
    }
    for (size_t row = 0; row < m_; ++row) {
      transition(c.data() + row * m_, 1);
    }
    for (int i = 0; i < r_; ++i) {
      for (int j = 0; j < r_; ++j) {
        c[static_cast<size_t>(i) * m_ + static_cast<size_t>(j)] += loading(i) * loading(j);
      }
    }
  }
  // Z C Zᵀ.
  double observe_variance(const std::vector<double>& c) const {
    double v = c[0];
    for (int j = 0; j < nd_; ++j) {
      const double dj = fit_.delta[static_cast<size_t>(j)];
      v += 2.0 * dj * c[at(r_ + j)];
      for (int k = 0; k < nd_; ++k) {
        v += dj * fit_.delta[static_cast<size_t>(k)] *
             c[static_cast<size_t>(r_ + j) * m_ + static_cast<size_t>(r_ + k)];
      }
    }
    return v;
  }

 private:
  double loading(int i) const {
    return i == 0 ? 1.0 : (i <= q_ ? fit_.theta[static_cast<size_t>(i - 1)] : 0.0);
  }

  const ArimaFit& fit_;
  int p_;
  int q_;
  int r_;
  int nd_;
  size_t m_;
  std::vector<double> tmp_;
};

}  // namespace

void arima_forecast(const ArimaFit& fit, int horizon, std::vector<double>& mean,
                    std::vector<double>& variance) {
  Augmented aug(fit);
  const size_t m = aug.size();
  const int r = aug.arma_size();
  const int nd = static_cast<int>(fit.delta.size());
  // Start: the filtered ARMA state and covariance; the last nd levels are known exactly.
  std::vector<double> s(m, 0.0);
  std::copy(fit.state.begin(), fit.state.end(), s.begin());
  for (int j = 0; j < nd; ++j) {
    s[at(r + j)] = fit.tail[at(nd - 1 - j)];
  }
  std::vector<double> c(m * m, 0.0);
  for (int i = 0; i < r; ++i) {
    for (int j = 0; j < r; ++j) {
      c[static_cast<size_t>(i) * m + static_cast<size_t>(j)] = fit.covariance[at(i * r + j)];
    }
  }
  mean.assign(static_cast<size_t>(horizon), 0.0);
  variance.assign(static_cast<size_t>(horizon), 0.0);
  for (int h = 0; h < horizon; ++h) {
    mean[static_cast<size_t>(h)] = aug.observe(s.data(), 1);
    variance[static_cast<size_t>(h)] = aug.observe_variance(c);
    aug.transition(s.data(), 1);
    aug.propagate(c);
  }
  const int narma = fit.orders.narma();
  for (int col = 0; col < fit.regressors; ++col) {
    const double beta = fit.coef[at(narma + col)];
    for (int h = 0; h < horizon; ++h) {
      mean[static_cast<size_t>(h)] += beta * regressor(fit, col, fit.n + h);
    }
  }
}

std::vector<double> diffuse_start_residuals(const ArimaFit& fit, const std::vector<double>& z) {
  constexpr double kKappa = 1e6;  // stats::arima's default kappa
  const int nd = static_cast<int>(fit.delta.size());
  std::vector<double> residuals(static_cast<size_t>(nd), 0.0);
  std::vector<double> q0;
  if (nd == 0 || !stationary_covariance(fit.phi, fit.theta, q0)) {
    return residuals;
  }
  Augmented aug(fit);
  const size_t m = aug.size();
  const auto r = static_cast<size_t>(aug.arma_size());
  std::vector<double> a(m, 0.0);
  std::vector<double> c(m * m, 0.0);
  for (size_t i = 0; i < r; ++i) {
    for (size_t j = 0; j < r; ++j) {
      c[i * m + j] = q0[i * r + j];
    }
  }
  for (size_t i = r; i < m; ++i) {
    c[i * m + i] = kKappa;
  }
  std::vector<double> gain(m);
  for (int t = 0; t < nd && t < static_cast<int>(z.size()); ++t) {
    if (t > 0) {  // R's ARIMA_Like uses the initial covariance as is for the first observation
      aug.transition(a.data(), 1);
      aug.propagate(c);
    }
    const double v = z[static_cast<size_t>(t)] - aug.observe(a.data(), 1);
    for (size_t i = 0; i < m; ++i) {
      gain[i] = aug.observe(c.data() + i * m, 1);  // (C Zᵀ)_i, C symmetric
    }
    const double f = aug.observe(gain.data(), 1);
    residuals[static_cast<size_t>(t)] = v / std::sqrt(f);
    for (size_t i = 0; i < m; ++i) {
      a[i] += gain[i] * v / f;
      for (size_t j = 0; j < m; ++j) {
        c[i * m + j] -= gain[i] * gain[j] / f;
      }
    }
  }
  return residuals;
}

}  // namespace adpilot::analyze::forecast::detail
