// What the Google Ads connector spent against the developer token's daily operation quota.
#pragma once

#include <cstdint>
#include <string>

namespace adpilot::connect::google_ads {

// Basic access allows 15,000 operations a day per developer token (Google Ads API "Access
// levels and permissible use"); standard access has no daily cap on operations. A search or
// searchStream request counts as one operation, each operation of a mutate request as one.
inline constexpr int64_t kBasicAccessDailyOperations = 15'000;

struct Usage {
  int64_t requests = 0;        // API requests sent, retries included (not token refreshes)
  int64_t retries = 0;         // of those, repeats after a 429, 5xx or timeout
  int64_t operations = 0;      // counted against the daily quota
  int64_t token_requests = 0;  // OAuth refreshes
};

// "12 operations (0.08% of the 15,000 a day of basic access), 3 requests, 1 retry".
std::string describe_usage(const Usage& usage);

}  // namespace adpilot::connect::google_ads
