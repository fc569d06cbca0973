#include "adpilot/report/detail/html_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "adpilot/report/detail/html_escape.h"
#include "adpilot/report/detail/html_format.h"
#include "adpilot/report/detail/html_page.h"

namespace adpilot::report::detail {

namespace {

constexpr size_t kCampaignsSection = 1;
constexpr size_t kTrendsSection = 3;
constexpr size_t kPacingSection = 4;

using Cell = std::optional<double>;

struct KpiColumn {
  const char* label;
  const char* unit;  // core/format_number.h units, plus "ratio"
  Cell (*value)(const KpiRow&);
};

constexpr KpiColumn kKpiColumns[] = {
    {"Impressions", "number", [](const KpiRow& row) -> Cell { return row.impressions; }},
    {"Clicks", "number", [](const KpiRow& row) -> Cell { return row.clicks; }},
    {"Spend", "money", [](const KpiRow& row) -> Cell { return row.cost; }},
    {"Conversions", "number", [](const KpiRow& row) -> Cell { return row.conversions; }},
    {"Revenue", "money", [](const KpiRow& row) -> Cell { return row.revenue; }},
    {"CTR", "percent", [](const KpiRow& row) { return row.ctr; }},
    {"CPC", "money", [](const KpiRow& row) { return row.cpc; }},
    {"CPM", "money", [](const KpiRow& row) { return row.cpm; }},
    {"CVR", "percent", [](const KpiRow& row) { return row.cvr; }},
    {"CPA", "money", [](const KpiRow& row) { return row.cpa; }},
    {"ROAS", "ratio", [](const KpiRow& row) { return row.roas; }},
    {"AOV", "money", [](const KpiRow& row) { return row.aov; }},
    {"Profit", "money", [](const KpiRow& row) -> Cell { return row.profit; }},
};

// <th> of a sortable column.
void append_sort_header(std::string& out, const char* label, bool numeric) {
  out += numeric ? "<th scope=\"col\" class=\"num\" data-type=\"number\">"
                 : "<th scope=\"col\" data-type=\"text\">";
  out += "<button type=\"button\">";
  out += label;
  out += "</button></th>";
}

// A numeric cell: the formatted figure, the raw value for sorting, greyed when undefined.
void append_number_cell(std::string& out, Cell value, const std::string& unit,
                        const std::string& symbol) {
  const bool undefined = sort_key(value).empty();
  out += undefined ? "<td class=\"num undef\" data-value=\"\">" : "<td class=\"num\" data-value=\"";
  if (!undefined) {
    out += sort_key(value);
    out += "\">";
  }
  append_escaped(out, format_value(value, unit, symbol));
  out += "</td>";
}

void append_text_cell(std::string& out, const std::string& text) {
  out += "<td data-value=\"";
  append_escaped(out, text);
  out += "\">";
  append_escaped(out, text.empty() ? std::string(kUndefined) : text);
  out += "</td>";
}

void append_empty(std::string& out, const char* message) {
  out += "<p class=\"empty\">";
  out += message;
  out += "</p>\n";
}

// "ENABLED" → a green badge, "PAUSED" a grey one; anything else as written.
void append_status_badge(std::string& out, const std::string& status) {
  out += status == "ENABLED" ? " <span class=\"badge good\">" : " <span class=\"badge\">";
  append_escaped(out, status);
  out += "</span>";
}

const char* verdict_class(const std::string& verdict) {
  if (verdict == "on track") {
    return "good";
  }
  if (verdict == "under-pacing") {
    return "warn";
  }
  if (verdict == "over-pacing" || verdict == "exhausted") {
    return "bad";
  }
  return "";
}

// The trend rows that pass `keep`, as one sortable table.
template <typename Keep>
void append_trend_table(std::string& out, const Report& report, const char* caption, Keep keep) {
  const std::string& symbol = report.summary.currency_symbol;
  out += "<div class=\"table-scroll\">\n<table class=\"trends\" data-sortable>\n<caption>";
  out += caption;
  out += "</caption>\n<thead><tr>";
  append_sort_header(out, "Scope", false);
  append_sort_header(out, "Metric", false);
  append_sort_header(out, "Recent", true);
  append_sort_header(out, "Prior", true);
  append_sort_header(out, "Change", true);
  append_sort_header(out, "p-value", true);
  append_sort_header(out, "Direction", false);
  out += "<th scope=\"col\">Summary</th></tr></thead>\n<tbody>\n";
  for (const TrendRow& row : report.trends) {
    if (!keep(row)) {
      continue;
    }
    const std::string unit = metric_unit(report, row.metric);
    out += "<tr>";
    append_text_cell(out, row.scope_name.empty() ? row.scope : row.scope_name);
    append_text_cell(out, metric_label(report, row.metric));
    append_number_cell(out, row.recent, unit, symbol);
    append_number_cell(out, row.prior, unit, symbol);
    // Only a significant change is coloured as news; the others keep their arrow in grey.
    const bool moved = row.rel_change && *row.rel_change != 0;
    out += "<td class=\"num\" data-value=\"";
    out += sort_key(row.rel_change);
    out += "\"><span class=\"change ";
    out += !moved || !row.significant ? "flat" : (row.good_news ? "good" : "bad");
    out += "\">";
    append_escaped(out, format_change(row.rel_change));
    out += "</span></td><td class=\"num\" data-value=\"";
    out += sort_key(row.p_value);
    out += "\">";
    const std::string p_text = format_p(row.p_value);
    append_escaped(out, p_text.empty() ? std::string(kUndefined) : p_text);
    out += row.significant ? " <span class=\"sig yes\">significant</span>" : "";
    out += "</td>";
    append_text_cell(out, row.direction);
    out += "<td><div class=\"wide\">";
    append_escaped(out, row.summary);
    out += "</div></td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
}

}  // namespace

void append_kpi_section(std::string& out, const Report& report) {
  append_section_start(out, kCampaignsSection);
  if (report.campaigns.empty()) {
    append_empty(out, "The data holds no campaigns.");
    append_section_end(out);
    return;
  }
  const std::string& symbol = report.summary.currency_symbol;
  out += "<div class=\"table-scroll\">\n<table class=\"kpi\" id=\"kpi-table\" data-sortable>\n";
  out +=
      "<caption>One row per campaign over all the data; ratios are computed from the sums. "
      "Click a column heading to sort.</caption>\n<thead><tr>";
  append_sort_header(out, "Campaign", false);
  for (const KpiColumn& column : kKpiColumns) {
    append_sort_header(out, column.label, true);
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const KpiRow& row : report.campaigns) {
    const std::string& name = row.campaign_name.empty() ? row.campaign_id : row.campaign_name;
    out += "<tr><th scope=\"row\" data-value=\"";
    append_escaped(out, name);
    out += "\">";
    append_escaped(out, name);
    out += "<span class=\"sub\">";
    append_escaped(out, row.campaign_id);
    if (!row.channel.empty()) {
      out += " · ";
      append_escaped(out, row.channel);
    }
    if (!row.status.empty()) {
      append_status_badge(out, row.status);
    }
    out += "</span></th>";
    for (const KpiColumn& column : kKpiColumns) {
      append_number_cell(out, column.value(row), column.unit, symbol);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
  append_section_end(out);
}

void append_trends_section(std::string& out, const Report& report) {
  append_section_start(out, kTrendsSection);
  if (report.trends.empty()) {
    append_empty(out,
                 "No trends were tested: the data is too short for a recent and a prior period.");
    append_section_end(out);
    return;
  }
  // The account's trends and every significant one are shown; the campaigns' changes that are
  // not significant (most of them, with many campaigns) fold away under a <details>, which
  // opens without JavaScript.
  const auto shown = [](const TrendRow& row) { return row.significant || row.scope == "account"; };
  const auto folded = std::count_if(report.trends.begin(), report.trends.end(),
                                    [&](const TrendRow& row) { return !shown(row); });
  if (static_cast<size_t>(folded) == report.trends.size()) {
    append_trend_table(out, report,
                       "The recent period against the prior one; none of the "
                       "changes is significant.",
                       [](const TrendRow&) { return true; });
    append_section_end(out);
    return;
  }
  append_trend_table(out, report,
                     "The recent period against the prior one: the account, and every "
                     "significant change, significant first.",
                     shown);
  if (folded > 0) {
    out += fmt::format(
        "<details class=\"more\"><summary>{} more campaign trend{}, none significant"
        "</summary>\n",
        folded, folded == 1 ? "" : "s");
    append_trend_table(out, report, "Campaign changes that are not significant.",
                       [&](const TrendRow& row) { return !shown(row); });
    out += "</details>\n";
  }
  append_section_end(out);
}

void append_pacing_section(std::string& out, const Report& report) {
  append_section_start(out, kPacingSection);
  if (report.pacing.empty()) {
    append_empty(out, "No budgets were given, so there is no pacing to show.");
    append_section_end(out);
    return;
  }
  const std::string& symbol = report.summary.currency_symbol;
  out += "<div class=\"table-scroll\">\n<table class=\"pacing\" data-sortable>\n";
  out +=
      "<caption>Spend to date against each campaign's budget for the month, and the forecast "
      "to the month's end with its 80% range beneath it.</caption>\n<thead><tr>";
  append_sort_header(out, "Campaign", false);
  append_sort_header(out, "Budget", true);
  append_sort_header(out, "Spent", true);
  append_sort_header(out, "Projected", true);
  append_sort_header(out, "Of budget", true);
  append_sort_header(out, "Verdict", false);
  append_sort_header(out, "Advised daily", true);
  out += "<th scope=\"col\">Why</th></tr></thead>\n<tbody>\n";
  for (const PacingRow& row : report.pacing) {
    out += "<tr>";
    const std::string& name = row.campaign_name.empty() ? row.campaign_id : row.campaign_name;
    out += "<th scope=\"row\" data-value=\"";
    append_escaped(out, name);
    out += "\">";
    append_escaped(out, name);
    out += "<span class=\"sub\">";
    append_escaped(out, row.campaign_id);
    if (!row.month.empty()) {
      out += " · ";
      append_escaped(out, row.month);
    }
    out += "</span></th>";
    append_number_cell(out, row.budget, "money", symbol);
    append_number_cell(out, row.spend_to_date, "money", symbol);
    // The projection with its 80% range beneath it.
    out += "<td class=\"num\" data-value=\"";
    out += sort_key(row.projected);
    out += "\">";
    append_escaped(out, format_value(row.projected, "money", symbol));
    out += "<span class=\"sub range\">";
    append_escaped(out, format_value(row.projected_low_80, "money", symbol));
    out += " – ";
    append_escaped(out, format_value(row.projected_high_80, "money", symbol));
    out += "</span></td>";
    append_number_cell(out, row.projected_share, "percent", symbol);
    out += "<td data-value=\"";
    append_escaped(out, row.verdict);
    out += "\"><span class=\"badge ";
    out += verdict_class(row.verdict);
    out += "\">";
    append_escaped(out, row.verdict);
    out += "</span></td>";
    append_number_cell(out, row.recommended_daily_budget, "money", symbol);
    out += "<td><div class=\"wide\">";
    append_escaped(out, row.explanation);
    out += "</div></td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
  append_section_end(out);
}

const char* table_sort_script() {
  return R"js(
(function () {
  'use strict';
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
  function cellKey(cell, numeric) {
    var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent.trim();
    if (!numeric) return raw === '' ? null : raw;
    if (raw === '') return null;
    var number = Number(raw);
    return isNaN(number) ? null : number;
  }
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, idx) { row.setAttribute('data-order', idx); });
    headers.forEach(function (header, column) {
      var button = header.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var numeric = header.getAttribute('data-type') === 'number';
        var was = header.getAttribute('aria-sort');
        var dir = was === 'descending' ? 'ascending'
                : was === 'ascending' ? 'descending'
                : numeric ? 'descending' : 'ascending';
        var sign = dir === 'ascending' ? 1 : -1;
        var rows = Array.prototype.map.call(body.rows, function (row) {
          return {row: row, key: cellKey(row.cells[column], numeric), order: Number(row.getAttribute('data-order'))};
        });
        rows.sort(function (a, b) {
          if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
          if (a.key !== null) {
            var c = numeric ? a.key - b.key : collator.compare(a.key, b.key);
            if (c !== 0) return c < 0 ? -sign : sign;
          }
          return a.order - b.order;
        });
        rows.forEach(function (entry) { body.appendChild(entry.row); });
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        header.setAttribute('aria-sort', dir);
      });
    });
  });
})();
)js";
}

}  // namespace adpilot::report::detail
