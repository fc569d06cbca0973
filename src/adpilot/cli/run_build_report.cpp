#include "adpilot/cli/run_build_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>

#include "adpilot/cli/run_report_findings.h"
#include "adpilot/cli/series_anomalies.h"
#include "adpilot/core/format_number.h"
#include "adpilot/decide/decide.h"

namespace adpilot::cli {

namespace {

using analyze::Metric;
using analyze::TrendFinding;

constexpr const char* kNowVariable = "ADPILOT_NOW";

std::optional<double> defined(double value) {
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

struct MetricInfo {
  Metric metric;
  const char* key;  // the report's name for it
  const char* label;
  const char* unit;
};

// The summary's headlines, in the order the report promises.
constexpr MetricInfo kHeadlines[] = {
    {Metric::kCost, "spend", "Spend", "money"},
    {Metric::kConversions, "conversions", "Conversions", "number"},
    {Metric::kCpa, "cpa", "CPA", "money"},
    {Metric::kRoas, "roas", "ROAS", "ratio"},
    {Metric::kClicks, "clicks", "Clicks", "number"},
    {Metric::kRevenue, "revenue", "Revenue", "money"},
};

const MetricInfo& info(Metric metric) {
  static const MetricInfo kSeries[] = {
      {Metric::kImpressions, "impressions", "Impressions", "number"},
      {Metric::kClicks, "clicks", "Clicks", "number"},
      {Metric::kCost, "cost", "Spend", "money"},
      {Metric::kConversions, "conversions", "Conversions", "number"},
      {Metric::kRevenue, "revenue", "Revenue", "money"},
      {Metric::kCtr, "ctr", "CTR", "percent"},
      {Metric::kCpc, "cpc", "CPC", "money"},
      {Metric::kCpm, "cpm", "CPM", "money"},
      {Metric::kCvr, "cvr", "CVR", "percent"},
      {Metric::kCpa, "cpa", "CPA", "money"},
      {Metric::kRoas, "roas", "ROAS", "ratio"},
  };
  for (const auto& item : kSeries) {
    if (item.metric == metric) {
      return item;
    }
  }
  return kSeries[2];
}

const TrendFinding* find_trend(const std::vector<TrendFinding>& findings, Metric metric) {
  for (const auto& f : findings) {
    if (f.metric == metric) {
      return &f;
    }
  }
  return nullptr;
}

std::string show(double value, const std::string& unit, const std::string& symbol) {
  return format_kpi(value, unit, symbol);
}

std::string direction_of(const std::optional<double>& change) {
  if (!change || *change == 0.0) {
    return "flat";
  }
  return *change > 0 ? "up" : "down";
}

report::Summary build_summary(const RunResults& r, const std::string& symbol) {
  report::Summary summary;
  summary.currency = r.currency;
  summary.currency_symbol = symbol;
  if (!r.account_trends.empty()) {
    const TrendFinding& any = r.account_trends.front();
    summary.current = {any.recent_start, any.recent_end};
    summary.previous = {any.prior_start, any.prior_end};
  }
  for (const auto& h : kHeadlines) {
    const TrendFinding* f = find_trend(r.account_trends, h.metric);
    if (f == nullptr) {
      continue;
    }
    report::Headline line;
    line.metric = h.key;
    line.label = h.label;
    line.unit = h.unit;
    line.current = f->recent;
    line.previous = f->prior;
    line.rel_change = f->rel_change;
    line.p_value = f->p_value;
    line.significant = f->significant;
    line.direction = direction_of(f->rel_change);
    line.higher_is_better = analyze::higher_is_better(h.metric);
    line.test = f->test;
    summary.headlines.push_back(std::move(line));
  }
  return summary;
}

std::vector<report::KpiRow> build_campaigns(const RunResults& r) {
  std::map<std::string, const decide::EntitySnapshot*> entities;
  for (const auto& entity : r.plan.entities) {
    if (entity.level == decide::EntityLevel::kCampaign) {
      entities[entity.id] = &entity;
    }
  }
  const Table& t = r.campaign_kpis;
  auto text = [&](const char* name, size_t row) {
    const Column* c = t.find(name);
    return c != nullptr && c->is_valid(row) ? std::string(c->str(row)) : std::string();
  };
  auto number = [&](const char* name, size_t row) {
    const Column* c = t.find(name);
    return c != nullptr && c->is_valid(row) ? c->number(row) : 0.0;
  };
  auto ratio = [&](const char* name, size_t row) -> std::optional<double> {
    const Column* c = t.find(name);
    return c != nullptr && c->is_valid(row) ? defined(c->number(row)) : std::nullopt;
  };
  std::vector<report::KpiRow> rows;
  rows.reserve(t.num_rows());
  for (size_t row = 0; row < t.num_rows(); ++row) {
    report::KpiRow k;
    k.campaign_id = text("campaign_id", row);
    k.campaign_name = text("campaign_name", row);
    k.impressions = number("impressions", row);
    k.clicks = number("clicks", row);
    k.cost = number("cost", row);
    k.conversions = number("conversions", row);
    k.revenue = number("revenue", row);
    k.ctr = ratio("ctr", row);
    k.cpc = ratio("cpc", row);
    k.cpm = ratio("cpm", row);
    k.cvr = ratio("cvr", row);
    k.cpa = ratio("cpa", row);
    k.roas = ratio("roas", row);
    k.aov = ratio("aov", row);
    k.profit = number("profit", row);
    if (const auto it = entities.find(k.campaign_id); it != entities.end()) {
      k.channel = it->second->channel;
      k.status = it->second->status;
    }
    if (const auto it = r.state_status.find(k.campaign_id); it != r.state_status.end()) {
      k.status = it->second;  // the store after --apply is newer than the data
    }
    rows.push_back(std::move(k));
  }
  return rows;
}

std::optional<report::Fan> build_fan(const ChartSeries& chart, const std::vector<double>& levels,
                                     Date last_day) {
  if (!chart.forecast) {
    return std::nullopt;
  }
  const auto& f = *chart.forecast;
  report::Fan fan;
  fan.model = f.model;
  for (size_t h = 0; h < f.mean.size(); ++h) {
    fan.dates.push_back(last_day + 1 + static_cast<Date>(h));
    fan.mean.push_back(f.mean[h]);
  }
  // The fan's bands are the 80% and 95% intervals; other --level values are not drawn.
  for (size_t l = 0; l < levels.size() && l < f.lower.size(); ++l) {
    if (levels[l] == 80.0) {
      fan.lo80 = f.lower[l];
      fan.hi80 = f.upper[l];
    } else if (levels[l] == 95.0) {
      fan.lo95 = f.lower[l];
      fan.hi95 = f.upper[l];
    }
  }
  return fan;
}

std::vector<report::MetricSeries> build_series(const RunResults& r) {
  std::vector<report::MetricSeries> out;
  for (const auto& chart : r.charts) {
    const MetricInfo& m = info(chart.metric);
    report::MetricSeries s;
    s.scope = chart.scope;
    s.scope_name = chart.scope_name;
    s.metric = m.key;
    s.label = m.label;
    s.unit = m.unit;
    s.first = chart.first;
    s.values.reserve(chart.values.size());
    for (const double v : chart.values) {
      s.values.push_back(defined(v));
    }
    for (size_t d = 0; d < chart.points.size(); ++d) {
      const auto& p = chart.points[d];
      if (!p.flagged) {
        continue;
      }
      const Date date = chart.first + static_cast<Date>(d);
      report::AnomalyMark mark;
      mark.date = date;
      mark.value = p.value;
      mark.expected = std::isfinite(p.expected) ? p.expected : 0.0;
      mark.score = p.score;
      mark.direction = p.direction == analyze::anomaly::Direction::kDown ? "low" : "high";
      mark.summary = explain_anomaly(m.key, format_date(date), p);
      s.anomalies.push_back(std::move(mark));
    }
    s.forecast =
        build_fan(chart, r.levels, chart.first + static_cast<Date>(chart.values.size()) - 1);
    out.push_back(std::move(s));
  }
  return out;
}

report::TrendRow trend_row(const TrendFinding& f, bool account) {
  report::TrendRow row;
  row.scope = account ? "account" : f.entity_id;
  row.scope_name = account ? "Account" : f.entity_name;
  row.metric = analyze::metric_name(f.metric);
  row.recent = f.recent;
  row.prior = f.prior;
  row.rel_change = f.rel_change;
  row.p_value = f.p_value;
  row.significant = f.significant;
  row.direction = f.direction;
  row.good_news = f.rel_change && *f.rel_change != 0.0 &&
                  ((*f.rel_change > 0) == analyze::higher_is_better(f.metric));
  row.summary = f.summary;
  return row;
}

std::vector<report::TrendRow> build_trends(const RunResults& r) {
  std::vector<report::TrendRow> rows;
  for (const auto& f : r.account_trends) {
    rows.push_back(trend_row(f, true));
  }
  for (const auto& f : r.campaign_trends) {
    rows.push_back(trend_row(f, false));
  }
  // Significant first; within each group the account first, then the smallest p-value.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const report::TrendRow& a, const report::TrendRow& b) {
                     if (a.significant != b.significant) {
                       return a.significant;
                     }
                     const bool a_account = a.scope == "account";
                     const bool b_account = b.scope == "account";
                     if (a_account != b_account) {
                       return a_account;
                     }
                     return a.p_value.value_or(2.0) < b.p_value.value_or(2.0);
                   });
  return rows;
}

std::vector<report::PacingRow> build_pacing(const RunResults& r) {
  std::vector<report::PacingRow> rows;
  for (const auto& p : r.pacing) {
    report::PacingRow row;
    row.campaign_id = p.campaign_id;
    row.campaign_name = p.campaign_name;
    row.month = p.month;
    row.budget = p.budget;
    row.spend_to_date = p.spend_to_date;
    row.projected = p.projected;
    row.projected_low_80 = p.projected_low_80;
    row.projected_high_80 = p.projected_high_80;
    row.projected_share = p.projected_share;
    row.verdict = p.verdict;
    row.recommended_daily_budget = p.recommended_daily_budget;
    row.explanation = p.explanation;
    rows.push_back(std::move(row));
  }
  return rows;
}

// What became of an action: planned on a dry run, else the apply outcome.

report::Quality build_quality(const RunResults& r) {
  report::Quality q;
  const auto& t = r.ingest.totals;
  q.rows_read = t.rows_read;
  q.rows_kept = t.rows_kept;
  q.rows_rejected = t.rows_rejected;
  q.files = r.inputs;
  q.dates = {r.first_day, r.last_day};
  const auto& p = r.ingest.policies;
  std::string example;
  for (const auto& file : r.ingest.files) {
    if (example.empty() && !file.rejects.empty()) {
      const auto& first = file.rejects.front();
      example = fmt::format("{}:{}: {}", first.file, first.line, first.message);
    }
  }
  const struct {
    const char* kind;
    int64_t count;
    std::string policy;
    std::string example;
  } checks[] = {
      {"malformed row", t.rows_rejected, "skip (--lenient)", example},
      {"totals row", t.total_rows_skipped, "skip", ""},
      {"missing value", t.missing_cells, ingest::policy_name(p.missing), ""},
      {"duplicate row", t.exact_duplicates, ingest::policy_name(p.exact_duplicates), ""},
      {"duplicate key", t.duplicate_keys, ingest::policy_name(p.duplicate_keys), ""},
      {"negative value", t.negative_values, ingest::policy_name(p.negative), ""},
      {"clicks over impressions", t.clicks_over_impressions, ingest::policy_name(p.inconsistent),
       ""},
      {"conversions over clicks", t.conversions_over_clicks, ingest::policy_name(p.inconsistent),
       ""},
      {"unknown currency", t.unknown_currency, ingest::policy_name(p.unknown_currency), ""},
      {"multi-day row", t.multi_day_rows, "keep", ""},
      {"outside the date range", t.rows_outside_dates, "drop", ""},
  };
  for (const auto& check : checks) {
    if (check.count > 0) {
      q.issues.push_back(
          report::QualityIssue{check.kind, check.count, check.policy, check.example});
    }
  }
  return q;
}

std::vector<std::string> build_highlights(const RunResults& r, const report::Report& rep,
                                          const std::string& symbol) {
  std::vector<std::string> out;
  const int window = r.trend_options.window_days;
  std::vector<std::string> moved;
  for (const auto& h : rep.summary.headlines) {
    if (h.significant && h.current && h.rel_change && moved.size() < 2) {
      moved.push_back(fmt::format("{} {} {} to {} (p = {:.3f})", h.label,
                                  *h.rel_change > 0 ? "rose" : "fell",
                                  format_percent(std::fabs(*h.rel_change)),
                                  show(*h.current, h.unit, symbol), h.p_value.value_or(1.0)));
    }
  }
  if (moved.empty()) {
    out.push_back(fmt::format(
        "No headline figure changed significantly in the last {} days against the {} before.",
        window, window));
  } else {
    out.push_back(fmt::format("In the last {} days against the {} before: {}.", window, window,
                              fmt::join(moved, "; ")));
  }
  std::map<std::string, int> kinds;
  for (const auto& a : r.plan.actions) {
    ++kinds[decide::action_kind_name(a.kind)];
  }
  std::vector<std::string> kind_text;
  for (const auto& [kind, n] : kinds) {
    kind_text.push_back(fmt::format("{} {}", n, kind));
  }
  const size_t planned = r.plan.actions.size();
  if (planned == 0) {
    out.push_back(fmt::format("The rules planned no action ({} decisions not taken).",
                              r.plan.not_taken.size()));
  } else if (!r.outcome) {
    out.push_back(
        fmt::format("The rules planned {} action{} ({}); nothing was changed (a dry run).", planned,
                    planned == 1 ? "" : "s", fmt::join(kind_text, ", ")));
  } else {
    out.push_back(fmt::format(
        "{} of {} planned actions applied on {}, {} unchanged, {} failed.",
        r.outcome->count(act::Outcome::kApplied) + r.outcome->count(act::Outcome::kAlert), planned,
        r.target,
        r.outcome->count(act::Outcome::kUnchanged) + r.outcome->count(act::Outcome::kSkipped),
        r.outcome->count(act::Outcome::kFailed)));
  }
  // The account's latest anomaly, if any: the freshest thing worth a look.
  const report::AnomalyMark* latest = nullptr;
  for (const auto& s : rep.series) {
    if (s.scope != "account") {
      continue;
    }
    for (const auto& a : s.anomalies) {
      if (latest == nullptr || a.date > latest->date) {
        latest = &a;
      }
    }
  }
  if (latest != nullptr) {
    out.push_back(fmt::format("Latest account anomaly: {}.", latest->summary));
  }
  if (!r.pacing.empty()) {
    int over = 0;
    int under = 0;
    for (const auto& p : r.pacing) {
      over += p.verdict == "over-pacing" || p.verdict == "exhausted" ? 1 : 0;
      under += p.verdict == "under-pacing" ? 1 : 0;
    }
    out.push_back(
        fmt::format("Pacing for {}: {} of {} campaigns over-pacing or exhausted, {} under-pacing.",
                    r.pacing.front().month, over, r.pacing.size(), under));
  }
  if (r.copy) {
    out.push_back(
        fmt::format("Ad copy: {} error{} and {} warning{} across {} ads (sentiment by {}).",
                    r.copy->errors, r.copy->errors == 1 ? "" : "s", r.copy->warnings,
                    r.copy->warnings == 1 ? "" : "s", r.copy->ads.size(), r.copy->model));
  }
  return out;
}

}  // namespace

