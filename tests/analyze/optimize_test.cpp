#include "adpilot/analyze/detail/optimize.h"

#include <gtest/gtest.h>

#include <cmath>

namespace adpilot::analyze::detail {
namespace {

double rosenbrock(const std::vector<double>& x) {
  return 100.0 * std::pow(x[1] - x[0] * x[0], 2) + std::pow(1.0 - x[0], 2);
}

TEST(OptimizeTest, NelderMeadFindsRosenbrockMinimum) {
  NelderMeadOptions options;
  options.max_evaluations = 5000;
  options.tolerance = 1e-14;
  const auto r = nelder_mead(rosenbrock, {-1.2, 1.0}, options);
  EXPECT_NEAR(r.x[0], 1.0, 1e-3);
  EXPECT_NEAR(r.x[1], 1.0, 2e-3);
  EXPECT_LT(r.value, 1e-6);
}

TEST(OptimizeTest, BfgsFindsRosenbrockMinimum) {
  BfgsOptions options;
  options.gradient_step = 1e-6;
  options.max_iterations = 500;
  options.tolerance = 1e-14;
  const auto r = bfgs(rosenbrock, {-1.2, 1.0}, options);
  EXPECT_NEAR(r.x[0], 1.0, 1e-3);
  EXPECT_NEAR(r.x[1], 1.0, 2e-3);
}

TEST(OptimizeTest, NonFiniteRegionsAreAvoided) {
  // log barrier: undefined for x ≤ 0; minimum of x − log x at x = 1.
  auto f = [](const std::vector<double>& x) { return x[0] <= 0 ? NAN : x[0] - std::log(x[0]); };
  EXPECT_NEAR(nelder_mead(f, {3.0}).x[0], 1.0, 1e-3);
  EXPECT_NEAR(bfgs(f, {3.0}).x[0], 1.0, 1e-3);
}

}  // namespace
}  // namespace adpilot::analyze::detail
