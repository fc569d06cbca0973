// Optional LLM rewrites through any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM,
// llama.cpp's server, Ollama). The prompt carries the ad's copy, its lint findings and its
// performance against the account; the answer is parsed into candidate headlines, descriptions
// and primary texts, each of which is linted and scored before anyone sees it. Timeouts and
// retries come from the net layer; when the endpoint fails in any way the outcome says why and
// the caller shows the rule-based suggestions instead.
//
// Example:
//   nlp::LlmRewriter rewriter({.url = "http://127.0.0.1:8080/v1", .model = "qwen2.5"});
//   const nlp::RewriteOutcome outcome = rewriter.rewrite(ad, findings, &performance, scorer.get());
//   if (!outcome.used_llm) { /* outcome.fallback_reason; show suggest_rewrites() */ }
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/net/http_client.h"
#include "adpilot/nlp/ad_copy.h"
#include "adpilot/nlp/copy_lint.h"
#include "adpilot/nlp/sentiment.h"

namespace adpilot::nlp {

struct LlmSettings {
  std::string url;      // the server's base ("http://host:8080", ".../v1") or the full endpoint
  std::string model;
  std::string api_key;  // sent as a bearer token when set; never logged or shown
  std::chrono::milliseconds timeout{60000};  // per attempt
  net::RetryPolicy retry;                    // on 429, 5xx, timeouts and dropped connections
  double temperature = 0.7;
  int headlines = 5;      // how many of each to ask for
  int descriptions = 2;
};

// One ad's performance over the period analysed and the account's rates for comparison.
struct AdPerformance {
  double impressions = 0.0;
  double clicks = 0.0;
  double conversions = 0.0;
  std::optional<double> account_ctr;
  std::optional<double> account_cvr;
};

struct RewriteCandidate {
  FieldKind kind = FieldKind::kHeadline;
  std::string text;
  std::vector<LintFinding> findings;  // lint_text on the candidate
  std::optional<SentimentResult> sentiment;
  bool fits = false;                  // no error or warning finding
};

struct RewriteOutcome {
  bool used_llm = false;         // false: no candidates; fallback_reason says why
  std::string model;             // the model that answered (as the endpoint names it)
  std::string fallback_reason;
  bool endpoint_down = false;    // no answer at all (unreachable, timed out): later calls would
                                 // fail the same way
  int attempts = 0;              // HTTP attempts made
  std::vector<RewriteCandidate> candidates;  // fitting ones first, then in the model's order
};

// ".../chat/completions" as given; ".../v1" gains "/chat/completions"; a bare host gains
// "/v1/chat/completions".
std::string chat_completions_url(std::string_view url);

// The user message: the ad's fields, the findings, the performance and what to write back.
std::string build_rewrite_prompt(const AdCopy& ad, std::span<const LintFinding> findings,
                                 const AdPerformance* performance, const LlmSettings& settings);

// The assistant's text from a chat-completions response body (choices[0].message.content);
// model_out receives the response's "model". kParse error for anything else.
Result<std::string> parse_chat_completion(std::string_view body, std::string* model_out = nullptr);

struct CandidateText {
  FieldKind kind = FieldKind::kHeadline;
  std::string text;
};

// Candidates from the assistant's text: a JSON object {"headlines": [...], "descriptions":
// [...], "primary_texts": [...]} (code fences and text around it are tolerated; items may be
// strings or {"text": ...}), else lines such as "Headline: …". kParse error when none is found.
Result<std::vector<CandidateText>> parse_rewrite_candidates(std::string_view content);

class LlmRewriter {
 public:
  explicit LlmRewriter(LlmSettings settings, net::HttpClientOptions http = {});
  ~LlmRewriter();
  LlmRewriter(LlmRewriter&&) noexcept;
  LlmRewriter& operator=(LlmRewriter&&) noexcept;

  // Never fails: an unreachable endpoint, a timeout, an error status, a malformed answer all
  // come back as used_llm = false with the reason. scorer may be null (no sentiment).
  RewriteOutcome rewrite(const AdCopy& ad, std::span<const LintFinding> findings, const AdPerformance* performance,
                         SentimentScorer* scorer, const LintOptions& lint = {});

 private:
  LlmSettings settings_;
  net::HttpClient client_;
};

}  // namespace adpilot::nlp
