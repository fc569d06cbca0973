// What `adpilot copy FILE` computes for each ad — sentiment, lint findings, rule-based
// suggestions, copy features, performance against the account, LLM candidates — and for the
// account, how copy features go with CTR and CVR. Shared by the command and the demo.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/cli/commands.h"
#include "adpilot/core/table.h"
#include "adpilot/nlp/ad_copy.h"
#include "adpilot/nlp/copy_features.h"
#include "adpilot/nlp/copy_lint.h"
#include "adpilot/nlp/llm_rewrite.h"
#include "adpilot/nlp/sentiment.h"
#include "adpilot/nlp/suggest.h"

namespace adpilot::cli {

struct CopyAdResult {
  nlp::AdCopy ad;
  nlp::SentimentResult sentiment;
  nlp::CopyFeatures features;
  std::vector<nlp::LintFinding> findings;
  std::vector<nlp::Suggestion> suggestions;
  std::optional<nlp::AdPerformance> performance;
  std::optional<nlp::RewriteOutcome> llm;
};

struct CopyAnalysis {
  std::string file;
  std::string model;  // the sentiment scorer
  std::vector<CopyAdResult> ads;
  std::optional<nlp::FeatureReport> features;  // with performance data
  std::string call_to_action;                  // the account's most common one
  size_t errors = 0;
  size_t warnings = 0;
  size_t advice = 0;
  // LLM rewrites: the endpoint (credentials removed) and what happened beyond each ad's outcome.
  std::string llm_endpoint;
  std::vector<std::string> llm_notes;
};

struct CopyAnalysisOptions {
  nlp::LintOptions lint;
  std::optional<nlp::LlmSettings> llm;
  net::HttpClientOptions http;
  size_t max_llm_ads = 20;  // LLM calls are slow and may cost money: the ads with findings, up to this
};

// Per-ad performance from a KPI table grouped by ad (ad_id, impressions, clicks, conversions).
struct AdPerformanceData {
  std::vector<nlp::AdOutcome> outcomes;
  double impressions = 0.0;
  double clicks = 0.0;
  double conversions = 0.0;
};
Result<AdPerformanceData> performance_from_kpis(const Table& by_ad);

// Reads performance files and sums them per ad.
Result<AdPerformanceData> read_ad_performance(const std::vector<std::string>& files, const Settings& settings);

Result<CopyAnalysis> analyze_copy(std::string file, std::vector<nlp::AdCopy> ads, nlp::SentimentScorer& scorer,
                                  const AdPerformanceData* performance, const CopyAnalysisOptions& options);

// The LLM settings from the options and the environment (ADPILOT_LLM_API_KEY, else
// OPENAI_API_KEY); nullopt without --llm-url.
std::optional<nlp::LlmSettings> llm_settings_from(const Settings& settings);

}  // namespace adpilot::cli
