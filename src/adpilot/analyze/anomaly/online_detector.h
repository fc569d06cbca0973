// Online anomaly detection: a detector consumes one series point by point and scores each point
// from the earlier points only, so the same code runs on a live feed and on a stored history
// (the score of point t never changes when later points arrive).
//
// A score is in [0, 1]: a calibrated tail probability on a log scale, so one threshold means the
// same rarity on every series (0.5 ≈ "rarer than once in 10^4 points" for the default detector).
// Detectors are created by name from a DetectorRegistry (detector_registry.h); "seasonal_robust"
// is the default.
//
// Example:
//   DetectorOptions options;
//   options.count_data = true;  // impressions, clicks, conversions
//   auto scores = score_series(timestamps, values, options);
//   if (scores.ok()) { for (const PointScore& p : *scores) { if (p.flagged) { … } } }
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::analyze::anomaly {

enum class Direction : uint8_t { kNone, kUp, kDown };
enum class Severity : uint8_t { kNone, kLow, kMedium, kHigh };

const char* direction_name(Direction direction);  // "none", "up", "down"
const char* severity_name(Severity severity);     // "none", "low", "medium", "high"

struct DetectorOptions {
  // Counts (impressions, clicks, conversions): the expected variance is at least the expected
  // value (Poisson), so a low-volume series does not alarm on small absolute changes.
  bool count_data = false;
  // Seasonal period in points; 0 derives the candidates from the sampling interval (1 day and
  // 7 days of points; 7 for daily data). A positive value is the only seasonal candidate.
  int period = 0;
  // A point is flagged when its score reaches this.
  double flag_threshold = 0.45;
  // Points scored 0 while the detector learns the series (it still learns from them).
  int warmup_points = 14;
};

// Checks ranges; the detectors' constructors assume valid options.
Result<void> validate_options(const DetectorOptions& options);

// What a detector says about one point.
struct PointScore {
  double timestamp = 0.0;  // seconds, as given
  double value = 0.0;
  double score = 0.0;      // [0, 1], from earlier points only
  bool flagged = false;
  double expected = 0.0;   // forecast from earlier points (NaN while warming up)
  double lower = 0.0;      // values inside [lower, upper] are not flagged
  double upper = 0.0;
  Direction direction = Direction::kNone;  // set on flagged points
  Severity severity = Severity::kNone;     // set on flagged points
};

// A point before it is judged: score 0, expected value and range unknown (NaN).
PointScore unscored_point(double timestamp_seconds, double value);

class AnomalyDetector {
 public:
  virtual ~AnomalyDetector() = default;
  virtual std::string name() const = 0;
  // Scores the point from what came before, then learns from it; returns the score in [0, 1].
  // Timestamps should increase; a repeated or slightly earlier one is tolerated. A NaN value is a
  // missing point: it scores 0 and teaches nothing.
  virtual double update(double timestamp_seconds, double value) = 0;
  // The full verdict on the point last passed to update().
  virtual const PointScore& last() const = 0;
};

// Runs a detector over a whole series (t in seconds, y the values) and returns one verdict per
// point. Fails when t and y differ in length.
//   auto detector = registry.create("seasonal_robust", options);
//   auto scores = score_series(**detector, t, y);
Result<std::vector<PointScore>> score_series(AnomalyDetector& detector, const std::vector<double>& t,
                                             const std::vector<double>& y);

// The same with a fresh default ("seasonal_robust") detector.
Result<std::vector<PointScore>> score_series(const std::vector<double>& t,
                                             const std::vector<double>& y,
                                             const DetectorOptions& options);

}  // namespace adpilot::analyze::anomaly
