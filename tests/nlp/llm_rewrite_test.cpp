// LLM rewrites against a local chat-completions server over loopback (tests/fakes): a good
// answer becomes linted, scored candidates; a malformed answer, a timeout, a refused key and an
// error status fall back cleanly; a 500 is retried. Also the prompt, URL and answer parsing.
#include "adpilot/nlp/llm_rewrite.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adpilot/nlp/lexicon_sentiment.h"
#include "fakes/chat_completions_server.h"

namespace adpilot::nlp {
namespace {

using namespace std::chrono_literals;
using adpilot::testing::ChatCompletionsServer;
using adpilot::testing::FakeReply;

AdCopy flawed_ad() {
  AdCopy ad;
  ad.ad_id = "ad_103_1_1";
  ad.platform = Platform::kGoogle;
  ad.final_url = "https://www.ridgeline-outfitters.example/boots/men";
  ad.fields = {{"headline_1", FieldKind::kHeadline, "Waterproof Boots for Men"},
               {"headline_2", FieldKind::kHeadline, "Ridgeline Outfitters"},
               {"headline_3", FieldKind::kHeadline, "Waterproof Leather Hiking Boots for Men"},
               {"description_1", FieldKind::kDescription, "Waterproof leather boots with grippy soles. Shop now."},
               {"description_2", FieldKind::kDescription, "Free 60-day returns and expert advice. Order today."}};
  return ad;
}

LlmSettings settings_for(const ChatCompletionsServer& server) {
  LlmSettings settings;
  settings.url = server.base_url();
  settings.model = "test-model";
  settings.timeout = 2000ms;
  settings.retry.initial_backoff = 10ms;
  settings.retry.max_backoff = 20ms;
  return settings;
}

class LlmRewriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = make_lexicon_scorer();
    ASSERT_TRUE(created.ok());
    scorer_ = std::move(*created);
  }
  std::unique_ptr<SentimentScorer> scorer_;
};

TEST_F(LlmRewriteTest, GoodAnswerBecomesLintedScoredCandidates) {
  ChatCompletionsServer server;
  server.set_default(FakeReply{200,
                               ChatCompletionsServer::completion(
                                   "```json\n{\"headlines\": [\"Leather Hiking Boots for Men\", \"Waterproof Leather "
                                   "Hiking Boots Men\", \"Boots Built to Last!\"], \"descriptions\": [\"Grippy, "
                                   "waterproof leather boots. Free returns. Shop now.\"]}\n```",
                                   "served-model-7b"),
                               0ms,
                               {}});
  LlmSettings settings = settings_for(server);
  settings.api_key = "sk-test-123";
  LlmRewriter rewriter(settings);
  const AdCopy ad = flawed_ad();
  const auto findings = lint_ad(ad);
  AdPerformance performance{12000, 240, 12, 0.034, 0.05};
  const RewriteOutcome outcome = rewriter.rewrite(ad, findings, &performance, scorer_.get());
  ASSERT_TRUE(outcome.used_llm) << outcome.fallback_reason;
  EXPECT_EQ(outcome.model, "served-model-7b");
  EXPECT_EQ(outcome.attempts, 1);
  ASSERT_EQ(outcome.candidates.size(), 4u);
  // Fitting candidates first; the over-long one and the one with '!' are kept but marked.
  EXPECT_TRUE(outcome.candidates[0].fits);
  EXPECT_EQ(outcome.candidates[0].text, "Leather Hiking Boots for Men");
  size_t fitting = 0;
  for (const auto& c : outcome.candidates) {
    fitting += c.fits ? 1 : 0;
    ASSERT_TRUE(c.sentiment.has_value());
  }
  EXPECT_EQ(fitting, 2u);
  EXPECT_FALSE(outcome.candidates[3].fits);

  // What went over the wire: the chat-completions shape, the bearer key, the copy, the findings
  // and the performance.
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/v1/chat/completions");
  EXPECT_EQ(requests[0].authorization, "Bearer sk-test-123");
  EXPECT_EQ(requests[0].content_type, "application/json");
  const auto body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["model"], "test-model");
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  const std::string prompt = body["messages"][1]["content"];
  EXPECT_NE(prompt.find("Waterproof Leather Hiking Boots for Men"), std::string::npos);
  EXPECT_NE(prompt.find("google.headline_length"), std::string::npos);
  EXPECT_NE(prompt.find("CTR 2.00% (account: 3.40%)"), std::string::npos) << prompt;
}

