// Rule-based suggestions: each finding gets a fix with its reason, every suggested text fits its
// field, shortening keeps the call to action and whole words, and the account's evidence is
// quoted when there is some.
#include "adpilot/nlp/suggest.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace adpilot::nlp {
namespace {

AdCopy sample_google_ad() {
  AdCopy ad;
  ad.ad_id = "ad_103_1_1";
  ad.platform = Platform::kGoogle;
  ad.final_url = "https://www.ridgeline-outfitters.example/boots/men";
  ad.fields = {{"headline_1", FieldKind::kHeadline, "Waterproof Boots for Men"},
               {"headline_2", FieldKind::kHeadline, "Ridgeline Outfitters"},
               {"headline_3", FieldKind::kHeadline, "Waterproof Leather Hiking Boots for Men"},
               {"description_1", FieldKind::kDescription,
                "Waterproof leather boots with grippy soles, comfortable from day one. Shop now."},
               {"description_2", FieldKind::kDescription,
                "Free 60-day returns and expert advice. Order today, ships within 24 hours."}};
  return ad;
}

const Suggestion* find_kind(const std::vector<Suggestion>& suggestions, const std::string& kind) {
  const auto it = std::find_if(suggestions.begin(), suggestions.end(), [&](const Suggestion& s) { return s.kind == kind; });
  return it == suggestions.end() ? nullptr : &*it;
}

TEST(ShortenToFitTest, LeavesFittingTextAlone) {
  EXPECT_EQ(shorten_to_fit("Waterproof Boots for Men", Platform::kGoogle, 30), "Waterproof Boots for Men");
}

TEST(ShortenToFitTest, CutsAtWordsAndDropsDanglingConnectors) {
  const std::string out = shorten_to_fit("Waterproof Leather Hiking Boots for Men", Platform::kGoogle, 30);
  EXPECT_LE(platform_length(Platform::kGoogle, out), 30u);
  EXPECT_EQ(out, "Waterproof Leather Hiking");
  // Never ends on "for", "and", "with", a comma.
  const std::string second = shorten_to_fit("Light Boots and Packs with Free Returns", Platform::kGoogle, 22);
  EXPECT_EQ(second, "Light Boots & Packs");
}

TEST(ShortenToFitTest, DropsFillerFirst) {
  EXPECT_EQ(shorten_to_fit("Really Very Light Hiking Boots", Platform::kGoogle, 20), "Light Hiking Boots");
}

TEST(ShortenToFitTest, KeepsTheCallToActionAndPrefersWholeClauses) {
  const std::string text =
      "Watch Maya walk the Sierra High Route in 9 days with a 40-litre pack, a quilt, a stove and a water filter, and "
      "see what she would leave at home next time. Shop now at Ridgeline Outfitters.";
  const std::string out = shorten_to_fit(text, Platform::kMeta, 125);
  EXPECT_LE(platform_length(Platform::kMeta, out), 125u);
  EXPECT_NE(out.find("Shop now at Ridgeline Outfitters."), std::string::npos) << out;
  EXPECT_TRUE(out.starts_with("Watch Maya walk the Sierra High Route in 9 days")) << out;
  // Several plain sentences: the longest goes first.
  const std::string many = shorten_to_fit("Boots that last. Soles that grip on wet rock and loose scree. Shop now.",
                                          Platform::kGoogle, 40);
  EXPECT_EQ(many, "Boots that last. Shop now.");
}

TEST(ShortenToFitTest, CountsGraphemesNotBytes) {
  // 28 characters but 40 bytes: fits a 30-character headline untouched.
  const std::string accented = "Apr\xc3\xa8s-Hike Sandals \xc3\xa9t\xc3\xa9 \xc3\xa0 Camp";
  ASSERT_GT(accented.size(), 30u);
  EXPECT_EQ(shorten_to_fit(accented, Platform::kGoogle, 30), accented);
}

TEST(SuggestTest, AnswersEachFindingWithAFittingTextAndAReason) {
  const AdCopy ad = sample_google_ad();
  const auto findings = lint_ad(ad);
  const auto suggestions = suggest_rewrites(ad, findings);
  const Suggestion* shorten = find_kind(suggestions, "shorten");
  ASSERT_NE(shorten, nullptr);
  EXPECT_EQ(shorten->field, "headline_3");
  EXPECT_EQ(shorten->rule_id, "google.headline_length");
  EXPECT_EQ(shorten->original, "Waterproof Leather Hiking Boots for Men");
  EXPECT_LE(platform_length(Platform::kGoogle, shorten->suggested), 30u);
  EXPECT_NE(shorten->reason.find("39 characters"), std::string::npos);
  for (const auto& s : suggestions) {
    EXPECT_FALSE(s.reason.empty()) << s.kind;
    if (!s.suggested.empty() && !s.field.empty()) {
      const auto& field = *std::find_if(ad.fields.begin(), ad.fields.end(), [&](const CopyField& f) { return f.name == s.field; });
      EXPECT_LE(platform_length(ad.platform, s.suggested), character_limit(ad.platform, field.kind)) << s.suggested;
    }
  }
}

TEST(SuggestTest, FixesExclamationCapitalsAndPunctuation) {
  AdCopy ad = sample_google_ad();
  ad.fields[0].text = "Huge Boot Sale!";
  ad.fields[1].text = "Boots with FREE Shipping";
  ad.fields[3].text = "Grippy soles!! Comfortable from day one. Shop now.";
  const auto suggestions = suggest_rewrites(ad, lint_ad(ad));
  const Suggestion* bang = find_kind(suggestions, "remove_exclamation");
  ASSERT_NE(bang, nullptr);
  EXPECT_EQ(bang->suggested, "Huge Boot Sale");
  const Suggestion* caps = find_kind(suggestions, "fix_capitals");
  ASSERT_NE(caps, nullptr);
  EXPECT_EQ(caps->suggested, "Boots with Free Shipping");
  const Suggestion* punctuation = find_kind(suggestions, "fix_punctuation");
  ASSERT_NE(punctuation, nullptr);
  EXPECT_EQ(punctuation->suggested, "Grippy soles! Comfortable from day one. Shop now.");
}

TEST(SuggestTest, AddsTheAccountsCallToActionWithItsEvidence) {
  AdCopy ad = sample_google_ad();
  ad.fields[3].text = "Our gear has been tested on trails across the Rockies since 1998.";
  ad.fields[4].text = "Quality outdoor equipment for hikers and campers of every level.";
  FeatureReport report;
  FeatureComparison cta;
  cta.feature = "call_to_action";
  cta.with = {"with a call to action", 40, 1e6, 40000, 2000, {40000, 1e6, 0.04, 0.039, 0.041}, {2000, 40000, 0.05, 0.048, 0.052}};
  cta.without = {"without", 8, 2e5, 6000, 240, {6000, 2e5, 0.03, 0.029, 0.031}, {240, 6000, 0.04, 0.035, 0.045}};
  cta.ctr_p = 0.0001;
  report.rows.push_back(cta);
  SuggestContext context;
  context.call_to_action = "Order today";
  context.evidence = &report;
  const auto suggestions = suggest_rewrites(ad, lint_ad(ad), context);
  const Suggestion* add = find_kind(suggestions, "add_call_to_action");
  ASSERT_NE(add, nullptr);
  EXPECT_TRUE(add->suggested.ends_with("Order today.")) << add->suggested;
  EXPECT_LE(platform_length(Platform::kGoogle, add->suggested), 90u);
  EXPECT_NE(add->reason.find("CTR 4.00% against 3.00%"), std::string::npos) << add->reason;
  EXPECT_NE(add->reason.find("p < 0.001"), std::string::npos) << add->reason;
}

TEST(SuggestTest, ReplacesWeakWordsAndAddsTheBrandAsAHeadline) {
  AdCopy ad = sample_google_ad();
  ad.fields[1].text = "Tough Trail Footwear";
  ad.fields[4].text = "Just really nice things for your trip. Order today.";
  const auto suggestions = suggest_rewrites(ad, lint_ad(ad));
  const Suggestion* weak = find_kind(suggestions, "replace_weak_words");
  ASSERT_NE(weak, nullptr);
  EXPECT_EQ(weak->suggested, "Products for your trip. Order today.");
  EXPECT_NE(weak->reason.find("'Just'"), std::string::npos);
  const Suggestion* brand = find_kind(suggestions, "add_headline");
  ASSERT_NE(brand, nullptr);
  EXPECT_EQ(brand->suggested, "Ridgeline Outfitters");
}

TEST(SuggestTest, FlagsANegativeToneWithTheModel) {
  const AdCopy ad = sample_google_ad();
  SuggestContext context;
  context.sentiment = -0.42;
  context.sentiment_model = "vader-lexicon 3.3.2";
  const auto suggestions = suggest_rewrites(ad, {}, context);
  const Suggestion* tone = find_kind(suggestions, "tone");
  ASSERT_NE(tone, nullptr);
  EXPECT_NE(tone->reason.find("-0.42 by vader-lexicon 3.3.2"), std::string::npos) << tone->reason;
  context.sentiment = 0.3;
  EXPECT_EQ(find_kind(suggest_rewrites(ad, {}, context), "tone"), nullptr);
}

}  // namespace
}  // namespace adpilot::nlp
