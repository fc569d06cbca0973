// Fixed-order ARIMA fits against R's stats::arima and predict() (fixtures from
// tests/fixtures/r/make_arima_fixtures.R).
#include "adpilot/analyze/forecast/arima.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "analyze/forecast/arima_fixture.h"

namespace adpilot::analyze::forecast {
namespace {

using testing::ArimaFixture;
using testing::load_arima_fixture;

struct FixedCase {
  const char* name;
  ArimaMethod method;
  bool drift;
  double coef_tol;    // absolute
  double loglik_tol;  // absolute
  double sigma2_tol;  // relative
  double rel_tol;     // forecast mean and standard error, relative
};

std::ostream& operator<<(std::ostream& os, const FixedCase& c) {
  return os << c.name;
}

class ArimaFixedTest : public ::testing::TestWithParam<FixedCase> {};

TEST_P(ArimaFixedTest, MatchesR) {
  const FixedCase& c = GetParam();
  const ArimaFixture f = load_arima_fixture(c.name);
  ArimaOptions options;
  options.order = {f.order[0], f.order[1], f.order[2]};
  options.seasonal = {f.seasonal[0], f.seasonal[1], f.seasonal[2]};
  options.period = f.seasonal[0] + f.seasonal[1] + f.seasonal[2] > 0 ? f.period : 1;
  options.method = c.method;
  options.include_drift = c.drift;
  auto model = ArimaForecaster::create(options);
  ASSERT_TRUE(model.ok()) << model.error().message;
  auto fitted = (*model)->fit(f.data);
  ASSERT_TRUE(fitted.ok()) << fitted.error().message;
  const FitSummary& s = (*model)->summary();
  ASSERT_EQ(s.params.size(), f.coef.size());
  for (const auto& [name, value] : f.coef) {
    ASSERT_TRUE(s.params.count(name)) << name;
    EXPECT_NEAR(s.params.at(name), value, c.coef_tol) << name << " in " << f.command;
  }
  EXPECT_NEAR(s.loglik, f.loglik, c.loglik_tol) << f.command;
  EXPECT_NEAR(s.aic, f.aic, 2 * c.loglik_tol);
  EXPECT_NEAR(s.sigma2 / f.sigma2, 1.0, c.sigma2_tol) << f.command;
  auto pred = (*model)->predict_se(static_cast<int>(f.mean.size()));
  ASSERT_TRUE(pred.ok());
  for (size_t h = 0; h < f.mean.size(); ++h) {
    EXPECT_NEAR(pred->mean[h] / f.mean[h], 1.0, c.rel_tol) << "mean h=" << h + 1;
    EXPECT_NEAR(pred->se[h] / f.se[h], 1.0, c.rel_tol) << "se h=" << h + 1;
  }
  // Residuals, including the diffuse start-up of differenced models, match R's.
  const auto& residuals = (*model)->residuals();
  ASSERT_EQ(residuals.size(), f.residuals.size());
  double worst = 0.0;
  double scale = 0.0;
  for (size_t t = 0; t < f.residuals.size(); ++t) {
    worst = std::max(worst, std::fabs(residuals[t] - f.residuals[t]));
    scale = std::max(scale, std::fabs(f.residuals[t]));
  }
  EXPECT_LT(worst, 10 * c.rel_tol * scale) << f.command;
}

// Tolerances: coefficients 1e-3, log-likelihood 0.05, σ² and forecasts 1e-3 relative. R's
// likelihood for differenced models uses a diffuse prior with κ = 1e6 instead of differencing,
// which moves its log-likelihood by ~3e-3 and σ² by ~5e-5 relative from the exact value here.
//
// sarma_usaccdeaths: the likelihood is flat along sma1 near −1 and R's BFGS stops at
// sma1 = −0.99396; this fit reaches −0.99984, whose likelihood R itself rates higher:
//   arima(USAccDeaths, order = c(1,1,1), seasonal = c(1,1,1), transform.pars = FALSE,
//         fixed = c(0.076723, -0.487234, 0.300746, -0.999842))$loglik  # -424.990744
// against R's own optimum −424.990767. Coefficients and σ² are compared at 1e-2 there; the
// forecasts still agree to 1e-3.
INSTANTIATE_TEST_SUITE_P(
    ArimaVsR, ArimaFixedTest,
    ::testing::Values(
        FixedCase{"airline_log_airpassengers", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"airline_usaccdeaths", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"ar1_lh", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"ar2_lakehuron", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"arma11_lakehuron_ml", ArimaMethod::kMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"arma32_lh", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"sar_log_airpassengers", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"sarma_usaccdeaths", ArimaMethod::kCssMl, false, 1e-2, 0.05, 1e-2, 1e-3},
        FixedCase{"drift_wwwusage", ArimaMethod::kCssMl, true, 1e-3, 0.05, 1e-3, 1e-3},
        FixedCase{"mean_drift_lh", ArimaMethod::kCssMl, true, 1e-3, 0.05, 1e-3, 1e-3}),
    [](const ::testing::TestParamInfo<FixedCase>& param) { return std::string(param.param.name); });

std::unique_ptr<ArimaForecaster> fitted(ArimaOptions options, const std::vector<double>& y) {
  auto model = ArimaForecaster::create(options);
  EXPECT_TRUE(model.ok());
  auto status = (*model)->fit(y);
  EXPECT_TRUE(status.ok()) << status.error().message;
  return std::move(model.value());
}

TEST(ArimaHandTest, RandomWalkForecastIsTheLastValue) {
  // ARIMA(0,1,0) of 1, 3, 2, 5: differences 2, −1, 3, so σ² = (4 + 1 + 9) / 3 and
  // log L = −(n/2)(log 2πσ² + 1) with n = 3; forecasts stay at 5 with variance h·σ².
  ArimaOptions o;
  o.order = {0, 1, 0};
  auto model = fitted(o, {1, 3, 2, 5});
  const double sigma2 = 14.0 / 3.0;
  EXPECT_NEAR(model->summary().sigma2, sigma2, 1e-12);
  EXPECT_NEAR(model->summary().loglik, -1.5 * (std::log(2 * std::numbers::pi * sigma2) + 1), 1e-9);
  EXPECT_EQ(model->summary().model, "ARIMA(0,1,0)");
  auto p = model->predict_se(3);
  ASSERT_TRUE(p.ok());
  for (int h = 1; h <= 3; ++h) {
    EXPECT_NEAR(p->mean[h - 1], 5.0, 1e-12);
    EXPECT_NEAR(p->se[h - 1], std::sqrt(h * sigma2), 1e-9);
  }
}

TEST(ArimaHandTest, SecondDifferencesExtrapolateTheLastSlope) {
  // 1, 2, 4, 7, 11: second differences 1, 1, 1 (σ² = 1); forecasts keep the last slope 4, and
  // the error of y_{n+h} sums ψ_j = j + 1 of 1/(1 − B)², so var_h = Σ_{j≤h} j².
  ArimaOptions o;
  o.order = {0, 2, 0};
  auto model = fitted(o, {1, 2, 4, 7, 11});
  EXPECT_NEAR(model->summary().sigma2, 1.0, 1e-12);
  auto p = model->predict_se(3);
  ASSERT_TRUE(p.ok());
  const double mean[] = {15, 19, 23};
  const double var[] = {1, 5, 14};
  for (int h = 0; h < 3; ++h) {
    EXPECT_NEAR(p->mean[h], mean[h], 1e-9);
    EXPECT_NEAR(p->se[h], std::sqrt(var[h]), 1e-9);
  }
}

TEST(ArimaHandTest, SeasonalDifferenceRepeatsTheLastSeason) {
  // (0,0,0)(0,1,0)[4]: w = y_t − y_{t−4} = 1, 2, 2, −1, σ² = 10 / 4; the forecast repeats the
  // last season, with one more season of error after each full period.
  ArimaOptions o;
  o.seasonal = {0, 1, 0};
  o.period = 4;
  auto model = fitted(o, {1, 2, 3, 4, 2, 4, 5, 3});
  const double sigma2 = 2.5;
  EXPECT_NEAR(model->summary().sigma2, sigma2, 1e-12);
  auto p = model->predict_se(8);
  ASSERT_TRUE(p.ok());
  const double season[] = {2, 4, 5, 3};
  for (int h = 0; h < 8; ++h) {
    EXPECT_NEAR(p->mean[h], season[h % 4], 1e-9);
    const int seasons = h / 4 + 1;  // whole seasons of error so far
    EXPECT_NEAR(p->se[h], std::sqrt(seasons * sigma2), 1e-9);
  }
}

TEST(ArimaHandTest, IntervalsAreNormalQuantilesOfTheStandardError) {
  ArimaOptions o;
  o.order = {0, 1, 0};
  auto model = fitted(o, {1, 3, 2, 5});
  auto fc = model->predict(2, {80, 95});
  ASSERT_TRUE(fc.ok());
  const double se1 = std::sqrt(14.0 / 3.0);
  EXPECT_NEAR(fc->upper[0][0], 5 + 1.2815515655446004 * se1, 1e-8);  // qnorm(0.9)
  EXPECT_NEAR(fc->lower[1][0], 5 - 1.959963984540054 * se1, 1e-8);   // qnorm(0.975)
  EXPECT_EQ(fc->model, "ARIMA(0,1,0)");
}

TEST(ArimaErrorTest, NonFiniteValuesAreRejected) {
  ArimaOptions o;
  o.order = {1, 0, 0};
  auto model = ArimaForecaster::create(o);
  ASSERT_TRUE(model.ok());
  auto status = (*model)->fit({1, 2, std::nan(""), 4, 5});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kData);
  EXPECT_NE(status.error().message.find("value 3 is nan"), std::string::npos)
      << status.error().message;
  status = (*model)->fit({1, 2, INFINITY, 4, 5});
  EXPECT_EQ(status.error().code, ErrorCode::kData);
}

TEST(ArimaErrorTest, TooShortSeriesIsRejected) {
  ArimaOptions o;
  o.order = {2, 1, 2};
  auto model = ArimaForecaster::create(o);
  ASSERT_TRUE(model.ok());
  auto status = (*model)->fit({1, 2, 3, 5, 4});  // 4 differences for 4 coefficients
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kData);
  EXPECT_NE(status.error().message.find("series too short for ARIMA(2,1,2)"), std::string::npos)
      << status.error().message;
  o.order = {0, 0, 0};
  o.seasonal = {0, 1, 0};
  o.period = 12;
  auto seasonal = ArimaForecaster::create(o);
  ASSERT_TRUE(seasonal.ok());
  EXPECT_FALSE((*seasonal)->fit(std::vector<double>(12, 1.0)).ok());
}

