#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "adpilot/connect/meta_ads/graph_client.h"
#include "adpilot/connect/meta_ads/graph_error.h"
#include "adpilot/connect/meta_ads/usage.h"
#include "fakes/meta_ads_server.h"

namespace adpilot::connect::meta_ads {
namespace {

using testing::MetaAdsServer;
using std::chrono::milliseconds;

std::unique_ptr<GraphClient> client_for(const ConnectorSettings& settings) {
  auto client = GraphClient::create(settings);
  EXPECT_TRUE(client.ok()) << client.error().to_string();
  return std::move(*client);
}

TEST(MetaGraphHelpers, AppsecretProofIsHmacSha256OfTheToken) {
  // RFC 4231-style reference value (also in Wikipedia's HMAC article): key "key", message "The
  // quick brown fox jumps over the lazy dog".
  EXPECT_EQ(appsecret_proof("The quick brown fox jumps over the lazy dog", "key"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST(MetaGraphHelpers, BudgetDigitsFollowMetasOffsetTable) {
  EXPECT_EQ(*budget_digits("USD"), 2);
  EXPECT_EQ(*budget_digits("EUR"), 2);
  EXPECT_EQ(*budget_digits("JPY"), 0);
  EXPECT_EQ(*budget_digits("KRW"), 0);
  // Meta differs from ISO 4217 here: whole units for HUF and TWD, cents for BHD and KWD.
  EXPECT_EQ(*budget_digits("HUF"), 0);
  EXPECT_EQ(*budget_digits("TWD"), 0);
  EXPECT_EQ(*budget_digits("BHD"), 2);
  EXPECT_FALSE(budget_digits("XYZ").ok());
}

TEST(MetaGraphHelpers, AccountNodeAndEncoding) {
  EXPECT_EQ(*account_node("123"), "act_123");
  EXPECT_EQ(*account_node("act_456"), "act_456");
  const auto bad = account_node("act_12a");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().context.field, "account");
  EXPECT_EQ(percent_encode(R"({"since":"2026-11-01"})"), "%7B%22since%22%3A%222026-11-01%22%7D");
  EXPECT_EQ(form_encode({{"status", "PAUSED"}, {"a b", "x&y"}}), "status=PAUSED&a%20b=x%26y");
}

TEST(MetaGraphErrors, ClassifiesTheDocumentedCodes) {
  const auto kind_of = [](int code, int subcode = 0) {
    GraphError error;
    error.code = code;
    error.subcode = subcode;
    return classify(error);
  };
  for (const int code : {4, 17, 32, 613, 80000, 80004, 80014}) {
    EXPECT_EQ(kind_of(code), GraphErrorKind::kThrottled) << code;
  }
  EXPECT_EQ(kind_of(190), GraphErrorKind::kToken);
  EXPECT_EQ(kind_of(200), GraphErrorKind::kPermission);
  EXPECT_EQ(kind_of(100, 33), GraphErrorKind::kNotFound);
  EXPECT_EQ(kind_of(100), GraphErrorKind::kRefused);
  EXPECT_EQ(kind_of(80015), GraphErrorKind::kRefused);
  const auto parsed = parse_graph_error(
      R"({"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"error_subcode":1885272,"fbtrace_id":"AbC"}})",
      400);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->subcode, 1885272);
  EXPECT_EQ(describe(*parsed), "(#100) Invalid parameter [code 100, subcode 1885272, fbtrace_id AbC]");
  EXPECT_FALSE(parse_graph_error("<html>", 502).has_value());
}

