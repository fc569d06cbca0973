#include "adpilot/analyze/anomaly/detector_registry.h"

#include <gtest/gtest.h>

#include "analyze/anomaly/synthetic.h"

namespace adpilot::analyze::anomaly {
namespace {

TEST(AnomalyRegistry, BuildsTheBuiltInDetectorsByName) {
  const DetectorRegistry registry = make_detector_registry();
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"seasonal_robust", "zscore"}));
  for (const std::string& name : registry.names()) {
    auto detector = registry.create(name, DetectorOptions{});
    ASSERT_TRUE(detector.ok()) << name;
    EXPECT_EQ((*detector)->name(), name);
  }
  auto fallback = registry.create(kDefaultDetector, DetectorOptions{});
  ASSERT_TRUE(fallback.ok());
}

TEST(AnomalyRegistry, UnknownNameListsTheKnownOnes) {
  const DetectorRegistry registry = make_detector_registry();
  auto detector = registry.create("prophet", DetectorOptions{});
  ASSERT_FALSE(detector.ok());
  EXPECT_EQ(detector.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(detector.error().message.find("unknown anomaly detector 'prophet'"), std::string::npos);
  EXPECT_NE(detector.error().message.find("seasonal_robust, zscore"), std::string::npos);
}

TEST(AnomalyRegistry, InvalidOptionsFailCreation) {
  const DetectorRegistry registry = make_detector_registry();
  DetectorOptions options;
  options.flag_threshold = 0.0;
  auto detector = registry.create("seasonal_robust", options);
  ASSERT_FALSE(detector.ok());
  EXPECT_EQ(detector.error().context.option, "flag_threshold");
}

TEST(AnomalyRegistry, ZScoreBaselineFlagsAGrossSpike) {
  const DetectorRegistry registry = make_detector_registry();
  auto detector = registry.create("zscore", DetectorOptions{});
  ASSERT_TRUE(detector.ok());
  testing::Series series = testing::daily_series(60, 3);
  series.y[50] = 1e5;
  auto scores = score_series(**detector, series.t, series.y);
  ASSERT_TRUE(scores.ok());
  EXPECT_TRUE((*scores)[50].flagged);
  EXPECT_GE((*scores)[50].score, 0.0);
  EXPECT_LE((*scores)[50].score, 1.0);
}

}  // namespace
}  // namespace adpilot::analyze::anomaly
