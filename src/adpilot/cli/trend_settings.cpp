#include "adpilot/cli/trend_settings.h"

#include <cstdlib>

#include "adpilot/cli/series_input.h"

namespace adpilot::cli {

Result<analyze::TrendOptions> trend_options_from(const Settings& settings) {
  analyze::TrendOptions options;
  auto window = parse_days(settings.text("window"), "window");
  if (!window.ok()) {
    return window.error();
  }
  auto direction = parse_days(settings.text("direction-window"), "direction-window");
  if (!direction.ok()) {
    return direction.error();
  }
  options.window_days = *window;
  options.direction_days = *direction;
  options.as_of = settings.date("as-of");
  options.alpha = std::strtod(settings.text("alpha").c_str(), nullptr);
  if (!(options.alpha > 0.0 && options.alpha < 1.0)) {
    return make_error(ErrorCode::kInvalidArgument, "alpha is a probability between 0 and 1",
                      ErrorContext{"", 0, 0, "", "--alpha"});
  }
  if (!settings.list("metrics").empty()) {
    auto metrics = analyze::parse_metrics(settings.list("metrics"));
    if (!metrics.ok()) {
      return metrics.error();
    }
    options.metrics = *metrics;
  }
  return options;
}

}  // namespace adpilot::cli