TEST(ArimaErrorTest, InvalidOptionsAreRejected) {
  ArimaOptions o;
  o.order = {-1, 0, 0};
  EXPECT_EQ(ArimaForecaster::create(o).error().code, ErrorCode::kInvalidArgument);
  o.order = {0, 0, 0};
  o.seasonal = {1, 0, 0};
  auto no_period = ArimaForecaster::create(o);
  ASSERT_FALSE(no_period.ok());
  EXPECT_NE(no_period.error().message.find("needs a period"), std::string::npos);
  o.seasonal = {};
  o.order = {0, 2, 0};
  o.include_drift = true;
  auto drift = ArimaForecaster::create(o);
  ASSERT_FALSE(drift.ok());
  EXPECT_NE(drift.error().message.find("drift needs at most one difference"), std::string::npos);
}

TEST(ArimaErrorTest, PredictNeedsAFitAndValidArguments) {
  ArimaOptions o;
  o.order = {0, 1, 0};
  auto model = ArimaForecaster::create(o);
  ASSERT_TRUE(model.ok());
  EXPECT_NE((*model)->predict(3, {95}).error().message.find("before fit"), std::string::npos);
  ASSERT_TRUE((*model)->fit({1, 3, 2, 5}).ok());
  EXPECT_EQ((*model)->predict(0, {95}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ((*model)->predict(3, {100}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE((*model)->coefficients().empty());  // no coefficients in a random walk
}

}  // namespace
}  // namespace adpilot::analyze::forecast
