// The Google Ads client against the fake API over loopback: OAuth, headers, retries, quota.
#include <gtest/gtest.h>

#include <chrono>

#include "adpilot/connect/google_ads/client.h"
#include "adpilot/connect/google_ads/gaql.h"
#include "fakes/google_ads_server.h"

namespace gads = adpilot::connect::google_ads;
using adpilot::testing::GoogleAdsServer;
using adpilot::testing::GoogleAdsServerConfig;
using std::chrono::milliseconds;

namespace {

std::unique_ptr<gads::Client> make_client(const adpilot::connect::ConnectorSettings& settings, gads::Clock now = {}) {
  auto client = gads::Client::create(settings, std::move(now));
  EXPECT_TRUE(client.ok()) << (client.ok() ? "" : client.error().to_string());
  return client.ok() ? std::move(*client) : nullptr;
}

void seed(GoogleAdsServer& fake) {
  fake.add_campaign({111, "Search - Brand", "ENABLED", 901, 50'000'000});
  fake.add_campaign({222, "Display - Remarketing", "PAUSED", 902, 20'000'000});
}

}  // namespace

TEST(GoogleAdsClient, FetchesTheTokenOnceAndSendsTheHeaders) {
  GoogleAdsServerConfig config;
  config.login_customer_id = "9876543210";
  GoogleAdsServer fake(config);
  seed(fake);
  auto settings = adpilot::testing::google_ads_settings(fake);
  settings.account = "123-456-7890";  // as the UI writes it
  settings.credentials.set("login_customer_id", "987-654-3210");
  auto client = make_client(settings);
  for (int i = 0; i < 3; ++i) {
    auto rows = client->search_stream(gads::currency_query());
    ASSERT_TRUE(rows.ok()) << rows.error().to_string();
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ(gads::string_at(rows->front(), "customer.currencyCode"), "USD");
  }
  EXPECT_EQ(fake.count("/token"), 1);
  EXPECT_EQ(client->token_fetches(), 1);
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 4U);
  for (size_t i = 1; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].path, "/v22/customers/1234567890/googleAds:searchStream");
    EXPECT_EQ(requests[i].developer_token, config.developer_token);
    EXPECT_EQ(requests[i].login_customer_id, "9876543210");
    EXPECT_EQ(requests[i].authorization, "Bearer ya29.fake-access-1");
    EXPECT_EQ(requests[i].content_type, "application/json");
    EXPECT_EQ(requests[i].status, 200);
  }
}

TEST(GoogleAdsClient, RefreshesTheTokenBeforeItExpires) {
  GoogleAdsServer fake;
  seed(fake);
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  auto client = make_client(adpilot::testing::google_ads_settings(fake), [&now] { return now; });
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());
  now += std::chrono::seconds(3000);  // 599 s left of 3599: still good
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());
  EXPECT_EQ(fake.count("/token"), 1);
  now += std::chrono::seconds(560);  // 39 s left: inside the refresh margin
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());
  EXPECT_EQ(fake.count("/token"), 2);
  EXPECT_EQ(fake.requests().back().authorization, "Bearer ya29.fake-access-2");
}

TEST(GoogleAdsClient, RefreshesOnceAfterUnauthenticated) {
  GoogleAdsServer fake;
  seed(fake);
  auto client = make_client(adpilot::testing::google_ads_settings(fake));
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());
  fake.expire_tokens();  // revoked early: the API answers 401 until a new one is used
  auto rows = client->search_stream(gads::currency_query());
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  EXPECT_EQ(fake.count("/token"), 2);
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 5U);  // token, search, search → 401, token, search
  EXPECT_EQ(requests[2].status, 401);
  EXPECT_EQ(requests[4].status, 200);
}

TEST(GoogleAdsClient, BadRefreshTokenIsAClearError) {
  GoogleAdsServer fake;
  auto settings = adpilot::testing::google_ads_settings(fake);
  settings.credentials.set("refresh_token", "1//revoked-refresh-token");
  auto client = make_client(settings);
  auto rows = client->search_stream(gads::currency_query());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, adpilot::ErrorCode::kInvalidArgument);
  EXPECT_NE(rows.error().message.find("Google OAuth refused the refresh token (invalid_grant: Token has been "
                                      "expired or revoked.)"),
            std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().hint.find("refresh token"), std::string::npos);
  EXPECT_EQ(rows.error().message.find("revoked-refresh-token"), std::string::npos);
  EXPECT_EQ(fake.count("googleAds:searchStream"), 0);  // no API call without a token
}

