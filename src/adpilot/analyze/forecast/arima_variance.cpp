// Small dense linear algebra for the ARIMA fit: lm()-style least squares for the mean/drift
// starting values, and optim()'s numerical Hessian turned into the coefficient covariance.
#include <cmath>
#include <limits>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

// Gauss–Jordan inverse with partial pivoting (row-major k × k); false when singular.
bool invert(std::vector<double> a, size_t k, std::vector<double>& inv) {
  inv.assign(k * k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    inv[i * k + i] = 1.0;
  }
  for (size_t col = 0; col < k; ++col) {
    size_t pivot = col;
    for (size_t row = col + 1; row < k; ++row) {
      if (std::fabs(a[row * k + col]) > std::fabs(a[pivot * k + col])) {
        pivot = row;
      }
    }
    const double p = a[pivot * k + col];
    if (!(std::fabs(p) > 0.0) || !std::isfinite(p)) {
      return false;
    }
    for (size_t j = 0; j < k; ++j) {
      std::swap(a[col * k + j], a[pivot * k + j]);
      std::swap(inv[col * k + j], inv[pivot * k + j]);
    }
    for (size_t j = 0; j < k; ++j) {
      a[col * k + j] /= p;
      inv[col * k + j] /= p;
    }
    for (size_t row = 0; row < k; ++row) {
      const double factor = a[row * k + col];
      if (row == col || factor == 0.0) {
        continue;
      }
      for (size_t j = 0; j < k; ++j) {
        a[row * k + j] -= factor * a[col * k + j];
        inv[row * k + j] -= factor * inv[col * k + j];
      }
    }
  }
  return true;
}

double one_norm(const std::vector<double>& a, size_t k) {
  double norm = 0.0;
  for (size_t j = 0; j < k; ++j) {
    double sum = 0.0;
    for (size_t i = 0; i < k; ++i) {
      sum += std::fabs(a[i * k + j]);
    }
    norm = std::max(norm, sum);
  }
  return norm;
}

}  // namespace

bool least_squares(const std::vector<double>& dy, const std::vector<std::vector<double>>& dx,
                   std::vector<double>& beta, std::vector<double>& se) {
  const size_t k = dx.size();
  const size_t n = dy.size();
  if (n <= k || k == 0) {
    return false;
  }
  std::vector<double> xtx(k * k, 0.0);
  std::vector<double> xty(k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    for (size_t t = 0; t < n; ++t) {
      xty[i] += dx[i][t] * dy[t];
      for (size_t j = 0; j < k; ++j) {
        xtx[i * k + j] += dx[i][t] * dx[j][t];
      }
    }
  }
  std::vector<double> inv;
  if (!invert(xtx, k, inv) || 1.0 / (one_norm(xtx, k) * one_norm(inv, k)) < 1e-12) {
    return false;  // lm() would drop an aliased column; the caller falls back
  }
  beta.assign(k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      beta[i] += inv[i * k + j] * xty[j];
    }
  }
  double rss = 0.0;
  for (size_t t = 0; t < n; ++t) {
    double e = dy[t];
    for (size_t i = 0; i < k; ++i) {
      e -= beta[i] * dx[i][t];
    }
    rss += e * e;
  }
  const double s2 = rss / static_cast<double>(n - k);
  se.assign(k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    se[i] = std::sqrt(s2 * inv[i * k + i]);
  }
  return true;
}

bool coefficient_variance(const std::function<double(const std::vector<double>&)>& f,
                          const std::vector<double>& x, const std::vector<double>& parscale,
                          const std::vector<double>& jacobian, int n_used,
                          std::vector<double>& var) {
  constexpr double kNdeps = 1e-3;  // optim()'s ndeps
  const size_t k = x.size();
  std::vector<double> probe = x;
  // optim's gradient: central differences with step ndeps · parscale in each coordinate.
  auto gradient = [&](std::vector<double>& g) {
    for (size_t j = 0; j < k; ++j) {
      const double h = kNdeps * parscale[j];
      const double saved = probe[j];
      probe[j] = saved + h;
      const double up = f(probe);
      probe[j] = saved - h;
      const double down = f(probe);
      probe[j] = saved;
      g[j] = (up - down) / (2.0 * h);
    }
  };
  // optimhess: central differences of that gradient with step ndeps, then symmetrised.
  std::vector<double> hessian(k * k);
  std::vector<double> g_up(k);
  std::vector<double> g_down(k);
  for (size_t i = 0; i < k; ++i) {
    const double saved = probe[i];
    probe[i] = saved + kNdeps;
    gradient(g_up);
    probe[i] = saved - kNdeps;
    gradient(g_down);
    probe[i] = saved;
    for (size_t j = 0; j < k; ++j) {
      hessian[i * k + j] = (g_up[j] - g_down[j]) / (2.0 * kNdeps);
    }
  }
  std::vector<double> scaled(k * k);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      scaled[i * k + j] = 0.5 * (hessian[i * k + j] + hessian[j * k + i]) * n_used;
    }
  }
  std::vector<double> inv;
  if (!invert(scaled, k, inv)) {
    return false;
  }
  // R's solve() refuses a reciprocal condition number below machine epsilon.
  if (!(1.0 / (one_norm(scaled, k) * one_norm(inv, k)) >= std::numeric_limits<double>::epsilon())) {
    return false;
  }
  var.assign(k * k, 0.0);  // Aᵀ H⁻¹ A with A[i][j] = ∂coef_j / ∂raw_i
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      double sum = 0.0;
      for (size_t a = 0; a < k; ++a) {
        for (size_t b = 0; b < k; ++b) {
          sum += jacobian[a * k + i] * inv[a * k + b] * jacobian[b * k + j];
        }
      }
      var[i * k + j] = sum;
    }
  }
  return true;
}

void regression_start(const std::vector<double>& y, const ArimaFit& fit, std::vector<double>& beta,
                      std::vector<double>& parscale) {
  std::vector<std::vector<double>> raw(static_cast<size_t>(fit.regressors));
  for (int col = 0; col < fit.regressors; ++col) {
    for (int t = 0; t < fit.n; ++t) {
      raw[static_cast<size_t>(col)].push_back(regressor(fit, col, t));
    }
  }
  std::vector<double> dy = apply_differences(y, fit.delta);
  std::vector<std::vector<double>> dx;
  bool all_zero = true;
  for (const auto& column : raw) {
    dx.push_back(apply_differences(column, fit.delta));
    for (double v : dx.back()) {
      all_zero = all_zero && v == 0.0;
    }
  }
  std::vector<double> se;
  if (all_zero || !least_squares(dy, dx, beta, se)) {
    if (!least_squares(y, raw, beta, se)) {
      beta.assign(raw.size(), 0.0);
      se.assign(raw.size(), 0.1);
    }
  }
  for (double s : se) {
    parscale.push_back(s > 0.0 && std::isfinite(s) ? 10.0 * s : 1.0);
  }
}

}  // namespace adpilot::analyze::forecast::detail
