// Conditional sum of squares (R's ARIMA_CSS): the starting values of CSS-ML and the criterion
// of auto selection's approximation, and so the hot loop of auto ARIMA on long series. Seasonal
// polynomials are mostly zeros, so the recursion runs over the non-zero lags only; non-seasonal
// orders up to (5, 5) get kernels unrolled at compile time (a third of the search's time).
#include <algorithm>
#include <cmath>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

// The steady-state recursion for AR lags 1..P and MA lags 1..Q with the orders known at compile
// time, so both loops unroll into straight-line code (the non-seasonal models of a search).
template <int P, int Q>
void css_dense(const double* phi, const double* theta, const double* x, double* e, int t, int n,
               double& ssq, int& count) {
  for (; t < n; ++t) {
    double value = x[t];
    for (int k = 0; k < P; ++k) {
      value -= phi[k] * x[t - k - 1];
    }
    for (int k = Q - 1; k >= 0; --k) {
      value -= theta[k] * e[t - k - 1];
    }
    e[t] = value;
    if (!std::isnan(value)) {
      ++count;
      ssq += value * value;
    }
  }
}

constexpr int kDenseMax = 5;  // p, q ≤ 5: auto ARIMA's default limits
using DenseKernel = void (*)(const double*, const double*, const double*, double*, int, int,
                             double&, int&);

template <int P>
DenseKernel dense_kernel_for_q(int q) {
  switch (q) {
    case 0:
      return &css_dense<P, 0>;
    case 1:
      return &css_dense<P, 1>;
    case 2:
      return &css_dense<P, 2>;
    case 3:
      return &css_dense<P, 3>;
    case 4:
      return &css_dense<P, 4>;
    default:
      return &css_dense<P, 5>;
  }
}

// The kernel for p, q within 0..kDenseMax.
DenseKernel dense_kernel(int p, int q) {
  switch (p) {
    case 0:
      return dense_kernel_for_q<0>(q);
    case 1:
      return dense_kernel_for_q<1>(q);
    case 2:
      return dense_kernel_for_q<2>(q);
    case 3:
      return dense_kernel_for_q<3>(q);
    case 4:
      return dense_kernel_for_q<4>(q);
    default:
      return dense_kernel_for_q<5>(q);
  }
}

}  // namespace

void css_difference(const ArimaOrders& orders, const std::vector<double>& z,
                    std::vector<double>& w) {
  const int n = static_cast<int>(z.size());
  w = z;
  for (int i = 0; i < orders.d; ++i) {
    for (int t = n - 1; t > 0; --t) {
      w[static_cast<size_t>(t)] -= w[static_cast<size_t>(t - 1)];
    }
  }
  const int ns = orders.period;
  for (int i = 0; i < orders.sd; ++i) {
    for (int t = n - 1; t >= ns; --t) {
      w[static_cast<size_t>(t)] -= w[static_cast<size_t>(t - ns)];
    }
  }
}

double css_variance(const std::vector<double>& phi, const std::vector<double>& theta,
                    const std::vector<double>& w, int ncond, std::vector<double>& residuals,
                    ArmaWorkspace& work) {
  const int n = static_cast<int>(w.size());
  work.ar_terms.clear();
  work.ma_terms.clear();
  for (int j = 0; j < static_cast<int>(phi.size()); ++j) {
    if (phi[static_cast<size_t>(j)] != 0.0) {
      work.ar_terms.push_back(j);
    }
  }
  for (int j = 0; j < static_cast<int>(theta.size()); ++j) {
    if (theta[static_cast<size_t>(j)] != 0.0) {
      work.ma_terms.push_back(j);
    }
  }
  residuals.assign(static_cast<size_t>(std::max(n, 0)), 0.0);
  double ssq = 0.0;
  int count = 0;
  const double* x = w.data();
  double* e = residuals.data();
  const int n_ar = static_cast<int>(work.ar_terms.size());
  const int n_ma = static_cast<int>(work.ma_terms.size());
  const int* ar = work.ar_terms.data();
  const int* ma = work.ma_terms.data();
  // R uses the residuals of the last min(t − ncond, q) steps; earlier ones count as zero. The
  // MA terms are subtracted oldest first, so the newest residual, which the previous step has
  // only just produced, enters last: one multiply and one subtract per step on the critical
  // path instead of one subtract per MA term (R subtracts newest first; the sums differ in
  // rounding only). Past the first q_last + 1 steps every term is in use and the test goes.
  const int q_last = n_ma > 0 ? ma[n_ma - 1] : -1;
  const int warm_end = std::min(n, ncond + q_last + 1);
  int t = ncond;
  for (; t < warm_end; ++t) {
    double value = x[t];
    for (int k = 0; k < n_ar; ++k) {
      value -= phi[static_cast<size_t>(ar[k])] * x[t - ar[k] - 1];
    }
    for (int k = n_ma - 1; k >= 0; --k) {
      if (ma[k] < t - ncond) {
        value -= theta[static_cast<size_t>(ma[k])] * e[t - ma[k] - 1];
      }
    }
    e[t] = value;
    if (!std::isnan(value)) {
      ++count;
      ssq += value * value;
    }
  }
  // Lags 1..p and 1..q all present (every non-seasonal model): the unrolled kernel.
  const bool dense =
      (n_ar == 0 || ar[n_ar - 1] == n_ar - 1) && (n_ma == 0 || ma[n_ma - 1] == n_ma - 1);
  if (dense && n_ar <= kDenseMax && n_ma <= kDenseMax) {
    dense_kernel(n_ar, n_ma)(phi.data(), theta.data(), x, e, t, n, ssq, count);
    t = n;
  }
  for (; t < n; ++t) {
    double value = x[t];
    for (int k = 0; k < n_ar; ++k) {
      value -= phi[static_cast<size_t>(ar[k])] * x[t - ar[k] - 1];
    }
    for (int k = n_ma - 1; k >= 0; --k) {
      value -= theta[static_cast<size_t>(ma[k])] * e[t - ma[k] - 1];
    }
    e[t] = value;
    if (!std::isnan(value)) {
      ++count;
      ssq += value * value;
    }
  }
  return count > 0 ? ssq / count : std::nan("");
}

}  // namespace adpilot::analyze::forecast::detail