std::string report_time() {
  if (const char* pinned = std::getenv(kNowVariable); pinned != nullptr && pinned[0] != '\0') {
    return pinned;
  }
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

report::Report build_report(const RunResults& r, const ReportContext& context) {
  report::Report rep;
  rep.title = context.title.empty() ? fmt::format("adpilot report: {} to {}",
                                                  format_date(r.first_day), format_date(r.last_day))
                                    : context.title;
  const std::string symbol = currency_symbol(r.currency);

  auto& p = rep.provenance;
  p.adpilot_version = ADPILOT_VERSION;
  p.generated_at = context.generated_at;
  p.inputs = r.inputs;
  if (!r.budgets_file.empty()) {
    p.inputs.push_back(r.budgets_file);
  }
  if (!r.ad_copy_file.empty()) {
    p.inputs.push_back(r.ad_copy_file);
  }
  p.config_file = r.config_file;
  p.rules_file = r.plan.rules_file;
  p.rules_hash = r.plan.rules_hash;
  p.forecast_model = r.forecast_model;
  p.sentiment_model = r.copy ? r.copy->model : "";
  p.anomaly_detector = r.detector;
  p.target = r.target;
  p.applied = r.applied;
  p.plan_id = r.plan.id;
  if (r.outcome && r.outcome->run_id != 0) {
    p.run_id = r.outcome->run_id;
  }
  p.store_path = r.store_path;

  rep.summary = build_summary(r, symbol);
  rep.campaigns = build_campaigns(r);
  rep.series = build_series(r);
  rep.trends = build_trends(r);
  rep.pacing = build_pacing(r);
  rep.decisions = build_decisions(r);
  rep.copy = build_copy(r);
  rep.quality = build_quality(r);
  rep.summary.highlights = build_highlights(r, rep, symbol);
  return rep;
}

}  // namespace adpilot::cli