TEST(GoogleAdsClient, MissingCredentialsAndBadAccountAreRefusedUpFront) {
  GoogleAdsServer fake;
  auto settings = adpilot::testing::google_ads_settings(fake);
  adpilot::connect::Credentials partial;
  partial.set("developer_token", "x");
  partial.source = "creds.yaml";
  settings.credentials = partial;
  auto missing = gads::Client::create(settings);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("client_id, client_secret, refresh_token"), std::string::npos)
      << missing.error().message;
  auto bad_account = adpilot::testing::google_ads_settings(fake);
  bad_account.account = "act_123";
  auto refused = gads::Client::create(bad_account);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().context.option, "--account");
  EXPECT_NE(refused.error().message.find("not 'act_123'"), std::string::npos) << refused.error().message;
  bad_account.account.clear();
  auto absent = gads::Client::create(bad_account);
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().message, "google_ads needs the account: the customer id (123-456-7890)");
}

TEST(GoogleAdsClient, TheFakeAlsoServesPagedSearch) {
  // googleAds:search answers one page object rather than a stream of batches; tests that reuse
  // the fake (and clients that page) rely on its shape.
  GoogleAdsServer fake;
  seed(fake);
  auto client = make_client(adpilot::testing::google_ads_settings(fake));
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());  // a token for the raw call
  adpilot::net::HttpClient http;
  adpilot::net::HttpRequest request;
  request.method = adpilot::net::HttpMethod::kPost;
  request.url = fake.api_base() + "/v22/customers/1234567890/googleAds:search";
  request.headers = {{"developer-token", fake.config().developer_token},
                     {"Authorization", fake.requests().back().authorization},
                     {"Content-Type", "application/json"}};
  request.body = nlohmann::json{{"query", "SELECT campaign.id, campaign.status FROM campaign WHERE campaign.status "
                                          "= 'PAUSED'"}}.dump();
  auto response = http.send(request);
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->status, 200) << response->body;
  const auto page = nlohmann::json::parse(response->body);
  ASSERT_EQ(page["results"].size(), 1U);
  EXPECT_EQ(page["results"][0]["campaign"]["id"], "222");
  EXPECT_EQ(page["results"][0]["campaign"]["resourceName"], "customers/1234567890/campaigns/222");
  EXPECT_EQ(page["fieldMask"], "campaign.id,campaign.status");
}

TEST(GoogleAdsClient, RetriesReadsOn429And503WithBackoff) {
  GoogleAdsServer fake;
  seed(fake);
  auto settings = adpilot::testing::google_ads_settings(fake);
  std::vector<milliseconds> waits;
  settings.http.sleep = [&waits](milliseconds wait) { waits.push_back(wait); };
  settings.http.retry.max_attempts = 4;
  auto client = make_client(settings);
  fake.fail_next(1, 429);
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());
  fake.fail_next(2, 503);
  auto rows = client->search_stream(gads::currency_query());
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  // Exponential backoff with jitter in [0.5·d, d]: 100 ms, then 100 and 200 ms.
  ASSERT_EQ(waits.size(), 3U);
  EXPECT_GE(waits[0].count(), 50);
  EXPECT_LE(waits[0].count(), 100);
  EXPECT_GE(waits[2].count(), 100);
  EXPECT_LE(waits[2].count(), 200);
  EXPECT_EQ(client->usage().retries, 3);
  EXPECT_EQ(client->usage().requests, 5);
  EXPECT_EQ(client->usage().operations, 2);
}

TEST(GoogleAdsClient, ExhaustedRetriesAreAnError) {
  GoogleAdsServer fake;
  auto settings = adpilot::testing::google_ads_settings(fake);
  int waits = 0;
  settings.http.sleep = [&waits](milliseconds) { ++waits; };
  auto client = make_client(settings);
  fake.fail_next(5, 503);
  auto rows = client->search_stream(gads::currency_query());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, adpilot::ErrorCode::kIo);
  EXPECT_NE(rows.error().message.find("UNAVAILABLE: The service is currently unavailable."), std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().message.find("request id fake-request-3"), std::string::npos) << rows.error().message;
  EXPECT_EQ(waits, 2);
  EXPECT_EQ(fake.count("googleAds:searchStream"), 3);
  EXPECT_EQ(client->usage().operations, 0);
}

TEST(GoogleAdsClient, RetriesASlowAnswerAfterTheTimeout) {
  GoogleAdsServer fake;
  auto settings = adpilot::testing::google_ads_settings(fake);
  settings.http.timeout = milliseconds(300);
  auto client = make_client(settings);
  ASSERT_TRUE(client->search_stream(gads::currency_query()).ok());  // token fetched, fast
  fake.slow_next(1, milliseconds(1500));
  const auto start = std::chrono::steady_clock::now();
  auto rows = client->search_stream(gads::currency_query());
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1400));
  EXPECT_EQ(client->usage().retries, 1);
}

