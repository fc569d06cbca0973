#include "adpilot/cli/copy_analysis.h"

#include <fmt/format.h>

#include <cstdlib>
#include <unordered_map>

#include "adpilot/analyze/kpi.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/ingest/ingest.h"
#include "adpilot/net/http.h"

namespace adpilot::cli {

Result<AdPerformanceData> performance_from_kpis(const Table& by_ad) {
  const Column* id = by_ad.find("ad_id");
  const Column* impressions = by_ad.find("impressions");
  const Column* clicks = by_ad.find("clicks");
  const Column* conversions = by_ad.find("conversions");
  if (id == nullptr || impressions == nullptr || clicks == nullptr || conversions == nullptr) {
    return make_error(ErrorCode::kSchema, "the performance data has no ad_id, impressions, clicks or conversions",
                      ErrorContext{"", 0, 0, "ad_id", "--perf"},
                      "the performance files need one row per ad (and day) with an ad_id column");
  }
  AdPerformanceData out;
  for (size_t row = 0; row < by_ad.num_rows(); ++row) {
    if (!id->is_valid(row)) {
      continue;
    }
    nlp::AdOutcome outcome{std::string(id->str(row)), impressions->number(row), clicks->number(row),
                           conversions->number(row)};
    out.impressions += outcome.impressions;
    out.clicks += outcome.clicks;
    out.conversions += outcome.conversions;
    out.outcomes.push_back(std::move(outcome));
  }
  return out;
}

Result<AdPerformanceData> read_ad_performance(const std::vector<std::string>& files, const Settings& settings) {
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  // The copy command has none of the ingest policy options: performance files are read with the
  // defaults (as `adpilot kpi` without options would read them).
  ingest::IngestOptions options;
  options.threads = static_cast<int>(settings.integer("threads"));
  analyze::KpiQuery query;
  query.by = {"ad"};
  options.columns = analyze::kpi_input_columns(query);
  analyze::KpiAggregator aggregator(query);
  auto report = ingest::ingest_stream(files, options, *registry, [&](Table&& chunk) { return aggregator.add(chunk); });
  if (!report.ok()) {
    return report.error();
  }
  auto by_ad = aggregator.finish();
  if (!by_ad.ok()) {
    Error error = by_ad.error();
    error.context.option = "--perf";
    return error;
  }
  return performance_from_kpis(*by_ad);
}

std::optional<nlp::LlmSettings> llm_settings_from(const Settings& settings) {
  const std::string url = settings.text("llm-url");
  if (url.empty()) {
    return std::nullopt;
  }
  nlp::LlmSettings llm;
  llm.url = url;
  llm.model = settings.text("llm-model");
  llm.timeout = std::chrono::seconds(settings.integer("llm-timeout"));
  for (const char* name : {"ADPILOT_LLM_API_KEY", "OPENAI_API_KEY"}) {
    if (const char* key = std::getenv(name); key != nullptr && key[0] != '\0') {
      llm.api_key = key;
      break;
    }
  }
  return llm;
}

Result<CopyAnalysis> analyze_copy(std::string file, std::vector<nlp::AdCopy> ads, nlp::SentimentScorer& scorer,
                                  const AdPerformanceData* performance, const CopyAnalysisOptions& options) {
  CopyAnalysis out;
  out.file = std::move(file);
  out.model = scorer.model_name();
  std::vector<std::string> texts;
  texts.reserve(ads.size());
  for (const auto& ad : ads) {
    texts.push_back(ad.visible_text());
  }
  auto sentiments = scorer.score(texts);
  if (!sentiments.ok()) {
    return sentiments.error();
  }
  out.call_to_action = nlp::most_common_call_to_action(ads).value_or("Shop now");

  std::unordered_map<std::string, const nlp::AdOutcome*> outcome_by_ad;
  std::optional<double> account_ctr;
  std::optional<double> account_cvr;
  if (performance != nullptr) {
    for (const auto& outcome : performance->outcomes) {
      outcome_by_ad.emplace(outcome.ad_id, &outcome);
    }
    account_ctr = analyze::kpi_ratio(performance->clicks, performance->impressions);
    account_cvr = analyze::kpi_ratio(performance->conversions, performance->clicks);
  }
  out.ads.reserve(ads.size());
  std::vector<nlp::CopyFeatures> features;
  for (size_t idx = 0; idx < ads.size(); ++idx) {
    CopyAdResult result;
    result.ad = std::move(ads[idx]);
    result.sentiment = (*sentiments)[idx];
    result.features = nlp::extract_copy_features(result.ad, result.sentiment.polarity);
    result.findings = nlp::lint_ad(result.ad, options.lint);
    for (const auto& finding : result.findings) {
      out.errors += finding.severity == nlp::Severity::kError ? 1 : 0;
      out.warnings += finding.severity == nlp::Severity::kWarning ? 1 : 0;
      out.advice += finding.severity == nlp::Severity::kAdvice ? 1 : 0;
    }
    if (const auto it = outcome_by_ad.find(result.ad.ad_id); it != outcome_by_ad.end()) {
      result.performance = nlp::AdPerformance{it->second->impressions, it->second->clicks, it->second->conversions,
                                              account_ctr, account_cvr};
    }
    features.push_back(result.features);
    out.ads.push_back(std::move(result));
  }
  if (performance != nullptr) {
    out.features = nlp::compare_copy_features(features, performance->outcomes);
  }
  for (auto& result : out.ads) {
    nlp::SuggestContext context;
    context.sentiment = result.sentiment.polarity;
    context.sentiment_model = out.model;
    context.call_to_action = out.call_to_action;
    context.evidence = out.features ? &*out.features : nullptr;
    context.lint = options.lint;
    result.suggestions = nlp::suggest_rewrites(result.ad, result.findings, context);
  }
  if (options.llm) {
    out.llm_endpoint = net::redact_url(nlp::chat_completions_url(options.llm->url));
    nlp::LlmRewriter rewriter(*options.llm, options.http);
    size_t asked = 0;
    size_t wanted = 0;
    for (auto& result : out.ads) {
      const bool has_problem = std::any_of(result.findings.begin(), result.findings.end(), [](const auto& f) {
        return f.severity != nlp::Severity::kAdvice;
      });
      if (!has_problem) {
        continue;
      }
      ++wanted;
      if (asked >= options.max_llm_ads) {
        continue;
      }
      ++asked;
      result.llm = rewriter.rewrite(result.ad, result.findings, result.performance ? &*result.performance : nullptr,
                                    &scorer, options.lint);
      if (result.llm->endpoint_down) {
        out.llm_notes.push_back(
            fmt::format("the endpoint did not answer for {}, so no further ads were sent to it", result.ad.ad_id));
        break;
      }
    }
    if (wanted > options.max_llm_ads) {
      out.llm_notes.push_back(fmt::format("{} ads have findings; the first {} were sent", wanted, options.max_llm_ads));
    }
  }
  return out;
}

}  // namespace adpilot::cli
