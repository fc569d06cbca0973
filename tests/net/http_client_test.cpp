// The HTTP client against a real server on loopback: success, headers, retries with backoff and
// jitter on 5xx/429 (and only for requests safe to repeat), Retry-After, timeouts, refused
// connections, oversized bodies, and credentials kept out of every log line and message.
#include "adpilot/net/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "fakes/loopback_server.h"

namespace adpilot::net {
namespace {

using namespace std::chrono_literals;
using adpilot::testing::LoopbackServer;

// Records the waits instead of sleeping, and every log line.
struct Recorder {
  std::vector<std::chrono::milliseconds> waits;
  std::vector<std::string> lines;

  HttpClientOptions options() {
    HttpClientOptions o;
    o.sleep = [this](std::chrono::milliseconds d) { waits.push_back(d); };
    o.log = [this](const std::string& line) { lines.push_back(line); };
    o.jitter_seed = 42;
    o.timeout = 2000ms;
    return o;
  }
};

TEST(HttpClientTest, GetsABodyStatusAndHeaders) {
  LoopbackServer fake;
  fake.server().Get("/items", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Request-Id", "abc");
    res.set_content("hello " + req.get_header_value("X-Probe"), "text/plain");
  });
  fake.start();
  HttpClient client;
  auto response = client.send(HttpRequest{HttpMethod::kGet, fake.url("/items"), {{"X-Probe", "there"}}, "", false, 0ms});
  ASSERT_TRUE(response.ok()) << response.error().to_string();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello there");
  EXPECT_EQ(response->header("x-request-id"), "abc");
  EXPECT_EQ(response->attempts, 1);
}

TEST(HttpClientTest, PostsTheBodyAndReturnsErrorStatusesAsResponses) {
  LoopbackServer fake;
  fake.server().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 422;
    res.set_content(req.body, "application/json");
  });
  fake.start();
  HttpClient client;
  const std::string big(5000, 'x');  // over libcurl's 100-continue threshold
  auto response = client.send(HttpRequest{HttpMethod::kPost, fake.url("/echo"), {}, big, false, 0ms});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 422);
  EXPECT_FALSE(response->ok());
  EXPECT_EQ(response->body, big);
}

TEST(HttpClientTest, RetriesA503WithExponentialBackoffAndJitter) {
  LoopbackServer fake;
  std::atomic<int> calls{0};
  fake.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls < 3) {
      res.status = 503;
      return;
    }
    res.set_content("ok", "text/plain");
  });
  fake.start();
  Recorder recorder;
  HttpClientOptions options = recorder.options();
  options.retry.max_attempts = 4;
  options.retry.initial_backoff = 100ms;
  options.retry.jitter = 0.5;
  HttpClient client(options);
  auto response = client.send(HttpRequest{HttpMethod::kGet, fake.url("/flaky"), {}, "", false, 0ms});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->attempts, 3);
  ASSERT_EQ(recorder.waits.size(), 2u);
  // Attempt 2 waits within [50, 100] ms, attempt 3 within [100, 200] ms.
  EXPECT_GE(recorder.waits[0], 50ms);
  EXPECT_LE(recorder.waits[0], 100ms);
  EXPECT_GE(recorder.waits[1], 100ms);
  EXPECT_LE(recorder.waits[1], 200ms);
  ASSERT_EQ(recorder.lines.size(), 2u);
  EXPECT_NE(recorder.lines[0].find("503"), std::string::npos);
}

TEST(HttpClientTest, GivesUpAfterTheLastAttemptWithTheLastStatus) {
  LoopbackServer fake;
  std::atomic<int> calls{0};
  fake.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 502;
  });
  fake.start();
  Recorder recorder;
  HttpClientOptions options = recorder.options();
  options.retry.max_attempts = 3;
  HttpClient client(options);
  auto response = client.send(HttpRequest{HttpMethod::kGet, fake.url("/down"), {}, "", false, 0ms});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 502);
  EXPECT_EQ(response->attempts, 3);
  EXPECT_EQ(calls.load(), 3);
}

TEST(HttpClientTest, DoesNotRepeatAPostUnlessItIsMarkedRetryable) {
  LoopbackServer fake;
  std::atomic<int> calls{0};
  fake.server().Post("/charge", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 503;
  });
  fake.start();
  Recorder recorder;
  HttpClient client(recorder.options());
  auto once = client.send(HttpRequest{HttpMethod::kPost, fake.url("/charge"), {}, "{}", false, 0ms});
  ASSERT_TRUE(once.ok());
  EXPECT_EQ(once->attempts, 1);
  EXPECT_EQ(calls.load(), 1);
  auto retried = client.send(HttpRequest{HttpMethod::kPost, fake.url("/charge"), {}, "{}", true, 0ms});
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->attempts, 3);
  EXPECT_EQ(calls.load(), 4);
}