TEST_F(LlmRewriteTest, MalformedAnswersFallBackWithTheReason) {
  ChatCompletionsServer server;
  server.push(FakeReply{200, "{\"choices\": [", 0ms, {}});
  server.push(FakeReply{200, "{\"object\": \"list\", \"data\": []}", 0ms, {}});
  server.push(FakeReply{200, ChatCompletionsServer::completion("Sorry, I cannot help with that."), 0ms, {}});
  LlmRewriter rewriter(settings_for(server));
  const AdCopy ad = flawed_ad();
  const auto not_json = rewriter.rewrite(ad, {}, nullptr, scorer_.get());
  EXPECT_FALSE(not_json.used_llm);
  EXPECT_FALSE(not_json.endpoint_down);
  EXPECT_NE(not_json.fallback_reason.find("not JSON"), std::string::npos) << not_json.fallback_reason;
  const auto wrong_shape = rewriter.rewrite(ad, {}, nullptr, scorer_.get());
  EXPECT_FALSE(wrong_shape.used_llm);
  EXPECT_NE(wrong_shape.fallback_reason.find("choices"), std::string::npos) << wrong_shape.fallback_reason;
  const auto refusal = rewriter.rewrite(ad, {}, nullptr, scorer_.get());
  EXPECT_FALSE(refusal.used_llm);
  EXPECT_TRUE(refusal.candidates.empty());
  EXPECT_NE(refusal.fallback_reason.find("no headlines"), std::string::npos) << refusal.fallback_reason;
}

TEST_F(LlmRewriteTest, RetriesA500ThenSucceeds) {
  ChatCompletionsServer server;
  server.push(FakeReply{500, ChatCompletionsServer::error_body("The server had an error", "server_error"), 0ms, {}});
  server.set_default(FakeReply{200, ChatCompletionsServer::completion("{\"headlines\": [\"Trail Boots for Men\"]}"), 0ms, {}});
  LlmRewriter rewriter(settings_for(server));
  const auto outcome = rewriter.rewrite(flawed_ad(), {}, nullptr, scorer_.get());
  ASSERT_TRUE(outcome.used_llm) << outcome.fallback_reason;
  EXPECT_EQ(outcome.attempts, 2);
  EXPECT_EQ(server.requests().size(), 2u);
  ASSERT_EQ(outcome.candidates.size(), 1u);
  EXPECT_EQ(outcome.candidates[0].text, "Trail Boots for Men");
}

TEST_F(LlmRewriteTest, PersistentErrorStatusFallsBackWithTheServersMessage) {
  ChatCompletionsServer server;
  server.set_default(FakeReply{503, ChatCompletionsServer::error_body("Model is overloaded", "server_error"), 0ms, {}});
  LlmRewriter rewriter(settings_for(server));
  const auto outcome = rewriter.rewrite(flawed_ad(), {}, nullptr, scorer_.get());
  EXPECT_FALSE(outcome.used_llm);
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_NE(outcome.fallback_reason.find("HTTP 503 after 3 attempts: Model is overloaded"), std::string::npos)
      << outcome.fallback_reason;
}

