// Statistical tests behind trends and decisions. Each returns the statistic and a two-sided
// p-value; references in the .cpp.
#pragma once

#include <vector>

namespace adpilot::analyze {

struct TestResult {
  double statistic = 0.0;  // z (or the test's own statistic, see each function)
  double p_value = 1.0;
};

double normal_cdf(double z);
double two_sided_p(double z);

// Two-proportion z-test (pooled), the same as R's prop.test(correct = FALSE): x1/n1 vs x2/n2.
TestResult two_proportion_test(double x1, double n1, double x2, double n2);

// Counts a and b observed over exposures ea and eb (days, cost …): is the rate a/ea different
// from b/eb? Conditional on a + b, a is binomial with p = ea / (ea + eb) under H0; the variance is
// inflated by dispersion (≥ 1) for overdispersed counts (quasi-Poisson).
TestResult rate_test(double a, double ea, double b, double eb, double dispersion = 1.0);

// Var / mean of daily counts, at least 1: the quasi-Poisson dispersion.
double count_dispersion(const std::vector<double>& counts);

// Ratio of sums Σy/Σx over two sets of days, with the ratio estimator's delta-method variance
// from the days (clustered by day): z for R1 − R2.
TestResult ratio_test(const std::vector<double>& y1, const std::vector<double>& x1,
                      const std::vector<double>& y2, const std::vector<double>& x2);

// Welch's two-sample t-test, with the normal approximation of the t distribution's tail
// (adequate for the ≥ 7 days per window we test); statistic is t.
TestResult welch_test(const std::vector<double>& a, const std::vector<double>& b);

struct MannKendall {
  double s = 0.0;
  double variance = 0.0;  // with the tie correction
  double z = 0.0;         // with the continuity correction
  double p_value = 1.0;
  double tau = 0.0;
};
// Mann–Kendall trend test over values in time order (NaN values are skipped).
MannKendall mann_kendall(const std::vector<double>& values);

struct TheilSen {
  double slope = 0.0;      // per step: median of the pairwise slopes
  double intercept = 0.0;  // median of y − slope·x
};
TheilSen theil_sen(const std::vector<double>& values);

// The regularized lower incomplete gamma function P(a, x), a > 0, x ≥ 0.
double regularized_gamma_p(double a, double x);

// Exact (Garwood) two-sided interval for a Poisson mean from an observed count k ≥ 0 at the
// given confidence (0.95): [Γ⁻¹(α/2; k), Γ⁻¹(1−α/2; k+1)], the lower bound 0 when k = 0. Same as
// R's poisson.test(k)$conf.int. Fractional counts (platforms report 2.5 conversions) are taken
// as they are.
struct PoissonInterval {
  double low = 0.0;
  double high = 0.0;
};
PoissonInterval poisson_interval(double k, double confidence);

}  // namespace adpilot::analyze
