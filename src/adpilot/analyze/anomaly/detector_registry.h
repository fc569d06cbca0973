// Anomaly detectors by name (STYLE 7): the registry is built once at start-up and passed down.
//
//   const DetectorRegistry registry = make_detector_registry();
//   auto detector = registry.create("seasonal_robust", options);  // Result<unique_ptr<…>>
//
// Built in:
//   "seasonal_robust" (default) — robust seasonal baseline (daily / weekly candidates chosen by
//                                 recent error), outlier-clipped learning, level-shift handler,
//                                 empirical tail calibration of the standardised residual.
//   "zscore"                    — rolling-window z-score, the textbook baseline to compare with.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adpilot/analyze/anomaly/online_detector.h"
#include "adpilot/core/result.h"

namespace adpilot::analyze::anomaly {

inline constexpr const char* kDefaultDetector = "seasonal_robust";

using DetectorFactory = std::function<std::unique_ptr<AnomalyDetector>(const DetectorOptions&)>;

class DetectorRegistry {
 public:
  void add(const std::string& name, DetectorFactory factory);
  // Validates the options, then builds the detector; unknown names list the known ones.
  Result<std::unique_ptr<AnomalyDetector>> create(const std::string& name,
                                                  const DetectorOptions& options) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, DetectorFactory> factories_;
};

// A registry holding the built-in detectors.
DetectorRegistry make_detector_registry();

}  // namespace adpilot::analyze::anomaly
