// Copy features per ad (length, sentiment, call to action, number, question, emoji) and how they
// go with CTR and CVR across the account's ads: for each feature, the ads with it against those
// without, each group's rates as ratios of sums with 95% Wilson intervals, and a two-proportion
// test. Performance comes in as plain per-ad counts, so this stage needs no KPI code.
//
// Example:
//   std::vector<nlp::CopyFeatures> features;
//   for (const auto& ad : ads) { features.push_back(nlp::extract_copy_features(ad, compound[ad])); }
//   const nlp::FeatureReport report = nlp::compare_copy_features(features, outcomes);
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/nlp/ad_copy.h"

namespace adpilot::nlp {

struct CopyFeatures {
  std::string ad_id;
  size_t length = 0;          // characters (grapheme clusters) of the visible text
  double sentiment = 0.0;     // the scorer's polarity in [-1, 1]
  bool call_to_action = false;
  bool number = false;
  bool question = false;
  bool emoji = false;
};

CopyFeatures extract_copy_features(const AdCopy& ad, double sentiment);

// The most frequent standalone call to action across the ads ("Shop now", "Order today"), for
// suggestions that add one in the account's own voice; nullopt when no ad has one.
std::optional<std::string> most_common_call_to_action(std::span<const AdCopy> ads);

// One ad's performance over the period analysed.
struct AdOutcome {
  std::string ad_id;
  double impressions = 0.0;
  double clicks = 0.0;
  double conversions = 0.0;
};

struct RateEstimate {
  double successes = 0.0;
  double trials = 0.0;
  std::optional<double> rate;  // successes / trials; nullopt when trials is 0
  std::optional<double> low;   // 95% Wilson interval, on the dispersion-adjusted counts
  std::optional<double> high;
};

struct FeatureGroup {
  std::string label;  // follows "ads": "with a call to action", "longer than 180 characters"
  size_t ads = 0;
  double impressions = 0.0;
  double clicks = 0.0;
  double conversions = 0.0;
  RateEstimate ctr;
  RateEstimate cvr;
};

struct FeatureComparison {
  std::string feature;  // call_to_action, number, question, emoji, length, sentiment
  FeatureGroup with;     // the feature present (for length: longer than the median; for
                         // sentiment: positive)
  FeatureGroup without;
  std::optional<double> ctr_ratio;  // with.ctr / without.ctr
  std::optional<double> ctr_p;      // two-sided p of the two-proportion z test
  std::optional<double> cvr_ratio;
  std::optional<double> cvr_p;
  // Pearson χ²/df of the ads around their group's rate (at least 1). Ads differ in more than
  // their copy, so clicks vary more than a binomial allows; the intervals and tests divide the
  // counts by this (a quasi-binomial correction). 1 means no extra variation.
  double ctr_dispersion = 1.0;
  double cvr_dispersion = 1.0;
};

struct FeatureReport {
  std::vector<FeatureComparison> rows;
  size_t ads_joined = 0;                       // ads with both copy and performance
  std::vector<std::string> ads_without_performance;
  size_t performance_ads_without_copy = 0;
  size_t median_length = 0;
};

// Joins features and outcomes on ad_id (outcomes of one ad may come in several rows; they are
// summed) and compares each feature's groups.
FeatureReport compare_copy_features(std::span<const CopyFeatures> features, std::span<const AdOutcome> outcomes);

// A sentence for a suggestion's reason, e.g. "in this account, ads with a call to action had CTR
// 3.40% against 2.90% for ads without (p = 0.004, 40 and 8 ads)"; nullopt when either group has
// fewer than 3 ads or the rates are undefined.
std::optional<std::string> feature_evidence(const FeatureReport& report, std::string_view feature);

}  // namespace adpilot::nlp