TEST_F(LlmRewriteTest, TimeoutFallsBackCleanly) {
  ChatCompletionsServer server;
  server.set_default(FakeReply{200, ChatCompletionsServer::completion("{\"headlines\": [\"Late\"]}"), 5000ms, {}});
  LlmSettings settings = settings_for(server);
  settings.timeout = 150ms;
  settings.retry.max_attempts = 2;
  LlmRewriter rewriter(settings);
  const auto start = std::chrono::steady_clock::now();
  const auto outcome = rewriter.rewrite(flawed_ad(), {}, nullptr, scorer_.get());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3000ms);
  EXPECT_FALSE(outcome.used_llm);
  EXPECT_TRUE(outcome.endpoint_down);
  EXPECT_TRUE(outcome.candidates.empty());
  EXPECT_NE(outcome.fallback_reason.find("timed out after 150 ms"), std::string::npos) << outcome.fallback_reason;
}

TEST_F(LlmRewriteTest, MissingKeyIsRefusedOnceWithoutRetries) {
  ChatCompletionsServer server;
  server.require_key("sk-right");
  LlmRewriter rewriter(settings_for(server));  // no api_key
  const auto outcome = rewriter.rewrite(flawed_ad(), {}, nullptr, scorer_.get());
  EXPECT_FALSE(outcome.used_llm);
  EXPECT_NE(outcome.fallback_reason.find("HTTP 401"), std::string::npos);
  EXPECT_NE(outcome.fallback_reason.find("none was set"), std::string::npos) << outcome.fallback_reason;
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].authorization, "");
  // A wrong key is refused the same way, and its value appears nowhere in the reason.
  LlmSettings wrong = settings_for(server);
  wrong.api_key = "sk-wrong-secret";
  const auto refused = LlmRewriter(wrong).rewrite(flawed_ad(), {}, nullptr, scorer_.get());
  EXPECT_FALSE(refused.used_llm);
  EXPECT_EQ(refused.fallback_reason.find("sk-wrong-secret"), std::string::npos);
}

TEST_F(LlmRewriteTest, UnreachableEndpointIsMarkedDown) {
  int port = 0;
  {
    ChatCompletionsServer gone;
    port = std::stoi(gone.base_url().substr(gone.base_url().rfind(':') + 1));
  }
  LlmSettings settings;
  settings.url = "http://127.0.0.1:" + std::to_string(port);
  settings.retry.max_attempts = 1;
  const auto outcome = LlmRewriter(settings).rewrite(flawed_ad(), {}, nullptr, nullptr);
  EXPECT_FALSE(outcome.used_llm);
  EXPECT_TRUE(outcome.endpoint_down);
}

TEST(LlmParseTest, BuildsTheEndpointUrl) {
  EXPECT_EQ(chat_completions_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080/v1/chat/completions");
  EXPECT_EQ(chat_completions_url("http://127.0.0.1:8080/v1/"), "http://127.0.0.1:8080/v1/chat/completions");
  EXPECT_EQ(chat_completions_url("https://api.example/v1/chat/completions"), "https://api.example/v1/chat/completions");
}

TEST(LlmParseTest, ReadsCandidatesFromJsonOrLines) {
  auto json = parse_rewrite_candidates(
      "Here you go:\n{\"headlines\": [\"A\", {\"text\": \"B\"}], \"primary_texts\": [\"C\"], \"other\": [\"x\"]}");
  ASSERT_TRUE(json.ok());
  ASSERT_EQ(json->size(), 3u);
  EXPECT_EQ((*json)[1].text, "B");
  EXPECT_EQ((*json)[2].kind, FieldKind::kPrimaryText);
  auto lines = parse_rewrite_candidates("**Headlines:**\n1. \"Trail Boots\"\n- Boots for Men\nDescription: Free returns.");
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 3u);
  EXPECT_EQ((*lines)[0].text, "Trail Boots");
  EXPECT_EQ((*lines)[1].kind, FieldKind::kHeadline);
  EXPECT_EQ((*lines)[2].kind, FieldKind::kDescription);
  EXPECT_EQ((*lines)[2].text, "Free returns.");
  EXPECT_FALSE(parse_rewrite_candidates("I can't do that.").ok());
  auto content = parse_chat_completion(ChatCompletionsServer::completion("hello", "m"));
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, "hello");
}

}  // namespace
}  // namespace adpilot::nlp
