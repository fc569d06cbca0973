// Google Ads error bodies → messages, and GAQL value parsing (exact int64).
#include <gtest/gtest.h>

#include "adpilot/connect/google_ads/failure.h"
#include "adpilot/connect/google_ads/gaql.h"

namespace gads = adpilot::connect::google_ads;
using nlohmann::json;

namespace {

// The shape Google documents for a refused mutate (google.rpc.Status with a GoogleAdsFailure).
constexpr const char* kBudgetFailure = R"({
  "error": {
    "code": 400,
    "message": "Request contains an invalid argument.",
    "status": "INVALID_ARGUMENT",
    "details": [
      {"@type": "type.googleapis.com/google.rpc.DebugInfo", "detail": "internal"},
      {
        "@type": "type.googleapis.com/google.ads.googleads.v22.errors.GoogleAdsFailure",
        "errors": [
          {
            "errorCode": {"campaignBudgetError": "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT"},
            "message": "Budget amount must be a multiple of the minimum currency unit.",
            "location": {"fieldPathElements": [
              {"fieldName": "operations", "index": 2}, {"fieldName": "update"}, {"fieldName": "amount_micros"}]}
          },
          {"errorCode": {"authorizationError": "USER_PERMISSION_DENIED"}, "message": "No access."}
        ],
        "requestId": "abcDEF123"
      }
    ]
  }
})";

}  // namespace

TEST(GoogleAdsFailure, ParsesTheDocumentedErrorBody) {
  const auto failure = gads::parse_error_body(kBudgetFailure, 400);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, "INVALID_ARGUMENT");
  EXPECT_EQ(failure->request_id, "abcDEF123");
  ASSERT_EQ(failure->errors.size(), 2U);
  EXPECT_EQ(failure->errors[0].kind, "campaignBudgetError");
  EXPECT_EQ(failure->errors[0].value, "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT");
  EXPECT_EQ(failure->errors[0].operation, 2);
  EXPECT_EQ(failure->errors[0].field, "update.amount_micros");
  EXPECT_FALSE(failure->errors[1].operation.has_value());
  EXPECT_EQ(gads::describe_detail(failure->errors[0]),
            "Budget amount must be a multiple of the minimum currency unit (campaignBudgetError "
            "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT)");
  const std::string text = gads::describe_failure(*failure);
  EXPECT_NE(text.find("INVALID_ARGUMENT: Request contains an invalid argument."), std::string::npos) << text;
  EXPECT_NE(text.find("operation 2: Budget amount"), std::string::npos) << text;
  EXPECT_NE(text.find("request id abcDEF123"), std::string::npos) << text;
}

TEST(GoogleAdsFailure, ReadsSearchStreamArraysAndRejectsOtherBodies) {
  const auto failure = gads::parse_error_body(std::string("[") + kBudgetFailure + "]", 400);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->errors.size(), 2U);
  EXPECT_FALSE(gads::parse_error_body("<html>502 Bad Gateway</html>", 502).has_value());
  EXPECT_FALSE(gads::parse_error_body("", 500).has_value());
  EXPECT_FALSE(gads::parse_error_body(R"({"results": []})", 200).has_value());
}

TEST(GoogleAdsGaql, Int64ValuesAreExact) {
  // 2^53 + 1 has no double; a parse through double would give ...992.
  const json row = json::parse(R"({"metrics": {"costMicros": "9007199254740993", "clicks": 7,
                                   "bad": "12x", "conversions": 2.5}})");
  auto cost = gads::int64_at(row, "metrics.costMicros");
  ASSERT_TRUE(cost.ok());
  EXPECT_EQ(*cost, INT64_C(9007199254740993));
  EXPECT_EQ(*gads::int64_at(row, "metrics.clicks"), 7);
  EXPECT_EQ(*gads::int64_at(row, "metrics.impressions", 0), 0);  // omitted at its default
  auto missing = gads::int64_at(row, "metrics.impressions");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("metrics.impressions"), std::string::npos);
  auto bad = gads::int64_at(row, "metrics.bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, adpilot::ErrorCode::kParse);
  EXPECT_NE(bad.error().message.find("\"12x\""), std::string::npos) << bad.error().message;
  EXPECT_DOUBLE_EQ(*gads::double_at(row, "metrics.conversions"), 2.5);
  EXPECT_EQ(gads::parse_id("123"), 123);
  EXPECT_FALSE(gads::parse_id("-5").has_value());
  EXPECT_FALSE(gads::parse_id("12a").has_value());
}

TEST(GoogleAdsGaql, QueriesSelectTheDocumentedFields) {
  const auto since = adpilot::date_from_civil(2026, 10, 1);
  const auto until = adpilot::date_from_civil(2026, 10, 31);
  EXPECT_EQ(gads::performance_query(gads::ReportResource::kCampaign, since, until),
            "SELECT segments.date, campaign.id, campaign.name, campaign.status, campaign_budget.amount_micros, "
            "metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, "
            "metrics.conversions_value FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND '2026-10-31'");
  EXPECT_NE(gads::performance_query(gads::ReportResource::kAdGroupAd, since, until).find("FROM ad_group_ad"),
            std::string::npos);
  EXPECT_EQ(gads::campaign_state_query({"1", "22"}).substr(gads::campaign_state_query({"1", "22"}).find("WHERE")),
            "WHERE campaign.id IN (1, 22)");
}
