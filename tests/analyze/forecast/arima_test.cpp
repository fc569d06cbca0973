// Fixed-order ARIMA fits against R's stats::arima and predict() (fixtures from
// tests/fixtures/r/make_arima_fixtures.R).
#include "adpilot/analyze/forecast/arima.h"

#include <gtest/gtest.h>

#include <cmath>

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
  double rel_tol;     // sigma², forecast mean and standard error
};

std::ostream& operator<<(std::ostream& os, const FixedCase& c) { return os << c.name; }

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
  EXPECT_NEAR(s.sigma2 / f.sigma2, 1.0, c.rel_tol) << f.command;
  auto pred = (*model)->predict_se(static_cast<int>(f.mean.size()));
  ASSERT_TRUE(pred.ok());
  for (size_t h = 0; h < f.mean.size(); ++h) {
    EXPECT_NEAR(pred->mean[h] / f.mean[h], 1.0, c.rel_tol) << "mean h=" << h + 1;
    EXPECT_NEAR(pred->se[h] / f.se[h], 1.0, c.rel_tol) << "se h=" << h + 1;
  }
  // Residuals after the differencing start-up match R's standardised innovations.
  const size_t start = static_cast<size_t>(f.order[1] + f.seasonal[1] * f.period);
  const auto& residuals = (*model)->residuals();
  double worst = 0.0;
  double scale = 0.0;
  for (size_t t = start; t < f.residuals.size(); ++t) {
    worst = std::max(worst, std::fabs(residuals[t] - f.residuals[t]));
    scale = std::max(scale, std::fabs(f.residuals[t]));
  }
  EXPECT_LT(worst, 10 * c.rel_tol * scale) << f.command;
}

INSTANTIATE_TEST_SUITE_P(
    R, ArimaFixedTest,
    ::testing::Values(
        FixedCase{"airline_log_airpassengers", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"airline_usaccdeaths", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"ar1_lh", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"ar2_lakehuron", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"arma11_lakehuron_ml", ArimaMethod::kMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"arma32_lh", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"sar_log_airpassengers", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"sarma_usaccdeaths", ArimaMethod::kCssMl, false, 1e-3, 0.05, 1e-3},
        FixedCase{"drift_wwwusage", ArimaMethod::kCssMl, true, 1e-3, 0.05, 1e-3}),
    [](const ::testing::TestParamInfo<FixedCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace adpilot::analyze::forecast
