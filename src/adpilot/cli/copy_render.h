// `adpilot copy FILE` output: a report for people, JSON with everything, or the findings as CSV.
#pragma once

#include <string>

#include "adpilot/cli/copy_analysis.h"
#include "adpilot/core/table.h"

namespace adpilot::cli {

// ad_id, platform, field, severity, rule, message, length, limit: one row per finding.
Table copy_findings_table(const CopyAnalysis& analysis);
// feature, with, without, ads and rates per group, ratios, p-values, dispersion.
Table copy_features_table(const nlp::FeatureReport& report);

std::string render_copy_report(const CopyAnalysis& analysis);
std::string render_copy_json(const CopyAnalysis& analysis);

}  // namespace adpilot::cli
