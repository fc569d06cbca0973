// ARIMA internals: the stationary covariance, the O(r) Chandrasekhar likelihood against the plain
// Kalman filter, R's parameter transforms, root checks and differencing.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {
namespace {

TEST(ArimaKalmanTest, ThreePointAr1LikelihoodByHand) {
  // AR(1), φ = 0.5, σ² = 1: y_1 ~ N(0, 1/(1 − φ²) = 4/3), y_t | y_{t−1} ~ N(φ y_{t−1}, 1).
  // y = 1, 2, 0.5: innovations 1, 1.5, −0.5 with F = 4/3, 1, 1, so
  // Σ v²/F = 0.75 + 2.25 + 0.25 = 3.25 and Σ log F = log(4/3).
  const std::vector<double> phi = {0.5};
  const std::vector<double> theta;
  const std::vector<double> y = {1.0, 2.0, 0.5};
  ArmaWorkspace work;
  ArmaLikelihood fast;
  ASSERT_TRUE(arma_likelihood(phi, theta, y.data(), 3, work, fast));
  EXPECT_NEAR(fast.ssq, 3.25, 1e-14);
  EXPECT_NEAR(fast.sumlog, std::log(4.0 / 3.0), 1e-14);
  EXPECT_EQ(fast.count, 3);
  ArmaFilterResult full;
  ASSERT_TRUE(arma_filter(phi, theta, y, full));
  EXPECT_NEAR(full.likelihood.ssq, 3.25, 1e-14);
  EXPECT_NEAR(full.residuals[0], 1.0 / std::sqrt(4.0 / 3.0), 1e-14);
  EXPECT_NEAR(full.residuals[2], -0.5, 1e-14);
  // With σ² concentrated out (σ̂² = 3.25 / 3) the Gaussian density of the three values is
  // −(3/2) log 2π − (3/2) log σ̂² − ½ log(4/3) − 3/2, which R's formula reproduces.
  const double s2 = 3.25 / 3.0;
  const double by_hand =
      -1.5 * std::log(2 * std::numbers::pi) - 1.5 * std::log(s2) - 0.5 * std::log(4.0 / 3.0) - 1.5;
  const double value = 0.5 * (std::log(fast.ssq / 3) + fast.sumlog / 3);
  EXPECT_NEAR(-0.5 * (2 * 3 * value + 3 + 3 * std::log(2 * std::numbers::pi)), by_hand, 1e-12);
}

// Q0 = T Q0 Tᵀ + R Rᵀ for Harvey's form with r = max(p, q + 1).
double lyapunov_residual(const std::vector<double>& phi, const std::vector<double>& theta,
                         const std::vector<double>& q0) {
  const int p = static_cast<int>(phi.size());
  const int q = static_cast<int>(theta.size());
  const int r = std::max(p, q + 1);
  auto t = [&](int i, int j) {
    return (j == 0 && i < p ? phi[static_cast<size_t>(i)] : 0.0) + (j == i + 1 ? 1.0 : 0.0);
  };
  auto rr = [&](int i) {
    return i == 0 ? 1.0 : (i <= q ? theta[static_cast<size_t>(i - 1)] : 0.0);
  };
  double worst = 0.0;
  for (int i = 0; i < r; ++i) {
    for (int j = 0; j < r; ++j) {
      double value = rr(i) * rr(j);
      for (int k = 0; k < r; ++k) {
        for (int l = 0; l < r; ++l) {
          value += t(i, k) * q0[at(k * r + l)] * t(j, l);
        }
      }
      worst = std::max(worst, std::fabs(value - q0[at(i * r + j)]));
    }
  }
  return worst;
}

struct ArmaCase {
  std::vector<double> phi;
  std::vector<double> theta;
};

std::vector<ArmaCase> arma_cases() {
  std::vector<double> seasonal_phi;
  std::vector<double> seasonal_theta;
  // AR (1 − 0.4B)(1 − 0.3B¹²) and MA (1 − 0.5B)(1 − 0.6B¹²), expanded as R does.
  ArimaOrders orders;
  orders.p = 1;
  orders.sp = 1;
  orders.q = 1;
  orders.sq = 1;
  orders.period = 12;
  const double coef[] = {0.4, -0.5, 0.3, -0.6};  // ar1, ma1, sar1, sma1
  expand_arma(orders, coef, false, seasonal_phi, seasonal_theta);
  return {{{0.5}, {}},
          {{}, {0.7}},
          {{1.04, -0.25}, {}},
          {{0.74}, {0.32}},
          {{0.04, 0.46, -0.42}, {0.66, -0.11}},
          {{}, {-0.4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.56, 0.224}},
          {seasonal_phi, seasonal_theta}};
}

TEST(ArimaKalmanTest, StationaryCovarianceSolvesTheLyapunovEquation) {
  for (const ArmaCase& c : arma_cases()) {
    std::vector<double> q0;
    ASSERT_TRUE(stationary_covariance(c.phi, c.theta, q0));
    EXPECT_LT(lyapunov_residual(c.phi, c.theta, q0), 1e-10)
        << c.phi.size() << "," << c.theta.size();
  }
  std::vector<double> q0;
  EXPECT_FALSE(stationary_covariance({1.0}, {}, q0));  // a unit root has no stationary state
}

TEST(ArimaKalmanTest, ChandrasekharRecursionsMatchTheFullFilter) {
  std::vector<double> w(150);
  for (size_t t = 0; t < w.size(); ++t) {  // deterministic, irregular
    w[t] = std::sin(0.7 * static_cast<double>(t)) +
           0.3 * std::cos(2.3 * static_cast<double>(t * t % 17));
  }
  for (const ArmaCase& c : arma_cases()) {
    ArmaWorkspace work;
    ArmaLikelihood fast;
    ArmaFilterResult full;
    ASSERT_TRUE(arma_likelihood(c.phi, c.theta, w.data(), static_cast<int>(w.size()), work, fast));
    ASSERT_TRUE(arma_filter(c.phi, c.theta, w, full));
    EXPECT_NEAR(fast.ssq, full.likelihood.ssq, 1e-9 * full.likelihood.ssq);
    EXPECT_NEAR(fast.sumlog, full.likelihood.sumlog, 1e-9);
    EXPECT_EQ(fast.count, full.likelihood.count);
  }
}

TEST(ArimaTransformTest, PacfTransformRoundTripsAndIsStationary) {
  const double raw[] = {0.3, -1.2, 2.0};
  double ar[3];
  double back[3];
  ar_from_pacf(raw, 3, ar);
  EXPECT_TRUE(roots_outside(ar, 3, 1.0));
  pacf_from_ar(ar, 3, back);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(back[i], raw[i], 1e-12);
  }
  // AR(1): the coefficient is tanh of the raw value.
  double one = 0.0;
  const double half = std::atanh(0.5);
  ar_from_pacf(&half, 1, &one);
  EXPECT_NEAR(one, 0.5, 1e-15);
}

