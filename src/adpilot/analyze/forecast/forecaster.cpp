#include "adpilot/analyze/forecast/forecaster.h"

#include <fmt/format.h>

namespace adpilot::analyze::forecast {

Result<std::unique_ptr<Forecaster>> ForecasterRegistry::create(const std::string& name,
                                                               const ForecastOptions& options) const {
  const auto it = factories_.find(name);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& [key, factory] : factories_) {
      known += (known.empty() ? "" : ", ") + key;
    }
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("unknown model '{}' (known: {})", name, known),
                      ErrorContext{"", 0, 0, "", "--model"});
  }
  return it->second(options);
}

std::vector<std::string> ForecasterRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [key, factory] : factories_) {
    out.push_back(key);
  }
  return out;
}

}  // namespace adpilot::analyze::forecast
