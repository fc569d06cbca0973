// Derivative-free and quasi-Newton minimisers for model fitting (ETS likelihood, ARIMA exact
// likelihood). Small, dense problems (≤ ~30 parameters), so plain std::vector arithmetic.
#pragma once

#include <functional>
#include <vector>

namespace adpilot::analyze::detail {

using Objective = std::function<double(const std::vector<double>&)>;

struct MinimizeResult {
  std::vector<double> x;
  double value = 0.0;
  int evaluations = 0;
  bool converged = false;
};

struct NelderMeadOptions {
  double initial_step = 0.1;  // relative simplex size (absolute for parameters near 0)
  double tolerance = 1e-8;    // on the spread of the simplex's function values
  int max_evaluations = 2000;
};

// Nelder–Mead (the simplex method R's optim() uses by default), with the standard
// reflection/expansion/contraction/shrink coefficients 1, 2, 0.5, 0.5.
MinimizeResult nelder_mead(const Objective& f, std::vector<double> x0, const NelderMeadOptions& options = {});

struct BfgsOptions {
  double gradient_step = 1e-3;  // central differences, as R's optim(method = "BFGS") with ndeps
  double tolerance = 1e-8;      // relative reduction of the function value
  int max_iterations = 100;
};

// BFGS with numerical gradients and a backtracking line search.
MinimizeResult bfgs(const Objective& f, std::vector<double> x0, const BfgsOptions& options = {});

}  // namespace adpilot::analyze::detail
