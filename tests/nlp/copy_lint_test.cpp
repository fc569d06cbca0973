// Copy lint: character counting by grapheme clusters, each platform rule firing on a minimal
// example (and staying quiet on clean copy), and the advice rules.
#include "adpilot/nlp/copy_lint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace adpilot::nlp {
namespace {

AdCopy google_ad(std::vector<std::string> headlines, std::vector<std::string> descriptions) {
  AdCopy ad;
  ad.ad_id = "ad_1";
  ad.platform = Platform::kGoogle;
  ad.final_url = "https://www.ridgeline-outfitters.example/boots";
  for (size_t i = 0; i < headlines.size(); ++i) {
    ad.fields.push_back({"headline_" + std::to_string(i + 1), FieldKind::kHeadline, headlines[i]});
  }
  for (size_t i = 0; i < descriptions.size(); ++i) {
    ad.fields.push_back({"description_" + std::to_string(i + 1), FieldKind::kDescription, descriptions[i]});
  }
  return ad;
}

AdCopy clean_google_ad() {
  return google_ad({"Ridgeline Hiking Boots", "Free Shipping Over $75", "Rated 4.8/5 by Hikers"},
                   {"Waterproof leather boots, comfortable from day one. Shop now.",
                    "Free 60-day returns and expert advice. Order today."});
}

std::vector<std::string> rule_ids(const std::vector<LintFinding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) {
    ids.push_back(f.rule_id);
  }
  return ids;
}

bool has_rule(const std::vector<LintFinding>& findings, const std::string& id) {
  return std::any_of(findings.begin(), findings.end(), [&](const LintFinding& f) { return f.rule_id == id; });
}

TEST(GraphemeCountTest, CountsWhatPeopleSeeNotBytes) {
  EXPECT_EQ(grapheme_count(""), 0u);
  EXPECT_EQ(grapheme_count("Boots"), 5u);
  EXPECT_EQ(grapheme_count("Après"), 5u);                      // precomposed è: 2 bytes, 1 character
  EXPECT_EQ(grapheme_count("Apre\xcc\x80s"), 5u);              // e + U+0300 combining grave: 1 character
  EXPECT_EQ(grapheme_count("e\xcc\x81\xcc\xa3"), 1u);          // e + two combining marks
  // Family: man ZWJ woman ZWJ girl ZWJ boy, one emoji of 25 bytes.
  EXPECT_EQ(grapheme_count("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d"
                           "\xf0\x9f\x91\xa6"),
            1u);
  EXPECT_EQ(grapheme_count("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"), 1u);  // thumbs up + skin tone
  EXPECT_EQ(grapheme_count("\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa"), 1u);  // flag DE: two regional indicators
  EXPECT_EQ(grapheme_count("\xe7\x99\xbb\xe5\xb1\xb1\xe9\x9d\xb4"), 3u);  // 登山靴, 9 bytes
  EXPECT_EQ(grapheme_count("a\r\nb"), 3u);                     // CR LF is one cluster
  EXPECT_EQ(grapheme_count("ok\xff"), 3u);                     // an invalid byte still counts once
}

TEST(CopyLintTest, CleanCopyHasNoFindings) {
  const auto findings = lint_ad(clean_google_ad());
  EXPECT_TRUE(findings.empty()) << ::testing::PrintToString(rule_ids(findings));
}

