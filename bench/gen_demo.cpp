// `adpilot_gen demo`: the bundled sample account (performance, injected anomalies, ad copy).
//
// Each campaign draws from its own random stream (seed mixed with the campaign's index), so
// retuning one campaign leaves every other campaign's rows unchanged.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "csv_out.h"
#include "demo_campaigns.h"
#include "gen_data.h"
#include "gen_random.h"

namespace adpilot::bench {
namespace {

constexpr int kAdsPerCampaign = kDemoAdGroupsPerCampaign * kDemoAdsPerAdGroup;
// The first ad group and the first ad of each group get more traffic; the first ad also has
// the better creative, so per-ad rules have a winner and a loser to tell apart.
constexpr double kAdGroupShare[kDemoAdGroupsPerCampaign] = {1.2, 0.8};
constexpr double kAdShare[kDemoAdsPerAdGroup] = {1.1, 0.9};
constexpr double kAdCtr[kDemoAdsPerAdGroup] = {1.12, 0.88};
// Monday .. Sunday: search dips at the weekend, social feeds are busier then.
constexpr double kGoogleWeekday[7] = {1.05, 1.06, 1.04, 1.02, 0.97, 0.80, 0.86};
constexpr double kMetaWeekday[7] = {0.95, 0.94, 0.95, 0.98, 1.04, 1.16, 1.18};
constexpr double kMinAdImpressions = 500;
constexpr double kMaxAdImpressions = 50000;

struct AdDay {
  int64_t impressions = 0;
  int64_t clicks = 0;
  int64_t cost_cents = 0;
  int64_t conversions = 0;
  int64_t revenue_cents = 0;
};

int64_t to_cents(double dollars) { return static_cast<int64_t>(std::floor(dollars * 100.0 + 0.5)); }

// Product of the factors of every anomaly on this campaign-day and metric (1 = none).
double anomaly_factor(int campaign_idx, int day, std::string_view metric) {
  double factor = 1.0;
  for (const DemoAnomaly& anomaly : kDemoAnomalies) {
    if (anomaly.campaign_idx == campaign_idx && anomaly.metric == metric &&
        day >= anomaly.first_day && day < anomaly.first_day + anomaly.days) {
      factor *= anomaly.factor;
    }
  }
  return factor;
}

// One campaign-day for all its ads. Volume is set first and capped by the budget the way an
// ad platform paces delivery; clicks and conversions are then binomial draws, so a campaign
// with a few dozen clicks shows the day-to-day noise a real one does.
void simulate_campaign_day(const DemoCampaign& campaign, int campaign_idx, int day, int weekday,
                           Rng& rng, AdDay* ads) {
  const bool is_google = campaign.channel == "google_ads";
  const double t = static_cast<double>(day) / (kDemoDays - 1);
  const double weekday_factor = is_google ? kGoogleWeekday[weekday] : kMetaWeekday[weekday];
  const double impression_noise = rng.lognormal_factor(0.08);
  const double ctr_noise = rng.lognormal_factor(0.05);
  const double cvr_noise = rng.lognormal_factor(0.10);
  // Meta bills per thousand impressions at a CPM fixed by the starting CTR and CPC, so a
  // falling CTR shows up as a rising CPC there, as it does on the real platform.
  const double cost_per_impression_meta = campaign.ctr * campaign.cpc;

  double expected_impressions[kAdsPerCampaign];
  double ctr[kAdsPerCampaign];
  double expected_cost = 0.0;
  for (int ad_idx = 0; ad_idx < kAdsPerCampaign; ++ad_idx) {
    const int group_idx = ad_idx / kDemoAdsPerAdGroup;
    const int variant_idx = ad_idx % kDemoAdsPerAdGroup;
    expected_impressions[ad_idx] = campaign.impressions_per_ad * kAdGroupShare[group_idx] *
                                   kAdShare[variant_idx] * weekday_factor * impression_noise;
    ctr[ad_idx] = campaign.ctr * (1.0 + campaign.ctr_trend * t) * kAdCtr[variant_idx] * ctr_noise;
    const double cost_per_impression = is_google ? ctr[ad_idx] * campaign.cpc : cost_per_impression_meta;
    expected_cost += expected_impressions[ad_idx] * cost_per_impression;
  }
  const double budget = static_cast<double>(campaign.budget_cents) / 100.0;
  const double budget_scale = std::min(1.0, 0.97 * budget / expected_cost);

  const double impressions_anomaly = anomaly_factor(campaign_idx, day, "impressions");
  const double clicks_anomaly = anomaly_factor(campaign_idx, day, "clicks");
  const double ctr_anomaly = anomaly_factor(campaign_idx, day, "ctr") * clicks_anomaly;
  // Extra clicks from bots do not buy anything: conversions stay where they were.
  const double cvr_anomaly = anomaly_factor(campaign_idx, day, "conversions") / clicks_anomaly;
  const double cost_anomaly = anomaly_factor(campaign_idx, day, "cost");
  const double revenue_anomaly = anomaly_factor(campaign_idx, day, "revenue");
  const double cvr = campaign.cvr * (1.0 + campaign.cvr_trend * t) * cvr_noise * cvr_anomaly;

  for (int ad_idx = 0; ad_idx < kAdsPerCampaign; ++ad_idx) {
    AdDay& ad = ads[ad_idx];
    const double volume = std::clamp(expected_impressions[ad_idx] * budget_scale,
                                     kMinAdImpressions, kMaxAdImpressions);
    ad.impressions = rng.poisson(volume * impressions_anomaly);
    ad.clicks = rng.binomial(ad.impressions, std::min(0.5, ctr[ad_idx] * ctr_anomaly));
    ad.conversions = rng.binomial(ad.clicks, std::min(0.9, cvr));
    const double price_noise = rng.lognormal_factor(0.06);
    const double cost = is_google
                            ? static_cast<double>(ad.clicks) * campaign.cpc * price_noise
                            : static_cast<double>(ad.impressions) * cost_per_impression_meta * price_noise;
    ad.cost_cents = to_cents(cost * cost_anomaly);
    // Order values are right-skewed around the campaign's AOV; revenue is their sum.
    for (int64_t order = 0; order < ad.conversions; ++order) {
      ad.revenue_cents += to_cents(campaign.aov * revenue_anomaly * rng.lognormal_factor(0.45));
    }
  }
}

bool write_performance(const std::string& path, uint64_t seed, std::vector<DemoCampaignTotals>& totals) {
  const int campaign_count = static_cast<int>(kDemoCampaigns.size());
  // [campaign][day][ad]: simulated campaign by campaign, written date by date like an export.
  std::vector<AdDay> ad_days(static_cast<size_t>(campaign_count) * kDemoDays * kAdsPerCampaign);
  const int64_t start = days_from_civil(kDemoStartYear, kDemoStartMonth, kDemoStartDay);
  for (int campaign_idx = 0; campaign_idx < campaign_count; ++campaign_idx) {
    const DemoCampaign& campaign = kDemoCampaigns[static_cast<size_t>(campaign_idx)];
    uint64_t stream_seed = seed ^ (0x632be59bd9b4e019ULL * static_cast<uint64_t>(campaign_idx + 1));
    Rng rng(splitmix64(stream_seed));
    for (int day = 0; day < kDemoDays; ++day) {
      if (campaign.pause_day >= 0 && day >= campaign.pause_day) {
        continue;  // paused: the rows stay, with zero delivery
      }
      AdDay* ads = &ad_days[(static_cast<size_t>(campaign_idx) * kDemoDays + day) * kAdsPerCampaign];
      simulate_campaign_day(campaign, campaign_idx, day, iso_weekday(start + day), rng, ads);
    }
  }

  OutputFile out(path);
  if (!out.is_open()) {
    std::fprintf(stderr, "error: cannot create %s\n", path.c_str());
    return false;
  }
  out.write(
      "date,account_id,campaign_id,campaign_name,ad_group_id,ad_id,channel,impressions,clicks,"
      "cost,conversions,revenue,budget,status,currency\n");
  totals.assign(kDemoCampaigns.size(), DemoCampaignTotals{});
  for (int day = 0; day < kDemoDays; ++day) {
    const std::string date = format_iso_date(start + day);
    for (int campaign_idx = 0; campaign_idx < campaign_count; ++campaign_idx) {
      const DemoCampaign& campaign = kDemoCampaigns[static_cast<size_t>(campaign_idx)];
      const bool paused = campaign.pause_day >= 0 && day >= campaign.pause_day;
      const std::string budget = cents_text(campaign.budget_cents);
      for (int ad_idx = 0; ad_idx < kAdsPerCampaign; ++ad_idx) {
        const AdDay& ad = ad_days[(static_cast<size_t>(campaign_idx) * kDemoDays + day) * kAdsPerCampaign +
                                  static_cast<size_t>(ad_idx)];
        const int group_idx = ad_idx / kDemoAdsPerAdGroup;
        const int variant_idx = ad_idx % kDemoAdsPerAdGroup;
        out.write(csv_record({date, "acct_demo", campaign.id, campaign.name,
                              demo_ad_group_id(campaign, group_idx),
                              demo_ad_id(campaign, group_idx, variant_idx), campaign.channel,
                              std::to_string(ad.impressions), std::to_string(ad.clicks),
                              cents_text(ad.cost_cents), std::to_string(ad.conversions),
                              cents_text(ad.revenue_cents), budget, paused ? "PAUSED" : "ENABLED",
                              "USD"}));
        DemoCampaignTotals& total = totals[static_cast<size_t>(campaign_idx)];
        total.cost_cents += ad.cost_cents;
        total.conversions += ad.conversions;
        total.revenue_cents += ad.revenue_cents;
      }
    }
  }
  return out.close();
}

bool write_anomalies(const std::string& path) {
  OutputFile out(path);
  if (!out.is_open()) {
    std::fprintf(stderr, "error: cannot create %s\n", path.c_str());
    return false;
  }
  out.write("date,campaign_id,metric,kind,factor\n");
  const int64_t start = days_from_civil(kDemoStartYear, kDemoStartMonth, kDemoStartDay);
  std::vector<std::pair<int, std::string>> rows;
  for (const DemoAnomaly& anomaly : kDemoAnomalies) {
    const DemoCampaign& campaign = kDemoCampaigns[static_cast<size_t>(anomaly.campaign_idx)];
    char factor[32];
    std::snprintf(factor, sizeof factor, "%g", anomaly.factor);
    for (int day = anomaly.first_day; day < anomaly.first_day + anomaly.days; ++day) {
      rows.emplace_back(day, csv_record({format_iso_date(start + day), campaign.id, anomaly.metric,
                                         anomaly.kind, factor}));
    }
  }
  // By date, like the performance file, so a detector's output can be diffed against it.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& row : rows) {
    out.write(row.second);
  }
  return out.close();
}

}  // namespace

bool write_demo_data(const std::string& out_dir, uint64_t seed) {
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::fprintf(stderr, "error: cannot create %s: %s\n", out_dir.c_str(), error.message().c_str());
    return false;
  }
  const std::filesystem::path dir(out_dir);
  std::vector<DemoCampaignTotals> totals;
  std::vector<std::string> flaw_notes;
  if (!write_performance((dir / "performance.csv").string(), seed, totals) ||
      !write_anomalies((dir / "anomalies.csv").string()) ||
      !write_demo_ad_copy((dir / "ad_copy.csv").string(), flaw_notes)) {
    return false;
  }
  return write_demo_readme((dir / "README.md").string(), seed, totals, flaw_notes);
}

}  // namespace adpilot::bench
