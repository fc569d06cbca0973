// Forecast mean and variance for class-3 ETS models — multiplicative error and season with no or
// additive (damped) trend — after Hyndman et al. (2008, §6.4) and R's forecast:::class3(). The
// model is y_t = (w1′x)(w2′z)(1 + ε) with linear parts x_t = (F1 + G1 ε)x and z_t = (F2 + G2 ε)z;
// the moments of x z′ follow a recursion in Kronecker form. Matrices are at most 48 × 48
// (2 trend states × period 24), so a few dense products per step are cheap.
#include <cstddef>
#include <vector>

#include "adpilot/analyze/forecast/detail/ets_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

// Small dense row-major matrix; only what the recursion needs.
struct Matrix {
  int rows = 0;
  int cols = 0;
  std::vector<double> v;

  Matrix(int r, int c)
      : rows(r), cols(c), v(static_cast<size_t>(r) * static_cast<size_t>(c), 0.0) {}
  double& at(int i, int j) {
    return v[static_cast<size_t>(i) * static_cast<size_t>(cols) + static_cast<size_t>(j)];
  }
  double at(int i, int j) const {
    return v[static_cast<size_t>(i) * static_cast<size_t>(cols) + static_cast<size_t>(j)];
  }
};

Matrix multiply(const Matrix& a, const Matrix& b) {
  Matrix out(a.rows, b.cols);
  for (int i = 0; i < a.rows; ++i) {
    for (int k = 0; k < a.cols; ++k) {
      const double aik = a.at(i, k);
      if (aik == 0.0) {
        continue;  // the transition matrices are mostly zeros
      }
      for (int j = 0; j < b.cols; ++j) {
        out.at(i, j) += aik * b.at(k, j);
      }
    }
  }
  return out;
}

Matrix transpose(const Matrix& a) {
  Matrix out(a.cols, a.rows);
  for (int i = 0; i < a.rows; ++i) {
    for (int j = 0; j < a.cols; ++j) {
      out.at(j, i) = a.at(i, j);
    }
  }
  return out;
}

Matrix kronecker(const Matrix& a, const Matrix& b) {
  Matrix out(a.rows * b.rows, a.cols * b.cols);
  for (int i = 0; i < a.rows; ++i) {
    for (int j = 0; j < a.cols; ++j) {
      for (int k = 0; k < b.rows; ++k) {
        for (int l = 0; l < b.cols; ++l) {
          out.at(i * b.rows + k, j * b.cols + l) = a.at(i, j) * b.at(k, l);
        }
      }
    }
  }
  return out;
}

// a + s·b, in place.
void add_scaled(Matrix& a, const Matrix& b, double s) {
  for (size_t i = 0; i < a.v.size(); ++i) {
    a.v[i] += s * b.v[i];
  }
}

// A X Aᵀ
Matrix sandwich(const Matrix& a, const Matrix& x) {
  return multiply(multiply(a, x), transpose(a));
}

}  // namespace

void ets_class3(const EtsFit& fit, int h, std::vector<double>& mean,
                std::vector<double>& variance) {
  const EtsSpec& spec = fit.spec;
  const EtsParams& p = fit.params;
  const int m = spec.period;
  const int k = spec.has_trend() ? 2 : 1;
  const double sigma2 = fit.sigma2;

  // Level/trend part. With damping the one-step level is l + φb, so w1 = (1, φ) and both rows of
  // F1 and G1 carry φ. R's class3() uses (1, 1) here, which is exact only for φ = 1; we use the
  // damped form (the point forecasts then agree with ets_point_forecasts at h = 1).
  Matrix h1(1, k);
  Matrix f1(k, k);
  Matrix g1(k, k);
  h1.at(0, 0) = 1.0;
  f1.at(0, 0) = 1.0;
  g1.at(0, 0) = p.alpha;
  if (k == 2) {
    h1.at(0, 1) = p.phi;
    f1.at(0, 1) = p.phi;
    f1.at(1, 1) = p.phi;
    g1.at(0, 1) = p.alpha * p.phi;
    g1.at(1, 0) = p.beta;
    g1.at(1, 1) = p.beta * p.phi;
  }
  // Seasonal part: state (s1 … sm), sm applies next; F2 rotates, G2 updates s1 from sm.
  Matrix h2(1, m);
  Matrix f2(m, m);
  Matrix g2(m, m);
  h2.at(0, m - 1) = 1.0;
  f2.at(0, m - 1) = 1.0;
  for (int i = 1; i < m; ++i) {
    f2.at(i, i - 1) = 1.0;
  }
  g2.at(0, m - 1) = p.gamma;

  // M = x z′ (k × m); vec() below is column-major, matching vec(A X Bᵀ) = (B ⊗ A) vec(X).
  Matrix moment(k, m);
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < m; ++j) {
      moment.at(i, j) =
          fit.final_state[static_cast<size_t>(i)] * fit.final_state[static_cast<size_t>(k + j)];
    }
  }
  const int d = k * m;
  Matrix cov(d, d);
  const Matrix h21 = kronecker(h2, h1);
  const Matrix f21 = kronecker(f2, f1);
  const Matrix g21 = kronecker(g2, g1);
  Matrix kk = kronecker(g2, f1);
  add_scaled(kk, kronecker(f2, g1), 1.0);
  const Matrix f21t = transpose(f21);
  const Matrix g21t = transpose(g21);
  const Matrix h2t = transpose(h2);
  const Matrix f2t = transpose(f2);
  const Matrix g2t = transpose(g2);

  mean.assign(static_cast<size_t>(h), 0.0);
  variance.assign(static_cast<size_t>(h), 0.0);
  for (int step = 0; step < h; ++step) {
    const double mu = multiply(multiply(h1, moment), h2t).at(0, 0);
    mean[static_cast<size_t>(step)] = mu;
    variance[static_cast<size_t>(step)] =
        (1.0 + sigma2) * sandwich(h21, cov).at(0, 0) + sigma2 * mu * mu;

    Matrix outer(d, d);  // vec(M) vec(M)′
    for (int a = 0; a < d; ++a) {
      for (int b = 0; b < d; ++b) {
        outer.at(a, b) = moment.at(a % k, a / k) * moment.at(b % k, b / k);
      }
    }
    Matrix next = sandwich(f21, cov);
    Matrix inner = multiply(multiply(f21, cov), g21t);
    add_scaled(inner, multiply(multiply(g21, cov), f21t), 1.0);
    Matrix cov_plus = cov;
    add_scaled(cov_plus, outer, 1.0);
    add_scaled(inner, sandwich(kk, cov_plus), 1.0);
    Matrix three = cov;
    for (size_t i = 0; i < three.v.size(); ++i) {
      three.v[i] = 3.0 * cov.v[i] + 2.0 * outer.v[i];
    }
    add_scaled(inner, sandwich(g21, three), sigma2);
    add_scaled(next, inner, sigma2);
    cov = std::move(next);

    Matrix next_moment = multiply(multiply(f1, moment), f2t);
    add_scaled(next_moment, multiply(multiply(g1, moment), g2t), sigma2);
    moment = std::move(next_moment);
  }
}

}  // namespace adpilot::analyze::forecast::detail
