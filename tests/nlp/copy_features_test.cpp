// Copy features and their association with CTR/CVR: extraction, the join on ad_id, ratios of
// sums, Wilson intervals and the two-proportion test checked by hand.
#include "adpilot/nlp/copy_features.h"

#include <gtest/gtest.h>

#include <cmath>

namespace adpilot::nlp {
namespace {

AdCopy ad_with(const std::string& id, const std::string& text) {
  AdCopy ad;
  ad.ad_id = id;
  ad.platform = Platform::kMeta;
  ad.fields = {{"primary_text", FieldKind::kPrimaryText, text}};
  return ad;
}

const FeatureComparison& row(const FeatureReport& report, const std::string& feature) {
  for (const auto& r : report.rows) {
    if (r.feature == feature) {
      return r;
    }
  }
  throw std::runtime_error("no row " + feature);
}

TEST(CopyFeaturesTest, ExtractsEachFeature) {
  const CopyFeatures f = extract_copy_features(ad_with("a", "Still deciding? Save 30% \xf0\x9f\x8e\x89 Shop now."), 0.4);
  EXPECT_TRUE(f.question);
  EXPECT_TRUE(f.number);
  EXPECT_TRUE(f.emoji);
  EXPECT_TRUE(f.call_to_action);
  EXPECT_EQ(f.length, 36u);
  EXPECT_DOUBLE_EQ(f.sentiment, 0.4);
  const CopyFeatures plain = extract_copy_features(ad_with("b", "Tents and packs."), 0.0);
  EXPECT_FALSE(plain.question || plain.number || plain.emoji || plain.call_to_action);
}

TEST(CopyFeaturesTest, MostCommonCallToActionIsTheAccountsOwn) {
  const std::vector<AdCopy> ads = {ad_with("a", "Boots. Shop now."), ad_with("b", "Tents. Order today."),
                                   ad_with("c", "Packs. Shop now.")};
  EXPECT_EQ(most_common_call_to_action(ads), "Shop now");
  EXPECT_FALSE(most_common_call_to_action(std::vector<AdCopy>{ad_with("d", "Tents.")}));
}

TEST(CopyFeaturesTest, ComparesGroupsAsRatiosOfSumsWithATest) {
  // Three ads with a question, three without; outcomes split over two rows for one ad.
  std::vector<CopyFeatures> features;
  for (int i = 0; i < 6; ++i) {
    CopyFeatures f;
    f.ad_id = "ad" + std::to_string(i);
    f.question = i < 3;
    f.length = static_cast<size_t>(10 * (i + 1));
    features.push_back(f);
  }
  std::vector<AdOutcome> outcomes = {
      {"ad0", 1000, 50, 5},  {"ad1", 1000, 60, 6}, {"ad2", 500, 20, 1}, {"ad2", 500, 20, 1},
      {"ad3", 1000, 30, 3},  {"ad4", 1000, 30, 3}, {"ad5", 1000, 30, 3}, {"ad9", 999, 9, 9}};
  const FeatureReport report = compare_copy_features(features, outcomes);
  EXPECT_EQ(report.ads_joined, 6u);
  EXPECT_EQ(report.performance_ads_without_copy, 1u);
  const auto& q = row(report, "question");
  EXPECT_EQ(q.with.ads, 3u);
  EXPECT_EQ(q.without.ads, 3u);
  EXPECT_DOUBLE_EQ(q.with.clicks, 150.0);
  ASSERT_TRUE(q.with.ctr.rate && q.without.ctr.rate);
  EXPECT_DOUBLE_EQ(*q.with.ctr.rate, 0.05);     // 150 / 3000
  EXPECT_DOUBLE_EQ(*q.without.ctr.rate, 0.03);  // 90 / 3000
  EXPECT_NEAR(*q.ctr_ratio, 5.0 / 3.0, 1e-12);
  // Two-proportion z by hand, scaled by the dispersion the ads show.
  const double pooled = 240.0 / 6000.0;
  const double z = (0.05 - 0.03) / std::sqrt(pooled * (1 - pooled) * (2.0 / 3000.0) * q.ctr_dispersion);
  EXPECT_NEAR(*q.ctr_p, std::erfc(z / std::sqrt(2.0)), 1e-12);
  EXPECT_GE(q.ctr_dispersion, 1.0);
  ASSERT_TRUE(q.with.ctr.low && q.with.ctr.high);
  EXPECT_LT(*q.with.ctr.low, 0.05);
  EXPECT_GT(*q.with.ctr.high, 0.05);
  // The length split is at the median (40): 50 and 60 are longer.
  EXPECT_EQ(report.median_length, 40u);
  EXPECT_EQ(row(report, "length").with.ads, 2u);
  // Evidence sentences quote the figures.
  const auto evidence = feature_evidence(report, "question");
  ASSERT_TRUE(evidence);
  EXPECT_NE(evidence->find("CTR 5.00% against 3.00%"), std::string::npos) << *evidence;
  EXPECT_FALSE(feature_evidence(report, "emoji"));  // no ad has emoji: nothing to compare
}

TEST(CopyFeaturesTest, HomogeneousAdsHaveNoExtraDispersion) {
  std::vector<CopyFeatures> features(4);
  std::vector<AdOutcome> outcomes;
  for (int i = 0; i < 4; ++i) {
    features[i].ad_id = "ad" + std::to_string(i);
    features[i].call_to_action = i % 2 == 0;
    outcomes.push_back({features[i].ad_id, 10000, 400, 40});
  }
  const FeatureReport report = compare_copy_features(features, outcomes);
  const auto& cta = row(report, "call_to_action");
  EXPECT_DOUBLE_EQ(cta.ctr_dispersion, 1.0);
  EXPECT_NEAR(*cta.ctr_p, 1.0, 1e-12);
  EXPECT_NEAR(*cta.ctr_ratio, 1.0, 1e-12);
}

}  // namespace
}  // namespace adpilot::nlp
