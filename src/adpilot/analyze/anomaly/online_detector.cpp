#include "adpilot/analyze/anomaly/online_detector.h"

#include <fmt/format.h>

#include <limits>

#include "adpilot/analyze/anomaly/detail/seasonal_robust.h"

namespace adpilot::analyze::anomaly {

PointScore unscored_point(double timestamp_seconds, double value) {
  PointScore point;
  point.timestamp = timestamp_seconds;
  point.value = value;
  point.expected = std::numeric_limits<double>::quiet_NaN();
  point.lower = point.expected;
  point.upper = point.expected;
  return point;
}

const char* direction_name(Direction direction) {
  switch (direction) {
    case Direction::kUp:
      return "up";
    case Direction::kDown:
      return "down";
    case Direction::kNone:
      break;
  }
  return "none";
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kNone:
      break;
  }
  return "none";
}

Result<void> validate_options(const DetectorOptions& options) {
  if (options.period < 0 || options.period == 1 || options.period > 100000) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("period must be 0 (auto) or 2..100000 points, got {}",
                                  options.period),
                      ErrorContext{"", 0, 0, "", "period"});
  }
  if (!(options.flag_threshold > 0.0 && options.flag_threshold < 1.0)) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("flag threshold must be in (0, 1), got {}", options.flag_threshold),
                      ErrorContext{"", 0, 0, "", "flag_threshold"});
  }
  if (options.warmup_points < 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("warm-up must be >= 0 points, got {}", options.warmup_points),
                      ErrorContext{"", 0, 0, "", "warmup_points"});
  }
  return {};
}

Result<std::vector<PointScore>> score_series(AnomalyDetector& detector, const std::vector<double>& t,
                                             const std::vector<double>& y) {
  if (t.size() != y.size()) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("{} timestamps but {} values", t.size(), y.size()));
  }
  return guard([&]() -> Result<std::vector<PointScore>> {
    std::vector<PointScore> out;
    out.reserve(y.size());
    for (size_t idx = 0; idx < y.size(); ++idx) {
      detector.update(t[idx], y[idx]);
      out.push_back(detector.last());
    }
    return out;
  });
}

Result<std::vector<PointScore>> score_series(const std::vector<double>& t,
                                             const std::vector<double>& y,
                                             const DetectorOptions& options) {
  if (auto valid = validate_options(options); !valid) {
    return valid.error();
  }
  detail::SeasonalRobustDetector detector(options);
  return score_series(detector, t, y);
}

}  // namespace adpilot::analyze::anomaly
