// Starting values for the optimiser, as R's forecast:::initstate() and initparam(). States
// (Hyndman et al. 2008, §2.6.1): seasonal indices from a classical decomposition of the series
// (or, with fewer than three seasons, from a regression on a linear trend and one Fourier pair),
// then level and slope from a straight line through the first (at least ten) seasonally adjusted
// observations. The optimiser refines them, but starting where R starts keeps us in the same
// local optimum as R in most cases.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "adpilot/analyze/forecast/detail/ets_model.h"
#include "adpilot/core/result.h"

namespace adpilot::analyze::forecast::detail {

namespace {

// Seasonal component of stats::decompose(): centred moving average (weights ½,1,…,1,½ for even
// m), the average detrended value at each position in the cycle, normalised to sum 0 (additive)
// or mean 1 (multiplicative). Positions count from the first observation, as in R.
std::vector<double> decompose_seasonal(const std::vector<double>& y, int m, bool multiplicative) {
  const int n = static_cast<int>(y.size());
  const int half = m / 2;
  std::vector<double> sum(static_cast<size_t>(m), 0.0);
  std::vector<int> count(static_cast<size_t>(m), 0);
  for (int t = half; t + half < n; ++t) {
    double trend = 0.0;
    for (int j = -half; j <= half; ++j) {
      const double weight = (m % 2 == 0 && (j == -half || j == half)) ? 0.5 : 1.0;
      trend += weight * y[static_cast<size_t>(t + j)];
    }
    trend /= m;
    const double detrended =
        multiplicative ? y[static_cast<size_t>(t)] / trend : y[static_cast<size_t>(t)] - trend;
    sum[static_cast<size_t>(t % m)] += detrended;
    count[static_cast<size_t>(t % m)] += 1;
  }
  std::vector<double> figure(static_cast<size_t>(m));
  double total = 0.0;
  for (int i = 0; i < m; ++i) {
    figure[static_cast<size_t>(i)] = sum[static_cast<size_t>(i)] / count[static_cast<size_t>(i)];
    total += figure[static_cast<size_t>(i)];
  }
  const double mean = total / m;
  std::vector<double> seasonal(y.size());
  for (int t = 0; t < n; ++t) {
    const double f = figure[static_cast<size_t>(t % m)];
    seasonal[static_cast<size_t>(t)] = multiplicative ? f / mean : f - mean;
  }
  return seasonal;
}

// Least squares by the normal equations (at most four well-scaled columns, so Cholesky is
// plenty). Returns the coefficients.
std::vector<double> least_squares(const std::vector<std::vector<double>>& columns,
                                  const std::vector<double>& y) {
  const size_t k = columns.size();
  std::vector<double> a(k * k, 0.0);
  std::vector<double> b(k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    for (size_t t = 0; t < y.size(); ++t) {
      b[i] += columns[i][t] * y[t];
    }
    for (size_t j = 0; j <= i; ++j) {
      double s = 0.0;
      for (size_t t = 0; t < y.size(); ++t) {
        s += columns[i][t] * columns[j][t];
      }
      a[i * k + j] = s;
      a[j * k + i] = s;
    }
  }
  for (size_t j = 0; j < k; ++j) {  // in-place Cholesky, lower triangle
    double d = a[j * k + j];
    for (size_t p = 0; p < j; ++p) {
      d -= a[j * k + p] * a[j * k + p];
    }
    if (!(d > 0.0)) {
      throw_error(ErrorCode::kData, "cannot compute ETS starting values: the series is degenerate");
    }
    a[j * k + j] = std::sqrt(d);
    for (size_t i = j + 1; i < k; ++i) {
      double s = a[i * k + j];
      for (size_t p = 0; p < j; ++p) {
        s -= a[i * k + p] * a[j * k + p];
      }
      a[i * k + j] = s / a[j * k + j];
    }
  }
  for (size_t i = 0; i < k; ++i) {  // forward then back substitution
    for (size_t p = 0; p < i; ++p) {
      b[i] -= a[i * k + p] * b[p];
    }
    b[i] /= a[i * k + i];
  }
  for (size_t i = k; i-- > 0;) {
    for (size_t p = i + 1; p < k; ++p) {
      b[i] -= a[p * k + i] * b[p];
    }
    b[i] /= a[i * k + i];
  }
  return b;
}

// R's fallback for 1 < n/m < 3: y ~ trend + fourier(y, K = 1). The seasonal "component" is
// what is left after removing the fitted line (not normalised, as in R).
std::vector<double> fourier_seasonal(const std::vector<double>& y, int m, bool multiplicative) {
  const size_t n = y.size();
  std::vector<std::vector<double>> columns(2, std::vector<double>(n));
  std::vector<double> sin_col(n);
  std::vector<double> cos_col(n);
  for (size_t t = 0; t < n; ++t) {
    const double time = static_cast<double>(t + 1);
    columns[0][t] = 1.0;
    columns[1][t] = time;
    sin_col[t] = std::sin(2.0 * std::numbers::pi * time / m);
    cos_col[t] = std::cos(2.0 * std::numbers::pi * time / m);
  }
  if (m != 2) {  // sin(π·t) is identically zero: R drops that column
    columns.push_back(sin_col);
  }
  columns.push_back(cos_col);
  const std::vector<double> coef = least_squares(columns, y);
  std::vector<double> seasonal(n);
  for (size_t t = 0; t < n; ++t) {
    const double line = coef[0] + coef[1] * static_cast<double>(t + 1);
    seasonal[t] = multiplicative ? y[t] / line : y[t] - line;
  }
  return seasonal;
}

}  // namespace

std::vector<double> ets_initial_states(const std::vector<double>& y, const EtsSpec& spec) {
  const size_t n = y.size();
  std::vector<double> out;
  std::vector<double> adjusted = y;  // seasonally adjusted series
  std::vector<double> seeds;         // s1 … s(m−1)
  int m = 1;
  if (spec.has_season()) {
    m = spec.period;
    if (n < 4) {
      throw_error(ErrorCode::kData, "not enough data to estimate seasonal ETS starting values");
    }
    const bool multiplicative = spec.season == EtsKind::kMultiplicative;
    const std::vector<double> seasonal = n < static_cast<size_t>(3 * m)
                                             ? fourier_seasonal(y, m, multiplicative)
                                             : decompose_seasonal(y, m, multiplicative);
    // s1 (newest) is the last position of the first cycle, s(m−1) the second position.
    for (int j = m - 1; j >= 1; --j) {
      seeds.push_back(seasonal[static_cast<size_t>(j)]);
    }
    if (multiplicative) {
      double total = 0.0;
      for (double& s : seeds) {
        s = std::max(s, 0.01);
        total += s;
      }
      if (total > m) {  // keep the implied last index s_m = m − Σ positive
        for (double& s : seeds) {
          s /= total + 0.01 * static_cast<double>(seeds.size());
        }
      }
      for (size_t t = 0; t < n; ++t) {
        adjusted[t] = y[t] / std::max(seasonal[t], 0.01);
      }
    } else {
      for (size_t t = 0; t < n; ++t) {
        adjusted[t] = y[t] - seasonal[t];
      }
    }
  }

  const size_t first = std::min<size_t>(std::max(10, 2 * m), n);
  if (!spec.has_trend()) {
    double sum = 0.0;
    for (size_t t = 0; t < first; ++t) {
      sum += adjusted[t];
    }
    out.push_back(sum / static_cast<double>(first));
  } else {
    // Straight line through (1, a1) … (k, ak): the level at time 0 and the slope.
    double mean_t = 0.0;
    double mean_a = 0.0;
    for (size_t t = 0; t < first; ++t) {
      mean_t += static_cast<double>(t + 1);
      mean_a += adjusted[t];
    }
    mean_t /= static_cast<double>(first);
    mean_a /= static_cast<double>(first);
    double sxy = 0.0;
    double sxx = 0.0;
    for (size_t t = 0; t < first; ++t) {
      const double dt = static_cast<double>(t + 1) - mean_t;
      sxy += dt * (adjusted[t] - mean_a);
      sxx += dt * dt;
    }
    double slope = sxx > 0.0 ? sxy / sxx : 0.0;
    double level = mean_a - slope * mean_t;
    if (std::fabs(level + slope) < 1e-8) {  // R nudges a zero first fit away from zero
      level *= 1.001;
      slope *= 0.999;
    }
    out.push_back(level);
    out.push_back(slope);
  }
  out.insert(out.end(), seeds.begin(), seeds.end());
  return out;
}

// R's initparam() for bounds = "both": a small alpha (smaller still for seasonal data, where the
// seasonal states absorb most of the variation), β and γ near their lower bounds, φ near its
// upper bound.
std::vector<double> ets_initial_parameters(const EtsSpec& spec, const EtsFixed& fixed,
                                           const EtsBounds& bounds, const EtsFree& free) {
  std::vector<double> out;
  const int m = spec.has_season() ? spec.period : 1;
  double alpha = fixed.alpha;
  if (free.alpha) {
    alpha = bounds.lower[0] + 0.2 * (bounds.upper[0] - bounds.lower[0]) / m;
    if (alpha > 1.0 || alpha < 0.0) {
      alpha = bounds.lower[0] + 0.002;
    }
    out.push_back(alpha);
  }
  if (free.beta) {
    const double upper = std::min(bounds.upper[1], alpha);
    double beta = bounds.lower[1] + 0.1 * (upper - bounds.lower[1]);
    if (beta < 0.0 || beta > alpha) {
      beta = alpha - 0.001;
    }
    out.push_back(beta);
  }
  if (free.gamma) {
    const double upper = std::min(bounds.upper[2], 1.0 - alpha);
    double gamma = bounds.lower[2] + 0.05 * (upper - bounds.lower[2]);
    if (gamma < 0.0 || gamma > 1.0 - alpha) {
      gamma = 1.0 - alpha - 0.001;
    }
    out.push_back(gamma);
  }
  if (free.phi) {
    double phi = bounds.lower[3] + 0.99 * (bounds.upper[3] - bounds.lower[3]);
    if (phi < 0.0 || phi > 1.0) {
      phi = bounds.upper[3] - 0.001;
    }
    out.push_back(phi);
  }
  return out;
}

}  // namespace adpilot::analyze::forecast::detail
