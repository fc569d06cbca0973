// Meta's rate-limit headers and how long to pause before the next call so a sync or an apply
// slows down before Meta starts refusing calls, rather than after.
//
//   X-Business-Use-Case-Usage: {"<business id>": [{"type": "ads_management", "call_count": 28,
//       "total_cputime": 25, "total_time": 25, "estimated_time_to_regain_access": 0}]}
//   X-Ad-Account-Usage: {"acc_id_util_pct": 9.67, "reset_time_duration": 0}
//   X-App-Usage: {"call_count": 2, "total_cputime": 1, "total_time": 1}
// Figures are percentages of the allowance; estimated_time_to_regain_access is in minutes,
// reset_time_duration in seconds.
#pragma once

#include <chrono>
#include <string>

#include "adpilot/net/http.h"

namespace adpilot::connect::meta_ads {

// Pacing starts above this share of any allowance and grows linearly to kMaxPace at 100%.
inline constexpr double kPaceFromPercent = 75.0;
inline constexpr std::chrono::milliseconds kMaxPace{60'000};

struct UsageReading {
  bool present = false;      // any of the headers was there and readable
  double max_percent = 0.0;  // the highest figure of all
  std::string figure;        // which one: "call_count (business 123, ads_management)"
  // Meta says access is blocked for this long (estimated_time_to_regain_access, or the ad
  // account's reset_time_duration while it is at 100%).
  std::chrono::seconds blocked_for{0};
};

// Reads the headers of one response; unreadable header values are ignored (a reading is advice).
UsageReading read_usage(const net::HttpResponse& response);

// The pause before the next call: blocked_for when set, else (max − 75) / 25 · kMaxPace above
// 75%, else zero.
std::chrono::milliseconds pace_for(const UsageReading& reading);

// "call_count (business 123, ads_management) at 91%", for Usage::note; "" without a reading.
std::string describe(const UsageReading& reading);

}  // namespace adpilot::connect::meta_ads
