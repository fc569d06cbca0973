// Meta's object statuses in adpilot's words and back: adpilot's plans and tables say ENABLED and
// REMOVED (the Google Ads words the rules use) where Meta says ACTIVE and DELETED; PAUSED and
// ARCHIVED are the same on both sides.
#pragma once

#include <string>
#include <string_view>

namespace adpilot::connect::meta_ads {

inline std::string canonical_status(std::string_view meta) {
  if (meta == "ACTIVE") {
    return "ENABLED";
  }
  if (meta == "DELETED") {
    return "REMOVED";
  }
  return std::string(meta);
}

inline std::string meta_status(std::string_view canonical) {
  if (canonical == "ENABLED") {
    return "ACTIVE";
  }
  if (canonical == "REMOVED") {
    return "DELETED";
  }
  return std::string(canonical);
}

}  // namespace adpilot::connect::meta_ads
