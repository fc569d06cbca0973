// Deferred variance checks in auto ARIMA (AutoArimaOptions::defer_variance_checks, on in the
// registry's "arima"): the search must end at exactly the model R's order of checks gives.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "adpilot/analyze/forecast/arima.h"
#include "analyze/forecast/arima_fixture.h"

namespace adpilot::analyze::forecast {
namespace {

void expect_same_model(const std::vector<double>& y, int period) {
  AutoArimaOptions eager;
  eager.period = period;
  AutoArimaOptions deferred = eager;
  deferred.defer_variance_checks = true;
  auto a = auto_arima(y, eager);
  auto b = auto_arima(y, deferred);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(a->model->summary().model, b->model->summary().model);
  const auto ca = a->model->coefficients();
  const auto cb = b->model->coefficients();
  ASSERT_EQ(ca.size(), cb.size());
  for (size_t i = 0; i < ca.size(); ++i) {
    EXPECT_EQ(ca[i].value, cb[i].value) << ca[i].name;  // the same fits, bit for bit
  }
  // Same models visited in the same order; only unchecked criteria may differ.
  ASSERT_EQ(a->candidates.size(), b->candidates.size());
  for (size_t i = 0; i < a->candidates.size(); ++i) {
    EXPECT_EQ(a->candidates[i].order.p, b->candidates[i].order.p);
    EXPECT_EQ(a->candidates[i].order.q, b->candidates[i].order.q);
    EXPECT_EQ(a->candidates[i].seasonal.p, b->candidates[i].seasonal.p);
    EXPECT_EQ(a->candidates[i].seasonal.q, b->candidates[i].seasonal.q);
    if (std::isfinite(a->candidates[i].criterion)) {
      EXPECT_EQ(a->candidates[i].criterion, b->candidates[i].criterion) << i;
    }
  }
  auto fa = a->model->predict(10, {95});
  auto fb = b->model->predict(10, {95});
  ASSERT_TRUE(fa.ok() && fb.ok());
  EXPECT_EQ(fa->mean, fb->mean);
}

// The fixtures long enough for R's approximation (n > 150 or period > 12), where checks defer.
TEST(AutoArimaDeferred, SameModelOnNottem) {
  const auto f = testing::load_arima_fixture("auto_nottem");
  expect_same_model(f.data, f.period);
}

// A long ARMA(2,1) series with drift from a fixed 64-bit LCG (n = 600): many candidates, most of
// them never the best.
TEST(AutoArimaDeferred, SameModelOnALongSeries) {
  std::vector<double> y;
  uint64_t state = 2024;
  double e_prev = 0.0;
  double x1 = 0.0;
  double x2 = 0.0;
  double level = 0.0;
  for (int t = 0; t < 600; ++t) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double e = static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5;
    const double x = 0.6 * x1 - 0.3 * x2 + e + 0.4 * e_prev;
    x2 = x1;
    x1 = x;
    e_prev = e;
    level += 0.05 + x;
    y.push_back(level);
  }
  expect_same_model(y, 1);
}

}  // namespace
}  // namespace adpilot::analyze::forecast
