// The fictional advertiser behind data/sample: "Ridgeline Outfitters", an outdoor-gear shop
// with 12 campaigns on two channels. The numbers are chosen so that later stages have clear
// answers: a few campaigns are plainly good (high ROAS), a few plainly bad (CPA far above the
// account median, or spending without a single conversion), one is paused part-way through,
// and the rest sit in between, some improving and some decaying.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace adpilot::bench {

constexpr int kDemoAdGroupsPerCampaign = 2;
constexpr int kDemoAdsPerAdGroup = 2;
constexpr int kDemoDays = 90;  // 2026-08-01 .. 2026-10-29
constexpr int kDemoStartYear = 2026;
constexpr int kDemoStartMonth = 8;
constexpr int kDemoStartDay = 1;

struct DemoCampaign {
  std::string_view id;
  std::string_view name;
  std::string_view channel;  // "google_ads" (billed per click) or "meta_ads" (billed per mille)
  std::array<std::string_view, kDemoAdGroupsPerCampaign> ad_groups;
  double impressions_per_ad;  // an average ad-day before weekday, trend and noise
  double ctr;
  double cpc;  // dollars; Meta's CPM is derived as ctr·cpc·1000 at the start of the period
  double cvr;
  double aov;        // dollars per order
  double ctr_trend;  // relative change of CTR from the first to the last day
  double cvr_trend;  // relative change of CVR from the first to the last day
  int64_t budget_cents;  // daily budget of the whole campaign
  int pause_day;         // day index from which the campaign is PAUSED, -1 = never
  std::string_view role;  // what the sample is meant to show, for the README
};

inline constexpr std::array<DemoCampaign, 12> kDemoCampaigns = {{
    {"cmp_101", "Search - Brand", "google_ads", {"Brand - Core", "Brand - Store Locator"},
     2500, 0.060, 0.45, 0.080, 115, 0.00, 0.05, 40000, -1, "good: brand search, very high ROAS"},
    {"cmp_102", "Search - Tents, Shelters", "google_ads", {"Backpacking Tents", "Family Tents"},
     4000, 0.045, 1.10, 0.050, 145, 0.15, 0.00, 65000, -1,
     "good and budget-limited: high ROAS, spends its whole budget on most days"},
    {"cmp_103", "Search - Hiking Boots", "google_ads", {"Men's Hiking Boots", "Women's Hiking Boots"},
     3000, 0.035, 1.20, 0.035, 120, 0.00, -0.10, 60000, -1, "middling: moderate ROAS, CVR slowly declining"},
    {"cmp_104", "Search - Generic Outdoor", "google_ads", {"Outdoor Gear", "Camping Equipment"},
     6000, 0.015, 2.80, 0.010, 60, -0.05, 0.00, 110000, -1,
     "bad: CPA about ten times the account median, ROAS far below 1"},
    {"cmp_105", "Shopping - All Products", "google_ads", {"Packs", "Stoves"},
     12000, 0.012, 0.55, 0.025, 85, 0.10, 0.30, 45000, -1, "improving: CVR up 30% over the period"},
    {"cmp_106", "Display - Remarketing", "google_ads", {"Cart Visitors", "Past Buyers"},
     30000, 0.005, 0.35, 0.015, 70, -0.30, 0.00, 25000, 61,
     "paused from 2026-10-01 (all zeros afterwards); CTR decaying before that"},
    {"cmp_201", "Prospecting - Lookalike 1%", "meta_ads", {"LAL 1% Purchasers", "LAL 1% Newsletter"},
     20000, 0.011, 0.70, 0.018, 95, -0.35, 0.00, 70000, -1,
     "decaying: creative fatigue, CTR down 35% over the period"},
    {"cmp_202", "Retargeting - Cart Abandoners", "meta_ads", {"Cart - 7 days", "Viewed Product - 30 days"},
     5000, 0.025, 0.60, 0.075, 130, 0.00, 0.00, 35000, -1, "good: retargeting, very high ROAS"},
    {"cmp_203", "Video - Trail Stories", "meta_ads", {"Trail Stories - Hikers", "Trail Stories - Campers"},
     28000, 0.006, 0.35, 0.000, 60, 0.00, 0.00, 35000, -1,
     "bad: spends every day without a single conversion"},
    {"cmp_204", "Winter Jackets Launch", "meta_ads", {"Insulated Jackets", "Rain Shells"},
     8000, 0.018, 0.85, 0.025, 150, 0.40, 0.50, 55000, -1, "improving strongly into the season"},
    {"cmp_205", "Kayak & Paddle", "meta_ads", {"Kayaks", "Paddles & Life Vests"},
     6000, 0.014, 0.90, 0.012, 140, 0.00, -0.40, 35000, -1,
     "decaying: summer product, CVR down 40% into autumn"},
    {"cmp_206", "Summer Clearance", "meta_ads", {"Summer Tops", "Sandals & Water Shoes"},
     10000, 0.020, 0.50, 0.030, 45, 0.00, -0.50, 45000, -1,
     "decaying: CVR halves as the clearance runs out"},
}};

// Ground truth for the anomaly detector: a deviation injected into one campaign on one or
// more consecutive days. factor multiplies the metric's expected value (0 = forced to zero).
struct DemoAnomaly {
  int campaign_idx;
  int first_day;  // day index into the 90-day period
  int days;
  std::string_view metric;  // impressions, ctr, clicks, cost, conversions, revenue
  std::string_view kind;    // spike, drop, zero, outage
  double factor;
  std::string_view story;
};

inline constexpr std::array<DemoAnomaly, 8> kDemoAnomalies = {{
    {2, 18, 1, "cost", "spike", 3.0, "bid-strategy glitch: CPC tripled for a day"},
    {11, 26, 1, "clicks", "spike", 5.0, "bot traffic: five times the clicks, no extra sales"},
    {6, 40, 1, "ctr", "drop", 0.2, "broken ad creative: CTR collapsed to a fifth"},
    {7, 45, 2, "conversions", "zero", 0.0, "tracking tag removed: no conversions for two days"},
    {4, 54, 1, "impressions", "outage", 0.0, "feed disapproved: no impressions for a day"},
    {0, 66, 1, "impressions", "outage", 0.1, "partial outage: a tenth of the usual impressions"},
    {9, 72, 1, "revenue", "spike", 4.0, "bulk order: revenue four times normal"},
    {1, 80, 1, "cost", "spike", 2.5, "overdelivery: spend 2.5 times normal, above budget"},
}};

// "cmp_101" → "ag_101_2" and "ad_101_2_1": ids that read as their place in the hierarchy.
inline std::string demo_ad_group_id(const DemoCampaign& campaign, int ad_group_idx) {
  return "ag_" + std::string(campaign.id.substr(4)) + "_" + std::to_string(ad_group_idx + 1);
}

inline std::string demo_ad_id(const DemoCampaign& campaign, int ad_group_idx, int ad_idx) {
  return "ad_" + std::string(campaign.id.substr(4)) + "_" + std::to_string(ad_group_idx + 1) + "_" +
         std::to_string(ad_idx + 1);
}

}  // namespace adpilot::bench
