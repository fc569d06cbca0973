#include "adpilot/analyze/detail/optimize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace adpilot::analyze::detail {

namespace {

// Non-finite objective values (a parameter outside the model's admissible region) count as +inf
// so the simplex and line search step away from them.
double safe(const Objective& f, const std::vector<double>& x, int& evaluations) {
  ++evaluations;
  const double value = f(x);
  return std::isfinite(value) ? value : std::numeric_limits<double>::infinity();
}

}  // namespace

MinimizeResult nelder_mead(const Objective& f, std::vector<double> x0, const NelderMeadOptions& options) {
  const size_t n = x0.size();
  MinimizeResult result;
  if (n == 0) {
    result.x = x0;
    result.value = safe(f, x0, result.evaluations);
    result.converged = true;
    return result;
  }
  std::vector<std::vector<double>> simplex(n + 1, x0);
  for (size_t i = 0; i < n; ++i) {
    const double step = x0[i] != 0.0 ? options.initial_step * std::fabs(x0[i]) : options.initial_step;
    simplex[i + 1][i] += step;
  }
  std::vector<double> values(n + 1);
  for (size_t i = 0; i <= n; ++i) {
    values[i] = safe(f, simplex[i], result.evaluations);
  }
  std::vector<size_t> order(n + 1);
  std::vector<double> centroid(n);
  std::vector<double> trial(n);
  auto point = [&](double t, const std::vector<double>& worst, std::vector<double>& out) {
    for (size_t j = 0; j < n; ++j) {
      out[j] = centroid[j] + t * (worst[j] - centroid[j]);
    }
  };
  while (result.evaluations < options.max_evaluations) {
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
    const size_t best = order.front();
    const size_t worst = order.back();
    const size_t second = order[n - 1];
    const double spread = std::fabs(values[worst] - values[best]);
    if (std::isfinite(values[worst]) &&
        spread <= options.tolerance * (std::fabs(values[best]) + options.tolerance)) {
      result.converged = true;
      break;
    }
    std::fill(centroid.begin(), centroid.end(), 0.0);
    for (size_t i = 0; i <= n; ++i) {
      if (i == worst) {
        continue;
      }
      for (size_t j = 0; j < n; ++j) {
        centroid[j] += simplex[i][j] / static_cast<double>(n);
      }
    }
    point(-1.0, simplex[worst], trial);  // reflection
    const double reflected = safe(f, trial, result.evaluations);
    if (reflected < values[best]) {
      std::vector<double> expanded(n);
      point(-2.0, simplex[worst], expanded);
      const double expanded_value = safe(f, expanded, result.evaluations);
      if (expanded_value < reflected) {
        simplex[worst] = expanded;
        values[worst] = expanded_value;
      } else {
        simplex[worst] = trial;
        values[worst] = reflected;
      }
      continue;
    }
    if (reflected < values[second]) {
      simplex[worst] = trial;
      values[worst] = reflected;
      continue;
    }
    const bool outside = reflected < values[worst];
    point(outside ? -0.5 : 0.5, simplex[worst], trial);  // contraction
    const double contracted = safe(f, trial, result.evaluations);
    if (contracted < std::min(reflected, values[worst])) {
      simplex[worst] = trial;
      values[worst] = contracted;
      continue;
    }
    for (size_t i = 0; i <= n; ++i) {  // shrink towards the best point
      if (i == best) {
        continue;
      }
      for (size_t j = 0; j < n; ++j) {
        simplex[i][j] = simplex[best][j] + 0.5 * (simplex[i][j] - simplex[best][j]);
      }
      values[i] = safe(f, simplex[i], result.evaluations);
    }
  }
  const auto best = static_cast<size_t>(std::min_element(values.begin(), values.end()) - values.begin());
  result.x = simplex[best];
  result.value = values[best];
  return result;
}

MinimizeResult bfgs(const Objective& f, std::vector<double> x0, const BfgsOptions& options) {
  const size_t n = x0.size();
  MinimizeResult result;
  result.x = std::move(x0);
  result.value = safe(f, result.x, result.evaluations);
  if (n == 0 || !std::isfinite(result.value)) {
    return result;
  }
  auto gradient = [&](const std::vector<double>& x, std::vector<double>& g) {
    std::vector<double> probe = x;
    for (size_t i = 0; i < n; ++i) {
      const double h = options.gradient_step;
      probe[i] = x[i] + h;
      const double up = safe(f, probe, result.evaluations);
      probe[i] = x[i] - h;
      const double down = safe(f, probe, result.evaluations);
      probe[i] = x[i];
      g[i] = std::isfinite(up) && std::isfinite(down) ? (up - down) / (2.0 * h) : 0.0;
    }
  };
  std::vector<double> inverse_hessian(n * n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    inverse_hessian[i * n + i] = 1.0;
  }
  std::vector<double> g(n);
  std::vector<double> g_new(n);
  std::vector<double> direction(n);
  std::vector<double> x_new(n);
  gradient(result.x, g);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    for (size_t i = 0; i < n; ++i) {
      direction[i] = 0.0;
      for (size_t j = 0; j < n; ++j) {
        direction[i] -= inverse_hessian[i * n + j] * g[j];
      }
    }
    double slope = 0.0;
    for (size_t i = 0; i < n; ++i) {
      slope += direction[i] * g[i];
    }
    if (slope >= 0.0) {  // not a descent direction: restart from steepest descent
      std::fill(inverse_hessian.begin(), inverse_hessian.end(), 0.0);
      for (size_t i = 0; i < n; ++i) {
        inverse_hessian[i * n + i] = 1.0;
        direction[i] = -g[i];
      }
      slope = -std::inner_product(g.begin(), g.end(), g.begin(), 0.0);
      if (slope == 0.0) {
        result.converged = true;
        break;
      }
    }
    double step = 1.0;
    double value_new = 0.0;
    bool accepted = false;
    for (int tries = 0; tries < 30; ++tries) {  // Armijo backtracking
      for (size_t i = 0; i < n; ++i) {
        x_new[i] = result.x[i] + step * direction[i];
      }
      value_new = safe(f, x_new, result.evaluations);
      if (value_new <= result.value + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.2;
    }
    if (!accepted) {
      result.converged = true;  // no further decrease along the best direction we have
      break;
    }
    const double reduction = result.value - value_new;
    gradient(x_new, g_new);
    std::vector<double> s(n);
    std::vector<double> y(n);
    double sy = 0.0;
    for (size_t i = 0; i < n; ++i) {
      s[i] = x_new[i] - result.x[i];
      y[i] = g_new[i] - g[i];
      sy += s[i] * y[i];
    }
    result.x = x_new;
    result.value = value_new;
    g = g_new;
    if (reduction <= options.tolerance * (std::fabs(result.value) + options.tolerance)) {
      result.converged = true;
      break;
    }
    if (sy <= 1e-12) {
      continue;  // curvature condition fails: keep the old inverse Hessian
    }
    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
    std::vector<double> hy(n, 0.0);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        hy[i] += inverse_hessian[i * n + j] * y[j];
      }
    }
    const double yhy = std::inner_product(y.begin(), y.end(), hy.begin(), 0.0);
    const double rho = 1.0 / sy;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        inverse_hessian[i * n + j] += rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
      }
    }
  }
  return result;
}

}  // namespace adpilot::analyze::detail