TEST(MetaUsage, ReadsTheHeadersAndPacesAboveThreeQuarters) {
  net::HttpResponse response;
  response.headers = {{"X-Business-Use-Case-Usage",
                       R"({"987":[{"type":"ads_management","call_count":91,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":0}]})"},
                      {"X-Ad-Account-Usage", R"({"acc_id_util_pct":40.5,"reset_time_duration":0})"}};
  const UsageReading reading = read_usage(response);
  ASSERT_TRUE(reading.present);
  EXPECT_DOUBLE_EQ(reading.max_percent, 91.0);
  EXPECT_EQ(describe(reading), "call_count (business 987, ads_management) at 91%");
  // (91 − 75) / 25 of the longest pace.
  EXPECT_EQ(pace_for(reading), milliseconds(kMaxPace.count() * 16 / 25));

  net::HttpResponse calm;
  calm.headers = {{"X-Ad-Account-Usage", R"({"acc_id_util_pct":12})"}};
  EXPECT_EQ(pace_for(read_usage(calm)), milliseconds(0));

  net::HttpResponse blocked;
  blocked.headers = {{"X-Business-Use-Case-Usage",
                      R"({"987":[{"type":"ads_insights","call_count":100,"estimated_time_to_regain_access":3}]})"}};
  EXPECT_EQ(pace_for(read_usage(blocked)), milliseconds(180'000));

  net::HttpResponse garbage;
  garbage.headers = {{"X-Ad-Account-Usage", "not json"}};
  EXPECT_FALSE(read_usage(garbage).present);
}

TEST(MetaGraphClient, SendsTheTokenInTheHeaderAndReadsTheCurrency) {
  MetaAdsServer fake;
  fake.set_account("555", "JPY");
  auto client = client_for(fake.settings());
  EXPECT_EQ(client->account(), "act_555");
  EXPECT_EQ(*client->account_currency(), "JPY");
  EXPECT_EQ(*client->account_currency(), "JPY");  // cached: one request
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/v24.0/act_555");
  EXPECT_EQ(requests[0].authorization, std::string("Bearer ") + MetaAdsServer::kToken);
  EXPECT_EQ(requests[0].params.count("access_token"), 0u);
}

TEST(MetaGraphClient, SendsAppsecretProofWhenAnAppSecretIsSet) {
  MetaAdsServer fake;
  fake.set_token("The quick brown fox jumps over the lazy dog");
  fake.expect_proof("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  auto settings = fake.settings();
  auto without = client_for(settings);
  const auto refused = without->account_currency();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("appsecret_proof"), std::string::npos);
  settings.credentials.set("app_secret", "key");
  auto with = client_for(settings);
  EXPECT_EQ(*with->account_currency(), "USD");
}

TEST(MetaGraphClient, RetriesThrottlingAfterRecordedWaits) {
  for (const int code : {4, 17, 613, 80004}) {
    SCOPED_TRACE(code);
    MetaAdsServer fake;
    std::vector<milliseconds> waits;
    std::vector<std::string> log;
    auto settings = fake.settings(&waits);
    settings.http.retry.max_attempts = 4;
    settings.http.log = [&log](const std::string& line) { log.push_back(line); };
    auto client = client_for(settings);
    fake.throttle_next(2, code);
    const auto currency = client->account_currency();
    ASSERT_TRUE(currency.ok()) << currency.error().to_string();
    EXPECT_EQ(fake.http_requests(), 3u);
    ASSERT_EQ(waits.size(), 2u);
    EXPECT_GT(waits[0].count(), 0);
    EXPECT_GE(waits[1].count(), waits[0].count() / 2);  // exponential, with jitter
    EXPECT_EQ(client->stats().retries, 2);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_NE(log[0].find("code " + std::to_string(code) + " (throttled)"), std::string::npos);
  }
}

TEST(MetaGraphClient, ThrottlingThatOutlastsTheRetriesIsAnIoError) {
  MetaAdsServer fake;
  std::vector<milliseconds> waits;
  auto settings = fake.settings(&waits);
  settings.http.retry.max_attempts = 3;
  auto client = client_for(settings);
  fake.throttle_next(10, 17);
  const auto result = client->account_currency();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kIo);
  EXPECT_NE(result.error().message.find("User request limit reached [code 17"), std::string::npos);
  EXPECT_NE(result.error().message.find("fbtrace_id AfakeTrace42"), std::string::npos);
  EXPECT_EQ(fake.http_requests(), 3u);
  EXPECT_EQ(waits.size(), 2u);
}

