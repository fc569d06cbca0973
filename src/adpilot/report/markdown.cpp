#include "adpilot/report/markdown.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/format_number.h"
#include "adpilot/report/chart.h"
#include "adpilot/report/detail/chart_files.h"
#include "adpilot/report/detail/format.h"

namespace adpilot::report {

namespace {

using detail::display_change;
using detail::display_p;
using detail::display_period;
using detail::display_value;

bool word_char(std::string_view text, size_t i) {
  return i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 ||
                             static_cast<unsigned char>(text[i]) >= 0x80);
}

// User text (campaign names, ad copy, file names) printed as written: characters that would
// start emphasis, code, links, HTML, strike-through or a table cell are backslash-escaped. To
// keep the raw text readable, "_" is escaped only at a word edge (GFM ignores "cmp_102"), ">"
// and "#" only where they could open a quote or heading, "&" only where it could start an
// entity; line breaks become spaces so a table row stays one line.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '|':
      case '~':
        out += '\\';
        out += ch;
        break;
      case '_':
        if (i > 0 && word_char(text, i - 1) && word_char(text, i + 1)) {
          out += ch;
        } else {
          out += "\\_";
        }
        break;
      case '>':
      case '#':
        if (i == 0) {
          out += '\\';
        }
        out += ch;
        break;
      case '&':
        out +=
            i + 1 < text.size() && (word_char(text, i + 1) || text[i + 1] == '#') ? "&amp;" : "&";
        break;
      case '\r':
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

// Text that must not be empty in a table cell.
std::string cell(std::string_view text) {
  return text.empty() ? "—" : escape(text);
}

enum class Align { kLeft, kRight };

class Table {
 public:
  Table(std::vector<std::string> headers, std::vector<Align> aligns)
      : headers_(std::move(headers)), aligns_(std::move(aligns)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void render(std::string& out) const {
    out += "|";
    for (const auto& h : headers_) {
      out += " " + h + " |";
    }
    out += "\n|";
    for (const Align a : aligns_) {
      out += a == Align::kRight ? " ---: |" : " :--- |";
    }
    out += "\n";
    for (const auto& row : rows_) {
      out += "|";
      for (const auto& value : row) {
        out += " " + value + " |";
      }
      out += "\n";
    }
    out += "\n";
  }

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

// "significant (p = 0.003)", "not significant (p = 0.412)", "—" without a test.
std::string significance(std::optional<double> p_value, bool significant) {
  if (!p_value) {
    return "—";
  }
  const std::string p = display_p(p_value);
  const std::string shown = p.rfind('<', 0) == 0 ? "p " + p : "p = " + p;
  return std::string(significant ? "significant" : "not significant") + " (" + shown + ")";
}

std::string money(double value, const std::string& symbol) {
  return display_value(value, "money", symbol);
}

std::string count(double value) {
  return display_value(value, "number", "");
}

std::string state_label(const std::string& state) {
  if (state == "planned") {
    return "Planned (dry run)";
  }
  if (state == "not_taken") {
    return "Not taken";
  }
  if (state.empty()) {
    return "—";
  }
  std::string label = state;
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

std::string scope_text(const std::string& scope, const std::string& scope_name) {
  if (scope == "account") {
    return "Account";
  }
  if (scope_name.empty()) {
    return cell(scope);
  }
  return escape(scope_name) + " (" + escape(scope) + ")";
}

// A metric's unit and label from the report itself: its series or headlines, else KPI naming.
std::string unit_of(const Report& report, const std::string& metric) {
  for (const auto& s : report.series) {
    if (s.metric == metric && !s.unit.empty()) {
      return s.unit;
    }
  }
  for (const auto& h : report.summary.headlines) {
    if (h.metric == metric && !h.unit.empty()) {
      return h.unit;
    }
  }
  return kpi_unit(metric);
}

std::string label_of(const Report& report, const std::string& metric) {
  for (const auto& s : report.series) {
    if (s.metric == metric && !s.label.empty()) {
      return s.label;
    }
  }
  for (const auto& h : report.summary.headlines) {
    if (h.metric == metric && !h.label.empty()) {
      return h.label;
    }
  }
  return metric;
}

void provenance_line(const Report& report, std::string& out) {
  const Provenance& p = report.provenance;
  out += "Generated " + cell(p.generated_at) + " by adpilot " + cell(p.adpilot_version);
  if (report.quality.dates.last >= report.quality.dates.first && !report.quality.files.empty()) {
    out += " · data " + display_period(report.quality.dates);
  }
  out += " · this period " + display_period(report.summary.current) + " against " +
         display_period(report.summary.previous);
  if (!report.summary.currency.empty()) {
    out += " · " + escape(report.summary.currency);
  }
  out += "\n\n";
}

void summary_section(const Report& report, std::string& out) {
  const std::string& symbol = report.summary.currency_symbol;
  out += "## Summary\n\n";
  Table table({"Metric", "This period", "Previous", "Change", "Significance"},
              {Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kLeft});
  for (const auto& h : report.summary.headlines) {
    table.add({cell(h.label.empty() ? h.metric : h.label), display_value(h.current, h.unit, symbol),
               display_value(h.previous, h.unit, symbol), display_change(h.rel_change),
               significance(h.p_value, h.significant)});
  }
  table.render(out);
  for (const auto& line : report.summary.highlights) {
    out += "- " + escape(line) + "\n";
  }
  if (!report.summary.highlights.empty()) {
    out += "\n";
  }
}

void campaigns_section(const Report& report, std::string& out) {
  const std::string& symbol = report.summary.currency_symbol;
  out += "## Campaigns\n\n";
  if (report.campaigns.empty()) {
    out += "No campaign data.\n\n";
    return;
  }
  Table table({"Campaign", "Channel", "Status", "Impressions", "Clicks", "Spend", "Conversions",
               "Revenue", "CTR", "CPC", "CVR", "CPA", "ROAS", "Profit"},
              {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kRight,
               Align::kRight, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
               Align::kRight, Align::kRight, Align::kRight, Align::kRight});
  for (const auto& k : report.campaigns) {
    table.add({scope_text(k.campaign_id, k.campaign_name), cell(k.channel), cell(k.status),
               count(k.impressions), count(k.clicks), money(k.cost, symbol), count(k.conversions),
               money(k.revenue, symbol), display_value(k.ctr, "percent", symbol),
               display_value(k.cpc, "money", symbol), display_value(k.cvr, "percent", symbol),
               display_value(k.cpa, "money", symbol), display_value(k.roas, "ratio", symbol),
               money(k.profit, symbol)});
  }
  table.render(out);
}

void charts_section(const Report& report, const std::string& chart_dir,
                    const std::string& extension, std::string& out) {
  if (report.series.empty()) {
    return;
  }
  const std::vector<std::string> ids = detail::unique_chart_ids(report.series);
  out += "## Charts\n\n";
  std::string dir = chart_dir;
  if (!dir.empty() && dir.back() != '/') {
    dir += '/';
  }
  for (size_t i = 0; i < report.series.size(); ++i) {
    const MetricSeries& s = report.series[i];
    const std::string title = escape(chart_title(s));
    if (extension.empty()) {
      out += "### " + title + "\n\n";
    } else {
      out += "![" + title + "](" + dir + ids[i] + "." + extension + ")\n\n";
    }
    if (s.forecast) {
      out += "- Forecast: " + cell(s.forecast->model) + ", " +
             std::to_string(s.forecast->dates.size()) + " days, with 80% and 95% intervals\n";
    }
    for (const auto& a : s.anomalies) {
      out += "- Anomaly: ";
      out += a.summary.empty() ? format_date(a.date) + ", " +
                                     display_value(a.value, s.unit, report.summary.currency_symbol)
                               : escape(a.summary);
      out += "\n";
    }
    if (s.forecast || !s.anomalies.empty()) {
      out += "\n";
    }
  }
}

void trends_section(const Report& report, std::string& out) {
  if (report.trends.empty()) {
    return;
  }
  out += "## Trends\n\n";
  std::vector<const TrendRow*> rows;
  for (const auto& t : report.trends) {
    rows.push_back(&t);
  }
  std::stable_partition(rows.begin(), rows.end(), [](const TrendRow* t) { return t->significant; });
  const std::string& symbol = report.summary.currency_symbol;
  Table table(
      {"Scope", "Metric", "Recent", "Prior", "Change", "Significance", "Direction", "Summary"},
      {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kLeft,
       Align::kLeft, Align::kLeft});
  for (const TrendRow* t : rows) {
    const std::string unit = unit_of(report, t->metric);
    table.add({scope_text(t->scope, t->scope_name), cell(label_of(report, t->metric)),
               display_value(t->recent, unit, symbol), display_value(t->prior, unit, symbol),
               display_change(t->rel_change), significance(t->p_value, t->significant),
               cell(t->direction), cell(t->summary)});
  }
  table.render(out);
}

void pacing_section(const Report& report, std::string& out) {
  if (report.pacing.empty()) {
    return;
  }
  const std::string& symbol = report.summary.currency_symbol;
  out += "## Pacing\n\n";
  Table table({"Campaign", "Month", "Budget", "Spent", "Projected", "80% range", "Of budget",
               "Verdict", "Recommended daily"},
              {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight,
               Align::kRight, Align::kRight, Align::kLeft, Align::kRight});
  for (const auto& p : report.pacing) {
    table.add({scope_text(p.campaign_id, p.campaign_name), cell(p.month), money(p.budget, symbol),
               money(p.spend_to_date, symbol), money(p.projected, symbol),
               money(p.projected_low_80, symbol) + " – " + money(p.projected_high_80, symbol),
               display_value(p.projected_share, "percent", symbol), cell(p.verdict),
               display_value(p.recommended_daily_budget, "money", symbol)});
  }
  table.render(out);
  for (const auto& p : report.pacing) {
    if (!p.explanation.empty()) {
      out += "- " + escape(p.campaign_name.empty() ? p.campaign_id : p.campaign_name) + ": " +
             escape(p.explanation) + "\n";
    }
  }
  out += "\n";
}

void decisions_section(const Report& report, std::string& out) {
  out += "## Decisions\n\n";
  if (report.decisions.empty()) {
    out += "No rule fired: nothing to change.\n\n";
    return;
  }
  for (const auto& d : report.decisions) {
    out += "- **" + state_label(d.state) + "**: " + cell(d.summary) + "\n";
    out += "  - Rule " + cell(d.rule) + " on " + cell(d.entity_level) + " " +
           scope_text(d.entity_id, d.entity_name) + ", action " + cell(d.action);
    if (d.index >= 0) {
      out += " (plan action " + std::to_string(d.index) + ")";
    }
    out += "\n";
    for (const auto& line : d.rationale) {
      out += "  - " + escape(line) + "\n";
    }
    if (!d.reason.empty()) {
      out += "  - Reason: " + escape(d.reason) + "\n";
    }
  }
  out += "\n";
}

void copy_section(const Report& report, std::string& out) {
  if (report.copy.empty()) {
    return;
  }
  out += "## Ad copy\n\n";
  for (const auto& c : report.copy) {
    out += "- Ad " + cell(c.ad_id) + " (" + cell(c.campaign_id) + ", " + cell(c.field) + "): “" +
           escape(c.text) + "”";
    if (!c.sentiment_label.empty()) {
      out += " — sentiment " + escape(c.sentiment_label);
      if (c.sentiment_score) {
        out += " (" + display_value(c.sentiment_score, "number", "") + ")";
      }
    }
    out += "\n";
    for (const auto& issue : c.issues) {
      out += "  - " + cell(issue.severity) + " " + cell(issue.rule_id) + ": " +
             escape(issue.message) + "\n";
    }
    for (const auto& suggestion : c.suggestions) {
      out += "  - Suggestion: “" + escape(suggestion) + "”\n";
    }
  }
  out += "\n";
}

void quality_section(const Report& report, std::string& out) {
  const Quality& q = report.quality;
  out += "## Data quality\n\n";
  out += "Rows read " + count(static_cast<double>(q.rows_read)) + ", kept " +
         count(static_cast<double>(q.rows_kept)) + ", rejected " +
         count(static_cast<double>(q.rows_rejected));
  if (!q.files.empty()) {
    out += " · dates " + display_period(q.dates);
  }
  out += ".\n\n";
  if (q.issues.empty()) {
    out += "No issues found.\n\n";
    return;
  }
  Table table({"Issue", "Count", "Policy", "Example"},
              {Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft});
  for (const auto& issue : q.issues) {
    table.add({cell(issue.kind), count(static_cast<double>(issue.count)), cell(issue.policy),
               cell(issue.example)});
  }
  table.render(out);
}

void method_section(const Report& report, std::string& out) {
  const Provenance& p = report.provenance;
  out += "## How this was made\n\n";
  out += "- adpilot " + cell(p.adpilot_version) + ", generated " + cell(p.generated_at) + "\n";
  out += "- Inputs:";
  if (p.inputs.empty()) {
    out += " —";
  }
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    out += (i == 0 ? " " : ", ") + escape(p.inputs[i]);
  }
  out += "\n";
  if (!p.config_file.empty()) {
    out += "- Config: " + escape(p.config_file) + "\n";
  }
  out += "- Rules: " + cell(p.rules_file);
  if (!p.rules_hash.empty()) {
    out += " (" + escape(p.rules_hash) + ")";
  }
  out += "\n";
  out += "- Forecasts: " + cell(p.forecast_model);
  std::vector<std::string> fitted;
  for (const auto& s : report.series) {
    if (s.forecast && !s.forecast->model.empty()) {
      fitted.push_back(escape(chart_title(s)) + ": " + escape(s.forecast->model));
    }
  }
  if (!fitted.empty()) {
    out += " (";
    for (size_t i = 0; i < fitted.size(); ++i) {
      out += (i == 0 ? "" : "; ") + fitted[i];
    }
    out += ")";
  }
  out += "\n";
  out += "- Anomalies: " + cell(p.anomaly_detector) + "\n";
  out += "- Ad copy sentiment: " + cell(p.sentiment_model) + "\n";
  out += "- Actions: " + cell(p.target) + ", " +
         (p.applied ? std::string("applied") : std::string("planned only (dry run)"));
  if (!p.plan_id.empty()) {
    out += ", plan " + escape(p.plan_id);
  }
  if (p.run_id) {
    out += ", run " + std::to_string(*p.run_id);
  }
  if (!p.store_path.empty()) {
    out += ", store " + escape(p.store_path);
  }
  out += "\n";
}

}  // namespace

std::string render_markdown(const Report& report, const std::string& chart_dir) {
  return render_markdown(report, chart_dir, "png");
}

std::string render_markdown(const Report& report, const std::string& chart_dir,
                            const std::string& chart_extension) {
  std::string out;
  out.reserve(16 * 1024);
  out += "# " + cell(report.title) + "\n\n";
  provenance_line(report, out);
  summary_section(report, out);
  campaigns_section(report, out);
  charts_section(report, chart_dir, chart_extension, out);
  trends_section(report, out);
  pacing_section(report, out);
  decisions_section(report, out);
  copy_section(report, out);
  quality_section(report, out);
  method_section(report, out);
  return out;
}

}  // namespace adpilot::report
