// Reading campaign performance from an ad platform's API into the canonical Table (the same
// columns a canonical CSV gives: date, account_id, campaign_id, campaign_name, ad_group_id, …,
// impressions, clicks, cost, conversions, revenue, currency, status, budget — the daily budget,
// as money), so every later stage works the same on synced and on file data.
//
//   auto source = ingest::api::make_source(settings);          // by settings.platform
//   auto table = (*source)->fetch({.since = d0, .until = d1});
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "adpilot/connect/settings.h"
#include "adpilot/core/date.h"
#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::ingest::api {

enum class Level : uint8_t { kCampaign, kAdGroup, kAd };  // Meta: campaign, adset, ad
Result<Level> parse_level(std::string_view text);           // campaign, ad_group (adset), ad
const char* level_name(Level level);

struct FetchRequest {
  Date since = 0;  // both ends included
  Date until = 0;
  Level level = Level::kCampaign;
};

// What a fetch cost on the platform, for the run's summary.
struct Usage {
  int64_t requests = 0;    // HTTP requests sent (pages, retries included)
  int64_t operations = 0;  // Google Ads: operations counted against the daily quota
  int64_t retries = 0;
  std::string note;        // e.g. the last rate-limit header reading, "" when none
};

class MetricSource {
 public:
  virtual ~MetricSource() = default;
  virtual std::string name() const = 0;  // google_ads, meta_ads
  // One row per entity and day with activity, in the canonical columns.
  virtual Result<Table> fetch(const FetchRequest& request) = 0;
  virtual Usage usage() const = 0;
};

// The source for settings.platform (google_ads or meta_ads); an unknown platform is an error
// naming the known ones.
Result<std::unique_ptr<MetricSource>> make_source(const connect::ConnectorSettings& settings);

}  // namespace adpilot::ingest::api
