// Parameter transforms, seasonal expansion, root checks and differencing for ARIMA models,
// written to reproduce R's stats::arima (arima.c) step for step.
#include <algorithm>
#include <cmath>
#include <complex>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

using Complex = std::complex<double>;

// Fixed buffers hold one AR block (≤ 15 coefficients, checked with the options) or the
// whole [ar, ma, sar, sma] vector (≤ 60).
constexpr int kMaxBlock = 64;

// All roots of c[0] + c[1] z + … + c[n] z^n (c[n] ≠ 0) by the Durand–Kerner iteration. Only
// invert_ma needs actual roots, for polynomials of degree ≤ 5, where this is robust.
std::vector<Complex> polynomial_roots(const std::vector<double>& c) {
  const int n = static_cast<int>(c.size()) - 1;
  std::vector<Complex> roots(static_cast<size_t>(n));
  const Complex seed(0.4, 0.9);  // not a root of unity, so the starting points are distinct
  Complex power(1.0, 0.0);
  for (int i = 0; i < n; ++i) {
    roots[static_cast<size_t>(i)] = power;
    power *= seed;
  }
  auto eval = [&](Complex z) {
    Complex value(c[static_cast<size_t>(n)] / c[static_cast<size_t>(n)], 0.0);
    for (int k = n - 1; k >= 0; --k) {
      value = value * z + c[static_cast<size_t>(k)] / c[static_cast<size_t>(n)];
    }
    return value;
  };
  for (int iteration = 0; iteration < 1000; ++iteration) {
    double change = 0.0;
    for (int i = 0; i < n; ++i) {
      Complex denominator(1.0, 0.0);
      for (int j = 0; j < n; ++j) {
        if (j != i) {
          denominator *= roots[static_cast<size_t>(i)] - roots[static_cast<size_t>(j)];
        }
      }
      const Complex step = eval(roots[static_cast<size_t>(i)]) / denominator;
      roots[static_cast<size_t>(i)] -= step;
      change = std::max(change, std::abs(step));
    }
    if (change < 1e-14) {
      break;
    }
  }
  return roots;
}

}  // namespace

ArimaOrders orders_of(const ArimaOptions& options) {
  ArimaOrders orders;
  orders.p = options.order.p;
  orders.d = options.order.d;
  orders.q = options.order.q;
  orders.sp = options.seasonal.p;
  orders.sd = options.seasonal.d;
  orders.sq = options.seasonal.q;
  orders.period = options.period;
  return orders;
}

void ar_from_pacf(const double* raw, int count, double* ar) {
  ADP_ASSERT(count <= kMaxBlock);
  double work[kMaxBlock] = {};
  for (int j = 0; j < count; ++j) {
    ar[j] = std::tanh(raw[j]);
    work[j] = ar[j];
  }
  for (int j = 1; j < count; ++j) {
    const double a = ar[j];
    for (int k = 0; k < j; ++k) {
      work[k] -= a * ar[j - k - 1];
    }
    for (int k = 0; k < j; ++k) {
      ar[k] = work[k];
    }
  }
}

void pacf_from_ar(const double* ar, int count, double* raw) {
  ADP_ASSERT(count <= kMaxBlock);
  double current[kMaxBlock] = {};
  double work[kMaxBlock] = {};
  std::copy(ar, ar + count, current);
  for (int j = count - 1; j > 0; --j) {
    const double a = current[j];
    for (int k = 0; k < j; ++k) {
      work[k] = (current[k] + a * current[j - k - 1]) / (1.0 - a * a);
    }
    std::copy(work, work + j, current);
  }
  for (int j = 0; j < count; ++j) {
    raw[j] = std::atanh(current[j]);
  }
}

void expand_arma(const ArimaOrders& orders, const double* coef, bool transform,
                 std::vector<double>& phi, std::vector<double>& theta) {
  const int mp = orders.p;
  const int mq = orders.q;
  const int msp = orders.sp;
  const int msq = orders.sq;
  const int ns = orders.period;
  ADP_ASSERT(orders.narma() <= kMaxBlock);
  double params[kMaxBlock] = {};
  for (int i = 0; i < orders.narma(); ++i) {
    params[i] = coef[i];
  }
  if (transform) {
    if (mp > 0) {
      ar_from_pacf(coef, mp, params);
    }
    if (msp > 0) {
      ar_from_pacf(coef + mp + mq, msp, params + mp + mq);
    }
  }
  phi.assign(static_cast<size_t>(orders.ar_degree()), 0.0);
  theta.assign(static_cast<size_t>(orders.ma_degree()), 0.0);
  for (int i = 0; i < mp; ++i) {
    phi[static_cast<size_t>(i)] = params[i];
  }
  for (int i = 0; i < mq; ++i) {
    theta[static_cast<size_t>(i)] = params[i + mp];
  }
  for (int j = 0; j < msp; ++j) {
    const double sar = params[j + mp + mq];
    phi[static_cast<size_t>((j + 1) * ns - 1)] += sar;
    for (int i = 0; i < mp; ++i) {
      phi[at((j + 1) * ns + i)] -= params[i] * sar;
    }
  }
  for (int j = 0; j < msq; ++j) {
    const double sma = params[j + mp + mq + msp];
    theta[static_cast<size_t>((j + 1) * ns - 1)] += sma;
    for (int i = 0; i < mq; ++i) {
      theta[at((j + 1) * ns + i)] += params[i + mp] * sma;
    }
  }
}

