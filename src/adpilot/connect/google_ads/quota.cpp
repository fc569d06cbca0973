#include "adpilot/connect/google_ads/quota.h"

#include <fmt/format.h>

#include "adpilot/core/format_number.h"

namespace adpilot::connect::google_ads {

std::string describe_usage(const Usage& usage) {
  const double share = 100.0 * static_cast<double>(usage.operations) / static_cast<double>(kBasicAccessDailyOperations);
  return fmt::format("{} operation{} ({:.2f}% of the {} a day of basic access), {} request{}, {} retr{}",
                     usage.operations, usage.operations == 1 ? "" : "s", share,
                     format_count(static_cast<double>(kBasicAccessDailyOperations), 0),
                     usage.requests, usage.requests == 1 ? "" : "s", usage.retries, usage.retries == 1 ? "y" : "ies");
}

}  // namespace adpilot::connect::google_ads