TEST(CopyLintTest, GoogleLengthLimitsCountGraphemesAndDoubleWidth) {
  // 30 characters with a combining accent (31 code points): fits.
  AdCopy ad = clean_google_ad();
  ad.fields[0].text = "Apre\xcc\x80s-Hike Sandals for Hiker 2";
  ASSERT_EQ(grapheme_count(ad.fields[0].text), 30u);
  EXPECT_FALSE(has_rule(lint_ad(ad), "google.headline_length"));
  // 31 characters: over.
  ad.fields[0].text += "2";
  const auto over = lint_ad(ad);
  ASSERT_TRUE(has_rule(over, "google.headline_length"));
  EXPECT_EQ(over[0].length, 31u);
  EXPECT_EQ(over[0].limit, 30u);
  EXPECT_EQ(over[0].field, "headline_1");
  EXPECT_EQ(over[0].severity, Severity::kError);
  // Sixteen CJK characters are 32 by Google's count (wide characters count twice).
  ad.fields[0].text = "\xe7\x99\xbb\xe5\xb1\xb1\xe9\x9d\xb4\xe7\x99\xbb\xe5\xb1\xb1\xe9\x9d\xb4\xe7\x99\xbb\xe5\xb1\xb1"
                      "\xe9\x9d\xb4\xe7\x99\xbb\xe5\xb1\xb1\xe9\x9d\xb4\xe7\x99\xbb\xe5\xb1\xb1\xe9\x9d\xb4\xe7\x99\xbb";
  ASSERT_EQ(grapheme_count(ad.fields[0].text), 16u);
  EXPECT_EQ(platform_length(Platform::kGoogle, ad.fields[0].text), 32u);
  EXPECT_EQ(platform_length(Platform::kMeta, ad.fields[0].text), 16u);
  EXPECT_TRUE(has_rule(lint_ad(ad), "google.headline_length"));
  // Description 90 and path 15.
  AdCopy long_description = clean_google_ad();
  long_description.fields[3].text = std::string(91, 'a');
  EXPECT_TRUE(has_rule(lint_ad(long_description), "google.description_length"));
  AdCopy long_path = clean_google_ad();
  long_path.fields.push_back({"path_1", FieldKind::kPath, "waterproof-boots"});
  EXPECT_TRUE(has_rule(lint_ad(long_path), "google.path_length"));
}

TEST(CopyLintTest, GooglePolicies) {
  AdCopy ad = clean_google_ad();
  ad.fields[0].text = "Huge Boot Sale!";
  EXPECT_TRUE(has_rule(lint_ad(ad), "google.headline_exclamation"));
  ad = clean_google_ad();
  ad.fields[3].text = "Free returns!! Order today.";
  EXPECT_TRUE(has_rule(lint_ad(ad), "google.repeated_punctuation"));
  ad.fields[3].text = "Free returns... Order today.";  // an ellipsis is fine
  EXPECT_FALSE(has_rule(lint_ad(ad), "google.repeated_punctuation"));
  ad = clean_google_ad();
  ad.fields[1].text = "\xe2\x98\x85 Free Shipping \xe2\x98\x85";  // ★
  EXPECT_TRUE(has_rule(lint_ad(ad), "google.symbols"));
  ad.fields[1].text = "Ridgeline\xc2\xae Boots";  // ® is allowed
  EXPECT_FALSE(has_rule(lint_ad(ad), "google.symbols"));
  ad = clean_google_ad();
  ad.fields[1].text = "Camp Stoves with FREE Shipping";
  const auto caps = lint_ad(ad);
  ASSERT_TRUE(has_rule(caps, "google.capitals"));
  EXPECT_NE(caps[0].message.find("'FREE'"), std::string::npos);
  ad.fields[1].text = "GPS Watches Made in the USA";  // accepted acronyms
  EXPECT_FALSE(has_rule(lint_ad(ad), "google.capitals"));
  LintOptions options;
  options.acronyms = {"REI"};
  ad.fields[1].text = "REI Members Save More";
  EXPECT_TRUE(has_rule(lint_ad(ad), "google.capitals"));
  EXPECT_FALSE(has_rule(lint_ad(ad, options), "google.capitals"));
  ad = clean_google_ad();
  ad.fields[2].text = "ridgeline  hiking boots";  // same words as headline_1
  EXPECT_TRUE(has_rule(lint_ad(ad), "google.duplicate_headline"));
}

TEST(CopyLintTest, GoogleCounts) {
  AdCopy few = google_ad({"Ridgeline Boots", "Free Shipping Over $75"}, {"Shop now.", "Order today."});
  const auto findings = lint_ad(few);
  ASSERT_TRUE(has_rule(findings, "google.headline_count"));
  std::vector<std::string> sixteen;
  for (int i = 0; i < 16; ++i) {
    sixteen.push_back("Ridgeline Boots " + std::to_string(i));
  }
  EXPECT_TRUE(has_rule(lint_ad(google_ad(sixteen, {"Shop now.", "Order today."})), "google.headline_count"));
  EXPECT_TRUE(has_rule(lint_ad(google_ad({"A Boots", "B Boots", "C Boots"}, {"Shop now."})),
                       "google.description_count"));
}

