// VADER against the reference implementation's published examples (vaderSentiment README and
// its __main__ demo, version 3.3.2) and hand-worked cases for each rule.
#include "adpilot/nlp/lexicon_sentiment.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace adpilot::nlp {
namespace {

class LexiconSentimentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = LexiconSentimentScorer::create();
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    scorer_ = std::move(*created);
  }
  std::unique_ptr<LexiconSentimentScorer> scorer_;
};

struct Published {
  const char* text;
  double compound;
};

// The README's examples; the reference prints compound rounded to 4 decimals.
TEST_F(LexiconSentimentTest, MatchesThePublishedCompoundScores) {
  const Published cases[] = {
      {"VADER is smart, handsome, and funny.", 0.8316},
      {"VADER is smart, handsome, and funny!", 0.8439},
      {"VADER is very smart, handsome, and funny.", 0.8545},
      {"VADER is VERY SMART, handsome, and FUNNY.", 0.9227},
      {"VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342},
      {"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469},
      {"VADER is not smart, handsome, nor funny.", -0.7424},
      {"The book was good.", 0.4404},
      {"At least it isn't a horrible book.", 0.431},
      {"The book was only kind of good.", 0.3832},
      {"The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042},
      {"Today SUX!", -0.5461},
      {"Today only kinda sux! But I'll get by, lol", 0.5249},
      {"Make sure you :) or :D today!", 0.8633},
      {"Not bad at all", 0.431},
      {"Sentiment analysis has never been good.", -0.3412},
      {"Sentiment analysis has never been this good!", 0.5672},
      {"Most automated sentiment analysis tools are shit.", -0.5574},
      {"With VADER, sentiment analysis is the shit!", 0.6476},
      {"Other sentiment analysis tools can be quite bad.", -0.5849},
      {"Roger Dodger is one of the least compelling variations on this theme.", -0.1695},
      {"Watch the rose wilt.", 0.0},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(scorer_->polarity_scores(c.text).compound, c.compound, 5e-5) << c.text;
  }
}

TEST_F(LexiconSentimentTest, MatchesThePublishedProportions) {
  // 3.3.2 keeps one-letter tokens ("a"), so "At least it isn't a horrible book." has seven
  // tokens: the reference's own run prints pos 0.322, neu 0.678 (older READMEs show 0.363).
  const struct {
    const char* text;
    double negative, neutral, positive;
  } cases[] = {
      {"VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746},
      {"VADER is not smart, handsome, nor funny.", 0.646, 0.354, 0.0},
      {"The plot was good, but the characters are uncompelling and the dialog is not great.", 0.327, 0.579, 0.094},
      {"Today only kinda sux! But I'll get by, lol", 0.127, 0.556, 0.317},
      {"At least it isn't a horrible book.", 0.0, 0.678, 0.322},
  };
  for (const auto& c : cases) {
    const VaderScores s = scorer_->polarity_scores(c.text);
    EXPECT_NEAR(s.negative, c.negative, 5e-4) << c.text;
    EXPECT_NEAR(s.neutral, c.neutral, 5e-4) << c.text;
    EXPECT_NEAR(s.positive, c.positive, 5e-4) << c.text;
  }
}

// Each rule by hand, from the lexicon valences good = 1.9, great = 3.1, bad = -2.5.
TEST_F(LexiconSentimentTest, AppliesEachRuleAsWorkedByHand) {
  auto compound = [&](const char* text) { return scorer_->polarity_scores(text).compound; };
  auto norm = [](double s) { return s / std::sqrt(s * s + 15.0); };
  EXPECT_NEAR(compound("good"), norm(1.9), 1e-9);
  // A booster adds 0.293 in the valence's direction.
  EXPECT_NEAR(compound("very good"), norm(1.9 + 0.293), 1e-9);
  EXPECT_NEAR(compound("very bad"), norm(-2.5 - 0.293), 1e-9);
  // Negation multiplies by -0.74.
  EXPECT_NEAR(compound("not good"), norm(1.9 * -0.74), 1e-9);
  // ALL CAPS among lower-case words adds 0.733, but not when every word is in capitals.
  EXPECT_NEAR(compound("GOOD food"), norm(1.9 + 0.733), 1e-9);
  EXPECT_NEAR(compound("GOOD FOOD"), norm(1.9), 1e-9);
  // Each '!' adds 0.292 (up to four); two or three '?' add 0.18 each.
  EXPECT_NEAR(compound("good!!"), norm(1.9 + 2 * 0.292), 1e-9);
  EXPECT_NEAR(compound("good!!!!!!"), norm(1.9 + 4 * 0.292), 1e-9);
  EXPECT_NEAR(compound("good??"), norm(1.9 + 2 * 0.18), 1e-9);
  // "but": the part before counts half, the part after one and a half.
  EXPECT_NEAR(compound("good but bad"), norm(1.9 * 0.5 + -2.5 * 1.5), 1e-9);
  // "no" before a rated word is not negative itself; it negates the word (problems = -1.7).
  EXPECT_NEAR(compound("no problems"), norm(-1.7 * -0.74), 1e-9);
  // An idiom overrides its words: "the bomb" is praise.
  EXPECT_GT(compound("this new phone is the bomb"), 0.5);
  EXPECT_LT(compound("this new phone is a bomb"), 0.0);
  // Nothing rated: neutral, not an error.
  EXPECT_EQ(compound(""), 0.0);
  EXPECT_EQ(compound("   "), 0.0);
}

TEST_F(LexiconSentimentTest, ScoresBatchesWithLabelsAndTheModelName) {
  const std::vector<std::string> texts = {"Great gear, fast shipping.", "Terrible, broken on day one.",
                                          "Tents and packs."};
  auto results = scorer_->score(texts);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->size(), 3u);
  EXPECT_EQ((*results)[0].label, "positive");
  EXPECT_EQ((*results)[1].label, "negative");
  EXPECT_EQ((*results)[2].label, "neutral");
  for (const auto& r : *results) {
    EXPECT_NEAR(r.score, std::fabs(r.polarity), 1e-12);
  }
  EXPECT_NE(scorer_->model_name().find("vader-lexicon 3.3.2"), std::string::npos);
  EXPECT_NE(scorer_->model_name().find("vader-sentiment"), std::string::npos);
}

TEST_F(LexiconSentimentTest, SurvivesInvalidUtf8AndUnicodeSpaces) {
  const std::string text = std::string("great\xe2\x80\x83gear \xff\xfe") + " \xe3\x80\x80" "bad";
  const VaderScores s = scorer_->polarity_scores(text);
  EXPECT_TRUE(std::isfinite(s.compound));
  // U+2003 and U+3000 separate words as Python's str.split() does: great and bad both count.
  EXPECT_NEAR(s.compound, scorer_->polarity_scores("great gear bad").compound, 1e-12);
}

}  // namespace
}  // namespace adpilot::nlp
