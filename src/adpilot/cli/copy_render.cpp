#include "adpilot/cli/copy_render.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "adpilot/cli/output.h"

namespace adpilot::cli {

namespace {

using nlohmann::json;

void put_double(Column& column, std::optional<double> value) {
  if (value) {
    column.f64().push_back(*value);
    column.valid().push_back(1);
  } else {
    column.f64().push_back(0.0);
    column.valid().push_back(0);
  }
}

void put_int(Column& column, int64_t value) {
  column.i64().push_back(value);
  column.valid().push_back(1);
}

json optional_number(std::optional<double> value) { return value ? json(*value) : json(nullptr); }

std::string percent(std::optional<double> value) { return value ? fmt::format("{:.2f}%", *value * 100) : "—"; }

std::string rate_with_interval(const nlp::RateEstimate& rate) {
  if (!rate.rate) {
    return "—";
  }
  if (!rate.low || !rate.high) {
    return percent(rate.rate);
  }
  return fmt::format("{:.2f}% [{:.2f}, {:.2f}]", *rate.rate * 100, *rate.low * 100, *rate.high * 100);
}

std::string p_text(std::optional<double> p) {
  if (!p) {
    return "—";
  }
  return *p < 0.001 ? "<0.001" : fmt::format("{:.3f}", *p);
}

std::string ratio_text(std::optional<double> ratio) { return ratio ? fmt::format("{:.2f}", *ratio) : "—"; }

json rate_json(const nlp::RateEstimate& rate) {
  return {{"rate", optional_number(rate.rate)}, {"low", optional_number(rate.low)}, {"high", optional_number(rate.high)}};
}

json group_json(const nlp::FeatureGroup& group) {
  return {{"label", group.label},       {"ads", group.ads},
          {"impressions", group.impressions}, {"clicks", group.clicks},
          {"conversions", group.conversions}, {"ctr", rate_json(group.ctr)},
          {"cvr", rate_json(group.cvr)}};
}

json features_json(const nlp::FeatureReport& report) {
  json rows = json::array();
  for (const auto& row : report.rows) {
    rows.push_back({{"feature", row.feature},
                    {"with", group_json(row.with)},
                    {"without", group_json(row.without)},
                    {"ctr_ratio", optional_number(row.ctr_ratio)},
                    {"ctr_p_value", optional_number(row.ctr_p)},
                    {"cvr_ratio", optional_number(row.cvr_ratio)},
                    {"cvr_p_value", optional_number(row.cvr_p)},
                    {"ctr_dispersion", row.ctr_dispersion},
                    {"cvr_dispersion", row.cvr_dispersion}});
  }
  return {{"ads_joined", report.ads_joined},
          {"ads_without_performance", report.ads_without_performance},
          {"performance_ads_without_copy", report.performance_ads_without_copy},
          {"median_length", report.median_length},
          {"comparisons", rows}};
}

json findings_json(const std::vector<nlp::LintFinding>& findings) {
  json out = json::array();
  for (const auto& f : findings) {
    const nlp::LintRule* rule = nlp::find_lint_rule(f.rule_id);
    json item = {{"rule", f.rule_id},
                 {"severity", nlp::severity_name(f.severity)},
                 {"field", f.field},
                 {"message", f.message},
                 {"explanation", rule != nullptr ? rule->explanation : ""}};
    if (f.limit > 0) {
      item["length"] = f.length;
      item["limit"] = f.limit;
    }
    out.push_back(std::move(item));
  }
  return out;
}

// A fixed-width text table of strings, for the people's report.
std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  Table table;
  for (const auto& name : header) {
    table.add_column(name, ColumnType::kString);
  }
  for (const auto& row : rows) {
    for (size_t c = 0; c < header.size(); ++c) {
      table.column(c).append_string(c < row.size() ? row[c] : "");
    }
  }
  return render_pretty(table, "");
}

std::string plural(size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

}  // namespace

Table copy_findings_table(const CopyAnalysis& analysis) {
  Table table;
  Column& ad_id = table.add_column("ad_id", ColumnType::kString);
  Column& platform = table.add_column("platform", ColumnType::kString);
  Column& field = table.add_column("field", ColumnType::kString);
  Column& severity = table.add_column("severity", ColumnType::kString);
  Column& rule = table.add_column("rule", ColumnType::kString);
  Column& message = table.add_column("message", ColumnType::kString);
  Column& length = table.add_column("length", ColumnType::kInt64);
  Column& limit = table.add_column("limit", ColumnType::kInt64);
  for (const auto& result : analysis.ads) {
    for (const auto& f : result.findings) {
      ad_id.append_string(f.ad_id);
      platform.append_string(nlp::platform_name(result.ad.platform));
      field.append_string(f.field);
      severity.append_string(nlp::severity_name(f.severity));
      rule.append_string(f.rule_id);
      message.append_string(f.message);
      if (f.limit > 0) {
        put_int(length, static_cast<int64_t>(f.length));
        put_int(limit, static_cast<int64_t>(f.limit));
      } else {
        length.append_null();
        limit.append_null();
      }
    }
  }
  return table;
}

Table copy_features_table(const nlp::FeatureReport& report) {
  Table table;
  Column& feature = table.add_column("feature", ColumnType::kString);
  Column& with_label = table.add_column("with", ColumnType::kString);
  Column& without_label = table.add_column("without", ColumnType::kString);
  Column& ads_with = table.add_column("ads_with", ColumnType::kInt64);
  Column& ads_without = table.add_column("ads_without", ColumnType::kInt64);
  Column* rates[12];
  const char* names[12] = {"ctr_with", "ctr_with_low", "ctr_with_high", "ctr_without", "ctr_without_low",
                           "ctr_without_high", "cvr_with", "cvr_with_low", "cvr_with_high", "cvr_without",
                           "cvr_without_low", "cvr_without_high"};
  for (size_t k = 0; k < 12; ++k) {
    rates[k] = &table.add_column(names[k], ColumnType::kDouble);
  }
  Column& ctr_ratio = table.add_column("ctr_ratio", ColumnType::kDouble);
  Column& ctr_p = table.add_column("ctr_p_value", ColumnType::kDouble);
  Column& cvr_ratio = table.add_column("cvr_ratio", ColumnType::kDouble);
  Column& cvr_p = table.add_column("cvr_p_value", ColumnType::kDouble);
  for (const auto& row : report.rows) {
    feature.append_string(row.feature);
    with_label.append_string(row.with.label);
    without_label.append_string(row.without.label);
    put_int(ads_with, static_cast<int64_t>(row.with.ads));
    put_int(ads_without, static_cast<int64_t>(row.without.ads));
    const nlp::RateEstimate* estimates[4] = {&row.with.ctr, &row.without.ctr, &row.with.cvr, &row.without.cvr};
    for (size_t k = 0; k < 4; ++k) {
      put_double(*rates[k * 3], estimates[k]->rate);
      put_double(*rates[k * 3 + 1], estimates[k]->low);
      put_double(*rates[k * 3 + 2], estimates[k]->high);
    }
    put_double(ctr_ratio, row.ctr_ratio);
    put_double(ctr_p, row.ctr_p);
    put_double(cvr_ratio, row.cvr_ratio);
    put_double(cvr_p, row.cvr_p);
  }
  return table;
}

std::string render_copy_report(const CopyAnalysis& analysis) {
  size_t google = 0;
  for (const auto& result : analysis.ads) {
    google += result.ad.platform == nlp::Platform::kGoogle ? 1 : 0;
  }
  std::string out = fmt::format("adpilot copy: {} in {} ({} Google, {} Meta); sentiment by {}\n\n",
                                plural(analysis.ads.size(), "ad", "ads"), analysis.file, google,
                                analysis.ads.size() - google, analysis.model);

  // Findings: errors and warnings first, then advice.
  out += fmt::format("Lint: {}, {}, {}\n", plural(analysis.errors, "error", "errors"),
                     plural(analysis.warnings, "warning", "warnings"), plural(analysis.advice, "advice", "advice"));
  std::vector<std::vector<std::string>> rows;
  for (nlp::Severity severity : {nlp::Severity::kError, nlp::Severity::kWarning, nlp::Severity::kAdvice}) {
    for (const auto& result : analysis.ads) {
      for (const auto& f : result.findings) {
        if (f.severity == severity) {
          rows.push_back({f.ad_id, f.field.empty() ? "—" : f.field, nlp::severity_name(f.severity), f.rule_id, f.message});
        }
      }
    }
  }
  if (!rows.empty()) {
    out += text_table({"ad_id", "field", "severity", "rule", "message"}, rows);
  }

  rows.clear();
  for (const auto& result : analysis.ads) {
    for (const auto& s : result.suggestions) {
      rows.push_back({s.ad_id, s.field.empty() ? "—" : s.field, s.kind, s.suggested.empty() ? "—" : s.suggested,
                      s.reason});
    }
  }
  out += fmt::format("\nSuggestions: {}\n", rows.size());
  if (!rows.empty()) {
    out += text_table({"ad_id", "field", "kind", "suggested", "reason"}, rows);
  }

  size_t positive = 0;
  size_t negative = 0;
  const CopyAdResult* most_negative = nullptr;
  for (const auto& result : analysis.ads) {
    positive += result.sentiment.polarity >= 0.05 ? 1 : 0;
    negative += result.sentiment.polarity <= -0.05 ? 1 : 0;
    if (most_negative == nullptr || result.sentiment.polarity < most_negative->sentiment.polarity) {
      most_negative = &result;
    }
  }
  out += fmt::format("\nSentiment ({}): {} positive, {} neutral, {} negative", analysis.model, positive,
                     analysis.ads.size() - positive - negative, negative);
  if (most_negative != nullptr) {
    out += fmt::format("; lowest: {} ({:.2f})", most_negative->ad.ad_id, most_negative->sentiment.polarity);
  }
  out += "\n";

  if (analysis.features) {
    const auto& report = *analysis.features;
    out += fmt::format(
        "\nCopy and performance: {} joined ({} without performance rows); CTR and CVR are ratios of sums "
        "with 95% intervals, widened for the variation between ads\n",
        plural(report.ads_joined, "ad", "ads"), report.ads_without_performance.size());
    rows.clear();
    for (const auto& row : report.rows) {
      rows.push_back({row.feature, row.with.label, fmt::format("{} / {}", row.with.ads, row.without.ads),
                      rate_with_interval(row.with.ctr), rate_with_interval(row.without.ctr), ratio_text(row.ctr_ratio),
                      p_text(row.ctr_p), rate_with_interval(row.with.cvr), rate_with_interval(row.without.cvr),
                      ratio_text(row.cvr_ratio), p_text(row.cvr_p)});
    }
    out += text_table({"feature", "with", "ads", "ctr_with", "ctr_without", "ratio", "p", "cvr_with", "cvr_without",
                       "ratio", "p"},
                      rows);
  }

  if (!analysis.llm_endpoint.empty()) {
    out += fmt::format("\nLLM rewrites from {}\n", analysis.llm_endpoint);
    rows.clear();
    for (const auto& result : analysis.ads) {
      if (!result.llm) {
        continue;
      }
      const auto& llm = *result.llm;
      if (!llm.used_llm) {
        out += fmt::format("  {}: no rewrites ({}); the rule-based suggestions above stand\n", result.ad.ad_id,
                           llm.fallback_reason);
        continue;
      }
      for (const auto& c : llm.candidates) {
        std::string lint = c.fits ? "ok" : "";
        for (const auto& f : c.findings) {
          if (f.severity != nlp::Severity::kAdvice) {
            lint += (lint.empty() ? "" : "; ") + f.rule_id;
          }
        }
        rows.push_back({result.ad.ad_id, nlp::field_kind_name(c.kind), c.text,
                        fmt::format("{}", nlp::platform_length(result.ad.platform, c.text)), lint,
                        c.sentiment ? fmt::format("{} {:.2f}", c.sentiment->label, c.sentiment->polarity) : "—",
                        llm.model});
      }
    }
    if (!rows.empty()) {
      out += text_table({"ad_id", "kind", "candidate", "chars", "lint", "sentiment", "model"}, rows);
    }
    for (const auto& note : analysis.llm_notes) {
      out += "  note: " + note + "\n";
    }
  }
  return out;
}

std::string render_copy_json(const CopyAnalysis& analysis) {
  json ads = json::array();
  for (const auto& result : analysis.ads) {
    json fields = json::array();
    for (const auto& field : result.ad.fields) {
      fields.push_back({{"name", field.name},
                        {"kind", nlp::field_kind_name(field.kind)},
                        {"text", field.text},
                        {"characters", nlp::platform_length(result.ad.platform, field.text)}});
    }
    json suggestions = json::array();
    for (const auto& s : result.suggestions) {
      suggestions.push_back({{"field", s.field},
                             {"kind", s.kind},
                             {"rule", s.rule_id},
                             {"original", s.original},
                             {"suggested", s.suggested},
                             {"reason", s.reason}});
    }
    const auto& f = result.features;
    json item = {{"ad_id", result.ad.ad_id},
                 {"campaign_id", result.ad.campaign_id},
                 {"platform", nlp::platform_name(result.ad.platform)},
                 {"line", result.ad.source_line},
                 {"fields", fields},
                 {"sentiment",
                  {{"label", result.sentiment.label},
                   {"score", result.sentiment.score},
                   {"polarity", result.sentiment.polarity},
                   {"model", analysis.model}}},
                 {"features",
                  {{"length", f.length},
                   {"call_to_action", f.call_to_action},
                   {"number", f.number},
                   {"question", f.question},
                   {"emoji", f.emoji}}},
                 {"findings", findings_json(result.findings)},
                 {"suggestions", suggestions},
                 {"performance", nullptr},
                 {"llm", nullptr}};
    if (result.performance) {
      const auto& p = *result.performance;
      item["performance"] = {{"impressions", p.impressions},
                             {"clicks", p.clicks},
                             {"conversions", p.conversions},
                             {"ctr", p.impressions > 0 ? json(p.clicks / p.impressions) : json(nullptr)},
                             {"cvr", p.clicks > 0 ? json(p.conversions / p.clicks) : json(nullptr)},
                             {"account_ctr", optional_number(p.account_ctr)},
                             {"account_cvr", optional_number(p.account_cvr)}};
    }
    if (result.llm) {
      const auto& llm = *result.llm;
      json candidates = json::array();
      for (const auto& c : llm.candidates) {
        json candidate = {{"kind", nlp::field_kind_name(c.kind)},
                          {"text", c.text},
                          {"characters", nlp::platform_length(result.ad.platform, c.text)},
                          {"fits", c.fits},
                          {"findings", findings_json(c.findings)},
                          {"sentiment", nullptr}};
        if (c.sentiment) {
          candidate["sentiment"] = {{"label", c.sentiment->label}, {"polarity", c.sentiment->polarity}};
        }
        candidates.push_back(std::move(candidate));
      }
      item["llm"] = {{"used", llm.used_llm},
                     {"model", llm.model},
                     {"attempts", llm.attempts},
                     {"fallback_reason", llm.fallback_reason.empty() ? json(nullptr) : json(llm.fallback_reason)},
                     {"candidates", candidates}};
    }
    ads.push_back(std::move(item));
  }
  json doc = {{"file", analysis.file},
              {"model", analysis.model},
              {"summary",
               {{"ads", analysis.ads.size()},
                {"errors", analysis.errors},
                {"warnings", analysis.warnings},
                {"advice", analysis.advice},
                {"call_to_action", analysis.call_to_action}}},
              {"ads", ads},
              {"copy_and_performance", analysis.features ? features_json(*analysis.features) : json(nullptr)},
              {"llm", analysis.llm_endpoint.empty()
                          ? json(nullptr)
                          : json{{"endpoint", analysis.llm_endpoint}, {"notes", analysis.llm_notes}}}};
  return doc.dump(2) + "\n";
}

}  // namespace adpilot::cli
