// Conditional sum of squares (R's ARIMA_CSS): the starting values of CSS-ML and the criterion
// of auto selection's approximation. Seasonal polynomials are mostly zeros, so the recursion
// runs over the non-zero lags only.
#include <cmath>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

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
  for (int t = ncond; t < n; ++t) {
    double value = w[static_cast<size_t>(t)];
    for (int j : work.ar_terms) {
      value -= phi[static_cast<size_t>(j)] * w[static_cast<size_t>(t - j - 1)];
    }
    // R uses the residuals of the last min(t − ncond, q) steps; earlier ones count as zero.
    for (int j : work.ma_terms) {
      if (j >= t - ncond) {
        break;
      }
      value -= theta[static_cast<size_t>(j)] * residuals[static_cast<size_t>(t - j - 1)];
    }
    residuals[static_cast<size_t>(t)] = value;
    if (!std::isnan(value)) {
      ++count;
      ssq += value * value;
    }
  }
  return count > 0 ? ssq / count : std::nan("");
}

}  // namespace adpilot::analyze::forecast::detail
