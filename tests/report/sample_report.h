// A realistic, hand-made Report for the renderer tests: 30 days of a four-campaign account in
// October 2025 (spend, conversions, CPA and ROAS per day, two anomalies, a 14-day forecast fan),
// a campaign series with undefined days, and a few rows of every other section. The figures are
// typed in (not computed by adpilot), so the renderers are checked against values they did not
// produce; ratios are derived from the typed sums the way the pipeline derives them.
#pragma once

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/report/report.h"

namespace adpilot::testing {

namespace sample_detail {

inline constexpr int kDays = 30;

// Account spend per day (USD), Oct 1 … Oct 30 2025; weekends lower. Oct 13 is a spend spike.
inline constexpr std::array<double, kDays> kCost = {
    1284.50, 1312.20, 1298.75, 1105.40, 1062.10, 1301.85, 1335.60, 1327.15, 1349.90, 1318.40,
    1122.35, 1088.70, 2461.30, 1372.80, 1366.25, 1390.10, 1355.45, 1141.60, 1110.95, 1402.30,
    1418.75, 1396.40, 1425.10, 1408.85, 1163.20, 1129.45, 1437.90, 1451.35, 1429.60, 1460.25};

// Conversions per day (platforms report fractions). Oct 22 is a conversion drop.
inline constexpr std::array<double, kDays> kConversions = {
    51.0, 53.5, 50.0, 41.0, 39.5, 52.0, 54.0, 53.0, 55.5, 52.5, 42.0, 40.0, 56.0, 55.0, 54.5,
    57.0, 54.0, 43.5, 41.0, 56.5, 58.0, 21.0, 57.5, 56.0, 44.0, 42.5, 58.5, 59.0, 57.0, 60.5};

// Revenue per day (USD).
inline constexpr std::array<double, kDays> kRevenue = {
    4620.00, 4815.40, 4550.25, 3702.10, 3580.60, 4731.90, 4905.35, 4810.80, 5032.15, 4770.60,
    3815.45, 3640.20, 5089.75, 4998.30, 4952.60, 5180.45, 4901.20, 3951.75, 3725.10, 5133.40,
    5270.85, 1912.30, 5226.70, 5089.15, 3998.40, 3862.55, 5316.25, 5361.80, 5180.95, 5498.10};

inline double round2(double value) {
  return std::round(value * 100.0) / 100.0;
}
inline double round4(double value) {
  return std::round(value * 10000.0) / 10000.0;
}

inline report::MetricSeries series(const std::string& scope, const std::string& scope_name,
                                   const std::string& metric, const std::string& label,
                                   const std::string& unit, Date first) {
  report::MetricSeries s;
  s.scope = scope;
  s.scope_name = scope_name;
  s.metric = metric;
  s.label = label;
  s.unit = unit;
  s.first = first;
  return s;
}

// A 14-day fan after `last` around `level`, widening with the square root of the horizon
// (sigma per day); z for 80% is 1.2816, for 95% 1.96. Values rounded to cents.
inline report::Fan fan(const std::string& model, Date last, double level, double slope,
                       double sigma) {
  report::Fan f;
  f.model = model;
  for (int h = 1; h <= 14; ++h) {
    const double mean = level + slope * h;
    const double spread = sigma * std::sqrt(static_cast<double>(h));
    f.dates.push_back(last + h);
    f.mean.push_back(round2(mean));
    f.lo80.push_back(round2(mean - 1.2816 * spread));
    f.hi80.push_back(round2(mean + 1.2816 * spread));
    f.lo95.push_back(round2(mean - 1.96 * spread));
    f.hi95.push_back(round2(mean + 1.96 * spread));
  }
  return f;
}

inline report::KpiRow kpi_row(const std::string& id, const std::string& name,
                              const std::string& channel, double impressions, double clicks,
                              double cost, double conversions, double revenue,
                              const std::string& status) {
  report::KpiRow row;
  row.campaign_id = id;
  row.campaign_name = name;
  row.channel = channel;
  row.impressions = impressions;
  row.clicks = clicks;
  row.cost = cost;
  row.conversions = conversions;
  row.revenue = revenue;
  // Ratios of sums, undefined on a zero denominator (as analyze/kpi computes them).
  auto ratio = [](double num, double den) -> std::optional<double> {
    if (den == 0.0) {
      return std::nullopt;
    }
    return num / den;
  };
  row.ctr = ratio(clicks, impressions);
  row.cpc = ratio(cost, clicks);
  row.cpm = ratio(1000.0 * cost, impressions);
  row.cvr = ratio(conversions, clicks);
  row.cpa = ratio(cost, conversions);
  row.roas = ratio(revenue, cost);
  row.aov = ratio(revenue, conversions);
  row.profit = revenue - cost;
  row.status = status;
  return row;
}

inline report::Report build_sample_report() {
  report::Report r;
  r.title = "Acme Outdoor — weekly ads report";

  const Date first = date_from_civil(2025, 10, 1);
  const Date last = first + kDays - 1;  // Oct 30

  // Provenance.
  r.provenance.adpilot_version = "0.4.0";
  r.provenance.generated_at = "2025-10-31T06:00:00Z";
  r.provenance.inputs = {"data/acme_google_ads_oct.csv", "data/acme_ad_copy.csv"};
  r.provenance.config_file = "adpilot.yaml";
  r.provenance.rules_file = "rules.yaml";
  r.provenance.rules_hash = "sha256:3f9a1c0e5b7d2a48";
  r.provenance.forecast_model = "auto";
  r.provenance.sentiment_model = "lexicon (VADER)";
  r.provenance.anomaly_detector = "seasonal_robust";
  r.provenance.target = "simulate";
  r.provenance.applied = true;
  r.provenance.plan_id = "plan_7c41e2";
  r.provenance.run_id = 12;
  r.provenance.store_path = "adpilot.db";

  // Summary: the last 14 days against the 14 before.
  r.summary.currency = "USD";
  r.summary.currency_symbol = "$";
  r.summary.current = {first + 16, last};        // Oct 17 … Oct 30
  r.summary.previous = {first + 2, first + 15};  // Oct 3 … Oct 16
  {
    // Sums over the two windows of the daily arrays below, so the headlines agree with the charts.
    double cost_cur = 0, cost_prev = 0, conv_cur = 0, conv_prev = 0, rev_cur = 0, rev_prev = 0;
    for (size_t i = 2; i < 16; ++i) {
      cost_prev += kCost[i];
      conv_prev += kConversions[i];
      rev_prev += kRevenue[i];
    }
    for (size_t i = 16; i < 30; ++i) {
      cost_cur += kCost[i];
      conv_cur += kConversions[i];
      rev_cur += kRevenue[i];
    }
    auto headline = [](const std::string& metric, const std::string& label, const std::string& unit,
                       double current, double previous, std::optional<double> p_value,
                       bool higher_is_better) {
      report::Headline h;
      h.metric = metric;
      h.label = label;
      h.unit = unit;
      h.current = current;
      h.previous = previous;
      h.rel_change = round4((current - previous) / previous);
      h.p_value = p_value;
      h.significant = p_value && *p_value < 0.05;
      h.direction = *h.rel_change > 0.005 ? "up" : (*h.rel_change < -0.005 ? "down" : "flat");
      h.higher_is_better = higher_is_better;
      h.test = p_value ? "Mann-Kendall" : "";
      return h;
    };
    r.summary.headlines.push_back(
        headline("spend", "Spend", "money", round2(cost_cur), round2(cost_prev), 0.412, false));
    r.summary.headlines.push_back(
        headline("conversions", "Conversions", "number", conv_cur, conv_prev, 0.271, true));
    r.summary.headlines.push_back(headline("cpa", "CPA", "money", round2(cost_cur / conv_cur),
                                           round2(cost_prev / conv_prev), 0.003, false));
    r.summary.headlines.push_back(headline("roas", "ROAS", "ratio", round4(rev_cur / cost_cur),
                                           round4(rev_prev / cost_prev), 0.048, true));

    // No clicks were reported in the previous period's export: undefined, not zero.
    report::Headline ctr;
    ctr.metric = "ctr";
    ctr.label = "CTR";
    ctr.unit = "percent";
    ctr.current = 0.0387;
    ctr.direction = "flat";
    ctr.higher_is_better = true;
    r.summary.headlines.push_back(ctr);
  }
  r.summary.highlights = {
      "CPA fell 1.9% to $26.42 while spend held steady (p = 0.003).",
      "Video - Prospecting spends 10% of the budget at a CPA ten times the account median.",
      "Conversions dropped to 21 on Oct 22, less than half the expected 56.",
  };

  // KPI table, largest spend first; the campaigns add up to the account series below.
  r.campaigns.push_back(kpi_row("cmp_102", "Search - Generic", "google_ads", 812340, 24370,
                                15434.75, 562.5, 54623.65, "ENABLED"));
  r.campaigns.push_back(kpi_row("cmp_101", "Search - Brand", "google_ads", 401250, 31890, 11480.20,
                                702.0, 49870.65, "ENABLED"));
  r.campaigns.push_back(kpi_row("cmp_103", "Shopping & PMax", "google_ads", 1530400, 18620, 9132.85,
                                236.0, 31880.10, "ENABLED"));
  r.campaigns.push_back(kpi_row("cmp_104", "Video - Prospecting", "google_ads", 2204800, 3110,
                                4180.70, 15.0, 1250.00, "PAUSED"));
  // A campaign that spent nothing yet: every ratio undefined.
  r.campaigns.push_back(
      kpi_row("cmp_105", "Search - Competitors", "google_ads", 0, 0, 0.0, 0.0, 0.0, "ENABLED"));

  // Account series: cost, conversions, cpa, roas, with anomalies and fans.
  auto cost = series("account", "Account", "cost", "Spend", "money", first);
  auto conversions = series("account", "Account", "conversions", "Conversions", "number", first);
  auto cpa = series("account", "Account", "cpa", "CPA", "money", first);
  auto roas = series("account", "Account", "roas", "ROAS", "ratio", first);
  for (int d = 0; d < kDays; ++d) {
    const auto i = static_cast<size_t>(d);
    cost.values.emplace_back(kCost[i]);
    conversions.values.emplace_back(kConversions[i]);
    cpa.values.emplace_back(round2(kCost[i] / kConversions[i]));
    roas.values.emplace_back(round4(kRevenue[i] / kCost[i]));
  }
  cost.anomalies.push_back({first + 12, kCost[12], 1318.40, 6.8, "high",
                            "Spend $2,461.30 on Oct 13, expected about $1,318.40"});
  conversions.anomalies.push_back({first + 21, kConversions[21], 56.0, -5.9, "low",
                                   "21 conversions on Oct 22, expected about 56"});
  cpa.anomalies.push_back({first + 21, round2(kCost[21] / kConversions[21]), 24.90, 7.2, "high",
                           "CPA $66.50 on Oct 22, expected about $24.90"});
  cost.forecast = fan("ETS(A,N,A)", last, 1395.0, 2.5, 95.0);
  conversions.forecast = fan("ETS(A,N,A)", last, 54.0, 0.1, 5.5);
  cpa.forecast = fan("ARIMA(1,0,0)", last, 25.8, 0.02, 2.1);
  roas.forecast = fan("ETS(A,N,N)", last, 3.55, 0.0, 0.22);
  r.series.push_back(cost);
  r.series.push_back(conversions);
  r.series.push_back(cpa);
  r.series.push_back(roas);

  // A campaign series with undefined days (no conversions: CPA undefined) and no forecast.
  auto cmp_cpa = series("cmp_104", "Video - Prospecting", "cpa", "CPA", "money", first);
  const std::array<double, kDays> cmp_conv = {1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1,
                                              0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1};
  for (int d = 0; d < kDays; ++d) {
    const auto i = static_cast<size_t>(d);
    const double spend = 118.0 + 3.5 * static_cast<double>(d % 7) + 0.9 * d;
    if (cmp_conv[i] == 0) {
      cmp_cpa.values.emplace_back(std::nullopt);
    } else {
      cmp_cpa.values.emplace_back(round2(spend / cmp_conv[i]));
    }
  }
  r.series.push_back(cmp_cpa);

  // Trends: significant first.
  {
    report::TrendRow t;
    t.scope = "account";
    t.scope_name = "Account";
    t.metric = "cpa";
    t.recent = *r.summary.headlines[2].current;
    t.prior = *r.summary.headlines[2].previous;
    t.rel_change = r.summary.headlines[2].rel_change;
    t.p_value = 0.003;
    t.significant = true;
    t.direction = "falling";
    t.good_news = true;
    t.summary = "CPA fell 1.9% (p = 0.003)";
    r.trends.push_back(t);

    t = {};
    t.scope = "cmp_101";
    t.scope_name = "Search - Brand";
    t.metric = "ctr";
    t.recent = 0.0768;
    t.prior = 0.0821;
    t.rel_change = round4((0.0768 - 0.0821) / 0.0821);
    t.p_value = 0.012;
    t.significant = true;
    t.direction = "falling";
    t.good_news = false;
    t.summary = "CTR fell 6.5% (p = 0.012)";
    r.trends.push_back(t);

    t = {};
    t.scope = "cmp_102";
    t.scope_name = "Search - Generic";
    t.metric = "roas";
    t.recent = 3.41;
    t.prior = 3.29;
    t.rel_change = round4((3.41 - 3.29) / 3.29);
    t.p_value = 0.31;
    t.significant = false;
    t.direction = "flat";
    t.good_news = true;
    t.summary = "ROAS rose 3.6% (not significant, p = 0.31)";
    r.trends.push_back(t);

    t = {};
    t.scope = "cmp_105";
    t.scope_name = "Search - Competitors";
    t.metric = "cpa";
    t.direction = "flat";
    t.summary = "CPA undefined: no conversions yet";
    r.trends.push_back(t);
  }

  // Pacing for October.
  {
    report::PacingRow p;
    p.campaign_id = "cmp_102";
    p.campaign_name = "Search - Generic";
    p.month = "2025-10";
    p.budget = 15500.0;
    p.spend_to_date = 15434.75;
    p.projected = 15951.20;
    p.projected_low_80 = 15860.40;
    p.projected_high_80 = 16042.75;
    p.projected_share = round4(15951.20 / 15500.0);
    p.verdict = "over-pacing";
    p.recommended_daily_budget = 65.25;
    p.explanation =
        "Projected $15,951.20 against a $15,500.00 budget (102.9%); "
        "cap the last day at $65.25.";
    r.pacing.push_back(p);

    p = {};
    p.campaign_id = "cmp_103";
    p.campaign_name = "Shopping & PMax";
    p.month = "2025-10";
    p.budget = 10000.0;
    p.spend_to_date = 8837.60;
    p.projected = 9131.40;
    p.projected_low_80 = 9060.20;
    p.projected_high_80 = 9204.80;
    p.projected_share = round4(9131.40 / 10000.0);
    p.verdict = "on track";
    p.explanation = "Projected $9,131.40 against a $10,000.00 budget (91.3%).";
    r.pacing.push_back(p);
  }

  // Decisions: plan order, then not taken.
  {
    report::DecisionRow d;
    d.index = 0;
    d.entity_level = "campaign";
    d.entity_id = "cmp_104";
    d.entity_name = "Video - Prospecting";
    d.action = "pause";
    d.summary = "Pause cmp_104 (CPA $278.71 vs median $26.50)";
    d.rule = "pause_expensive_campaigns";
    d.rationale = {"CPA $278.71 over the last 30 days (15 conversions, $4,180.70 spend).",
                   "Threshold: CPA > 3 × account median ($26.50 → $79.50).",
                   "Guard: at least 10 conversions (15) — met."};
    d.state = "applied";
    r.decisions.push_back(d);

    d = {};
    d.index = 1;
    d.entity_level = "campaign";
    d.entity_id = "cmp_101";
    d.entity_name = "Search - Brand";
    d.action = "budget";
    d.summary = "Raise the budget of cmp_101 by 20% ($380.00 → $456.00)";
    d.rule = "scale_efficient_campaigns";
    d.rationale = {"ROAS 4.34× over the last 14 days (target 3×).",
                   "Lost impression share (budget) 18%."};
    d.state = "applied";
    r.decisions.push_back(d);

    d = {};
    d.index = 2;
    d.entity_level = "campaign";
    d.entity_id = "cmp_102";
    d.entity_name = "Search - Generic";
    d.action = "budget";
    d.summary = "Raise the budget of cmp_102 by 15% ($500.00 → $575.00)";
    d.rule = "scale_efficient_campaigns";
    d.rationale = {"ROAS 3.37× over the last 14 days (target 3×)."};
    d.state = "skipped";
    d.reason = "Guardrail max_total_spend_change (10% per day) already used by action 1.";
    r.decisions.push_back(d);

    d = {};
    d.index = -1;
    d.entity_level = "campaign";
    d.entity_id = "cmp_104";
    d.entity_name = "Video - Prospecting";
    d.action = "alert";
    d.summary = "Alert: CTR of cmp_104 below 0.2%";
    d.rule = "low_ctr_alert";
    d.rationale = {"CTR 0.14% over the last 14 days (threshold 0.2%)."};
    d.state = "not_taken";
    d.reason = "Lost to pause_expensive_campaigns (higher priority) on the same campaign.";
    r.decisions.push_back(d);
  }

  // Ad copy.
  {
    report::CopyFinding f;
    f.ad_id = "ad_5521";
    f.campaign_id = "cmp_102";
    f.field = "headline";
    f.text = "Best Hiking Boots — Free Shipping On All Orders Today Only!!";
    f.sentiment_label = "positive";
    f.sentiment_score = 0.82;
    f.issues = {{"length.headline", "error", "Headline is 60 characters; Google Ads allows 30."},
                {"punctuation.repeated", "warning", "Repeated exclamation marks (\"!!\")."}};
    f.suggestions = {"Best Hiking Boots, Free Shipping", "Hiking Boots — Ships Free Today"};
    r.copy.push_back(f);

    f = {};
    f.ad_id = "ad_5530";
    f.campaign_id = "cmp_104";
    f.field = "description";
    f.text = "Don't miss out: our *worst* prices ever are <gone> soon.";
    f.sentiment_label = "negative";
    f.sentiment_score = -0.41;
    f.issues = {{"sentiment.negative", "info", "Negative wording in a prospecting ad."}};
    f.suggestions = {"Our lowest prices of the season end Sunday."};
    r.copy.push_back(f);
  }

  // Data quality.
  r.quality.rows_read = 3125;
  r.quality.rows_kept = 3098;
  r.quality.rows_rejected = 27;
  r.quality.files = r.provenance.inputs;
  r.quality.dates = {first, last};
  r.quality.issues = {
      {"missing value", 19, "zero", "data/acme_google_ads_oct.csv:214: conversions"},
      {"duplicate row", 6, "drop", "data/acme_google_ads_oct.csv:1880"},
      {"bad date", 2, "drop", "data/acme_google_ads_oct.csv:3011: date"},
  };
  return r;
}

}  // namespace sample_detail

// The fixture. Stable name: the HTML tests include it too.
inline report::Report sample_report() {
  return sample_detail::build_sample_report();
}

}  // namespace adpilot::testing
