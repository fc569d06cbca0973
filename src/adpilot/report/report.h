// The report: everything one `adpilot run` found, decided and did, as plain values. The pipeline
// fills it once (report/build.h); every renderer reads it and nothing else: JSON (report/json.h,
// the stable schema of docs/report.md), Markdown (report/markdown.h), the self-contained HTML
// page (report/html.h) and the PNG/SVG chart files (report/chart.h). Renderers never compute a
// figure of their own, so the four outputs cannot disagree.
//
// Units: money in the report's currency units (not micros), rates as ratios (0.0123 for 1.23%),
// dates as days since 1970-01-01 (core/date.h). std::nullopt is "undefined" (a CPA without
// conversions) and is written as null in JSON and "—" for people.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/date.h"

namespace adpilot::report {

// Bumped when a field is renamed or removed or its meaning changes; adding a field is not a
// new version (readers ignore what they do not know).
inline constexpr int kReportSchemaVersion = 1;

// What produced the report, so a reader can reproduce it.
struct Provenance {
  std::string adpilot_version;
  std::string generated_at;              // UTC ISO-8601; the golden test pins it
  std::vector<std::string> inputs;       // data files as given
  std::string config_file;               // "" without --config
  std::string rules_file;
  std::string rules_hash;                // content hash of the rules file
  std::string forecast_model;            // registry name, e.g. "auto"
  std::string sentiment_model;           // "lexicon (VADER)" or the checkpoint's name
  std::string anomaly_detector;
  std::string target;                    // simulate, google_ads, meta_ads
  bool applied = false;                  // --apply: the plan was carried out
  std::string plan_id;
  std::optional<int64_t> run_id;         // the store's apply run, when applied
  std::string store_path;
};

// A day range, both ends included.
struct Period {
  Date first = 0;
  Date last = 0;
};

// One headline figure against the previous period of the same length.
struct Headline {
  std::string metric;                    // spend, conversions, cpa, roas (also clicks, revenue…)
  std::string label;                     // "Spend", "CPA"
  std::string unit;                      // money, number, percent, ratio (core/format_number.h)
  std::optional<double> current;
  std::optional<double> previous;
  std::optional<double> rel_change;      // (current − previous) / previous
  std::optional<double> p_value;         // the trend test for the metric at account level
  bool significant = false;
  std::string direction;                 // up, down, flat
  bool higher_is_better = true;          // so a renderer can colour a rise green or red
  std::string test;                      // the test behind p_value
};

struct Summary {
  std::string currency;                  // ISO 4217 code; "" when the data has none
  std::string currency_symbol;           // "$"; "" when unknown
  Period current;
  Period previous;
  std::vector<Headline> headlines;       // spend, conversions, cpa, roas first, in that order
  std::vector<std::string> highlights;   // a few sentences: what matters most
};

// One row of the KPI table (per campaign; sums and ratios of sums over the whole data).
struct KpiRow {
  std::string campaign_id;
  std::string campaign_name;
  std::string channel;
  double impressions = 0;
  double clicks = 0;
  double cost = 0;
  double conversions = 0;
  double revenue = 0;
  std::optional<double> ctr;
  std::optional<double> cpc;
  std::optional<double> cpm;
  std::optional<double> cvr;
  std::optional<double> cpa;
  std::optional<double> roas;
  std::optional<double> aov;
  double profit = 0;
  std::string status;                    // ENABLED / PAUSED when known
};

struct AnomalyMark {
  Date date = 0;
  double value = 0;
  double expected = 0;
  double score = 0;
  std::string direction;                 // high, low
  std::string summary;
};

// A forecast fan after the series' last day.
struct Fan {
  std::string model;                     // the model that was fitted, e.g. "ETS(A,N,A)"
  std::vector<Date> dates;
  std::vector<double> mean;
  std::vector<double> lo80, hi80, lo95, hi95;
};

// A daily series of one metric for one scope, with what the analyses found on it.
struct MetricSeries {
  std::string scope;                     // "account" or a campaign id
  std::string scope_name;
  std::string metric;                    // cost, conversions, cpa, roas, clicks, ctr…
  std::string label;                     // "Spend", "CPA"
  std::string unit;                      // money, number, percent, ratio
  Date first = 0;                        // date of values[0]
  std::vector<std::optional<double>> values;  // one per day; nullopt: undefined that day
  std::vector<AnomalyMark> anomalies;
  std::optional<Fan> forecast;
};

struct TrendRow {
  std::string scope;                     // "account" or a campaign id
  std::string scope_name;
  std::string metric;
  std::optional<double> recent;
  std::optional<double> prior;
  std::optional<double> rel_change;
  std::optional<double> p_value;
  bool significant = false;
  std::string direction;                 // rising, falling, flat (the slope over the long window)
  bool good_news = false;                // the change goes the way the metric wants
  std::string summary;                   // "CTR fell 18% (p = 0.003)"
};

struct PacingRow {
  std::string campaign_id;
  std::string campaign_name;
  std::string month;                     // YYYY-MM
  double budget = 0;
  double spend_to_date = 0;
  double projected = 0;
  double projected_low_80 = 0;
  double projected_high_80 = 0;
  double projected_share = 0;            // projected / budget
  std::string verdict;                   // on track, under-pacing, over-pacing, exhausted
  std::optional<double> recommended_daily_budget;
  std::string explanation;
};

// One decision of the plan and what became of it.
struct DecisionRow {
  int index = 0;                         // the action's index in the plan; -1 for not taken
  std::string entity_level;
  std::string entity_id;
  std::string entity_name;
  std::string action;                    // pause, enable, budget, bid, alert
  std::string summary;                   // "Pause cmp_104 (CPA $278.71 vs median $26.50)"
  std::string rule;
  std::vector<std::string> rationale;    // sentences: the figures, thresholds and guards
  // planned (not applied: dry run), applied, unchanged, failed, skipped (a guardrail or cooldown
  // held it back), not_taken (lost a conflict).
  std::string state;
  std::string reason;                    // why skipped / failed / not taken; "" otherwise
};

struct CopyIssue {
  std::string rule_id;
  std::string severity;                  // error, warning, info
  std::string message;
};

struct CopyFinding {
  std::string ad_id;
  std::string campaign_id;
  std::string field;                     // headline, description…
  std::string text;
  std::string sentiment_label;
  std::optional<double> sentiment_score;
  std::vector<CopyIssue> issues;
  std::vector<std::string> suggestions;
};

struct QualityIssue {
  std::string kind;                      // missing value, duplicate row, bad date…
  int64_t count = 0;
  std::string policy;                    // what was done: zero, drop, keep, error
  std::string example;                   // file:line: field, when there is one
};

struct Quality {
  int64_t rows_read = 0;
  int64_t rows_kept = 0;
  int64_t rows_rejected = 0;
  std::vector<std::string> files;
  Period dates;
  std::vector<QualityIssue> issues;
};

struct Report {
  int schema_version = kReportSchemaVersion;
  std::string title;
  Provenance provenance;
  Summary summary;
  std::vector<KpiRow> campaigns;         // largest spend first
  std::vector<MetricSeries> series;      // the account's key metrics first
  std::vector<TrendRow> trends;          // significant first
  std::vector<PacingRow> pacing;         // empty when no budgets were given
  std::vector<DecisionRow> decisions;    // in plan order, then not taken
  std::vector<CopyFinding> copy;         // empty when no ad copy was given
  Quality quality;
};

}  // namespace adpilot::report