TEST(HttpClientTest, HonoursRetryAfterWithinTheCap) {
  LoopbackServer fake;
  std::atomic<int> calls{0};
  fake.server().Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "2");
      return;
    }
    res.set_content("ok", "text/plain");
  });
  fake.start();
  Recorder recorder;
  HttpClientOptions options = recorder.options();
  options.retry.initial_backoff = 10ms;
  options.retry.max_backoff = 5000ms;
  HttpClient client(options);
  auto response = client.send(HttpRequest{HttpMethod::kGet, fake.url("/limited"), {}, "", false, 0ms});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  ASSERT_EQ(recorder.waits.size(), 1u);
  EXPECT_EQ(recorder.waits[0], 2000ms);
}

TEST(HttpClientTest, TimesOutAndSaysSoAfterEveryAttempt) {
  LoopbackServer fake;
  fake.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    fake.wait_for(3000ms);
    res.set_content("late", "text/plain");
  });
  fake.start();
  Recorder recorder;
  HttpClientOptions options = recorder.options();
  options.timeout = 200ms;
  options.retry.max_attempts = 2;
  HttpClient client(options);
  const auto start = std::chrono::steady_clock::now();
  auto response = client.send(HttpRequest{HttpMethod::kGet, fake.url("/slow"), {}, "", false, 0ms});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kIo);
  EXPECT_NE(response.error().message.find("timed out after 200 ms"), std::string::npos) << response.error().message;
  EXPECT_NE(response.error().message.find("2 attempts"), std::string::npos);
  EXPECT_LT(elapsed, 2000ms);
}

TEST(HttpClientTest, ReportsARefusedConnection) {
  int closed_port = 0;
  {
    LoopbackServer fake;
    fake.start();
    closed_port = fake.port();
  }
  Recorder recorder;
  HttpClientOptions options = recorder.options();
  options.retry.max_attempts = 2;
  HttpClient client(options);
  auto response = client.send(
      HttpRequest{HttpMethod::kGet, "http://127.0.0.1:" + std::to_string(closed_port) + "/x", {}, "", false, 0ms});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kIo);
  EXPECT_EQ(recorder.waits.size(), 1u);  // a refused connection is worth one more try
}

TEST(HttpClientTest, RejectsAnOversizedBody) {
  LoopbackServer fake;
  fake.server().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(100000, 'y'), "text/plain");
  });
  fake.start();
  HttpClientOptions options;
  options.max_response_bytes = 1000;
  HttpClient client(options);
  auto response = client.send(HttpRequest{HttpMethod::kGet, fake.url("/big"), {}, "", false, 0ms});
  ASSERT_FALSE(response.ok());
  EXPECT_NE(response.error().message.find("longer than 1000 bytes"), std::string::npos);
}

TEST(HttpClientTest, NeverLogsCredentials) {
  LoopbackServer fake;
  fake.server().Get("/secure", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  fake.start();
  Recorder recorder;
  HttpClient client(recorder.options());
  HttpRequest request{HttpMethod::kGet, fake.url("/secure?api_key=sk-query-secret&q=boots"),
                      {{"Authorization", "Bearer sk-header-secret"}, {"X-Api-Key", "sk-other-secret"}},
                      "", false, 0ms};
  auto response = client.send(request);
  ASSERT_TRUE(response.ok());
  ASSERT_FALSE(recorder.lines.empty());
  for (const auto& line : recorder.lines) {
    EXPECT_EQ(line.find("sk-"), std::string::npos) << line;
    EXPECT_NE(line.find("q=boots"), std::string::npos) << line;
  }
  const std::string described = describe_request(request);
  EXPECT_EQ(described.find("sk-"), std::string::npos) << described;
  EXPECT_NE(described.find("Authorization: ***"), std::string::npos);
}

TEST(HttpTest, RedactsUrlsAndClassifiesSecretHeaders) {
  EXPECT_EQ(redact_url("https://user:pw@host.example/a?key=1&x=2&access_token=3#f"),
            "https://***@host.example/a?key=***&x=2&access_token=***#f");
  EXPECT_EQ(redact_url("http://host/plain"), "http://host/plain");
  EXPECT_TRUE(is_secret_header("authorization"));
  EXPECT_TRUE(is_secret_header("X-Goog-Api-Key"));
  EXPECT_TRUE(is_secret_header("developer-token"));
  EXPECT_FALSE(is_secret_header("Content-Type"));
}

TEST(RetryTest, BackoffGrowsIsCappedAndJittered) {
  RetryPolicy policy;
  policy.initial_backoff = 100ms;
  policy.multiplier = 2.0;
  policy.max_backoff = 350ms;
  policy.jitter = 0.0;
  EXPECT_EQ(backoff_delay(policy, 2, 0.5), 100ms);
  EXPECT_EQ(backoff_delay(policy, 3, 0.5), 200ms);
  EXPECT_EQ(backoff_delay(policy, 4, 0.5), 350ms);
  policy.jitter = 1.0;
  EXPECT_EQ(backoff_delay(policy, 2, 0.0), 100ms);
  EXPECT_EQ(backoff_delay(policy, 2, 0.75), 25ms);
  EXPECT_EQ(parse_retry_after(" 7 "), std::optional(7000ms));
  EXPECT_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
  EXPECT_TRUE(is_retryable_status(429));
  EXPECT_TRUE(is_retryable_status(503));
  EXPECT_FALSE(is_retryable_status(501));
  EXPECT_FALSE(is_retryable_status(404));
}

}  // namespace
}  // namespace adpilot::net
