#include "adpilot/analyze/anomaly/detector_registry.h"

#include <fmt/format.h>

#include "adpilot/analyze/anomaly/detail/seasonal_robust.h"
#include "adpilot/analyze/anomaly/detail/zscore.h"

namespace adpilot::analyze::anomaly {

void DetectorRegistry::add(const std::string& name, DetectorFactory factory) {
  factories_[name] = std::move(factory);
}

Result<std::unique_ptr<AnomalyDetector>> DetectorRegistry::create(
    const std::string& name, const DetectorOptions& options) const {
  const auto found = factories_.find(name);
  if (found == factories_.end()) {
    std::string known;
    for (const auto& [key, factory] : factories_) {
      known += (known.empty() ? "" : ", ") + key;
    }
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("unknown anomaly detector '{}' (known: {})", name, known),
                      ErrorContext{"", 0, 0, "", "detector"});
  }
  if (auto valid = validate_options(options); !valid) {
    return valid.error();
  }
  return found->second(options);
}

std::vector<std::string> DetectorRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [key, factory] : factories_) {
    out.push_back(key);
  }
  return out;
}

DetectorRegistry make_detector_registry() {
  DetectorRegistry registry;
  registry.add("seasonal_robust", [](const DetectorOptions& options) {
    return std::make_unique<detail::SeasonalRobustDetector>(options);
  });
  registry.add("zscore", [](const DetectorOptions& options) {
    return std::make_unique<detail::ZScoreDetector>(options);
  });
  return registry;
}

}  // namespace adpilot::analyze::anomaly