TEST(CopyLintTest, MetaTruncationWarnings) {
  AdCopy ad;
  ad.ad_id = "meta_1";
  ad.platform = Platform::kMeta;
  ad.final_url = "https://ridgeline.example/";
  ad.fields = {{"primary_text", FieldKind::kPrimaryText, std::string(120, 'x') + " Shop now at Ridgeline."},
               {"headline", FieldKind::kHeadline, "Trail-Tested Gear for Every Season and Trip"},
               {"description", FieldKind::kDescription, "Free shipping over $75"}};
  const auto findings = lint_ad(ad);
  EXPECT_TRUE(has_rule(findings, "meta.primary_text_length"));
  EXPECT_TRUE(has_rule(findings, "meta.headline_length"));
  EXPECT_FALSE(has_rule(findings, "meta.description_length"));
  for (const auto& f : findings) {
    EXPECT_NE(f.severity, Severity::kError) << f.rule_id;  // Meta truncates, it does not reject
  }
  // The Google-only rules do not apply to Meta.
  ad.fields[1].text = "Big Sale!";
  EXPECT_FALSE(has_rule(lint_ad(ad), "google.headline_exclamation"));
}

TEST(CopyLintTest, GeneralAdvice) {
  AdCopy ad = google_ad({"Outdoor Gear", "Tents and Packs", "For Every Trail"},
                        {"Our gear has been tested on trails across the Rockies since 1998.",
                         "Quality outdoor equipment for hikers and campers of every level."});
  ad.final_url = "https://www.ridgeline-outfitters.example/gear";
  ad.keywords = {"hiking boots"};
  const auto findings = lint_ad(ad);
  EXPECT_TRUE(has_rule(findings, "copy.call_to_action"));
  EXPECT_TRUE(has_rule(findings, "copy.brand"));
  EXPECT_TRUE(has_rule(findings, "copy.keyword"));
  EXPECT_FALSE(has_rule(findings, "copy.number_or_benefit"));  // "1998" is a number
  LintOptions no_advice;
  no_advice.advice = false;
  const auto strict = lint_ad(ad, no_advice);
  EXPECT_EQ(rule_ids(strict), std::vector<std::string>{"copy.call_to_action"});

  AdCopy vague = clean_google_ad();
  vague.fields[3].text = "Really nice things for your very next trip. Shop now.";
  const auto weak = lint_ad(vague);
  ASSERT_TRUE(has_rule(weak, "copy.weak_words"));
  AdCopy plain = google_ad({"Ridgeline Boots", "Ridgeline Packs", "Ridgeline Tents"},
                           {"Boots for hikers. Shop now.", "Packs for hikers. Order today."});
  EXPECT_TRUE(has_rule(lint_ad(plain), "copy.number_or_benefit"));

  AdCopy wordy = clean_google_ad();
  wordy.fields[3].text =
      "Watch Maya walk the Sierra High Route in nine days with a pack, a quilt, a stove and a filter, and see what "
      "she would leave at home. Shop now.";
  EXPECT_TRUE(has_rule(lint_ad(wordy), "copy.readability"));
}

TEST(CopyLintTest, CallsToActionNeedAnImperativeOrUrgency) {
  auto cta = [](const char* text) {
    AdCopy ad = google_ad({"Ridgeline Boots", "Free Shipping", "Rated 4.8/5"}, {text, "Tents and packs since 1998."});
    return !has_rule(lint_ad(ad), "copy.call_to_action");
  };
  EXPECT_TRUE(cta("Boots for every trail. Shop now."));
  EXPECT_TRUE(cta("Compare boots and read real reviews."));
  EXPECT_TRUE(cta("Still deciding? See why hikers rate us 4.8."));
  EXPECT_TRUE(cta("Our boots ship free, order today"));
  EXPECT_FALSE(cta("The gear you saved is still in your cart."));
  EXPECT_FALSE(cta("Hikers who shop with us come back."));
}

TEST(CopyLintTest, EveryRuleHasAnIdAndAnExplanation) {
  for (const auto& rule : lint_rules()) {
    EXPECT_NE(std::string(rule.id).find('.'), std::string::npos);
    EXPECT_GT(std::string(rule.explanation).size(), 20u) << rule.id;
    EXPECT_EQ(find_lint_rule(rule.id), &rule);
  }
  EXPECT_EQ(find_lint_rule("nope"), nullptr);
}

TEST(CopyLintTest, LintsASingleCandidateText) {
  const auto findings = lint_text(Platform::kGoogle, FieldKind::kHeadline, "Waterproof Leather Hiking Boots!");
  EXPECT_TRUE(has_rule(findings, "google.headline_length"));
  EXPECT_TRUE(has_rule(findings, "google.headline_exclamation"));
  EXPECT_TRUE(lint_text(Platform::kGoogle, FieldKind::kHeadline, "Waterproof Hiking Boots").empty());
}

}  // namespace
}  // namespace adpilot::nlp
