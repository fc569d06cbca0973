#include "adpilot/report/detail/html_sections.h"

#include <fmt/format.h>

#include "adpilot/core/format_number.h"
#include "adpilot/report/detail/html_escape.h"
#include "adpilot/report/detail/html_format.h"
#include "adpilot/report/detail/html_page.h"

namespace adpilot::report::detail {

namespace {

constexpr size_t kSummarySection = 0;
constexpr size_t kDecisionsSection = 5;
constexpr size_t kCopySection = 6;
constexpr size_t kQualitySection = 7;
constexpr size_t kProvenanceSection = 8;

void append_empty(std::string& out, const char* message) {
  out += "<p class=\"empty\">";
  out += message;
  out += "</p>\n";
}

void append_headline_card(std::string& out, const Headline& headline, const std::string& symbol) {
  out += "<article class=\"card headline\" data-metric=\"";
  append_escaped(out, headline.metric);
  out += "\">\n<h3>";
  append_escaped(out, headline.label.empty() ? headline.metric : headline.label);
  out += "</h3>\n<p class=\"value\">";
  append_escaped(out, format_value(headline.current, headline.unit, symbol));
  out += "</p>\n<p class=\"previous\">Previous period: ";
  append_escaped(out, format_value(headline.previous, headline.unit, symbol));
  out += "</p>\n<p class=\"change-line\">";
  const std::string news = change_news(headline.rel_change, headline.higher_is_better);
  out += "<span class=\"change ";
  out += news;
  out += "\">";
  append_escaped(out, format_change(headline.rel_change));
  if (news != "flat") {
    // Colour alone does not carry meaning (screen readers, black-and-white print).
    out += news == "good" ? "<span class=\"visually-hidden\"> (better)</span>"
                          : "<span class=\"visually-hidden\"> (worse)</span>";
  }
  out += "</span>";
  const std::string p_text = format_p(headline.p_value);
  if (headline.significant) {
    out += "<span class=\"sig yes\">significant";
    out += p_text.empty() ? "" : " (" + p_text + ")";
    out += "</span>";
  } else if (headline.rel_change) {
    out += "<span class=\"sig\">not significant";
    out += p_text.empty() ? "" : " (" + p_text + ")";
    out += "</span>";
  }
  out += "</p>\n</article>\n";
}

// A decision's state as a coloured badge.
const char* state_class(const std::string& state) {
  if (state == "applied") {
    return "good";
  }
  if (state == "failed") {
    return "bad";
  }
  if (state == "skipped" || state == "not_taken") {
    return "warn";
  }
  if (state == "planned") {
    return "info";
  }
  return "";
}

std::string state_text(const std::string& state) {
  if (state == "not_taken") {
    return "not taken";
  }
  return state;
}

const char* severity_class(const std::string& severity) {
  if (severity == "error") {
    return "bad";
  }
  if (severity == "warning") {
    return "warn";
  }
  return "info";
}

void append_fact(std::string& out, const char* term, const std::string& value) {
  out += "<dt>";
  out += term;
  out += "</dt><dd>";
  append_escaped(out, value.empty() ? std::string(kUndefined) : value);
  out += "</dd>\n";
}

void append_stat(std::string& out, const char* label, const std::string& value,
                 bool small = false) {
  out += "<div class=\"card\"><h3>";
  out += label;
  out += small ? "</h3><p class=\"value small\">" : "</h3><p class=\"value\">";
  append_escaped(out, value);
  out += "</p></div>\n";
}

}  // namespace

void append_summary_section(std::string& out, const Report& report) {
  append_section_start(out, kSummarySection);
  const Summary& summary = report.summary;
  if (summary.headlines.empty()) {
    append_empty(out, "No headline figures: the data has no dated rows.");
  } else {
    out += "<div class=\"cards\">\n";
    for (const Headline& headline : summary.headlines) {
      append_headline_card(out, headline, summary.currency_symbol);
    }
    out += "</div>\n";
  }
  if (!summary.highlights.empty()) {
    out += "<ul class=\"highlights\" aria-label=\"Highlights\">\n";
    for (const std::string& highlight : summary.highlights) {
      out += "<li>";
      append_escaped(out, highlight);
      out += "</li>\n";
    }
    out += "</ul>\n";
  }
  append_section_end(out);
}

void append_decisions_section(std::string& out, const Report& report) {
  append_section_start(out, kDecisionsSection);
  if (report.decisions.empty()) {
    append_empty(out, "No rule fired: the plan is empty.");
    append_section_end(out);
    return;
  }
  out += "<div class=\"list\">\n";
  for (const DecisionRow& decision : report.decisions) {
    out += "<article class=\"item decision state-";
    append_escaped(out, decision.state);
    out += "\" data-state=\"";
    append_escaped(out, decision.state);
    out += "\">\n<div class=\"item-head\"><span class=\"badge ";
    out += state_class(decision.state);
    out += "\">";
    append_escaped(out, state_text(decision.state));
    out += "</span><h3>";
    append_escaped(out, decision.summary);
    out += "</h3></div>\n<p class=\"meta\">";
    if (!decision.rule.empty()) {
      out += "<span>Rule <strong>";
      append_escaped(out, decision.rule);
      out += "</strong></span>";
    }
    if (!decision.action.empty()) {
      out += "<span>Action ";
      append_escaped(out, decision.action);
      out += "</span>";
    }
    if (!decision.entity_id.empty()) {
      out += "<span>";
      append_escaped(out, decision.entity_level.empty() ? "entity" : decision.entity_level);
      out += ' ';
      append_escaped(out, decision.entity_name.empty() ? decision.entity_id : decision.entity_name);
      if (!decision.entity_name.empty() && decision.entity_name != decision.entity_id) {
        out += " (";
        append_escaped(out, decision.entity_id);
        out += ')';
      }
      out += "</span>";
    }
    if (decision.index >= 0) {
      out += fmt::format("<span>Plan action #{}</span>", decision.index);
    }
    out += "</p>\n";
    if (!decision.rationale.empty()) {
      out += "<ul class=\"rationale\">\n";
      for (const std::string& line : decision.rationale) {
        out += "<li>";
        append_escaped(out, line);
        out += "</li>\n";
      }
      out += "</ul>\n";
    }
    if (!decision.reason.empty()) {
      out += "<p class=\"reason\">";
      append_escaped(out, decision.reason);
      out += "</p>\n";
    }
    out += "</article>\n";
  }
  out += "</div>\n";
  append_section_end(out);
}

void append_copy_section(std::string& out, const Report& report) {
  append_section_start(out, kCopySection);
  if (report.copy.empty()) {
    append_empty(out, "No ad copy was given, so none was checked.");
    append_section_end(out);
    return;
  }
  if (!report.provenance.sentiment_model.empty()) {
    out += "<p class=\"note\">Sentiment by ";
    append_escaped(out, report.provenance.sentiment_model);
    out += ".</p>\n";
  }
  out += "<div class=\"list\">\n";
  for (const CopyFinding& finding : report.copy) {
    out += "<article class=\"item finding\">\n<div class=\"item-head\"><h3>Ad ";
    append_escaped(out, finding.ad_id);
    out += "</h3>";
    if (!finding.sentiment_label.empty()) {
      out += "<span class=\"badge\">";
      append_escaped(out, finding.sentiment_label);
      if (finding.sentiment_score) {
        out += fmt::format(" {:+.2f}", *finding.sentiment_score);
      }
      out += "</span>";
    }
    out += "</div>\n<p class=\"meta\">";
    if (!finding.campaign_id.empty()) {
      out += "<span>Campaign ";
      append_escaped(out, finding.campaign_id);
      out += "</span>";
    }
    if (!finding.field.empty()) {
      out += "<span>";
      append_escaped(out, finding.field);
      out += "</span>";
    }
    out += "</p>\n<blockquote>";
    append_escaped(out, finding.text);
    out += "</blockquote>\n";
    if (!finding.issues.empty()) {
      out += "<ul class=\"issues\">\n";
      for (const CopyIssue& issue : finding.issues) {
        out += "<li><span class=\"badge ";
        out += severity_class(issue.severity);
        out += "\">";
        append_escaped(out, issue.severity);
        out += "</span><span>";
        append_escaped(out, issue.message);
        out += " <code>";
        append_escaped(out, issue.rule_id);
        out += "</code></span></li>\n";
      }
      out += "</ul>\n";
    }
    if (!finding.suggestions.empty()) {
      out += "<p class=\"note\">Suggestions</p>\n<ul class=\"suggestions\">\n";
      for (const std::string& suggestion : finding.suggestions) {
        out += "<li>";
        append_escaped(out, suggestion);
        out += "</li>\n";
      }
      out += "</ul>\n";
    }
    out += "</article>\n";
  }
  out += "</div>\n";
  append_section_end(out);
}

void append_quality_section(std::string& out, const Report& report) {
  append_section_start(out, kQualitySection);
  const Quality& quality = report.quality;
  out += "<div class=\"stats\">\n";
  append_stat(out, "Rows read", format_count(static_cast<double>(quality.rows_read), 0));
  append_stat(out, "Rows kept", format_count(static_cast<double>(quality.rows_kept), 0));
  append_stat(out, "Rows rejected", format_count(static_cast<double>(quality.rows_rejected), 0));
  if (quality.dates.first != 0 || quality.dates.last != 0) {
    append_stat(out, "Dates", format_period(quality.dates), true);
  }
  out += "</div>\n";
  if (!quality.files.empty()) {
    out += "<p class=\"note\">Files: ";
    for (size_t file_idx = 0; file_idx < quality.files.size(); ++file_idx) {
      out += file_idx == 0 ? "<code>" : ", <code>";
      append_escaped(out, quality.files[file_idx]);
      out += "</code>";
    }
    out += "</p>\n";
  }
  if (quality.issues.empty()) {
    append_empty(out, "No data quality issues were found.");
  } else {
    out +=
        "<div class=\"table-scroll\">\n<table class=\"quality\">\n<thead><tr><th scope=\"col\">"
        "Issue</th><th scope=\"col\" class=\"num\">Rows</th><th scope=\"col\">What was done"
        "</th><th scope=\"col\">Example</th></tr></thead>\n<tbody>\n";
    for (const QualityIssue& issue : quality.issues) {
      out += "<tr><td>";
      append_escaped(out, issue.kind);
      out += "</td><td class=\"num\">";
      out += format_count(static_cast<double>(issue.count), 0);
      out += "</td><td>";
      append_escaped(out, issue.policy);
      out += "</td><td>";
      if (issue.example.empty()) {
        out += kUndefined;
      } else {
        out += "<code>";
        append_escaped(out, issue.example);
        out += "</code>";
      }
      out += "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";
  }
  append_section_end(out);
}

void append_provenance_section(std::string& out, const Report& report) {
  append_section_start(out, kProvenanceSection);
  const Provenance& made = report.provenance;
  out += "<dl class=\"facts\">\n";
  append_fact(out, "adpilot version", made.adpilot_version);
  append_fact(out, "Generated (UTC)", made.generated_at);
  out += "<dt>Data files</dt><dd>";
  if (made.inputs.empty()) {
    out += kUndefined;
  } else {
    out += "<ul>";
    for (const std::string& input : made.inputs) {
      out += "<li><code>";
      append_escaped(out, input);
      out += "</code></li>";
    }
    out += "</ul>";
  }
  out += "</dd>\n";
  append_fact(out, "Config file", made.config_file.empty() ? "none" : made.config_file);
  append_fact(out, "Rules file", made.rules_file);
  append_fact(out, "Rules hash", made.rules_hash);
  append_fact(out, "Forecast model", made.forecast_model);
  append_fact(out, "Anomaly detector", made.anomaly_detector);
  append_fact(out, "Sentiment model", made.sentiment_model);
  append_fact(out, "Target", made.target);
  append_fact(out, "Plan", made.plan_id);
  append_fact(out, "Plan carried out",
              made.applied ? "yes" : "no (dry run: the decisions were planned, not applied)");
  append_fact(out, "Apply run", made.run_id ? std::to_string(*made.run_id) : "");
  append_fact(out, "Store", made.store_path);
  out += "</dl>\n";
  append_section_end(out);
}

}  // namespace adpilot::report::detail