TEST(GoogleAdsClient, QueryErrorsNameTheProblem) {
  GoogleAdsServer fake;
  auto client = make_client(adpilot::testing::google_ads_settings(fake));
  auto rows = client->search_stream("SELECT campaign.id, campaign.budget FROM campaign");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, adpilot::ErrorCode::kInvalidArgument);
  EXPECT_NE(rows.error().message.find("Unrecognized field in the query: 'campaign.budget' (queryError "
                                      "UNRECOGNIZED_FIELD)"),
            std::string::npos)
      << rows.error().message;
  auto wide = client->search_stream("SELECT segments.date, metrics.clicks FROM campaign");
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.error().message.find("EXPECTED_FILTERS_ON_DATE_RANGE"), std::string::npos);
}

TEST(GoogleAdsClient, WrongVersionOrCustomerIsRefused) {
  GoogleAdsServer fake;
  auto settings = adpilot::testing::google_ads_settings(fake);
  settings.api_version = "v19";
  auto old = make_client(settings)->search_stream(gads::currency_query());
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, adpilot::ErrorCode::kNotFound);
  EXPECT_NE(old.error().hint.find("--api-version"), std::string::npos);
  auto other = adpilot::testing::google_ads_settings(fake);
  other.account = "5555555555";
  auto denied = make_client(other)->search_stream(gads::currency_query());
  ASSERT_FALSE(denied.ok());
  EXPECT_NE(denied.error().message.find("USER_PERMISSION_DENIED"), std::string::npos) << denied.error().message;
  EXPECT_NE(denied.error().hint.find("login_customer_id"), std::string::npos);
}

TEST(GoogleAdsClient, CountsOperationsAgainstTheDailyQuota) {
  GoogleAdsServer fake;
  seed(fake);
  auto client = make_client(adpilot::testing::google_ads_settings(fake));
  ASSERT_TRUE(client->search_stream(gads::campaign_state_query({"111", "222"})).ok());
  const nlohmann::json operations = nlohmann::json::array(
      {{{"update", {{"resourceName", "customers/1234567890/campaigns/111"}, {"status", "PAUSED"}}},
        {"updateMask", "status"}},
       {{"update", {{"resourceName", "customers/1234567890/campaigns/222"}, {"status", "ENABLED"}}},
        {"updateMask", "status"}}});
  auto reply = client->mutate("campaigns", operations, false);
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  ASSERT_TRUE(reply->answered);
  EXPECT_EQ(reply->resource_names[1], "customers/1234567890/campaigns/222");
  EXPECT_EQ(fake.campaign(111)->status, "PAUSED");
  EXPECT_EQ(fake.campaign(222)->status, "ENABLED");
  EXPECT_EQ(client->usage().operations, 3);  // one search + two mutate operations
  EXPECT_EQ(client->usage().requests, 2);
  EXPECT_EQ(gads::describe_usage(client->usage()),
            "3 operations (0.02% of the 15,000 a day of basic access), 2 requests, 0 retries");
  EXPECT_EQ(gads::kBasicAccessDailyOperations, 15000);
}

TEST(GoogleAdsClient, MutateRetries429ButNever5xxBlindly) {
  GoogleAdsServer fake;
  seed(fake);
  auto settings = adpilot::testing::google_ads_settings(fake);
  std::vector<milliseconds> waits;
  settings.http.sleep = [&waits](milliseconds wait) { waits.push_back(wait); };
  auto client = make_client(settings);
  const nlohmann::json pause = nlohmann::json::array(
      {{{"update", {{"resourceName", "customers/1234567890/campaigns/111"}, {"status", "PAUSED"}}},
        {"updateMask", "status"}}});
  fake.fail_next(1, 429);
  auto reply = client->mutate("campaigns", pause, false);
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(reply->answered);
  EXPECT_EQ(waits.size(), 1U);
  EXPECT_EQ(fake.count("campaigns:mutate"), 2);
  fake.fail_next(1, 503);
  auto unknown = client->mutate("campaigns", pause, false);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->answered);  // the caller must look before sending again
  EXPECT_NE(unknown->no_answer.find("UNAVAILABLE"), std::string::npos) << unknown->no_answer;
  EXPECT_EQ(fake.count("campaigns:mutate"), 3);  // sent once, not repeated
}
