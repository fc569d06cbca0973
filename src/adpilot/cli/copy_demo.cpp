#include "adpilot/cli/copy_demo.h"

#include <fmt/format.h>

#include <filesystem>

#include "adpilot/analyze/kpi.h"
#include "adpilot/cli/copy_analysis.h"
#include "adpilot/cli/copy_input.h"
#include "adpilot/nlp/lexicon_sentiment.h"

namespace adpilot::cli {

namespace {

Result<std::string> section(const std::string& data_dir, const Table& performance) {
  const std::string file = (std::filesystem::path(data_dir) / "sample" / "ad_copy.csv").string();
  auto ads = read_ad_copy(file, std::nullopt);
  if (!ads.ok()) {
    return ads.error();
  }
  auto scorer = nlp::make_lexicon_scorer();
  if (!scorer.ok()) {
    return scorer.error();
  }
  analyze::KpiQuery query;
  query.by = {"ad"};
  auto by_ad = analyze::compute_kpis(performance, query);
  if (!by_ad.ok()) {
    return by_ad.error();
  }
  auto outcomes = performance_from_kpis(*by_ad);
  if (!outcomes.ok()) {
    return outcomes.error();
  }
  auto analysis = analyze_copy(file, std::move(*ads), **scorer, &*outcomes, CopyAnalysisOptions{});
  if (!analysis.ok()) {
    return analysis.error();
  }
  const CopyAnalysis& a = *analysis;
  std::string out = fmt::format("\nAd copy: {} ads, sentiment by {}\n", a.ads.size(), a.model);
  out += fmt::format("Lint: {} errors, {} warnings, {} advice\n", a.errors, a.warnings, a.advice);
  for (const auto& result : a.ads) {
    for (const auto& finding : result.findings) {
      if (finding.severity == nlp::Severity::kAdvice) {
        continue;
      }
      out += fmt::format("  {:<11} {:<8} {:<28} {}\n", finding.ad_id, nlp::severity_name(finding.severity),
                         finding.rule_id, finding.message);
      for (const auto& s : result.suggestions) {
        if (s.rule_id == finding.rule_id && (finding.field.empty() || s.field == finding.field) &&
            !s.suggested.empty()) {
          out += fmt::format("  {:<11} {:<8} {:<28} suggest: \"{}\"\n", "", "", "", s.suggested);
        }
      }
    }
  }
  if (a.features) {
    // The clearest association in the account's data: the smallest CTR p-value with 3+ ads per side.
    const nlp::FeatureComparison* best = nullptr;
    for (const auto& row : a.features->rows) {
      if (row.ctr_p && row.with.ads >= 3 && row.without.ads >= 3 && (best == nullptr || *row.ctr_p < *best->ctr_p)) {
        best = &row;
      }
    }
    if (best != nullptr && *best->ctr_p < 0.05) {
      if (auto evidence = nlp::feature_evidence(*a.features, best->feature)) {
        out += fmt::format("Copy and performance: {}\n", *evidence);
      }
    } else if (best != nullptr) {
      // Say so rather than present noise as a finding.
      out += fmt::format("Copy and performance: no copy feature goes with a clear CTR difference here (the "
                         "smallest p-value, {:.2f}, is for {})\n",
                         *best->ctr_p, best->feature);
    }
  }
  out += fmt::format("All findings, suggestions and features: adpilot copy {} --perf {}\n", file,
                     (std::filesystem::path(data_dir) / "sample" / "performance.csv").string());
  return out;
}

}  // namespace

std::string copy_demo_section(const std::string& data_dir, const Table& performance) {
  auto done = guard([&] { return section(data_dir, performance); });
  return done.ok() ? *done : fmt::format("\nAd copy: skipped ({})\n", done.error().to_string());
}

}  // namespace adpilot::cli