TEST(ArimaTransformTest, RootChecksUseTheRadius) {
  const double ar1[] = {0.995};  // root at 1/0.995 ≈ 1.005
  EXPECT_TRUE(roots_outside(ar1, 1, 1.0));
  EXPECT_FALSE(roots_outside(ar1, 1, 1.01));
  const double unit[] = {1.2, -0.2};  // 1 − 1.2B + 0.2B² = (1 − B)(1 − 0.2B)
  EXPECT_FALSE(roots_outside(unit, 2, 1.0));
}

TEST(ArimaTransformTest, MaInversionReflectsRootsInsideTheUnitCircle) {
  double ma1[] = {-2.0};
  invert_ma(ma1, 1);
  EXPECT_NEAR(ma1[0], -0.5, 1e-15);
  // 1 + 2.5B + B² = (1 + 2B)(1 + 0.5B) → (1 + 0.5B)(1 + 0.5B) = 1 + B + 0.25B².
  double ma2[] = {2.5, 1.0};
  invert_ma(ma2, 2);
  EXPECT_NEAR(ma2[0], 1.0, 1e-10);
  EXPECT_NEAR(ma2[1], 0.25, 1e-10);
  double invertible[] = {0.3, 0.1};
  invert_ma(invertible, 2);
  EXPECT_EQ(invertible[0], 0.3);
}

TEST(ArimaTransformTest, DifferencingPolynomialAndItsInverse) {
  // (1 − B)(1 − B⁴) = 1 − B − B⁴ + B⁵, so z_t = w_t + z_{t−1} + z_{t−4} − z_{t−5}.
  const std::vector<double> delta = difference_polynomial(1, 1, 4);
  ASSERT_EQ(delta, (std::vector<double>{1, 0, 0, 1, -1}));
  const std::vector<double> z = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
  const std::vector<double> w = apply_differences(z, delta);
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0], 9 - 5 - 1 + 3);  // z_5 − z_4 − z_1 + z_0
  // Integrating w back from the first five values restores z.
  std::vector<double> rebuilt(z.begin(), z.begin() + 5);
  for (size_t t = 5; t < z.size(); ++t) {
    double value = w[t - 5];
    for (size_t i = 0; i < delta.size(); ++i) {
      value += delta[i] * rebuilt[t - i - 1];
    }
    rebuilt.push_back(value);
  }
  EXPECT_EQ(rebuilt, z);
}

TEST(ArimaTransformTest, SeasonalExpansionMultipliesThePolynomials) {
  ArimaOrders orders;
  orders.p = 1;
  orders.sp = 1;
  orders.q = 1;
  orders.sq = 1;
  orders.period = 4;
  const double coef[] = {0.5, 0.2, 0.3, -0.4};  // ar1, ma1, sar1, sma1
  std::vector<double> phi;
  std::vector<double> theta;
  expand_arma(orders, coef, false, phi, theta);
  // (1 − 0.5B)(1 − 0.3B⁴) = 1 − 0.5B − 0.3B⁴ + 0.15B⁵; (1 + 0.2B)(1 − 0.4B⁴) likewise.
  EXPECT_EQ(phi, (std::vector<double>{0.5, 0, 0, 0.3, -0.15}));
  ASSERT_EQ(theta.size(), 5u);
  EXPECT_NEAR(theta[0], 0.2, 1e-15);
  EXPECT_NEAR(theta[3], -0.4, 1e-15);
  EXPECT_NEAR(theta[4], -0.08, 1e-15);
}

}  // namespace
}  // namespace adpilot::analyze::forecast::detail