TEST(MetaGraphClient, AnExpiredTokenIsAClearErrorAndNeverRetried) {
  MetaAdsServer fake;
  std::vector<milliseconds> waits;
  auto settings = fake.settings(&waits);
  settings.http.retry.max_attempts = 5;
  auto client = client_for(settings);
  fake.expire_token();
  const auto result = client->account_currency();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("expired or been revoked"), std::string::npos);
  EXPECT_NE(result.error().hint.find("create a new system-user token"), std::string::npos);
  EXPECT_EQ(fake.http_requests(), 1u);
  EXPECT_TRUE(waits.empty());
}

TEST(MetaGraphClient, UsageNearTheLimitSlowsTheNextCallDown) {
  MetaAdsServer fake;
  std::vector<milliseconds> waits;
  auto client = client_for(fake.settings(&waits));
  fake.set_usage(R"({"42":[{"type":"ads_management","call_count":95,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":0}]})",
                 R"({"acc_id_util_pct":60,"reset_time_duration":0})");
  ASSERT_TRUE(client->get("act_1234567890", {{"fields", "currency"}}, "first").ok());
  EXPECT_TRUE(waits.empty());  // the reading arrives with the answer: nothing to wait for yet
  ASSERT_TRUE(client->get("act_1234567890", {{"fields", "currency"}}, "second").ok());
  ASSERT_EQ(waits.size(), 1u);  // paced before the second call, though Meta refused nothing
  EXPECT_EQ(waits[0], milliseconds(kMaxPace.count() * 20 / 25));
  EXPECT_EQ(client->stats().paced, waits[0]);
  EXPECT_EQ(client->stats().usage_note, "call_count (business 42, ads_management) at 95%");

  fake.set_usage(R"({"42":[{"type":"ads_management","call_count":100,"estimated_time_to_regain_access":2}]})", "");
  ASSERT_TRUE(client->get("act_1234567890", {{"fields", "currency"}}, "third").ok());
  ASSERT_TRUE(client->get("act_1234567890", {{"fields", "currency"}}, "fourth").ok());
  ASSERT_EQ(waits.size(), 3u);
  EXPECT_EQ(waits[2], milliseconds(120'000));  // blocked: wait as long as Meta says
}

TEST(MetaGraphClient, ServerErrorsAreRetriedAndMalformedJsonIsAClearError) {
  MetaAdsServer fake;
  std::vector<milliseconds> waits;
  auto client = client_for(fake.settings(&waits));
  fake.server_error_next(1);
  EXPECT_TRUE(client->account_currency().ok());
  EXPECT_EQ(waits.size(), 1u);  // the HTTP layer's own backoff, on 503

  MetaAdsServer other;
  auto second = client_for(other.settings(&waits));
  other.malformed_next(1);
  const auto result = second->account_currency();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kParse);
  EXPECT_NE(result.error().message.find("not valid JSON"), std::string::npos);
  EXPECT_NE(result.error().message.find("reading the ad account's currency"), std::string::npos);
}

TEST(MetaGraphClient, ASlowAnswerTimesOut) {
  MetaAdsServer fake;
  std::vector<milliseconds> waits;
  auto settings = fake.settings(&waits);
  settings.http.timeout = milliseconds(200);
  settings.http.retry.max_attempts = 2;
  auto client = client_for(settings);
  fake.delay_next(5, milliseconds(2000));
  const auto result = client->account_currency();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kIo);
  EXPECT_NE(result.error().message.find("no answer from Meta"), std::string::npos);
}

TEST(MetaGraphClient, FollowsNextOnlyOnTheApiBaseAndDropsTheTokenFromIt) {
  MetaAdsServer fake;
  auto client = client_for(fake.settings());
  const auto outside = client->get_next("https://evil.example/v24.0/act_1/insights?after=x", "reading");
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.error().message.find("points outside"), std::string::npos);
  EXPECT_EQ(fake.http_requests(), 0u);
  // The fake puts access_token into its next links, as Meta does, and refuses it in a URL.
  fake.add_campaign("1", "a");
  fake.add_campaign("2", "b");
  fake.add_campaign("3", "c");
  auto first = client->get("act_1234567890/campaigns", {{"fields", "id,status"}}, "listing");
  ASSERT_TRUE(first.ok());
  const std::string next = (*first)["paging"]["next"].get<std::string>();
  EXPECT_NE(next.find("access_token="), std::string::npos);
  auto second = client->get_next(next, "listing");
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_EQ((*second)["data"][0]["id"], "3");
}