void transform_ar_blocks(const ArimaOrders& orders, std::vector<double>& coef, bool to_raw) {
  double out[kMaxBlock];
  auto apply = [&](int offset, int count) {
    if (count == 0) {
      return;
    }
    if (to_raw) {
      pacf_from_ar(coef.data() + offset, count, out);
    } else {
      ar_from_pacf(coef.data() + offset, count, out);
    }
    std::copy(out, out + count, coef.begin() + offset);
  };
  apply(0, orders.p);
  apply(orders.p + orders.q, orders.sp);
}

std::vector<double> transform_jacobian(const ArimaOrders& orders, const std::vector<double>& raw) {
  constexpr double kEps = 1e-3;  // R's ARIMA_Gradtrans step
  const size_t n = raw.size();
  std::vector<double> jacobian(n * n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    jacobian[i * n + i] = 1.0;
  }
  auto block = [&](int offset, int count) {
    if (count == 0) {
      return;
    }
    double w1[kMaxBlock];
    double w2[kMaxBlock];
    double w3[kMaxBlock];
    std::copy(raw.begin() + offset, raw.begin() + offset + count, w1);
    ar_from_pacf(w1, count, w2);
    for (int i = 0; i < count; ++i) {
      w1[i] += kEps;
      ar_from_pacf(w1, count, w3);
      for (int j = 0; j < count; ++j) {
        jacobian[static_cast<size_t>(offset + i) * n + static_cast<size_t>(offset + j)] =
            (w3[j] - w2[j]) / kEps;
      }
      w1[i] -= kEps;
    }
  };
  block(0, orders.p);
  block(orders.p + orders.q, orders.sp);
  return jacobian;
}

bool roots_outside(const double* a, int count, double radius) {
  while (count > 0 && a[count - 1] == 0.0) {
    --count;
  }
  if (count == 0) {
    return true;
  }
  // Roots of 1 − Σ a_k z^k outside |z| = radius ⟺ roots of 1 − Σ a_k radius^k u^k outside the
  // unit circle ⟺ every partial autocorrelation of the step-down recursion is inside (−1, 1).
  std::vector<double> b(static_cast<size_t>(count));
  std::vector<double> work(static_cast<size_t>(count));
  double scale = 1.0;
  for (int k = 0; k < count; ++k) {
    scale *= radius;
    b[static_cast<size_t>(k)] = a[k] * scale;
  }
  for (size_t j = b.size(); j-- > 0;) {
    const double kappa = b[j];
    if (!(std::fabs(kappa) < 1.0)) {
      return false;
    }
    for (size_t k = 0; k < j; ++k) {
      work[k] = (b[k] + kappa * b[j - k - 1]) / (1.0 - kappa * kappa);
    }
    std::copy(work.begin(), work.begin() + static_cast<std::ptrdiff_t>(j), b.begin());
  }
  return true;
}

void invert_ma(double* ma, int count) {
  int q0 = count;
  while (q0 > 0 && ma[q0 - 1] == 0.0) {
    --q0;
  }
  if (q0 == 0) {
    return;
  }
  std::vector<double> poly(static_cast<size_t>(q0) + 1, 1.0);
  for (int i = 0; i < q0; ++i) {
    poly[static_cast<size_t>(i) + 1] = ma[i];
  }
  std::vector<Complex> roots = polynomial_roots(poly);
  bool any_inside = false;
  for (const Complex& root : roots) {
    any_inside = any_inside || std::abs(root) < 1.0;
  }
  if (!any_inside) {
    return;
  }
  if (q0 == 1) {
    ma[0] = 1.0 / ma[0];
    return;
  }
  for (Complex& root : roots) {
    if (std::abs(root) < 1.0) {
      root = 1.0 / root;
    }
  }
  // Π (1 − z / root): the polynomial with constant term 1 and the reflected roots.
  std::vector<Complex> x(1, Complex(1.0, 0.0));
  for (const Complex& root : roots) {
    std::vector<Complex> next(x.size() + 1, Complex(0.0, 0.0));
    for (size_t i = 0; i < x.size(); ++i) {
      next[i] += x[i];
      next[i + 1] -= x[i] / root;
    }
    x = std::move(next);
  }
  for (int i = 0; i < q0; ++i) {
    ma[i] = x[static_cast<size_t>(i) + 1].real();
  }
}

std::vector<double> difference_polynomial(int d, int sd, int period) {
  std::vector<double> poly(1, 1.0);
  auto multiply = [&](int lag) {
    std::vector<double> next(poly.size() + static_cast<size_t>(lag), 0.0);
    for (size_t i = 0; i < poly.size(); ++i) {
      next[i] += poly[i];
      next[i + static_cast<size_t>(lag)] -= poly[i];
    }
    poly = std::move(next);
  };
  for (int i = 0; i < d; ++i) {
    multiply(1);
  }
  for (int i = 0; i < sd; ++i) {
    multiply(period);
  }
  std::vector<double> delta(poly.size() - 1);
  for (size_t i = 1; i < poly.size(); ++i) {
    delta[i - 1] = -poly[i];
  }
  return delta;
}

std::vector<double> apply_differences(const std::vector<double>& z,
                                      const std::vector<double>& delta) {
  const size_t nd = delta.size();
  if (z.size() <= nd) {
    return {};
  }
  std::vector<double> w(z.size() - nd);
  for (size_t t = nd; t < z.size(); ++t) {
    double value = z[t];
    for (size_t i = 0; i < nd; ++i) {
      value -= delta[i] * z[t - i - 1];
    }
    w[t - nd] = value;
  }
  return w;
}

}  // namespace adpilot::analyze::forecast::detail