TEST(MetaGraphClient, BatchAnswersEachCall) {
  MetaAdsServer fake;
  fake.add_campaign("11", "a", "ACTIVE", 5000);
  fake.refuse_updates_of("12");
  fake.add_campaign("12", "b");
  auto client = client_for(fake.settings());
  const std::vector<BatchCall> calls = {{"POST", "v24.0/11", "status=PAUSED"},
                                        {"POST", "v24.0/12", "status=PAUSED"},
                                        {"GET", "v24.0/11?fields=status,daily_budget", ""}};
  const auto answers = client->batch(calls, "testing");
  ASSERT_TRUE(answers.ok()) << answers.error().to_string();
  ASSERT_EQ(answers->size(), 3u);
  EXPECT_EQ((*answers)[0].code, 200);
  EXPECT_EQ((*answers)[0].body["success"], true);
  EXPECT_EQ((*answers)[1].code, 400);
  ASSERT_TRUE((*answers)[1].error.has_value());
  EXPECT_EQ((*answers)[1].error->subcode, 1885272);
  EXPECT_EQ((*answers)[2].body["status"], "PAUSED");
  EXPECT_EQ((*answers)[2].body["daily_budget"], "5000");
  EXPECT_EQ(fake.object("11")->status, "PAUSED");
  EXPECT_EQ(fake.batch_requests(), 1u);
  const std::vector<BatchCall> too_many(kMaxBatchCalls + 1, BatchCall{"GET", "v24.0/11", ""});
  EXPECT_FALSE(client->batch(too_many, "testing").ok());
}

TEST(MetaGraphClient, SecretsNeverReachLogsOrErrors) {
  const std::string token = "EAAZsecret-token-8f3a1c77";
  const std::string secret = "app-secret-c0ffee99";
  MetaAdsServer fake;
  fake.set_token(token);
  std::vector<milliseconds> waits;
  std::vector<std::string> log;
  auto settings = fake.settings(&waits);
  settings.credentials.set("app_secret", secret);
  settings.http.retry.max_attempts = 3;
  settings.http.log = [&log](const std::string& line) { log.push_back(line); };
  auto client = client_for(settings);
  std::vector<std::string> texts;
  fake.server_error_next(1);
  fake.throttle_next(1, 613);
  ASSERT_TRUE(client->account_currency().ok());
  fake.add_campaign("1", "a");
  fake.add_campaign("2", "b");
  fake.add_campaign("3", "c");
  const auto page = client->get("act_1234567890/campaigns", {{"fields", "id,status"}}, "listing");
  ASSERT_TRUE(page.ok());
  fake.malformed_next(1);
  const auto broken = client->get_next((*page)["paging"]["next"].get<std::string>(), "listing");
  ASSERT_FALSE(broken.ok());
  texts.push_back(broken.error().to_string());
  fake.expire_token();
  const auto expired = client->get("act_1234567890", {}, "reading");
  ASSERT_FALSE(expired.ok());
  texts.push_back(expired.error().to_string());
  EXPECT_GE(log.size(), 2u);
  texts.insert(texts.end(), log.begin(), log.end());
  texts.push_back(client->stats().usage_note);
  for (const auto& text : texts) {
    EXPECT_EQ(text.find(token), std::string::npos) << text;
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
  }
}

TEST(MetaGraphClient, MissingSettingsAreNamed) {
  ConnectorSettings settings;
  settings.api_base = "http://127.0.0.1:1";
  settings.api_version = "v24.0";
  settings.account = "act_1";
  const auto no_token = GraphClient::create(settings);
  ASSERT_FALSE(no_token.ok());
  EXPECT_NE(no_token.error().message.find("access_token"), std::string::npos);
  settings.credentials.set("access_token", "x");
  settings.api_version = "24";
  const auto bad_version = GraphClient::create(settings);
  ASSERT_FALSE(bad_version.ok());
  EXPECT_EQ(bad_version.error().context.field, "api_version");
}

}  // namespace
}  // namespace adpilot::connect::meta_ads
